"""Wagtail admin views that list objects of every organisation, narrowed to the user's.

The page policy (:mod:`retour.content.permissions`) answers "may I?" for one
page and "which pages?" for querysets, and most Wagtail views ask it. A few
views do not ask it for what they *list*:

* bulk actions fetch ``?id=`` (or every child of ``?childOf=``) with a plain
  ``Model.objects.filter(pk__in=...)`` and show the objects the user may not act
  on, by title, under "you don't have permission to …";
* the page types usage report counts every page and links the last edited
  one, whoever owns it;
* wagtail-localize's translations report lists every translation.

Here each gets a subclass that lists only what the user can explore; a
superuser (the platform) still sees everything. The subclasses replace
Wagtail's own: bulk actions through Wagtail's bulk-action registry (a later
registration of the same action wins), the two reports by swapping the view
class of their URL patterns (:func:`replace_views`, called from the admin URL
hook in ``wagtail_hooks.py``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from . import access
from .permissions import page_permission_policy


def _organisations_of(objects: list) -> dict[int, int | None]:
    """Owning organisation per object id, in one query per kind (no N+1 over a
    listing of ``?id=all``): pages by ``OwnedPage``, files by their collection."""
    from .models import OwnedPage

    pages = [obj.pk for obj in objects if isinstance(obj, Page)]
    owners: dict[int, int | None] = dict(
        OwnedPage.objects.filter(pk__in=pages).values_list("pk", "organisation_id")
    )
    by_collection: dict[int, int | None] = {}
    for obj in objects:
        if isinstance(obj, Page):
            owners.setdefault(obj.pk, None)  # structure: owned by nobody
            continue
        collection_id = getattr(obj, "collection_id", None)
        if collection_id is not None and collection_id not in by_collection:
            by_collection[collection_id] = access._collection(collection_id)
        owners[obj.pk] = by_collection.get(collection_id) if collection_id else None
    return owners


class OrgScopedBulkActionMixin:
    """Another organisation's objects are left out, as if they did not exist.

    Naming only such objects (``?id=`` of organisation B's page) is a 404, the
    answer every other admin route gives for them.
    """

    request: Any

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        no_access = extra.get("items_with_no_access", [])
        owners = _organisations_of([*objects, *no_access])

        def visible(obj) -> bool:
            return not access.is_other_organisations(user, owners.get(obj.pk))

        kept = [obj for obj in objects if visible(obj)]
        kept_no_access = [obj for obj in no_access if visible(obj)]
        if (objects or no_access) and not (kept or kept_no_access):
            raise Http404
        return kept, {**extra, "items_with_no_access": kept_no_access}


def _scoped(action_class: type) -> type:
    """The same action (name, models, form, template) with the organisation scope."""
    return type(action_class.__name__, (OrgScopedBulkActionMixin, action_class), {})


BULK_ACTIONS: list[type] = [
    _scoped(cls)
    for cls in (
        DeleteBulkAction,
        MoveBulkAction,
        PublishBulkAction,
        UnpublishBulkAction,
        image_actions.DeleteBulkAction,
        image_actions.AddTagsBulkAction,
        image_actions.AddToCollectionBulkAction,
        document_actions.DeleteBulkAction,
        document_actions.AddTagsBulkAction,
        document_actions.AddToCollectionBulkAction,
    )
]


class OrgPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page over the pages the user can explore."""

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        page_type = ContentType.objects.get_for_model(Page)
        queryset = ContentType.objects.filter(model__in=self.page_models).exclude(pk=page_type.pk)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        data = self.filters.form.cleaned_data
        mine = page_permission_policy.explorable_instances(user).filter(content_type=OuterRef("pk"))
        if data.get("page_locale"):
            mine = mine.filter(locale__language_code=data["page_locale"])
        if data.get("site"):
            mine = mine.filter(path__startswith=data["site"])
        counts = mine.order_by().values("content_type").annotate(n=Count("pk")).values("n")
        latest = mine.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return (
            queryset.annotate(
                count=Coalesce(Subquery(counts[:1]), 0),
                last_edited_page_id=Subquery(latest.values("pk")[:1]),
            )
            .distinct()
            .order_by("-count", "app_label", "model")
        )


class OrgTranslationsReportView(TranslationsReportView):
    """Translations of the pages the user can explore (Retour translates pages only)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        explorable = page_permission_policy.explorable_instances(user)
        return queryset.filter(
            Q(source__object_id__in=explorable.values("translation_key"))
        ).order_by("-pk")


# Wagtail's view class -> ours; the URL pattern keeps its name and init kwargs.
REPLACEMENTS: dict[Any, Any] = {  # Wagtail view class -> our subclass
    PageTypesUsageReportView: OrgPageTypesUsageReportView,
    TranslationsReportView: OrgTranslationsReportView,
}


def replace_views(patterns) -> None:
    """Swap, in place, the callback of every pattern whose view class we narrow."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            replace_views(pattern.url_patterns)
            continue
        callback = getattr(pattern, "callback", None)
        ours = REPLACEMENTS.get(getattr(callback, "view_class", None))
        if ours is not None:
            pattern.callback = ours.as_view(**getattr(callback, "view_initkwargs", {}))
