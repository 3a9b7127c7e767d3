"""Checking Kobo/ODK submissions against the form, every row.

Nothing here writes: ``check_rows`` returns the submissions ready to save (new
ones and edits of stored ones), or the per-row reasons why the batch is
refused. The service saves all or nothing.

Sources: a CSV or XLSX export (read by ``exports.py``), or the JSON records a
server pull fetched (``records.records_table``: group paths flattened, repeat
arrays taken out as repeat rows). All end up as one table of headers and rows
plus, per row, its repeat rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop as _

from .exports import (  # noqa: F401  (imports.X stays the name callers use)
    MAX_REPEAT_ROWS,
    Export,
    ExportError,
    FrameRows,
    RepeatRow,
    file_error,
    read_export,
    read_export_full,
)
from .xlsform import Problem, clean_answer, filter_error, prepare

EXTERNAL_ID_COLUMNS = (
    "_uuid",  # KoboToolbox
    "meta/instanceID",
    "meta-instanceID",  # ODK Central CSV
    "meta:instanceID",
    "instanceID",
    "KEY",  # ODK Briefcase
)
# The instanceID an edited submission replaces (Kobo and ODK write it on edits).
DEPRECATED_COLUMNS = ("meta/deprecatedID", "meta-deprecatedID", "meta:deprecatedID", "deprecatedID")
SUBMITTED_COLUMNS = ("_submission_time", "SubmissionDate", "end", "today")
# Columns a server pull adds to each record (never a question's name: "_retour_" prefix).
REMOTE_KEY, REMOTE_VERSION, REVIEW_STATE, ATTACHMENTS = (
    "_retour_key",
    "_retour_version",
    "_retour_review",
    "_retour_attachments",
)
MAX_REPORTED_ERRORS = 500


# -- mapping and checking ----------------------------------------------------------------------
def map_columns(headers: list[str], question_names: list[str]) -> dict[str, int]:
    """Question name -> column index. Kobo writes group paths (``grp/q``), ODK
    Central ``grp-q``; an exact header wins over a path ending."""
    wanted = set(question_names)
    mapping: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h in wanted and h not in mapping:
            mapping[h] = i
    for i, h in enumerate(headers):
        for sep in ("/", "-", ":"):
            if sep in h:
                tail = h.rsplit(sep, 1)[1]
                # "grp/q/choice" columns of select_multiple never map: their tail
                # is a choice, and their parent path is itself a header.
                if tail in wanted and tail not in mapping and h.rsplit(sep, 1)[0] not in wanted:
                    mapping[tail] = i
                break
    return mapping


_DIGITS = re.compile(r"\d+")


def _months(value) -> int | None:
    match = _DIGITS.search(str(value or ""))
    return int(match.group()) if match else None


@dataclass(frozen=True)
class Matching:
    """How rows find their case and round (chosen when importing)."""

    case_question: str  # the question (often a hidden, pre-filled field) holding the case
    round_question: str = ""  # a question naming the round ("m6", "6"), or
    round_months: int | None = None  # every row answers this round


@dataclass(frozen=True)
class Known:
    """A stored submission an incoming row may be an edit of."""

    submission_id: int
    round_id: int
    version: str = ""


@dataclass
class FastRows:
    """New submissions checked column-wise: the cleaned table and, per row taken,
    where it is in the table and what it matched."""

    frame: Any  # polars DataFrame of cleaned answers, one row per table row
    positions: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    round_ids: list[int] = field(default_factory=list)
    external_ids: list[str] = field(default_factory=list)
    submitted: list[dt.date | None] = field(default_factory=list)

    def taken(self):
        """The cleaned answers of the rows taken, in order (usually every row:
        then the frame itself, not a copy gathered row by row)."""
        n = len(self.positions)
        if n == self.frame.height and (not n or self.positions[-1] == n - 1):
            return self.frame  # positions only grow: 0..n-1 is every row
        return self.frame[self.positions]


@dataclass
class CheckedRows:
    total: int = 0
    ready: list[dict] = field(default_factory=list)  # {"case_id", "round_id", "answers", ...}
    fast: FastRows | None = None  # rows checked column-wise (always new submissions)
    errors: list[dict] = field(default_factory=list)  # {"row", "reason"}
    error_count: int = 0
    unchanged: int = 0  # pulled again with the same version: nothing to do
    skipped: int = 0  # rejected on the server (review state): not imported

    def fail(self, row, reason: str | list[str]) -> None:
        """Record a problem: ``reason`` keeps the English text (for logs and the
        command line); "msg" keeps the msgids and params of ``Problem`` reasons so
        the report can show them in the reader's language."""
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            parts = reason if isinstance(reason, list) else [reason]
            entry: dict[str, Any] = {"row": row, "reason": "; ".join(parts)}
            if all(isinstance(p, Problem) for p in parts):
                entry["msg"] = [p.as_json() for p in parts if isinstance(p, Problem)]
            self.errors.append(entry)

    @property
    def updates(self) -> int:
        return sum(1 for r in self.ready if r.get("update_of"))

    @property
    def ready_count(self) -> int:
        return len(self.ready) + (len(self.fast.positions) if self.fast else 0)


