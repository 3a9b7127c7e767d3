"""Writing a validated import in bulk: a bounded number of queries per page.

``portability.import_`` used Wagtail's one-page-at-a-time API (``add_child``,
``save_revision().publish()``): about 100 queries per page, each page's
search and reference indexing included. Here the same rows are written for
many pages at once:

* new pages: tree paths computed from each parent's last child, then one
  multi-row INSERT per table (``wagtailcore_page``, ``content_ownedpage``, the
  page type's table) per batch; the parents' ``numchild`` bumped once each;
* every page: one ``Revision`` each (bulk), then the publication bookkeeping
  Wagtail's ``PublishRevisionAction`` does (live, live/latest revision, first
  and last published at, scheduled revisions cleared) in ``bulk_update``;
* the log entries Wagtail would write (create, edit, copy for translation,
  rename, publish) and Retour's audit events for them (``signals`` writes those
  for single saves: bulk writes send no ``post_save``) plus ``page.create`` /
  ``page.translate`` as the services record them;
* Wagtail's search index (``add_bulk``) and reference index, in the batch's
  transaction; ``pages_published`` once per batch (Retour's search indexes the
  pages in one ``documents_sync`` after commit) and the front cache once
  (``page_published`` is not sent per page: its receivers are exactly these
  two and the translation-status stamps, which an import sets from the files).

Pages Wagtail's bulk-free path would treat specially (aliases to update,
comments whose positions are re-saved, a future ``go_live_at``) are published
the ordinary way, one by one; imports rarely have any.
"""

from __future__ import annotations

import copy
import datetime
import uuid as uuid_module
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision, WorkflowState
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.search.backends import get_search_backends

from retour.core.models import AuditEvent

from .models import OwnedPage

CHUNK = 500  # values per IN (...) list, well below every database's limit


def chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class Item:
    """One page of the import: its file, data, validated page and what it becomes."""

    rel: str
    data: dict
    page: Any  # the validated, unsaved page built from the file
    model: Any
    locale: Any = None
    existing: Any = None  # the page already in the database, if any
    target: Any = None  # the page written (``existing``, or ``page`` once inserted)
    source_locale: Any = None  # for a new translation: the language it is translated from
    parent: Any = None  # for a new page
    old_title: str | None = None  # an existing page's title before the import

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.data["translation_key"]), self.data["locale"])

    @property
    def live(self) -> bool:
        return bool(self.data.get("live", True))


@dataclass
class Plan:
    """What the import will write, looked up once for all pages."""

    items: list[Item]
    pages_by_key: dict[tuple[str, str], Any] = field(default_factory=dict)
    log_uuid: uuid_module.UUID = field(default_factory=uuid_module.uuid4)


def plan(items: list[Item], *, visible, parent_for) -> Plan:
    """Locales, existing pages (by translation key and locale) and referenced pages.

    ``visible`` is the queryset backing pages may resolve to (the organisation's
    pages in an admin import); ``parent_for(model, locale)`` finds or makes the
    index page a new page goes under (a few queries per language, not per page).
    """
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    result = Plan(items=items)
    keys = sorted({item.key[0] for item in items})
    by_model: dict[Any, list[Item]] = defaultdict(list)
    for item in items:
        item.locale = locales[item.data["locale"]]
        by_model[item.model].append(item)
    existing: dict[tuple[str, int], Any] = {}
    # The first language a translation key has (in the database, else in the
    # files, source language first): a new page in another one is a translation.
    first_locale: dict[tuple[Any, str], Any] = {}
    by_pk = {locale.pk: locale for locale in locales.values()}
    for model in by_model:
        for chunk in chunks(keys):
            pages = (
                model.objects.filter(translation_key__in=chunk)
                .select_related("locale", "organisation")
                .prefetch_related(COMMENTS_RELATION_NAME)
                .order_by("pk")
            )
            for page in pages:
                existing[(str(page.translation_key), page.locale_id)] = page
                first_locale.setdefault((model, str(page.translation_key)), by_pk[page.locale_id])
    for item in items:
        first_locale.setdefault((item.model, item.key[0]), item.locale)
    for item in items:
        item.existing = existing.get((item.key[0], item.locale.pk))
        if item.existing is None:
            first = first_locale[(item.model, item.key[0])]
            item.source_locale = first if first.pk != item.locale.pk else None
            item.parent = parent_for(item.model, item.locale)
    _referenced(result, visible, locales)
    _check_slugs(items)
    return result


