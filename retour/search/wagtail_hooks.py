from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from retour.orgs import policy

from . import admin_urls
from .models import Concept


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-gaps/", include(admin_urls, namespace="search_admin"))]


class GapsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.has_perm(request.user, "search.view_gaps", org=request.org)


@hooks.register("register_admin_menu_item")
def gaps_menu_item():
    return GapsMenuItem(
        _("Dissemination gaps"), reverse("search_admin:gaps"), icon_name="search", order=850
    )


class SuperuserOnly(ModelPermissionPolicy):
    """Superusers only, whatever model permissions an organisation's role
    groups hold: the concept list is platform-wide language knowledge (no
    organisation data) that every organisation's questions go through."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, "")

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "list-ul"
    menu_label = _("Search concepts")
    list_display = ["name", "updated_at"]
    search_fields = ["name"]


register_permission_policy(Concept, SuperuserOnly(Concept))
register_snippet(ConceptViewSet)