REJECTED_STATES = {"rejected", "validation_status_not_approved"}


@dataclass
class _Plan:
    questions: list[tuple[dict, int]]
    filtered: list[dict]
    repeats: dict[str, list[dict]]
    case_col: int
    round_col: int | None
    cols: dict[str, int | None]


def _plan(headers, questions, repeats, matching: Matching, out: CheckedRows) -> _Plan | None:
    questions = prepare(questions)
    columns = map_columns(headers, [q["name"] for q in questions])
    if matching.case_question not in columns:
        out.fail(
            1,
            Problem(
                _(
                    "no column for %(question)s, the question chosen to identify the case: "
                    "answers cannot be matched to cases"
                ),
                question=repr(matching.case_question),
            ),
        )
        return None
    missing = [q["name"] for q in questions if q["required"] and q["name"] not in columns]
    if missing:
        out.fail(
            1,
            Problem(
                _("required question(s) without a column: %(names)s"), names=", ".join(missing)
            ),
        )
        return None
    round_col = columns.get(matching.round_question) if matching.round_question else None
    if matching.round_months is None and round_col is None:
        out.fail(
            1,
            Problem(
                _("no column for the round question %(question)s"),
                question=repr(matching.round_question or "(none)"),
            ),
        )
        return None

    def first(names):
        return next((headers.index(c) for c in names if c in headers), None)

    return _Plan(
        questions=[(q, columns[q["name"]]) for q in questions if q["name"] in columns],
        filtered=[q for q in questions if q.get("filter_terms")],
        repeats={r["name"]: prepare(r["questions"]) for r in repeats},
        case_col=columns[matching.case_question],
        round_col=round_col,
        cols={
            "ext": first(EXTERNAL_ID_COLUMNS),
            "deprecated": first(DEPRECATED_COLUMNS),
            "submitted": first(SUBMITTED_COLUMNS),
            "key": first((REMOTE_KEY,)),
            "version": first((REMOTE_VERSION,)),
            "review": first((REVIEW_STATE,)),
            "attachments": first((ATTACHMENTS,)),
        },
    )


def _cell(row, col):
    if col is None:
        return None
    value = row[col]
    return None if value in (None, "") else value


def _problem(name: str, error: str) -> str:
    """``question: reason``, translatable when the reason is a ``Problem``."""
    if isinstance(error, Problem):
        return Problem(_("%(question)s: %(reason)s"), question=name, reason=error)
    return f"{name}: {error}"


def _clean(plan_questions, row) -> tuple[dict, list[str]]:
    answers, problems = {}, []
    for q, col in plan_questions:
        value, error = clean_answer(q, row[col])
        if error:
            problems.append(_problem(q["name"], error))
        elif value is not None:
            answers[q["name"]] = value
    return answers, problems


def _filters(questions, answers, problems) -> None:
    for q in questions:
        error = filter_error(q, answers.get(q["name"]), answers)
        if error:
            problems.append(_problem(q["name"], error))


def _lookup(values: dict, q: dict):
    if q.get("path") in values:
        return values[q["path"]]
    if q["name"] in values:
        return values[q["name"]]
    for key, value in values.items():
        if key.rsplit("/", 1)[-1] == q["name"] or key.rsplit("-", 1)[-1] == q["name"]:
            return value
    return None


def check_repeats(
    plan_repeats, rows: list[RepeatRow], answers: dict
) -> tuple[list[dict], list[str]]:
    """Clean every repeat row; filters may refer to the row's own answers or the submission's."""
    if len(rows) > MAX_REPEAT_ROWS:
        return [], [
            Problem(_("more than %(limit)s repeat rows in one submission"), limit=MAX_REPEAT_ROWS)
        ]
    out: list[dict] = []
    problems: list[str] = []
    for r in rows:
        questions = plan_repeats.get(r.repeat)
        if questions is None:
            continue
        cleaned = {}
        for q in questions:
            value, error = clean_answer(q, _lookup(r.values, q))
            if error:
                problems.append(
                    Problem(
                        _("%(where)s: %(problem)s"),
                        where=r.where,
                        problem=_problem(q["name"], error),
                    )
                )
            elif value is not None:
                cleaned[q["name"]] = value
        scope = {**answers, **cleaned}
        for q in questions:
            error = filter_error(q, cleaned.get(q["name"]), scope)
            if error:
                problems.append(
                    Problem(
                        _("%(where)s: %(problem)s"),
                        where=r.where,
                        problem=_problem(q["name"], error),
                    )
                )
        out.append(
            {"repeat": r.repeat, "key": r.key, "parent_key": r.parent_key, "answers": cleaned}
        )
    return out, problems


