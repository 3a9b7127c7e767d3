"""Bulk writes of checked submissions: new rows, edits and repeat rows.

Called only inside the import and sample services' transactions (they check
the policy and audit). Parameterised INSERTs with executemany: at 100,000 rows,
building a model instance per row was most of the time. Values are adapted by
the connection's own operations, so this runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone

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


def _insert(model, names: tuple[str, ...], params: list[tuple], report=None, phase="") -> None:
    ops = connection.ops
    meta = model._meta
    columns = ", ".join(ops.quote_name(meta.get_field(n).column) for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    # Only identifiers from the model's own metadata are interpolated.
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])
            if report is not None:
                report(min(start + BATCH, len(params)), phase)


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
) -> list[SavedSubmission]:
    """Insert new rows, apply edits, store repeat rows, complete the new rows'
    rounds. Returns every saved submission (new and edited) for scoring."""
    today = timezone.localdate()
    ops = connection.ops
    meta = Submission._meta
    uuid_field = meta.get_field("uuid")
    encoder = meta.get_field("answers").encoder
    now = ops.adapt_datetimefield_value(timezone.now())
    new = [r for r in ready if not r.get("update_of")]
    edits = [r for r in ready if r.get("update_of")]
    params = [
        (
            uuid_field.get_db_prep_value(uuid.uuid4(), connection),
            organisation.pk,
            form.pk,
            r["case_id"],
            r["round_id"],
            ops.adapt_json_value(r["answers"], encoder),
            source,
            r.get("external_id", ""),
            r.get("remote_key", ""),
            r.get("remote_version", ""),
            r.get("review_state", ""),
            ops.adapt_json_value(r.get("attachments") or [], encoder),
            ops.adapt_datefield_value(r.get("submitted_on") or today),
            is_sample,
            now,
        )
        for r in new
    ]
    _insert(Submission, SUBMISSION_COLUMNS, params, report, "saving")
    # Primary keys back by round (one submission per round, a unique column).
    ids: dict[int, int] = {}
    round_list = [r["round_id"] for r in new]
    for start in range(0, len(round_list), BATCH):
        ids.update(
            Submission.objects.filter(round_id__in=round_list[start : start + BATCH]).values_list(
                "round_id", "id"
            )
        )
    for r in new:
        r["submission_id"] = ids[r["round_id"]]
    _apply_edits(edits)
    for r in edits:
        r["submission_id"] = r["update_of"]
    _save_repeats(organisation, ready, replace=[r["update_of"] for r in edits])
    _complete_rounds([r["round_id"] for r in new])
    return [
        SavedSubmission(
            r["submission_id"], organisation.pk, r["case_id"], r["round_id"], r["answers"]
        )
        for r in ready
    ]


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
        _insert(SubmissionRepeat, names, params)


def _complete_rounds(round_ids: list[int]) -> None:
    for start in range(0, len(round_ids), BATCH):
        MonitoringRound.objects.filter(pk__in=round_ids[start : start + BATCH]).update(
            status=RoundStatus.COMPLETED,
            completed_on=Subquery(
                Submission.objects.filter(round_id=OuterRef("pk")).values("submitted_on")[:1]
            ),
        )
