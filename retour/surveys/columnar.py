"""Column-wise cleaning of a CSV export (the fast path of ``imports.check_rows``).

``xlsform.clean_answer`` is the reference: it is called once per cell on the
slow path and its messages are what people read. At 100,000 rows that is
millions of Python calls, so for a CSV table (every cell text) each question's
column is cleaned at once with polars, but only for cells whose shape makes
the result certain to be the one ``clean_answer`` gives: plain ASCII digits,
ISO dates, choice names. Any other cell (an error, a number written "5.0",
Arabic-Indic digits, a non-breaking space at the edge) marks its row for the
slow path, which cleans the whole row with ``clean_answer`` and so reports it
with the same words. Free text is never altered: a text cell is the raw cell.

``check_table`` is ``check_rows`` for such a table: the same loop over rows
(counting, matching to case and round, duplicates) with ``imports._match``'s
common case decided from the columns; every row it is unsure of goes through
``imports``' own functions, so errors, their rows and their order are the same.

Answers are also encoded to JSON here, one string per row (serde_json through
polars), with the keys in question order and empty answers left out, the
same object ``json.dumps`` of the slow path's dict would give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from . import imports
from .xlsform import clean_answer

# Every character Python's str.isspace() accepts (str.strip() removes exactly
# these): a cell of only these is empty for clean_answer.
_PY_SPACE = (
    r"\t\n\x0B\x0C\r\x1C-\x20\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}"
    r"\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
)
_HAS_CONTENT = f"[^{_PY_SPACE}]"
# The whitespace the fast path strips itself; a cell with any other kind at its
# edges no longer matches the patterns below and goes to the slow path.
_ASCII_SPACE = " \t\n\r\x0b\x0c"
_INTEGER = r"^[+-]?[0-9]{1,18}$"  # fits in Int64; longer ones go the slow way
_DECIMAL = r"^[+-]?[0-9]{1,15}(?:[.,][0-9]{1,15})?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
# select_multiple: printable ASCII and ASCII spaces only, so that splitting on
# runs of spaces is what str.split() does (it also splits on \x1c-\x1f).
_PLAIN_LIST = r"^[\t\n\x0B\x0C\r\x20-\x7E]*$"
_TOKEN = r"[!-~]+"

DTYPES: dict[str, Any] = {
    "text": pl.Utf8,
    "integer": pl.Int64,
    "decimal": pl.Float64,
    "date": pl.Utf8,
    "select_one": pl.Utf8,
    "select_multiple": pl.List(pl.Utf8),
}


@dataclass
class Cleaned:
    """Cleaned answers of every row, and which rows need the slow path."""

    frame: pl.DataFrame  # one column per question (typed), null = no answer
    slow: list[bool]  # per row: some cell is not certain on the fast path


def _choices(q: dict) -> list[str] | None:
    choices = sorted(q.get("_choice_set") or {c[0] for c in q["choices"]})
    # A choice name with spaces at its edges would compare differently after
    # Python's strip(); such a form takes the slow path for that question.
    if any(not isinstance(c, str) or c != c.strip() or c == "" for c in choices):
        return None
    return choices


def _column(q: dict, raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(cleaned value, needs the slow path) for one question's raw column."""
    empty = raw.is_null() | ~raw.str.contains(_HAS_CONTENT)
    stripped = raw.str.strip_chars(_ASCII_SPACE)
    kind = q["type"]
    dtype = DTYPES.get(kind)
    if kind == "text":
        value, ok = raw, pl.lit(True)
    elif kind == "integer":
        ok = stripped.str.contains(_INTEGER)
        value = pl.when(ok).then(stripped.str.strip_prefix("+")).cast(pl.Int64, strict=False)
    elif kind == "decimal":
        ok = stripped.str.contains(_DECIMAL)
        text = stripped.str.replace(",", ".", literal=True)
        value = pl.when(ok).then(text).cast(pl.Float64, strict=False)
    elif kind == "date":
        head = stripped.str.slice(0, 10)
        parsed = head.str.to_date("%Y-%m-%d", strict=False)
        ok = (
            stripped.str.contains(_DATE)
            & ~head.str.starts_with("0000")  # year 0 is no date in Python
            & parsed.is_not_null()
            & (parsed.dt.strftime("%Y-%m-%d") == head)
        )
        value = head
    elif kind in ("select_one", "select_multiple") and (choices := _choices(q)) is not None:
        if kind == "select_one":
            ok, value = stripped.is_in(choices), stripped
        else:
            tokens = raw.str.extract_all(_TOKEN)
            ok = raw.str.contains(_PLAIN_LIST) & tokens.list.eval(
                pl.element().is_in(choices)
            ).list.all().fill_null(False)
            value = tokens.list.unique(maintain_order=True)
    else:
        # Unsupported kinds, or choices the fast path cannot compare: every
        # answered cell is cleaned (and reported) by clean_answer.
        value, ok = pl.lit(None), pl.lit(False)
    dtype = dtype or pl.Utf8
    # An empty cell is fine unless the question is required (clean_answer's error).
    slow = pl.when(empty).then(pl.lit(bool(q.get("required")))).otherwise(~ok.fill_null(False))
    cleaned = pl.when(empty | ~ok.fill_null(False)).then(None).otherwise(value)
    return cleaned.cast(dtype).alias(q["name"]), slow.alias(f"\0slow:{q['name']}")