def _check_slugs(items: list[Item]) -> None:
    """Refuse a slug a sibling page has (Wagtail's full_clean, for all pages at once).

    One query per parent page (a few per language), not per page.
    """
    from .portability import ImportProblem, ImportRejected

    by_parent: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        parent_path = (
            item.parent.path if item.existing is None else item.existing.path[: -Page.steplen]
        )
        by_parent[parent_path].append(item)
    problems = []
    for parent_path, children in by_parent.items():
        slugs = dict(
            Page.objects.filter(
                path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1
            ).values_list("pk", "slug")
        )
        for item in children:
            if item.existing is not None:
                slugs[item.existing.pk] = item.page.slug
        # Every slug the section will have: its pages as updated, then the new ones.
        final = Counter(slugs.values())
        final.update(item.page.slug for item in children if item.existing is None)
        for item in children:
            slug = item.page.slug
            clash = final[slug] > 1
            if clash:
                problems.append(
                    ImportProblem(
                        item.rel,
                        "slug",
                        f"{slug!r} is already used by another page in this section",
                    )
                )
    if problems:
        raise ImportRejected(problems)


def _referenced(result: Plan, visible, locales: dict) -> None:
    """Pages the files refer to that the import does not write (one query per chunk)."""
    wanted = {
        (str(ref["value"]["translation_key"]), ref["value"]["locale"])
        for item in result.items
        for ref in item.data.get("backing_pages") or []
        if ref.get("value") is not None
    } - {item.key for item in result.items}
    codes = {locale.pk: code for code, locale in locales.items()}
    wanted_keys = sorted({key for key, _locale in wanted})
    for chunk in chunks(wanted_keys):
        for page in visible.filter(translation_key__in=chunk):
            key = (str(page.translation_key), codes.get(page.locale_id, ""))
            if key in wanted:
                result.pages_by_key[key] = page


# -- phase 1: rows for new pages -----------------------------------------------------
def insert_new(items: list[Item], result: Plan) -> list[int]:
    """Insert the new pages of ``items`` (not live yet); return their ids."""
    new = [item for item in items if item.existing is None]
    if not new:
        return []
    by_parent: dict[int, list[Item]] = defaultdict(list)
    for item in new:
        by_parent[item.parent.pk].append(item)
    for children in by_parent.values():
        parent = children[0].parent
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        step = Page._str2int(last[-Page.steplen :]) if last else 0
        for item in children:
            step += 1
            _prepare_new(item, Page._get_path(parent.path, parent.depth + 1, step))
        # treebeard's own add_child does the same F() increment, once per child.
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
        parent.numchild += len(children)
    pages = [item.page for item in new]
    Page.objects.bulk_create(pages)
    for model in {type(page) for page in pages}:
        same = [page for page in pages if type(page) is model]
        for cls in [*reversed(model._meta.get_parent_list()), model]:
            if cls is Page:
                continue
            fields = cls._meta.local_concrete_fields
            for page in same:
                setattr(page, cls._meta.pk.attname, page.id)
            # Django's bulk_create refuses multi-table models; its own INSERT
            # (``_insert``, what bulk_create calls per batch) does not.
            size = max(1, connection.ops.bulk_batch_size(fields, same))
            for batch in chunks(same, size):
                cls._base_manager._insert(batch, fields=fields, using=connection.alias)
    for item in new:
        item.page._state.adding = False
        item.target = item.page
        result.pages_by_key[item.key] = item.page
    return [item.page.pk for item in new]


def _prepare_new(item: Item, path: str) -> None:
    page, parent = item.page, item.parent
    page.locale = item.locale
    page.path, page.depth, page.numchild = path, parent.depth + 1, 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.draft_title = page.title
    page.live, page.has_unpublished_changes = False, True
    if page.review_by is None:  # as OwnedPage.save does
        base = page.last_verified or timezone.localdate()
        page.review_by = base + datetime.timedelta(days=page.REVIEW_DAYS)


def attach(items: list[Item], result: Plan) -> None:
    """Point each item at the page it writes (existing pages found by ``plan``)."""
    for item in items:
        if item.existing is not None:
            item.target = item.existing
            result.pages_by_key[item.key] = item.existing


