"""Wagtail admin integration: 404 for other organisations, warnings, freshness dashboard.

The organisation boundary of pages is Wagtail's own permission system
(retour/content/permissions.py, registered in ContentConfig.ready()).
"""

from __future__ import annotations

import sys

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from retour.orgs import policy

from . import access, admin_import, admin_scoping, admin_views, permissions, review  # noqa: F401
from .selectors import enforcement_links


@hooks.register("register_admin_urls", order=10_000)
def guard_page_routes():
    """Runs after every other app's admin URLs were added (order=10000).

    The page policy (permissions.py) refuses another organisation's objects
    everywhere; access.guard_urlpatterns only turns that refusal into a 404.
    Wagtail's own admin URLconf module is still being built when this hook is
    called; its ``urlpatterns`` list already holds the page views and the
    URLs of other apps (wagtail-localize, forms), which we wrap in place —
    the same technique Wagtail uses to add its admin-access check.
    """
    module = sys.modules.get("wagtail.admin.urls")
    if module is not None:
        # First narrow the listing views, then wrap everything in the 404 guard.
        admin_scoping.replace_views(module.urlpatterns)
        # Workflow actions in one locked transaction; the 404 guard outside it.
        review.wrap_workflow_urls(module.urlpatterns)
        access.guard_urlpatterns(module.urlpatterns)
    return [
        path(
            "content/dashboard/",
            admin_views.dashboard,
            name="content_dashboard",
        ),
        path(
            "content/translations/",
            admin_views.translations_dashboard,
            name="content_translations",
        ),
        path(
            "content/translations/<int:translation_id>/submit/",
            review.submit_translation,
            name="content_submit_translation",
        ),
    ]


# Registered after Wagtail's own (order): the registry keeps the last one.
for _action in admin_scoping.BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1_000)


class _DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.has_perm(request.user, "content.view_content_dashboard")


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return _DashboardMenuItem(
        _("Content freshness"), reverse("content_dashboard"), icon_name="time", order=250
    )


@hooks.register("register_admin_menu_item")
def translations_menu_item():
    return _DashboardMenuItem(
        _("Translations"),
        reverse("content_translations"),
        icon_name="wagtail-localize-language",
        order=251,
    )


class FreshnessPanel(Component):
    """Admin home panel: how many of the organisation's pages are stale or due soon."""

    name = "content_freshness"
    order = 90
    template_name = "content/admin/home_panel.html"

    def __init__(self, org, stale: int, soon: int):
        self.org, self.stale, self.soon = org, stale, soon

    def get_context_data(self, parent_context):
        return {
            "organisation": self.org,
            "stale": self.stale,
            "soon": self.soon,
            "url": reverse("content_dashboard"),
        }


@hooks.register("construct_homepage_panels")
def freshness_panel(request, panels):
    org = getattr(request, "org", None)
    if org is None or not policy.has_perm(request.user, "content.view_content_dashboard", org=org):
        return
    from django.utils import timezone

    from .selectors import pages_needing_review

    today = timezone.localdate()
    dates = list(pages_needing_review(org, today=today).values_list("review_by", flat=True))
    stale = sum(1 for d in dates if d < today)
    panels.append(FreshnessPanel(org, stale, len(dates) - stale))


@hooks.register("before_create_page")
def _members_create_owned_pages_only(request, parent_page, page_class):
    """Home and index pages are the platform's structure: superusers create them.

    Wagtail's create view asks the parent's tester only whether *some* page
    type may be added there, not whether this one may.
    """
    from .models import OwnedPage

    if not request.user.is_superuser and not issubclass(page_class, OwnedPage):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def _chooser_scope(pages, request):
    """What the policy lets the user explore, plus other organisations' public pages.

    Linking to another organisation's *published* page is allowed: a reader can
    see it anyway. The chooser shows a page's draft title, so a published page
    whose pending draft renames it is left out until that draft is published.
    """
    user = request.user
    if user.is_superuser:
        return pages
    explorable = permissions.page_permission_policy.explorable_instances(user)
    public = Q(live=True, view_restrictions__isnull=True, draft_title=F("title"))
    # One ``pk__in``: the chooser's search backend can filter on nothing else.
    allowed = Page.objects.filter(Q(pk__in=explorable.values("pk")) | public).values("pk")
    return pages.filter(pk__in=allowed)


class _ByCollectionMixin:
    """Only files in collections where the user holds an image/document permission."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        visible = policy.instances_user_has_any_permission_for(
            self.request.user, {"add", "change", "delete", "choose"}
        )
        return super().get_queryset().filter(pk__in=visible.values("pk"))


class _ImagesAdminAPI(_ByCollectionMixin, ImagesAdminAPIViewSet):
    pass


class _DocumentsAdminAPI(_ByCollectionMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def _media_api_by_collection(router):
    """Wagtail's admin API lists every image and document, whatever the collection;
    registered after the apps' own endpoints, these replace them."""
    router.register_endpoint("images", _ImagesAdminAPI)
    router.register_endpoint("documents", _DocumentsAdminAPI)


def _warn_enforcement(request, page):
    links = enforcement_links(page.specific)
    if links:
        titles = ", ".join(p.title for p in links)
        messages.warning(
            request,
            _(
                "This voluntary-return page links to or embeds enforcement content: %(titles)s. "
                "Readers may lose trust when return support and enforcement are mixed."
            )
            % {"titles": titles},
        )


hooks.register("after_edit_page", _warn_enforcement)
hooks.register("after_create_page", _warn_enforcement)


@hooks.register("insert_global_admin_js")
def date_widgets_without_inline_script():
    """Initialises Wagtail's date/time widgets from a static file (CSP: no inline script)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("retour/admin-widgets.js"))