@dataclass
class Lookups:
    """What rows are matched against, read once before checking."""

    cases: dict[str, int]  # case number -> case id
    consented: set[int]
    rounds: dict[tuple[int, int], tuple[int, str]]  # (case id, months) -> (round id, status)
    known: dict[str, Known] = field(default_factory=dict)  # external id -> stored submission
    known_remote: dict[str, Known] = field(default_factory=dict)  # server's stable key -> ...
    # case uuid -> case id: a dict, or a LazyMap read only if a row names a case by uuid
    case_uuids: dict[str, int] | LazyMap = field(default_factory=dict)


class LazyMap:
    """A mapping read from the database the first time it is asked: most files
    name cases by number, and turning 100,000 uuids into text took longer than
    reading them."""

    def __init__(self, load: Callable[[], dict]) -> None:
        self._load = load
        self._map: dict | None = None

    def get(self, key, default=None):
        if self._map is None:
            self._map = self._load()
        return self._map.get(key, default)


def _known_for(lookups: Lookups, ids: list) -> Known | None:
    for value in ids:
        if not value:
            continue
        text = str(value).strip()
        for variant in (text, text.removeprefix("uuid:"), f"uuid:{text.removeprefix('uuid:')}"):
            found = lookups.known.get(variant)
            if found is not None:
                return found
    return None


def check_rows(
    *,
    export: Export,
    questions: list[dict],
    repeats: list[dict],
    matching: Matching,
    lookups: Lookups,
    allow_updates: bool = False,
    progress: Callable[[int], None] | None = None,
) -> CheckedRows:
    """Validate every row; collect all reasons rather than stopping at the first.

    A row is an *edit* of a stored submission when its deprecatedID (or, for a
    server pull, the server's stable key) names one: it updates that submission
    instead of adding one. Without ``allow_updates`` (file uploads) a row whose
    own id is already stored is refused as a duplicate. Row numbers are
    spreadsheet rows (the header is row 1).
    """
    out = CheckedRows()
    plan = _plan(export.headers, questions, repeats, matching, out)
    if plan is None:
        return out
    names = [q["name"] for q, _col in plan.questions]
    one_per_name = len(set(names)) == len(names)  # one frame column per question
    if one_per_name and export.plain_text and not export.repeats and export.labels is None:
        from .columnar import check_table  # polars is loaded only for file imports

        rows = export.rows if isinstance(export.rows, Sequence) else list(export.rows)
        check_table(
            rows,
            len(export.headers),
            plan,
            matching,
            lookups,
            allow_updates,
            out,
            progress,
            table=export.frame,
        )
        return out
    seen = _Seen()
    width = len(export.headers)
    labels = export.labels
    for index, row in enumerate(export.rows):
        line = labels[index] if labels else index + 2
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        if not _counted(row, plan, out, progress):
            continue
        answers, problems = _clean(plan.questions, row)
        if plan.filtered:
            _filters(plan.filtered, answers, problems)
        repeat_rows: list[dict] = []
        if export.repeats.get(index):
            repeat_rows, more = check_repeats(plan.repeats, export.repeats[index], answers)
            problems.extend(more)
        ready = _accept(row, line, answers, problems, plan, matching, lookups, allow_updates, out)
        if ready is not None and seen.first(ready, line, answers, matching, out):
            ready["repeats"] = repeat_rows
            out.ready.append(ready)
    if progress is not None:
        progress(out.total)
    return out


@dataclass
class _Seen:
    """Rounds and submission ids taken so far: a second row for either is refused."""

    rounds: set[int] = field(default_factory=set)
    external: set[str] = field(default_factory=set)

    def first_plain(self, round_id: int, ext: str) -> bool:
        """Take a plain row's round and id if both are new (else _match and
        ``first`` report it)."""
        if round_id in self.rounds or (ext and ext in self.external):
            return False
        if ext:
            self.external.add(ext)
        self.rounds.add(round_id)
        return True

    def first(self, ready: dict, line, answers: dict, matching: Matching, out: CheckedRows) -> bool:
        round_id = ready["round_id"]
        if round_id in self.rounds:
            out.fail(
                line,
                Problem(
                    _("case %(case)s: a second answer to that round"),
                    case=answers[matching.case_question],
                ),
            )
            return False
        ext = ready["external_id"]
        if ext and ext in self.external:
            out.fail(line, Problem(_("submission %(id)s appears twice"), id=ext))
            return False
        if ext:
            self.external.add(ext)
        self.rounds.add(round_id)
        return True