# -- phase 2: revisions, publication, logs, indexes ------------------------------------
@dataclass
class Written:
    pages: list[Any] = field(default_factory=list)  # published or saved, for the indexes
    published: list[Any] = field(default_factory=list)


def publish(items: list[Item], result: Plan, *, fields_of, status_of) -> Written:
    """Revision and publication of every page of ``items`` (they all exist now)."""
    now = timezone.now()
    written = Written()
    slow = _needs_wagtail(items)
    revisions, logs, audits = [], [], []
    snapshots: dict[int, Any] = {}
    for item in items:
        snapshot = _apply(item, result, fields_of, status_of)
        snapshots[id(item)] = snapshot
    for item in items:
        if item.target.pk in slow:
            _publish_one(item, snapshots[id(item)], status_of(item.data))
            written.pages.append(item.target)
            continue
        snapshot = snapshots[id(item)]
        revisions.append(
            Revision(
                content_type=ContentType.objects.get_for_model(snapshot),
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id=str(snapshot.pk),
                content=snapshot.serializable_data(),
                object_str=str(snapshot),
                created_at=now,
            )
        )
    Revision.objects.bulk_create(revisions)
    fast = [item for item in items if item.target.pk not in slow]
    for item, revision in zip(fast, revisions, strict=True):
        _bookkeeping(item, revision, now)
        logs.extend(_log_entries(item, revision, now, result.log_uuid, item.old_title))
        written.pages.append(item.target)
        if item.live:
            written.published.append(item.target)
    _save_rows(fast)
    published = [str(page.pk) for page in written.published]
    for chunk in chunks(published):
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=chunk
        ).update(approved_go_live_at=None)
        _cancel_workflows(chunk)
    PageLogEntry.objects.bulk_create(logs)
    orgs = {item.target.pk: item.target.organisation_id for item in fast}
    audits.extend(_audit_events(logs, orgs))
    audits.extend(_service_events(fast))
    AuditEvent.objects.bulk_create(audits)
    index_pages(written.pages)
    pages_published.send(sender=OwnedPage, pages=list(written.published))
    written.published.extend(item.target for item in items if item.target.pk in slow)
    return written


def _apply(item: Item, result: Plan, fields_of, status_of) -> Any:
    """Set the file's values; return the page as the revision records it.

    For a page published by the import that is the page itself. A draft
    (``"live": false``) of an existing page keeps its row (and what is live)
    as it is, as ``save_revision`` does: the values go into the revision only.
    """
    target = item.target
    item.old_title = target.title if item.existing is not None else None
    values = fields_of(item.page)
    values["organisation"] = item.page.organisation
    if item.data["type"] == "short_answer":
        values["backing_pages"] = _backing(item, result)
    draft = item.existing is not None and not item.live
    snapshot = _copy(target) if draft else target
    for name, value in values.items():
        setattr(snapshot, name, value)
    for name, value in status_of(item.data).items():
        setattr(target, name, value)
        setattr(snapshot, name, value)
    if item.existing is None:
        for relation in _child_relations(target):
            # A new page has no comments; saves a query per page in serializable_data.
            setattr(target, relation, [])
    return snapshot


def _copy(page):
    """A separate instance of ``page`` (its related-object cache too, unlike copy.copy)."""
    snapshot = copy.copy(page)
    snapshot._state = copy.copy(page._state)
    snapshot._state.fields_cache = dict(page._state.fields_cache)
    return snapshot


def _backing(item: Item, result: Plan) -> list:
    blocks = []
    for ref in item.data.get("backing_pages") or []:
        value = ref.get("value")
        if value is None:
            continue
        target = result.pages_by_key.get((str(value["translation_key"]), value["locale"]))
        if target is not None:
            blocks.append(("page", target))
    return blocks


def _child_relations(page) -> list[str]:
    from modelcluster.models import get_all_child_relations

    return [rel.get_accessor_name() for rel in get_all_child_relations(page)]


