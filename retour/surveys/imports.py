"""Reading Kobo/ODK exports and checking every row against the form.

Nothing here writes: ``check_rows`` returns the rows ready to save, or the
per-row reasons why the file is refused. The service saves all or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from retour.core import limits

from .xlsform import clean_answer, prepare

EXTERNAL_ID_COLUMNS = (
    "_uuid",  # KoboToolbox
    "meta/instanceID",
    "meta-instanceID",  # ODK Central CSV
    "meta:instanceID",
    "instanceID",
    "KEY",  # ODK Briefcase
)
SUBMITTED_COLUMNS = ("_submission_time", "SubmissionDate", "end", "today")
MAX_REPORTED_ERRORS = 500


class ExportError(ValueError):
    """The file itself cannot be read (not a row problem)."""


def _checked(func, *args):
    try:
        return func(*args)
    except limits.InputRejected as exc:
        raise ExportError(str(exc)) from None


def _rows_checked(reader: Iterator[list]) -> Iterator[list]:
    # A malformed row far down the file is a file problem with a row number.
    while True:
        row = _checked(next, reader, None)
        if row is None:
            return
        yield row


def read_export(data: bytes, filename: str) -> tuple[list[str], Iterator[list]]:
    """Headers and an iterator of rows from a CSV or XLSX export."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        _checked(limits.check_xlsx, data, filename)
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ExportError(f"{filename}: not a readable XLSX file") from exc
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise ExportError(f"{filename}: the first sheet is empty")
        return [str(h or "").strip() for h in header], (list(r) for r in rows)
    if name.endswith((".csv", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExportError(f"{filename}: a CSV export must be UTF-8") from exc
        # Only the delimiter is detected: a sniffed dialect can turn off quote
        # doubling and alter free text (see retour/core/limits.py).
        reader = limits.csv_reader(text, filename)
        header = _checked(next, reader, None)
        if not header:
            raise ExportError(f"{filename}: the file is empty")
        return [h.strip() for h in header], _rows_checked(reader)
    raise ExportError(f"{filename}: expected a .csv or .xlsx export")


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


def _months(value) -> int | None:
    match = re.search(r"\d+", str(value or ""))
    return int(match.group()) if match else None


@dataclass
class CheckedRows:
    total: int = 0
    ready: list[dict] = field(default_factory=list)  # {"case_id", "round_id", "answers", ...}
    errors: list[dict] = field(default_factory=list)  # {"row", "reason"}
    error_count: int = 0

    def fail(self, row: int, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"row": row, "reason": reason})


def check_rows(
    *,
    headers: list[str],
    rows,
    questions: list[dict],
    cases: dict[str, int],
    consented: set[int],
    rounds: dict[tuple[int, int], tuple[int, str]],
    known_external_ids: set[str],
    progress: Callable[[int], None] | None = None,
) -> CheckedRows:
    """Validate every row; collect all reasons rather than stopping at the first.

    ``cases``: case_number -> case id; ``rounds``: (case id, months) ->
    (round id, status); ``known_external_ids``: already imported for this form.
    Row numbers are spreadsheet rows (the header is row 1).
    """
    questions = prepare(questions)
    names = [q["name"] for q in questions]
    columns = map_columns(headers, names)
    missing_required = [q["name"] for q in questions if q["required"] and q["name"] not in columns]
    out = CheckedRows()
    if "case_number" not in columns:
        out.fail(1, "no 'case_number' column: answers cannot be matched to cases")
        return out
    if missing_required:
        out.fail(1, f"required question(s) without a column: {', '.join(missing_required)}")
        return out
    ext_col = next((headers.index(c) for c in EXTERNAL_ID_COLUMNS if c in headers), None)
    sub_col = next((headers.index(c) for c in SUBMITTED_COLUMNS if c in headers), None)
    has_round = "round" in columns
    plan = [(q, columns[q["name"]]) for q in questions if q["name"] in columns]
    seen_rounds: set[int] = set()
    seen_ext: set[str] = set()
    width = len(headers)
    for index, row in enumerate(rows):
        line = index + 2
        out.total += 1
        if progress is not None and out.total % 2000 == 0:
            progress(out.total)
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        if not any(v not in (None, "") for v in row):
            out.total -= 1  # trailing blank lines are not submissions
            continue
        answers, problems = {}, []
        for q, col in plan:
            value, error = clean_answer(q, row[col])
            if error:
                problems.append(f"{q['name']}: {error}")
            elif value is not None:
                answers[q["name"]] = value
        if problems:
            out.fail(line, "; ".join(problems))
            continue
        case_id = cases.get(answers["case_number"])
        if case_id is None:
            out.fail(line, f"no case numbered {answers['case_number']!r} in this organisation")
            continue
        if case_id not in consented:
            out.fail(
                line, f"case {answers['case_number']}: no active consent to monitoring surveys"
            )
            continue
        months = _months(answers.get("round")) if has_round else None
        if months is None:
            out.fail(line, "no monitoring round given (question 'round', e.g. m3, m6, m12)")
            continue
        found = rounds.get((case_id, months))
        if found is None:
            out.fail(line, f"case {answers['case_number']}: no {months}-month round scheduled")
            continue
        round_id, status = found
        if status == "completed":
            out.fail(
                line,
                f"case {answers['case_number']}: the {months}-month round is already completed",
            )
            continue
        if status == "cancelled":
            out.fail(line, f"case {answers['case_number']}: the {months}-month round was cancelled")
            continue
        if round_id in seen_rounds:
            out.fail(
                line, f"case {answers['case_number']}: a second answer to the {months}-month round"
            )
            continue
        external_id = ""
        if ext_col is not None and row[ext_col] not in (None, ""):
            external_id = str(row[ext_col]).strip()[:100]
            if external_id in known_external_ids or external_id in seen_ext:
                out.fail(line, f"submission {external_id} was already imported")
                continue
            seen_ext.add(external_id)
        seen_rounds.add(round_id)
        submitted = answers.get("interview_date")
        if submitted is None and sub_col is not None and row[sub_col] not in (None, ""):
            value, error = clean_answer({"type": "date", "required": False}, row[sub_col])
            submitted = value if not error else None
        out.ready.append(
            {
                "case_id": case_id,
                "round_id": round_id,
                "answers": answers,
                "external_id": external_id,
                "submitted_on": dt.date.fromisoformat(submitted) if submitted else None,
            }
        )
    if progress is not None:
        progress(out.total)
    return out
