"""Wagtail admin integration: 404 for other organisations, warnings, freshness dashboard.

The organisation boundary of pages is Wagtail's own permission system
(retour/content/permissions.py, registered in ContentConfig.ready()).
"""

from __future__ import annotations

import datetime
import sys

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, PageLogEntry
from wagtail.permissions import policy_registry

from retour.orgs import policy

from . import (  # noqa: F401
    access,
    admin_import,
    admin_scoping,
    admin_views,
    permissions,
    publish_guard,
    review,
)
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
        path(
            "content/translations/<int:translation_id>/request-changes/",
            review.request_translation_changes,
            name="content_request_translation_changes",
        ),
    ]


# Registered after Wagtail's own (order): the registry keeps the last one.
for _action in admin_scoping.BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1_000)


# While in review only the review publishes (publish_guard.py). Before every
# other edit hook (order): wagtail-localize's answers a translation's post itself.
hooks.register("before_edit_page", publish_guard.refuse_editor_publish, order=-100)
hooks.register("construct_page_action_menu", publish_guard.hide_publish_in_review)
hooks.register("before_bulk_action", publish_guard.refuse_bulk_publish)


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


@hooks.register("construct_reports_menu")
def _localize_report_label_in_each_language(request, menu_items):
    """wagtail-localize labels its "Translations" report with a non-lazy gettext,
    and Wagtail builds a menu's items once per process: the label stayed in the
    language of the first request (English in the Arabic admin, or the reverse)."""
    url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if getattr(item, "url", None) == url:
            item.label = _("Translations")


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
    registered after the apps' own endpoints, these replace them (and the pages
    endpoint, whose publish action would publish around a review)."""
    router.register_endpoint("images", _ImagesAdminAPI)
    router.register_endpoint("documents", _DocumentsAdminAPI)
    # Its publish action refuses a page in review (publish_guard.py).
    router.register_endpoint("pages", publish_guard.PagesAdminAPI)


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


# -- Abandoned autosave drafts never block a slug ------------------------------
#
# Wagtail 8 autosaves the create view: once a title (hence a slug) is typed, a
# real, unpublished page exists. An editor who then closes the tab leaves it
# behind, and the next page with that slug under the same parent is refused
# ("slug already in use"), often by the same editor starting over.
#
# An autosave-created draft is marked when it is created. When someone asks
# for its slug, it is *renamed* (``<slug>-abandoned-<id>``), never deleted: a
# side effect of one person's action must not destroy another's text, and the
# draft stays in the explorer for its author to finish or delete. It is only
# taken as abandoned when it was never published, is not in review, nobody has
# it open (the editor pings its editing session every few seconds), and
# either the person asking is its owner (they are starting over) or nobody
# has saved it for ABANDONED_AFTER.

AUTOSAVE_CREATED = "retour.autosave_create"
SLUG_FREED = "retour.abandoned_draft_renamed"
ABANDONED_AFTER = datetime.timedelta(hours=1)
OPEN_SESSION = datetime.timedelta(minutes=1)


@hooks.register("register_log_actions")
def _autosave_log_actions(actions):
    actions.register_action(AUTOSAVE_CREATED, _("Created by autosave"), _("Created by autosave"))
    actions.register_action(
        SLUG_FREED,
        _("Abandoned draft renamed"),
        _("Abandoned autosave draft renamed to free its slug"),
    )


@hooks.register("after_create_page")
def _mark_autosave_created(request, page):
    # The autosave request asks for JSON; the editor's own "Save draft" for HTML.
    if not request.accepts("text/html"):
        PageLogEntry.objects.log_action(page, AUTOSAVE_CREATED, user=request.user)


def is_abandoned_autosave_draft(page, user, *, now: datetime.datetime | None = None) -> bool:
    """Is ``page`` an abandoned autosave draft, as seen by ``user`` wanting its slug?"""
    from wagtail.admin.models import EditingSession

    now = now or timezone.now()
    if page.live or page.first_published_at is not None or page.workflow_in_progress:
        return False
    if not PageLogEntry.objects.filter(page_id=page.pk, action=AUTOSAVE_CREATED).exists():
        return False
    sessions = EditingSession.objects.filter(object_id=str(page.pk))
    if sessions.filter(last_seen_at__gte=now - OPEN_SESSION).exists():
        return False  # someone has it open
    if page.owner_id is not None and page.owner_id == user.pk:
        return True
    latest = page.get_latest_revision()
    last_saved = latest.created_at if latest is not None else page.latest_revision_created_at
    return last_saved is not None and last_saved < now - ABANDONED_AFTER


def free_slug(parent, slug: str, user, *, exclude_pk: int | None = None) -> None:
    """Rename the abandoned autosave drafts under ``parent`` holding ``slug``."""
    siblings = parent.get_children().filter(slug=slug).exclude(pk=exclude_pk)
    for sibling in siblings:
        draft = sibling.specific
        if not is_abandoned_autosave_draft(draft, user):
            continue
        new_slug = f"{slug}-abandoned-{draft.pk}"[:255]
        draft.slug = new_slug
        draft.save(clean=False)  # also moves its url_path
        latest = draft.get_latest_revision()
        if latest is not None:
            # The editor opens the latest revision: it must carry the new slug too.
            latest.content["slug"] = new_slug
            latest.save(update_fields=["content"])
        # Slugs are shared by every organisation under a parent: the platform
        # renames another organisation's draft, not this user (no write of theirs).
        own = getattr(draft, "organisation_id", None) is None or not access.is_other_organisations(
            user, draft.organisation_id
        )
        PageLogEntry.objects.log_action(
            draft,
            SLUG_FREED,
            user=user if own else None,
            data={"slug": slug, "new_slug": new_slug},
        )


def _requested_slug(request) -> str:
    return (request.POST.get("slug") or "").strip() if request.method == "POST" else ""


@hooks.register("before_create_page")
def _free_slug_on_create(request, parent_page, page_class):
    if slug := _requested_slug(request):
        free_slug(parent_page, slug, request.user)


@hooks.register("before_edit_page")
def _free_slug_on_edit(request, page):
    slug = _requested_slug(request)
    if slug and slug != page.slug and (parent := page.get_parent()) is not None:
        free_slug(parent, slug, request.user, exclude_pk=page.pk)
