"""Wagtail admin integration: org scoping, warnings and the freshness dashboard."""

from __future__ import annotations

import sys

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from retour.orgs import policy

from . import access, admin_views
from .selectors import enforcement_links


@hooks.register("register_admin_urls", order=10_000)
def guard_page_routes():
    """Runs after every other app's admin URLs were added (order=10000).

    Wagtail's own admin URLconf module is still being built when this hook is
    called; its ``urlpatterns`` list already holds the page views and the
    URLs of other apps (wagtail-localize, forms), which we guard in place —
    the same technique Wagtail uses to add its admin-access check.
    """
    module = sys.modules.get("wagtail.admin.urls")
    if module is not None:
        access.guard_urlpatterns(module.urlpatterns)
    return [
        path(
            "content/dashboard/",
            admin_views.dashboard,
            name="content_dashboard",
        ),
    ]


class _DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.has_perm(request.user, "content.view_content_dashboard")


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return _DashboardMenuItem(
        _("Content freshness"), reverse("content_dashboard"), icon_name="time", order=250
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


def _refuse_other_org(request, page):
    access.check_page_access(request.user, page.pk)


for _hook in (
    "before_edit_page",
    "before_delete_page",
    "before_copy_page",
    "before_move_page",
    "before_unpublish_page",
    "before_convert_alias_page",
):
    hooks.register(_hook, _refuse_other_org)


@hooks.register("before_bulk_action")
def _bulk_own_org(request, action_type, objects, action_class_instance):
    # Bulk publish/delete/move take ids from the query string, not ``page_id``.
    if action_type != "page":
        return None
    for obj in objects:
        access.check_page_access(request.user, obj.pk)
    return None


@hooks.register("before_create_page")
def _create_in_own_org(request, parent_page, page_class):
    # Creating under a structural page is allowed; the form limits the owner.
    if parent_page.depth > 1 and getattr(parent_page.specific, "organisation_id", None):
        access.check_page_access(request.user, parent_page.pk)


@hooks.register("construct_explorer_page_queryset")
def _explorer_own_org(parent_page, pages, request):
    return pages.filter(access.visible_pages_q(request.user))


@hooks.register("construct_page_chooser_queryset")
def _chooser_own_org(pages, request):
    # Linking to another organisation's *published* page is fine (it is public).
    if request.user.is_superuser:
        return pages
    return pages.filter(access.visible_pages_q(request.user) | access.live_q())


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
