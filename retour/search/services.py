"""Writes of the search app: the index (derived from published content) and the
query log (dissemination gaps).

Index writes are derived data: the page publication that triggers them is
already audited by Wagtail and the portal, so only a full rebuild (an operator
action) records an audit event; per-page syncs would flood the log with copies.
"""

from __future__ import annotations

import datetime
import operator
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connection, connections, models
from django.utils import timezone

from retour.core import audit
from retour.core.actors import Actor
from retour.core.audit import service

from . import engine, text
from .backends import facets_text, get_backend
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


def _count_terms(counts: dict[str, Counter], locale: str, distinct: set[str]) -> None:
    """Add one document's distinct terms to its locale's Counter (what _term_set
    counts, without building a (locale, term) tuple per term of every page)."""
    counter = counts.get(locale)
    if counter is None:
        counter = counts[locale] = Counter()
    counter.update(distinct)


# Document-frequency changes in one statement per batch, not one UPDATE per
# (locale, delta) group: a fresh batch of pages has thousands of distinct
# deltas. Same SQL on SQLite (3.35+) and PostgreSQL.
_DF_BATCH = 500
_DF_ADD = (
    "INSERT INTO search_searchterm (locale, term, doc_count) VALUES {rows} "
    "ON CONFLICT (locale, term) DO UPDATE "
    "SET doc_count = search_searchterm.doc_count + excluded.doc_count"
)
_DF_SUBTRACT = (
    "WITH v(locale, term, d) AS (VALUES {rows}) "
    "UPDATE search_searchterm SET doc_count = search_searchterm.doc_count - "
    "(SELECT v.d FROM v WHERE v.locale = search_searchterm.locale "
    "AND v.term = search_searchterm.term) "
    "WHERE EXISTS (SELECT 1 FROM v WHERE v.locale = search_searchterm.locale "
    "AND v.term = search_searchterm.term AND search_searchterm.doc_count >= v.d)"
)


def _apply_df(delta: Counter) -> None:
    """Apply document-frequency changes: new terms are inserted, known ones
    incremented; decrements never take a count below zero (a count that would
    go negative is left as it is, as before)."""
    delta = Counter({k: d for k, d in delta.items() if d and len(k[1]) <= 100})
    if not delta:
        return
    added = [(loc, t, d) for (loc, t), d in delta.items() if d > 0]
    # Subtracted as positive amounts: "doc_count >= d" reads as "never below zero".
    removed = [(loc, t, -d) for (loc, t), d in delta.items() if d < 0]
    with connection.cursor() as cur:
        for sql, rows in ((_DF_ADD, added), (_DF_SUBTRACT, removed)):
            if rows and connection.vendor == "postgresql":
                # Three arrays, unnested by the server: psycopg parsed a statement
                # of 1,500 placeholders for longer than PostgreSQL ran it.
                unnest = "SELECT * FROM unnest(%s::text[], %s::text[], %s::int[])"
                if sql is _DF_ADD:
                    statement = _DF_ADD.replace("VALUES {rows}", unnest)
                else:
                    statement = _DF_SUBTRACT.replace("(VALUES {rows})", f"({unnest})")
                cur.execute(statement, [list(column) for column in zip(*rows, strict=True)])
                continue
            for i in range(0, len(rows), _DF_BATCH):
                chunk = rows[i : i + _DF_BATCH]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                cur.execute(sql.format(rows=values), [v for row in chunk for v in row])


def _index_texts(source: SourceDoc) -> tuple[str, str, set[str]]:
    """What the index stores for ``source`` (title, body) and its distinct terms,
    each text tokenised once. Title and the short answer text weigh as "title":
    a question phrased like the short answer's question should find it first."""
    title = text.terms(f"{source.title} {source.summary}", source.locale)
    body = text.terms(source.body, source.locale)
    return " ".join(title), " ".join(body), {*title, *body}


def _unchanged(doc: SearchDocument, source: SourceDoc, index_title: str, index_body: str) -> bool:
    """Whether re-syncing ``source`` would write exactly what ``doc`` holds.
    Re-indexing unchanged pages (``retour demo`` after the content loader's
    publish signals, a rebuild job run twice) then writes nothing."""
    if doc.index_title != index_title or doc.index_body != index_body:
        return False
    org = source.organisation
    if doc.organisation_id != getattr(org, "pk", org):
        return False
    # A value of another type (a str UUID, a tuple in meta) counts as changed: safe.
    return all(getattr(doc, n) == getattr(source, n) for n in _FIELDS if n != "organisation")