def _counted(row, plan: _Plan, out: CheckedRows, progress) -> bool:
    """Count a row; False for a blank line or a submission rejected on the server."""
    review = plan.cols["review"]
    return _count(
        out,
        progress,
        any(v not in (None, "") for v in row),
        _cell(row, review) if review is not None else None,
    )


def _count(out: CheckedRows, progress, nonblank: bool, review) -> bool:
    """``_counted`` from what it reads of a row: whether any cell holds
    something, and its review-state cell (None: none)."""
    out.total += 1
    if progress is not None and out.total % 2000 == 0:
        progress(out.total)
    if not nonblank:
        out.total -= 1  # trailing blank lines are not submissions
        return False
    if review is not None and str(review) in REJECTED_STATES:
        out.skipped += 1
        return False
    return True


def _accept(row, line, answers, problems, plan, matching, lookups, allow_updates, out):
    if problems:
        out.fail(line, problems)
        return None
    return _match(row, line, answers, plan, matching, lookups, allow_updates, out)


def _match(row, line, answers, plan: _Plan, matching, lookups: Lookups, allow_updates, out):
    """The case, round and stored submission a clean row belongs to (None: refused)."""
    label = answers.get(matching.case_question)
    if label is None:
        out.fail(line, Problem(_("%(question)s: no case given"), question=matching.case_question))
        return None
    label = str(label).strip()
    case_id = lookups.cases.get(label) or lookups.case_uuids.get(label.lower())
    if case_id is None:
        out.fail(
            line, Problem(_("no case numbered %(case)s in this organisation"), case=repr(label))
        )
        return None
    if case_id not in lookups.consented:
        out.fail(
            line, Problem(_("case %(case)s: no active consent to monitoring surveys"), case=label)
        )
        return None
    if plan.round_col is not None:
        months = _months(answers.get(matching.round_question))
    else:
        months = matching.round_months
    if months is None:
        out.fail(
            line,
            Problem(
                _("no monitoring round given (question %(question)s, e.g. m3, m6, m12)"),
                question=repr(matching.round_question),
            ),
        )
        return None
    found = lookups.rounds.get((case_id, months))
    if found is None:
        out.fail(
            line,
            Problem(
                _("case %(case)s: no %(months)s-month round scheduled"), case=label, months=months
            ),
        )
        return None
    round_id, status = found
    external_id = str(_cell(row, plan.cols["ext"]) or "").strip()[:100]
    remote_key = str(_cell(row, plan.cols["key"]) or "")[:100]
    version = str(_cell(row, plan.cols["version"]) or "")[:64]
    previous = lookups.known_remote.get(remote_key) if remote_key else None
    if previous is None:
        previous = _known_for(lookups, [_cell(row, plan.cols["deprecated"])])
    if previous is None and external_id:
        same = _known_for(lookups, [external_id])
        if same is not None and not allow_updates:
            out.fail(line, Problem(_("submission %(id)s was already imported"), id=external_id))
            return None
        previous = same
    if previous is not None:
        if previous.version and previous.version == version:
            out.unchanged += 1
            return None
        if previous.round_id != round_id:
            out.fail(
                line,
                Problem(
                    _("case %(case)s: an edit cannot move a submission to another round"),
                    case=label,
                ),
            )
            return None
    elif status == "completed":
        out.fail(
            line,
            Problem(
                _("case %(case)s: the %(months)s-month round is already completed"),
                case=label,
                months=months,
            ),
        )
        return None
    elif status == "cancelled":
        out.fail(
            line,
            Problem(
                _("case %(case)s: the %(months)s-month round was cancelled"),
                case=label,
                months=months,
            ),
        )
        return None
    submitted = answers.get("interview_date")
    raw_time = _cell(row, plan.cols["submitted"])
    if submitted is None and raw_time is not None:
        value, error = clean_answer({"type": "date", "required": False}, raw_time)
        submitted = value if not error else None
    attachments = _cell(row, plan.cols["attachments"])
    return {
        "case_id": case_id,
        "round_id": round_id,
        "answers": answers,
        "external_id": external_id,
        "submitted_on": dt.date.fromisoformat(submitted) if submitted else None,
        "update_of": previous.submission_id if previous else None,
        "remote_key": remote_key,
        "remote_version": version,
        "review_state": str(_cell(row, plan.cols["review"]) or "")[:40],
        "attachments": attachments if isinstance(attachments, list) else [],
    }