def _needs_wagtail(items: list[Item]) -> set[int]:
    """Pages to publish with Wagtail's own action: aliases, comments, scheduled."""
    from wagtail.models import Comment

    now = timezone.now()
    existing = [item.existing.pk for item in items if item.existing is not None]
    slow = {
        item.existing.pk
        for item in items
        if item.existing is not None and item.existing.go_live_at and item.existing.go_live_at > now
    }
    for chunk in chunks(existing):
        slow.update(
            Page.objects.filter(alias_of_id__in=chunk).values_list("alias_of_id", flat=True)
        )
        slow.update(Comment.objects.filter(page_id__in=chunk).values_list("page_id", flat=True))
    return slow


def _publish_one(item: Item, snapshot, status: dict) -> None:
    revision = snapshot.save_revision(clean=False)
    if item.live:
        revision.publish()
    # page_published stamps the translation status with now; the files say otherwise.
    OwnedPage.objects.filter(pk=snapshot.pk).update(**status)


def _bookkeeping(item: Item, revision, now) -> None:
    """What save_revision and PublishRevisionAction set on the page."""
    page = item.target
    # A published snapshot is the page itself: its slug may have changed.
    changed_slug = bool(page.url_path) and page.slug != _old_slug(page.url_path)
    if item.existing is not None and item.live and changed_slug:
        page.url_path = f"{page.url_path.rstrip('/').rsplit('/', 1)[0]}/{page.slug}/"
    page.latest_revision = revision
    page.latest_revision_created_at = now
    if item.live:
        page.draft_title = page.title
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.live_revision = revision
        page.last_published_at = now
        page.first_published_at = page.first_published_at or now
    else:
        page.draft_title = revision.content.get("title", page.title)
        page.has_unpublished_changes = True


def _old_slug(url_path: str) -> str:
    return url_path.rstrip("/").rsplit("/", 1)[-1]


PAGE_BOOKKEEPING = [
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
]
PUBLISHED = ["live", "expired", "live_revision", "last_published_at", "first_published_at"]


def _save_rows(items: list[Item]) -> None:
    """One bulk_update per page type and kind (published / draft)."""
    from .portability import COMMON, STATUS_FIELDS, _type_fields

    groups: dict[tuple[Any, bool], list[Any]] = defaultdict(list)
    for item in items:
        groups[(item.model, item.live)].append(item.target)
    for (model, live), pages in groups.items():
        names = [*PAGE_BOOKKEEPING, *STATUS_FIELDS]
        if live:
            names += [*PUBLISHED, "url_path", "organisation", *COMMON, *_type_fields(model)]
        names = list(dict.fromkeys(names))
        model.objects.bulk_update(pages, names, batch_size=100)


def _cancel_workflows(object_ids: Sequence[str]) -> None:
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=object_ids
    )
    for state in states:  # a review in progress is cancelled by publishing, as in Wagtail
        state.cancel(user=None)


def _log_entries(item: Item, revision, now, log_uuid, old_title) -> list[PageLogEntry]:
    page = item.target
    actions: list[tuple[str, dict, bool]] = []
    if item.existing is None:
        actions.append(("wagtail.create", {}, True))
        if item.source_locale is not None:
            source = item.source_locale
            actions.append(
                (
                    "wagtail.copy_for_translation",
                    {
                        "page": {
                            "id": page.pk,
                            "title": page.title,
                            "locale": {
                                "id": item.locale.pk,
                                "language_code": item.locale.language_code,
                            },
                        },
                        "source_locale": {"id": source.pk, "language_code": source.language_code},
                        "keep_live": False,
                    },
                    False,
                )
            )
        else:
            actions.append(("wagtail.edit", {}, True))
    elif item.live and old_title is not None and old_title != page.title:
        actions.append(("wagtail.rename", {"title": {"old": old_title, "new": page.title}}, True))
    if item.live:
        actions.append(("wagtail.publish", {}, True))
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    return [
        PageLogEntry(
            content_type=content_type,
            label=page.get_admin_display_title(),
            action=action,
            data=data,
            timestamp=now,
            uuid=log_uuid,
            page_id=page.pk,
            revision=revision if action != "wagtail.create" else None,
            content_changed=changed,
        )
        for action, data, changed in actions
    ]


