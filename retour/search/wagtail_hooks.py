from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.orgs import policy

from . import admin_urls


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