def clean_columns(questions: list[tuple[dict, int]], columns: dict[int, Any]) -> Cleaned:
    """Clean the answer columns of a CSV table (``columns``: index -> cells, a
    list, tuple or polars Series of text)."""
    raw = pl.DataFrame(
        {f"c{col}": pl.Series(columns[col], dtype=pl.Utf8) for _q, col in questions},
        schema={f"c{col}": pl.Utf8 for _q, col in questions},
    )
    values, slows = [], []
    for q, col in questions:
        value, slow = _column(q, pl.col(f"c{col}"))
        values.append(value)
        slows.append(slow)
    frame = raw.select(values) if values else pl.DataFrame()
    if slows:
        unsure = raw.select(pl.any_horizontal(slows).alias("slow"))["slow"].to_list()
    else:
        unsure = [False] * raw.height
    return Cleaned(frame, unsure)


def answers_json(frame: pl.DataFrame) -> pl.Series:
    """Each row's answers as one JSON object, empty answers left out."""
    if not frame.width:
        return pl.Series("answers", ["{}"] * frame.height, dtype=pl.Utf8)
    parts = [
        pl.when(pl.col(name).is_not_null()).then(
            # {"name": value} without its braces: serde_json escapes the text.
            pl.struct(name).struct.json_encode().str.strip_prefix("{").str.strip_suffix("}")
        )
        for name in frame.columns
    ]
    body = pl.concat_str(parts, separator=",", ignore_nulls=True)
    return frame.select(pl.concat_str([pl.lit("{"), body, pl.lit("}")]).alias("answers"))["answers"]


def clean_dates(cells: list | tuple) -> tuple[list[str | None], list[bool]]:
    """A column read as dates (a submission time): ISO dates, and which cells the
    fast path left to ``clean_answer``."""
    question = {"name": "date", "type": "date", "required": False}
    value, slow = _column(question, pl.col("raw"))
    frame = pl.DataFrame({"raw": pl.Series(cells, dtype=pl.Utf8)}).select(value, slow)
    return frame.to_series(0).to_list(), frame.to_series(1).to_list()


# -- checking a whole table -----------------------------------------------------------
def check_table(
    rows,
    width: int,
    plan: imports._Plan,
    matching,
    lookups,
    allow_updates,
    out,
    progress,
    table: pl.DataFrame | None = None,
) -> None:
    """``check_rows`` for a CSV table: answers cleaned column-wise (columnar.py);
    a row with any cell the fast path is unsure of is checked exactly as on the
    slow path, and so are edits. Rows, errors and their order are the same.
    ``table``: the same cells as a polars frame (every row ``width`` wide), as
    the polars reader gives them; without it the columns come from ``rows``."""
    if not rows:
        return
    column: Callable[[int], Any]
    if table is not None:
        column = table.get_columns().__getitem__
        # Every record is full (limits.csv_frame): blank means every cell empty.
        blank = table.select(~pl.any_horizontal(pl.all().str.len_bytes() > 0)).to_series()
        blanks = blank.to_list()
    else:
        blanks = [not any(r) for r in rows]  # cells past the header count too
        if any(len(r) < width for r in rows):
            rows = [r if len(r) >= width else [*r, *([None] * (width - len(r)))] for r in rows]
        by_index = dict(enumerate(zip(*rows, strict=False)))
        column = by_index.__getitem__
    cleaned = clean_columns(plan.questions, {col: column(col) for _q, col in plan.questions})
    frame = cleaned.frame
    # imports._match reads only these answers; the rest stay in the frame.
    keys = [k for k in (matching.case_question, matching.round_question) if k in frame.columns]
    if "interview_date" in frame.columns:
        keys.append("interview_date")
    key_values = {k: frame[k].to_list() for k in keys}
    cells = _Cells.of(plan, column, len(rows))
    plain = _Plain.of(plan, matching, lookups, key_values, cells, len(rows))
    filtered = _filter_columns(plan, frame)
    fast = out.fast = imports.FastRows(frame=frame)
    seen = imports._Seen()
    slow = cleaned.slow
    for index in range(len(rows)):
        if not imports._count(out, progress, not blanks[index], cells.review[index]):
            continue
        slow_row = slow[index] or (
            filtered is not None and _row_filter_problems(plan, filtered, index)
        )
        taken = None if slow_row or plain is None else plain.match(index)
        if taken is not None and seen.first_plain(taken[1], taken[2]):
            fast.positions.append(index)
            fast.case_ids.append(taken[0])
            fast.round_ids.append(taken[1])
            fast.external_ids.append(taken[2])
            fast.submitted.append(taken[3])
            continue
        # Anything else (an error, an edit, a duplicate) the way check_rows does it.
        line = index + 2
        row = rows[index]
        if slow_row:
            answers, problems = imports._clean(plan.questions, row)
            if plan.filtered:
                imports._filters(plan.filtered, answers, problems)
        else:
            answers = {k: v[index] for k, v in key_values.items() if v[index] is not None}
            problems = []
        ready = imports._accept(
            row, line, answers, problems, plan, matching, lookups, allow_updates, out
        )
        if ready is None or not seen.first(ready, line, answers, matching, out):
            continue
        if not slow_row:
            # An edit (or a row with server fields): saved the slow way, with all its answers.
            ready["answers"] = imports._clean(plan.questions, row)[0]
        ready["repeats"] = []
        ready["position"] = index
        out.ready.append(ready)
    if progress is not None:
        progress(out.total)


