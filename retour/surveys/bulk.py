"""Bulk writes of checked submissions: new rows, edits and repeat rows.

Called only inside the import and sample services' transactions (they check
the policy and audit). Parameterised INSERTs with executemany: at 100,000 rows,
building a model instance per row was most of the time. Values are adapted by
the connection's own operations, so this runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
from django.db import connection
from django.utils import timezone

from retour.core.sql import column

from .imports import FastRows
from .models import IndexScore, MonitoringRound, RoundStatus, Submission, SubmissionRepeat

BATCH = 2000


@dataclass(frozen=True)
class SavedSubmission:
    """What scoring needs of a freshly saved submission."""

    pk: int
    organisation_id: int
    case_id: int
    round_id: int
    answers: dict


@dataclass
class Saved:
    """Every saved submission: rows checked one by one, and the column-wise ones."""

    rows: list[SavedSubmission] = field(default_factory=list)
    fast: FastRows | None = None  # with their primary keys in ``fast_ids``
    fast_ids: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) + len(self.fast_ids)


def json_param() -> Callable[[str], Any]:
    """How JSON already encoded (columnar.py, scoring.py) becomes a query
    parameter of a JSONField: the text itself on SQLite, jsonb on PostgreSQL."""
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.psycopg_any import Jsonb

        return lambda text: Jsonb(text, dumps=_as_is)
    return _as_is


def _as_is(text: str) -> str:
    return text


def sorted_uuids(count: int) -> list:
    """``count`` random (version 4) uuids in ascending order, as query parameters.

    Inserted in ascending order, the unique index grows at its end instead of at
    random pages (a third of the insert time at 100,000 rows). The bytes come
    from os.urandom, as uuid.uuid4's do; the version and variant bits are set
    on all of them at once.
    """
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    hexes = sorted(text[i : i + 32] for i in range(0, 32 * count, 32))
    if connection.features.has_native_uuid_field:
        return [uuid.UUID(h) for h in hexes]
    # What UUIDField.get_db_prep_value gives without a native type: 32 hex digits.
    return hexes


def insert_rows(model, names: tuple[str, ...], params: list[tuple], report=None, phase="") -> None:
    """INSERT ``params`` (tuples of ``names``' values, already adapted) into
    ``model``'s table: COPY on PostgreSQL, multi-row VALUES on SQLite."""
    ops = connection.ops
    meta = model._meta
    table = ops.quote_name(meta.db_table)
    columns = ", ".join(ops.quote_name(meta.get_field(n).column) for n in names)
    if connection.vendor == "postgresql":
        _copy(f"COPY {table} ({columns}) FROM STDIN", params, report, phase)
        return
    # One statement per few hundred rows instead of one per row: SQLite's work
    # per statement (AUTOINCREMENT's sequence row among it) was about half of a
    # score row's insert time in a raw sqlite3 test (bench/RESULTS.md, issue 14).
    per = max(1, min(500, _sqlite_max_params() // len(names)))
    row = "(" + ", ".join(["?"] * len(names)) + ")"
    # Only identifiers from the model's own metadata are interpolated.
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
    full = head + ", ".join([row] * per)
    # The DB-API connection itself, in Django's transaction: Django's cursor
    # rewrites every "%s" with a regular expression, which at 7,500
    # placeholders a statement cost more than SQLite running it.
    raw = connection.connection
    for start in range(0, len(params), per):
        chunk = params[start : start + per]
        sql = full if len(chunk) == per else head + ", ".join([row] * len(chunk))
        raw.execute(sql, list(chain.from_iterable(chunk)))
        if report is not None:
            report(start + len(chunk), phase)


def _copy(sql: str, params: list[tuple], report, phase: str) -> None:
    """PostgreSQL's COPY FROM STDIN through psycopg 3: rows stream in one
    command, each value adapted by psycopg as for a query parameter."""
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for start in range(0, len(params), BATCH):
                for values in params[start : start + BATCH]:
                    copy.write_row(values)
                if report is not None:
                    report(min(start + BATCH, len(params)), phase)


def _sqlite_max_params() -> int:
    """How many parameters one SQLite statement may take (32,766 since SQLite
    3.32; Django's features assume the old 999)."""
    connection.ensure_connection()
    return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


SUBMISSION_COLUMNS = (
    "uuid", "organisation", "form", "case", "round", "answers", "source", "external_id",
    "remote_key", "remote_version", "review_state", "attachments", "submitted_on",
    "is_sample", "created_at",
)  # fmt: skip


def save_submissions(
    *,
    organisation,
    form,
    ready: list[dict],
    source: str,
    is_sample: bool = False,
    report: Callable | None = None,
    fast: FastRows | None = None,
) -> Saved:
    """Insert new rows (``ready`` and the column-wise ``fast`` ones, in file
    order), apply edits, store repeat rows, complete the new rows' rounds.
    Returns every saved submission (new and edited) for scoring."""
    today = timezone.localdate()
    new = [r for r in ready if not r.get("update_of")]
    edits = [r for r in ready if r.get("update_of")]
    params = _submission_params(organisation, form, new, fast, source, is_sample, today)
    insert_rows(Submission, SUBMISSION_COLUMNS, params, report, "saving")
    # Primary keys back by round (one submission per round, a unique column).
    fast_rounds = fast.round_ids if fast else []
    ids = _ids_by_round([r["round_id"] for r in new] + fast_rounds)
    for r in new:
        r["submission_id"] = ids[r["round_id"]]
    _apply_edits(edits)
    for r in edits:
        r["submission_id"] = r["update_of"]
    _save_repeats(organisation, ready, replace=[r["update_of"] for r in edits])
    dates: dict[int, dt.date] = {r["round_id"]: r.get("submitted_on") or today for r in new}
    if fast:
        dates.update(
            (rid, d or today) for rid, d in zip(fast.round_ids, fast.submitted, strict=True)
        )
    _complete_rounds(dates)
    return Saved(
        rows=[
            SavedSubmission(
                r["submission_id"], organisation.pk, r["case_id"], r["round_id"], r["answers"]
            )
            for r in ready
        ],
        fast=fast,
        fast_ids=[ids[rid] for rid in fast_rounds],
    )


def _submission_params(organisation, form, new, fast, source, is_sample, today) -> list[tuple]:
    """INSERT parameters of new submissions, in file order when some were checked
    column-wise (``position`` is the row in the table)."""
    ops = connection.ops
    encoder = Submission._meta.get_field("answers").encoder
    now = ops.adapt_datetimefield_value(timezone.now())
    uuids = iter(sorted_uuids(len(new) + (len(fast.positions) if fast else 0)))
    as_json = json_param()
    no_attachments = ops.adapt_json_value([], encoder)
    organisation_id, form_id = organisation.pk, form.pk  # .pk is a property call
    rows = [
        (
            r.get("position", i),
            (
                ops.adapt_json_value(r["answers"], encoder),
                r["case_id"],
                r["round_id"],
                r.get("external_id", ""),
                r.get("remote_key", ""),
                r.get("remote_version", ""),
                r.get("review_state", ""),
                ops.adapt_json_value(r.get("attachments") or [], encoder),
                r.get("submitted_on") or today,
            ),
        )
        for i, r in enumerate(new)
    ]
    if fast is not None and fast.positions:
        from .columnar import answers_json

        texts = answers_json(fast.taken()).to_list()
        rows.extend(
            (position, (as_json(text), case_id, round_id, ext, "", "", "", no_attachments, day))
            for position, text, case_id, round_id, ext, day in zip(
                fast.positions,
                texts,
                fast.case_ids,
                fast.round_ids,
                fast.external_ids,
                [d or today for d in fast.submitted],
                strict=True,
            )
        )
        rows.sort(key=lambda entry: entry[0])
    # An import has a handful of dates: each is adapted once, not once a row.
    days = {day: ops.adapt_datefield_value(day) for day in {entry[1][8] for entry in rows}}
    return [
        (
            next(uuids),
            organisation_id,
            form_id,
            case_id,
            round_id,
            answers,
            source,
            ext,
            remote_key,
            remote_version,
            review_state,
            attachments,
            days[day],
            is_sample,
            now,
        )
        for _position, (
            answers,
            case_id,
            round_id,
            ext,
            remote_key,
            remote_version,
            review_state,
            attachments,
            day,
        ) in rows
    ]


def _ids_by_round(round_ids: list[int]) -> dict[int, int]:
    # Plain SQL: building a Django lookup over 2,000 values a batch took longer
    # than running it.
    qn = connection.ops.quote_name
    table, round_col = qn(Submission._meta.db_table), qn(column(Submission, "round"))
    ids: dict[int, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(round_ids), BATCH):
            batch = round_ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"SELECT {round_col}, {qn(column(Submission, 'id'))} FROM {table} "  # noqa: S608
                f"WHERE {round_col} IN ({marks})",  # only identifiers and placeholders
                batch,
            )
            ids.update(cursor.fetchall())
    return ids


def _apply_edits(edits: list[dict]) -> None:
    """An edited submission keeps its row, round and uuid; its answers, ids and
    scores are replaced (the scores are recomputed by the caller)."""
    if not edits:
        return
    rows = Submission.objects.in_bulk([r["update_of"] for r in edits])
    now = timezone.now()
    changed = []
    for r in edits:
        s = rows[r["update_of"]]
        s.answers = r["answers"]
        s.external_id = r.get("external_id") or s.external_id
        s.remote_key = r.get("remote_key") or s.remote_key
        s.remote_version = r.get("remote_version", "")
        s.review_state = r.get("review_state", "")
        s.attachments = r.get("attachments") or []
        if r.get("submitted_on"):
            s.submitted_on = r["submitted_on"]
        s.updated_at = now
        changed.append(s)
    Submission.objects.bulk_update(
        changed,
        ["answers", "external_id", "remote_key", "remote_version", "review_state",
         "attachments", "submitted_on", "updated_at"],
        batch_size=500,
    )  # fmt: skip
    ids = [s.pk for s in changed]
    for start in range(0, len(ids), BATCH):
        IndexScore.objects.filter(submission_id__in=ids[start : start + BATCH]).delete()


def _save_repeats(organisation, ready: list[dict], *, replace: list[int]) -> None:
    for start in range(0, len(replace), BATCH):
        SubmissionRepeat.objects.filter(submission_id__in=replace[start : start + BATCH]).delete()
    encoder = SubmissionRepeat._meta.get_field("answers").encoder
    params = [
        (
            organisation.pk,
            r["submission_id"],
            row["repeat"],
            row["key"],
            row["parent_key"],
            connection.ops.adapt_json_value(row["answers"], encoder),
        )
        for r in ready
        for row in r.get("repeats") or ()
    ]
    if params:
        names = ("organisation", "submission", "repeat", "key", "parent_key", "answers")
        insert_rows(SubmissionRepeat, names, params)


def _complete_rounds(dates: dict[int, dt.date]) -> None:
    """Mark rounds completed on their submission's date: one UPDATE per date and
    batch (an import has few dates) instead of a subquery per round."""
    qn = connection.ops.quote_name
    sql = (
        f"UPDATE {qn(MonitoringRound._meta.db_table)} "  # noqa: S608
        f"SET {qn(column(MonitoringRound, 'status'))} = %s, "
        f"{qn(column(MonitoringRound, 'completed_on'))} = %s "
        f"WHERE {qn(column(MonitoringRound, 'id'))} IN "
    )  # only identifiers from the model's metadata; values are parameters
    by_day: dict[dt.date, list[int]] = {}
    for round_id, day in dates.items():
        by_day.setdefault(day, []).append(round_id)
    with connection.cursor() as cursor:
        for day, round_ids in by_day.items():
            value = connection.ops.adapt_datefield_value(day)
            for start in range(0, len(round_ids), BATCH):
                batch = round_ids[start : start + BATCH]
                marks = ", ".join(["%s"] * len(batch))
                cursor.execute(f"{sql}({marks})", [RoundStatus.COMPLETED.value, value, *batch])