def _existing(keys: list[str]) -> dict[str, SearchDocument]:
    """The documents already stored under ``keys``. Which keys exist is asked in
    plain SQL first: ``in_bulk`` over a thousand keys spent more time preparing
    its lookup values than SQLite spent answering, and a first load finds none."""
    found: list[int] = []
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # one array, not a placeholder per key
            cur.execute(f"SELECT id FROM {table} WHERE source_key = ANY(%s)", [keys])  # noqa: S608
            found = [row[0] for row in cur.fetchall()]
            keys = []
        for i in range(0, len(keys), _DF_BATCH):
            chunk = keys[i : i + _DF_BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(
                f"SELECT id FROM {table} WHERE source_key IN ({marks})",  # noqa: S608 (model name)
                chunk,
            )
            found += [row[0] for row in cur.fetchall()]
    if not found:
        return {}
    return {d.source_key: d for d in SearchDocument.objects.filter(pk__in=found)}


# Values that repeat from row to row (the batch's timestamp, review dates, an
# empty meta) are converted once: the converter for a date or a datetime costs
# more than inserting the value.
_MEMO_TYPES = (datetime.date, datetime.datetime)


def _converter(field: models.Field, conn) -> Callable[[Any], Any]:
    """``field.get_db_prep_save`` bound to ``conn``, skipped for the values it
    returns unchanged (a str for a text column, an int or None for an integer
    one): the full call costs more than the row's INSERT."""
    prep = field.get_db_prep_save
    plain: type | None = None
    if type(field) in (models.CharField, models.TextField):
        plain = str
    elif type(field) in (models.IntegerField, models.PositiveIntegerField):
        plain = int
    if plain is not None:
        return lambda value: value if value is None or type(value) is plain else prep(value, conn)
    memo: dict = {}

    def convert(value):
        if value is None or isinstance(value, _MEMO_TYPES):
            try:
                return memo[value]
            except KeyError:
                memo[value] = converted = prep(value, conn)
                return converted
        if value == {} and isinstance(value, dict):
            if "{}" not in memo:
                memo["{}"] = prep(value, conn)
            return memo["{}"]
        return prep(value, conn)

    return convert


def _row_plan(fields: list[models.Field], conn) -> list[Callable[[SourceDoc, str, str], Any]]:
    """For each column, a function of (source, index title, index body) giving
    its database value: one call per cell, constants converted once."""
    indexed_at = SearchDocument._meta.get_field("indexed_at").get_db_prep_save(timezone.now(), conn)
    uuid_field = SearchDocument._meta.get_field("uuid")
    special: dict[str, Callable[[SourceDoc, str, str], Any]] = {
        "uuid": lambda s, t, b: uuid_field.get_db_prep_save(uuid.uuid4(), conn),
        "organisation_id": lambda s, t, b: getattr(s.organisation, "pk", s.organisation),
        "index_title": lambda s, t, b: t,
        "index_body": lambda s, t, b: b,
        "index_facets": lambda s, t, b: facets_text(s.locale, s.kind, s.country),
        "indexed_at": lambda s, t, b: indexed_at,
    }
    plan = []
    for field in fields:
        if field.attname in special:
            plan.append(special[field.attname])
            continue
        plan.append(_from_source(operator.attrgetter(field.attname), _converter(field, conn)))
    return plan


def _from_source(
    get: Callable[[SourceDoc], Any], convert: Callable[[Any], Any]
) -> Callable[[SourceDoc, str, str], Any]:
    def value(source: SourceDoc, index_title: str, index_body: str) -> Any:
        return convert(get(source))

    return value


def _insert(rows: list[tuple[SourceDoc, str, str]]) -> list[int]:
    """Insert new documents with multi-row INSERT ... RETURNING statements.

    ``bulk_create`` spent more time building its SQL (model instances, pre_save
    and placeholder lookups per field and row) than the database spent on the
    rows. Values are still converted by each field's own get_db_prep_save, so
    what is stored is what the ORM would store."""
    if not rows:
        return []
    conn = connections[SearchDocument.objects.db]
    fields = [f for f in SearchDocument._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(conn.ops.quote_name(str(f.column)) for f in fields)
    table = conn.ops.quote_name(SearchDocument._meta.db_table)
    max_params = getattr(conn.features, "max_query_params", None) or 10_000
    per_statement = max(1, min(500, max_params // len(fields)))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    plan = _row_plan(fields, conn)

    def row_params(source: SourceDoc, index_title: str, index_body: str) -> list:
        return [fn(source, index_title, index_body) for fn in plan]

    ids: list[int] = []
    with conn.cursor() as cur:
        if conn.vendor == "sqlite":
            # One prepared statement run by sqlite3's C loop beats statements of
            # 49 rows each (SQLite's 999-parameter limit); the ids are read back
            # by source key, which is unique.
            cur.executemany(
                f"INSERT INTO {table} ({columns}) VALUES {row_sql}",  # noqa: S608
                [row_params(*row) for row in rows],
            )
            keys = [source.source_key for source, _t, _b in rows]
            for i in range(0, len(keys), _DF_BATCH):
                some_keys = keys[i : i + _DF_BATCH]
                marks = ", ".join(["%s"] * len(some_keys))
                cur.execute(
                    f"SELECT id FROM {table} WHERE source_key IN ({marks})",  # noqa: S608
                    some_keys,
                )
                ids += [row[0] for row in cur.fetchall()]
            return ids
        if conn.vendor == "postgresql":
            # One array per column, unnested by the server: a statement with a
            # placeholder per cell cost psycopg more to parse than PostgreSQL to run.
            casts = ", ".join(f"%s::{f.db_type(conn)}[]" for f in fields)
            for i in range(0, len(rows), 5000):
                cells = [row_params(*row) for row in rows[i : i + 5000]]
                cur.execute(
                    f"INSERT INTO {table} ({columns}) "  # noqa: S608 (names from the model)
                    f"SELECT * FROM unnest({casts}) RETURNING id",
                    [list(column) for column in zip(*cells, strict=True)],
                )
                ids += [row[0] for row in cur.fetchall()]
            return ids
        for i in range(0, len(rows), per_statement):
            chunk = rows[i : i + per_statement]
            params = [value for row in chunk for value in row_params(*row)]
            cur.execute(
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (names from the model)
                f"{', '.join([row_sql] * len(chunk))} RETURNING id",
                params,
            )
            ids += [row[0] for row in cur.fetchall()]
    return ids


@service
def documents_sync(*, sources: Iterable[SourceDoc], remove_keys: Iterable[str] = ()) -> int:
    """Insert or update the documents for ``sources`` and drop ``remove_keys``.

    One pass in Python over the batch: each text is tokenised once, document
    frequencies are summed in a Counter and written with one upsert per 500
    terms; documents whose content did not change are not written at all."""
    sources = list(sources)
    remove_keys = list(remove_keys)
    existing = _existing([s.source_key for s in sources] + remove_keys)
    delta: Counter = Counter()
    added: dict[str, Counter] = {}
    new_rows: list[tuple[SourceDoc, str, str]] = []
    to_update: list[SearchDocument] = []
    for source in sources:
        index_title, index_body, distinct = _index_texts(source)
        doc = existing.get(source.source_key)
        if doc is None:
            new_rows.append((source, index_title, index_body))
        elif _unchanged(doc, source, index_title, index_body):
            continue
        else:
            delta.subtract(_term_set(doc))
            for name in _FIELDS:
                setattr(doc, name, getattr(source, name))
            doc.index_title, doc.index_body = index_title, index_body
            doc.index_facets = facets_text(source.locale, source.kind, source.country)
            doc.indexed_at = timezone.now()
            to_update.append(doc)
        _count_terms(added, source.locale, distinct)
    for locale, counter in added.items():
        for term, n in counter.items():
            delta[(locale, term)] += n
    backend = get_backend()
    ids = _insert(new_rows)
    if to_update:
        # Out of the index by the terms the rows still hold, then rewritten.
        backend.remove([d.pk for d in to_update])
        SearchDocument.objects.bulk_update(
            to_update,
            [*_FIELDS, "index_title", "index_body", "index_facets", "indexed_at"],
            batch_size=500,
        )
        ids += [d.pk for d in to_update]
    if ids:
        backend.sync(ids)
    removed = [existing[k] for k in remove_keys if k in existing]
    for doc in removed:
        delta.subtract(_term_set(doc))
    if removed:
        backend.remove([d.pk for d in removed])
        SearchDocument.objects.filter(pk__in=[d.pk for d in removed]).delete()
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