@dataclass
class _Cells:
    """The raw cells of the columns the row loop reads (None: the file has no
    such column), as ``imports._cell`` reads them: "" is None."""

    ext: list
    deprecated: list
    review: list
    submitted: list | None

    @classmethod
    def of(cls, plan: imports._Plan, column, n: int) -> _Cells:
        def cells(name: str) -> list:
            col = plan.cols[name]
            if col is None:
                return [None] * n
            values = column(col)
            values = values.to_list() if isinstance(values, pl.Series) else values
            return [None if v in (None, "") else v for v in values]

        submitted = plan.cols["submitted"]
        raw = column(submitted) if submitted is not None else None
        return cls(
            cells("ext"),
            cells("deprecated"),
            cells("review"),
            raw.to_list() if isinstance(raw, pl.Series) else raw,
        )


@dataclass
class _Plain:
    """The common case of ``imports._match``, decided without building its dict: a new
    submission for a scheduled round of a consenting case, no server fields, no
    edit. Whatever is not plain goes to ``imports._match`` itself."""

    plan: imports._Plan
    matching: imports.Matching
    lookups: imports.Lookups
    labels: list
    rounds: list | None
    submitted: list[str | None]
    cells: _Cells

    @classmethod
    def of(cls, plan, matching, lookups, key_values, cells: _Cells, n: int) -> _Plain | None:
        cols = plan.cols
        if any(cols[k] is not None for k in ("key", "version", "review", "attachments")):
            return None  # server fields: imports._match decides
        questions = {q["name"]: q for q, _col in plan.questions}
        interview = questions.get("interview_date")
        if interview is not None and interview["type"] != "date":
            return None  # imports._match parses whatever it holds
        if cells.submitted is not None:
            raw = cells.submitted
            times, unsure = clean_dates(raw)
            for i in (i for i, u in enumerate(unsure) if u):
                value, error = clean_answer({"type": "date", "required": False}, raw[i])
                times[i] = None if error else value
        else:
            times = [None] * n
        dates = key_values.get("interview_date") or [None] * n
        return cls(
            plan,
            matching,
            lookups,
            key_values.get(matching.case_question) or [None] * n,
            key_values.get(matching.round_question) if plan.round_col is not None else None,
            [d if d is not None else t for d, t in zip(dates, times, strict=True)],
            cells,
        )

    def match(self, index: int) -> tuple[int, int, str, dt.date | None] | None:
        """(case id, round id, external id, submitted on), or None: ask imports._match."""
        label = self.labels[index]
        if label is None:
            return None
        label = str(label).strip()
        lookups = self.lookups
        case_id = lookups.cases.get(label) or lookups.case_uuids.get(label.lower())
        if case_id is None or case_id not in lookups.consented:
            return None
        months = (
            imports._months(self.rounds[index])
            if self.rounds is not None
            else (self.matching.round_months)
        )
        found = lookups.rounds.get((case_id, months)) if months is not None else None
        if found is None or found[1] in ("completed", "cancelled"):
            return None
        if self.cells.deprecated[index] is not None:
            return None
        external_id = str(self.cells.ext[index] or "").strip()[:100]
        if external_id and lookups.known and imports._known_for(lookups, [external_id]) is not None:
            return None
        submitted = self.submitted[index]
        return (
            case_id,
            found[0],
            external_id,
            dt.date.fromisoformat(submitted) if submitted else None,
        )


def _filter_columns(plan: imports._Plan, frame) -> dict[str, list] | None:
    """The columns choice filters read, as lists (None: the form has no filters)."""
    if not plan.filtered:
        return None
    names = set()
    for q in plan.filtered:
        names.add(q["name"])
        names.update(parent for _column, parent in q.get("filter_terms") or ())
    return {n: frame[n].to_list() for n in names if n in frame.columns}


def _row_filter_problems(plan: imports._Plan, filtered: dict[str, list], index: int) -> bool:
    answers = {n: v[index] for n, v in filtered.items() if v[index] is not None}
    problems: list[str] = []
    imports._filters(plan.filtered, answers, problems)
    return bool(problems)
