"""Writes of the search app: the index (derived from published content) and the
query log (dissemination gaps).

Index writes are derived data: the page publication that triggers them is
already audited by Wagtail and the portal, so only a full rebuild (an operator
action) records an audit event; per-page syncs would flood the log with copies.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from retour.core import audit
from retour.core.actors import Actor
from retour.core.audit import service

from . import engine, text
from .backends import get_backend
from .models import Channel, QueryLog, SearchDocument, SearchTerm
from .sources import SourceDoc

_FIELDS = (
    "organisation",
    "kind",
    "locale",
    "country",
    "title",
    "summary",
    "url",
    "page_id",
    "translation_key",
    "revision_id",
    "last_verified",
    "review_by",
    "meta",
)


def _term_set(doc: SearchDocument) -> set[tuple[str, str]]:
    """(locale, term) pairs of a document, the unit of document frequency."""
    return {(doc.locale, t) for t in set(doc.index_title.split()) | set(doc.index_body.split())}


def _apply_df(delta: Counter) -> None:
    """Apply document-frequency changes with one UPDATE per (locale, delta)."""
    delta = Counter({k: d for k, d in delta.items() if d and len(k[1]) <= 100})
    if not delta:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(locale=loc, term=t, doc_count=0) for (loc, t), d in delta.items() if d > 0],
        ignore_conflicts=True,
        batch_size=500,
    )
    groups: dict[tuple[str, int], list[str]] = {}
    for (loc, t), d in delta.items():
        groups.setdefault((loc, d), []).append(t)
    for (loc, d), terms in groups.items():
        for i in range(0, len(terms), 500):
            qs = SearchTerm.objects.filter(locale=loc, term__in=terms[i : i + 500])
            if d < 0:
                qs = qs.filter(doc_count__gte=-d)  # never below zero
            qs.update(doc_count=F("doc_count") + d)


def _fill(doc: SearchDocument, source: SourceDoc) -> None:
    for name in _FIELDS:
        setattr(doc, name, getattr(source, name))
    # Title and the short answer text weigh as "title": a question phrased
    # like the short answer's question should find it first.
    doc.index_title = text.index_text(f"{source.title} {source.summary}", source.locale)
    doc.index_body = text.index_text(source.body, source.locale)
    doc.indexed_at = timezone.now()


@service
def documents_sync(*, sources: Iterable[SourceDoc], remove_keys: Iterable[str] = ()) -> int:
    """Insert or update the documents for ``sources`` and drop ``remove_keys``."""
    sources = list(sources)
    remove_keys = list(remove_keys)
    existing = SearchDocument.objects.in_bulk(
        [s.source_key for s in sources] + remove_keys, field_name="source_key"
    )
    delta: Counter = Counter()
    to_create, to_update = [], []
    for source in sources:
        doc = existing.get(source.source_key)
        if doc is None:
            doc = SearchDocument(source_key=source.source_key)
            to_create.append(doc)
        else:
            delta.subtract(_term_set(doc))
            to_update.append(doc)
        _fill(doc, source)
        delta.update(_term_set(doc))
    SearchDocument.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        SearchDocument.objects.bulk_update(
            to_update, [*_FIELDS, "index_title", "index_body", "indexed_at"], batch_size=500
        )
    removed = [existing[k] for k in remove_keys if k in existing]
    for doc in removed:
        delta.subtract(_term_set(doc))
    backend = get_backend()
    if removed:
        backend.remove([d.pk for d in removed])
        SearchDocument.objects.filter(pk__in=[d.pk for d in removed]).delete()
    ids = [d.pk for d in to_create + to_update]
    if ids:
        if to_create and to_create[0].pk is None:  # backends without RETURNING
            ids = list(
                SearchDocument.objects.filter(
                    source_key__in=[s.source_key for s in sources]
                ).values_list("pk", flat=True)
            )
        backend.sync(ids)
    _apply_df(delta)
    engine.bump_generation()
    return len(sources) + len(removed)


@service
def index_rebuild(*, actor: Actor, sources: Iterable[SourceDoc]) -> int:
    """Drop and rebuild the whole index (``manage.py search_reindex``)."""
    from retour.orgs import policy

    # Every organisation's documents: the command's, a job's or a superuser's.
    policy.require_actor(actor, "search.rebuild_index", platform=True)
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    get_backend().rebuild()
    count = 0
    batch: list[SourceDoc] = []
    for source in sources:
        batch.append(source)
        if len(batch) >= 500:
            count += documents_sync(sources=batch)
            batch = []
    if batch:
        count += documents_sync(sources=batch)
    get_backend().optimise()
    audit.record(
        actor=actor,
        action="search.reindex",
        object_type="search.searchdocument",
        detail={"documents": count},
    )
    return count


@service
def query_log_record(
    *,
    channel: str,
    result: engine.SearchResult | None,
    language: str,
    country: str = "",
    kind_filter: str = "",
    query: str = "",
    day=None,
    is_sample: bool = False,
) -> QueryLog:
    """Record one search or question. No actor: it holds no personal data, and
    recording who asked is exactly what we must not do."""
    best = result.best if result else None
    answered = bool(result and result.answered)
    extra = {"day": day} if day else {}
    return QueryLog.objects.create(
        **extra,
        is_sample=is_sample,
        channel=channel if channel in Channel.values else Channel.WEB,
        language=language[:12],
        country=(country or "")[:2].upper(),
        kind_filter=kind_filter[:20],
        query=text.scrub(result.normalised if result else text.clean(query))[
            : text.MAX_QUERY_CHARS
        ],
        answered=answered,
        result_count=len(result.hits) if result else 0,
        confidence=best.confidence if best else None,
        other_language=bool(result and result.other_language),
        top_document=best.document if best else None,
        answered_by_id=best.document.organisation_id if (best and answered) else None,
    )


@service
def query_log_open(*, log: QueryLog, document: SearchDocument) -> bool:
    """Remember which result was opened (first open only; no reader identity)."""
    updated = QueryLog.objects.filter(pk=log.pk, opened_document__isnull=True).update(
        opened_document=document
    )
    return bool(updated)


DRAFT_PLACEHOLDER = (
    "DRAFT: write the reviewed short answer here (at most 700 characters) before "
    "submitting it for review. This question was asked but had no good answer."
)


@service
def gap_draft_create(*, actor: Actor, organisation, question: str, language: str):
    """Turn an unanswered question into a draft short answer of ``organisation``.

    The page is created unpublished through the portal's own service, so the
    review workflow and its permission checks apply unchanged.
    """
    from django.core.exceptions import ValidationError
    from wagtail.models import Locale

    from retour.content import services as content_services
    from retour.content.models import ShortAnswerIndexPage, ShortAnswerPage
    from retour.orgs import policy

    policy.require_actor(actor, "search.view_gaps", org=organisation)
    policy.require_actor(actor, "content.edit_owned_page", org=organisation)
    question = " ".join(question.split())[:255]
    if not question:
        raise ValidationError("The question is empty.")
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    parent = ShortAnswerIndexPage.objects.filter(locale=locale).first()
    if parent is None:
        locale = Locale.get_default()
        parent = ShortAnswerIndexPage.objects.filter(locale=locale).first()
    if parent is None:
        raise ValidationError("The portal has no short-answer section yet.")
    page = content_services.page_create(
        actor=actor,
        parent=parent,
        page=ShortAnswerPage(
            title=question[:1].upper() + question[1:],
            answer=DRAFT_PLACEHOLDER,
            organisation=organisation,
            locale=locale,
            live=False,
        ),
        publish=False,
    )
    audit.record(
        actor=actor,
        action="search.gap_draft",
        obj=page,
        organisation=organisation,
        detail={"language": language},
    )
    return page


@service
def query_log_prune(*, actor: Actor, keep_days: int | None = None) -> int:
    """Delete logged questions older than ``keep_days`` (``RETOUR_QUERY_LOG_DAYS``).

    A logged question holds no sender, but people type their own details into
    questions; the gap analytics need about a year of history, not forever.
    Deletes in batches, so a run cut short is finished by the next one.
    """
    days = keep_days if keep_days else int(getattr(settings, "RETOUR_QUERY_LOG_DAYS", 400))
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted = 0
    while True:
        ids = list(QueryLog.objects.filter(day__lt=cutoff).values_list("pk", flat=True)[:1000])
        if not ids:
            break
        deleted += QueryLog.objects.filter(pk__in=ids).delete()[0]
    audit.record(
        actor=actor,
        action="search.query_log_prune",
        detail={"deleted": deleted, "keep_days": days},
    )
    return deleted