def _audit_events(logs: Iterable[PageLogEntry], orgs: dict[int, int]) -> list[AuditEvent]:
    """What ``signals._page_log_entry`` records for each of these entries."""
    from retour.core.actors import SystemActor
    from retour.core.audit import actor_label

    from .signals import _AUDITED_PAGE_ACTIONS

    label = actor_label(SystemActor.job("wagtail"))
    return [
        AuditEvent(
            actor=None,
            actor_label=label,
            organisation_id=orgs.get(entry.page_id),
            action=_AUDITED_PAGE_ACTIONS[entry.action],
            object_type="wagtailcore.page",
            object_id=str(entry.page_id),
            object_repr=entry.label[:200],
            detail={"wagtail_action": entry.action, "revision": entry.revision_id},
        )
        for entry in logs
        if entry.action in _AUDITED_PAGE_ACTIONS
    ]


def _service_events(items: list[Item]) -> list[AuditEvent]:
    """``page.create`` / ``page.translate``, as services.page_create / page_translate record."""
    from retour.core.audit import actor_label

    from .portability import ACTOR

    label = actor_label(ACTOR)
    events = []
    for item in items:
        page = item.target
        if item.existing is not None:
            continue
        if item.source_locale is None:
            action = "page.create"
            detail: dict = {"type": page._meta.model_name, "published": item.live}
        else:
            action = "page.translate"
            detail = {"locale": item.locale.language_code, "machine": bool(page.machine_translated)}
        events.append(
            AuditEvent(
                actor=None,
                actor_label=label[:150],
                organisation_id=page.organisation_id,
                action=action,
                object_type=page._meta.label_lower,
                object_id=str(page.pk),
                object_repr=str(page)[:200],
                detail=detail,
            )
        )
    return events


# -- indexes ----------------------------------------------------------------------------
def index_pages(pages: list[Any]) -> None:
    """Wagtail's search index and reference index, as its post_save handlers would."""
    by_model: dict[Any, list[Any]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, objs in by_model.items():
            backend.add_bulk(model, objs)
    _reference_index(pages)


def _reference_index(pages: list[Any]) -> None:
    """ReferenceIndex.create_or_update_for_object, for many pages in a few queries."""
    if not pages:
        return
    base = ContentType.objects.get_for_model(Page)
    found: dict[str, set] = {}
    content_types: dict[str, ContentType] = {}
    ancestors: dict[str, set[int]] = {}
    for page in pages:
        found[str(page.pk)] = set(ReferenceIndex._extract_references_from_object(page))
        content_types[str(page.pk)] = ContentType.objects.get_for_model(
            page, for_concrete_model=False
        )
        ancestors[str(page.pk)] = {
            ContentType.objects.get_for_model(m).pk for m in page._meta.get_parent_list()
        }
    existing: dict[str, dict[tuple, tuple[int, int]]] = defaultdict(dict)
    for chunk in chunks(list(found)):
        rows = ReferenceIndex.objects.filter(base_content_type=base, object_id__in=chunk)
        for pk, ct, to_ct, to_id, model_path, content_path, object_id in rows.values_list(
            "id",
            "content_type_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
            "object_id",
        ):
            existing[object_id][(to_ct, to_id, model_path, content_path)] = (ct, pk)
    create, delete = [], []
    for object_id, references in found.items():
        known = existing.get(object_id, {})
        ct = content_types[object_id]
        # As Wagtail: a record made for a more specific type is not ours to delete.
        known_ct_ids = {ct.pk, base.pk} | ancestors[object_id]
        for to_ct, to_id, model_path, content_path in references - set(known):
            create.append(
                ReferenceIndex(
                    content_type=ct,
                    base_content_type=base,
                    object_id=object_id,
                    to_content_type_id=to_ct,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
        for record, (record_ct, pk) in known.items():
            if record not in references and record_ct in known_ct_ids:
                delete.append(pk)
    kwargs = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    ReferenceIndex.objects.bulk_create(create, **kwargs)
    for chunk in chunks(delete):
        ReferenceIndex.objects.filter(pk__in=chunk).delete()


# Sent once per batch for the pages it published, instead of Wagtail's
# page_published per page; retour.search (which content may not import)
# indexes them all in one go after commit.
pages_published = Signal()


def after_commit() -> None:
    """The front cache, once the import has committed (one invalidation, not one per page)."""
    from . import rendering

    transaction.on_commit(rendering.invalidate)


__all__ = ["Item", "OwnedPage", "Plan", "after_commit", "attach", "insert_new", "plan", "publish"]
