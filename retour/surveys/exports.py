"""Reading a Kobo/ODK export file (CSV or XLSX) into one table of headers and rows.

Kobo's XLSX export holds one sheet per repeat group, linked by
``_index``/``_parent_index``/``_parent_table_name``: those sheets become each row's
repeat rows. Every reader enforces the limits of ``retour.core.limits`` (size,
unpacked size and ratio, rows, columns, cells) and raises ``ExportError`` naming the
file and, where there is one, the row. Checking the rows against the form is
``imports.py``'s work.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop as _

from retour.core import limits

from .xlsform import Problem

MAX_REPEAT_ROWS = 1_000  # per submission: a household roster, not a data dump


class ExportError(ValueError):
    """The file itself cannot be read (not a row problem).

    ``problem`` keeps the msgid and params (stored with the import, shown in the
    reader's language); ``str(exc)`` is the English text.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def file_error(problem: Problem) -> dict[str, Any]:
    """The stored form of a problem with the whole file (no row), as the import
    page and the job page read it: English ``reason``, translatable ``msg``."""
    return {"row": None, "reason": str(problem), "msg": problem.as_json()}


def _file(filename: str, reason: str, **params: Any) -> ExportError:
    return ExportError(
        Problem(_("%(file)s: %(reason)s"), file=filename, reason=Problem(reason, **params))
    )


def _checked(func, *args):
    try:
        return func(*args)
    except limits.InputRejected as exc:
        raise ExportError(exc.problem) from None


def _rows_checked(reader: Iterator[list]) -> Iterator[list]:
    # A malformed row far down the file is a file problem with a row number.
    while True:
        row = _checked(next, reader, None)
        if row is None:
            return
        yield row


@dataclass
class RepeatRow:
    """One answer set of a repeat group, before checking."""

    repeat: str  # the repeat's name in the form (or its sheet name in an export)
    key: str  # position within the submission: "2", or "2.1" inside a nested repeat
    parent_key: str  # "" for a repeat directly in the submission
    values: dict[str, Any]  # column or path -> raw value
    where: str  # for messages: "household sheet, row 5" or "household[2]"


@dataclass
class Export:
    headers: list[str]
    rows: Iterator[list] | Sequence[list]
    # index of the main row (0-based) -> its repeat rows
    repeats: dict[int, list[RepeatRow]] = field(default_factory=dict)
    # What errors call each row (a server's submission id); spreadsheet rows if None.
    labels: list[str] | None = None
    # Every cell is text (a CSV file): the rows can be checked column-wise.
    plain_text: bool = False
    # The same rows as a polars frame of text, when polars read the file.
    frame: Any = None


class FrameRows(Sequence[list]):
    """The rows of a polars frame, each built as a list when asked for: the
    column-wise check reads the frame and asks only for the rows it must
    check one by one."""

    def __init__(self, frame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return self.frame.height

    def __getitem__(self, index):  # an int: rows are read one by one
        return list(self.frame.row(index))

    def __iter__(self) -> Iterator[list]:
        return map(list, self.frame.iter_rows())


def read_export(data: bytes, filename: str) -> tuple[list[str], Iterator[list]]:
    """Headers and an iterator of rows of the first sheet of a CSV or XLSX export."""
    export = read_export_full(data, filename, repeat_names=())
    return export.headers, iter(export.rows)


def read_export_full(data: bytes, filename: str, *, repeat_names=()) -> Export:
    """The main table and, for an XLSX export, the repeat sheets of ``repeat_names``."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, filename, repeat_names)
    if name.endswith((".csv", ".txt")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _file(filename, _("a CSV export must be UTF-8")) from exc
        # Only the delimiter is detected: a sniffed dialect can turn off quote
        # doubling and alter free text (see retour/core/limits.py).
        _checked(limits.check_size, text, filename)
        frame = limits.csv_frame(text, data, limits.sniff_delimiter(text))
        if frame is not None:  # a well-formed file, read by polars: the same cells
            body = frame.slice(1)
            headers = [str(h).strip() for h in frame.row(0)]
            return Export(headers, FrameRows(body), plain_text=True, frame=body)
        reader = limits.csv_reader(text, filename)
        header = _checked(next, reader, None)
        if not header:
            raise _file(filename, _("the file is empty"))
        return Export([h.strip() for h in header], _rows_checked(reader), plain_text=True)
    raise _file(filename, _("expected a .csv or .xlsx export"))


def _read_xlsx(data: bytes, filename: str, repeat_names) -> Export:
    from openpyxl import load_workbook

    _checked(limits.check_xlsx, data, filename)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise _file(filename, _("not a readable XLSX file")) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise _file(filename, _("the first sheet is empty"))
    headers = [str(h or "").strip() for h in header]
    body = [list(r) for r in rows]
    export = Export(headers, body)
    # Excel caps sheet names at 31 characters; Kobo truncates repeat names to fit.
    wanted = {n[:31]: n for n in repeat_names}
    sheets = {s.title: s for s in wb.worksheets[1:] if s.title in wanted}
    if sheets:
        _attach_repeat_sheets(export, sheets, wanted, filename)
    return export


def _attach_repeat_sheets(export: Export, sheets, wanted: dict, filename: str) -> None:
    """Kobo's repeat sheets: ``_index`` numbers rows of each table from 1 and
    ``_parent_index`` points at the parent table's ``_index`` (the main sheet's
    for a first-level repeat, named by ``_parent_table_name``)."""
    main_index = _index_column(export.headers)
    if main_index is None:
        raise _file(filename, _("the main sheet has no _index column to link repeats"))
    main_pos = {str(_plain(r[main_index])): i for i, r in enumerate(export.rows)}
    keys: dict[tuple[str, str], tuple[int, str]] = {}  # (table, _index) -> (main row, key)
    counters: dict[tuple[int, str, str], int] = {}
    pending = dict(sheets)
    # Parents before children: a sheet waits until its parent table is known.
    for _round in range(len(pending) + 1):
        for title, sheet in list(pending.items()):
            rows = sheet.iter_rows(values_only=True)
            header = [str(h or "").strip() for h in next(rows, None) or []]
            col = {h: i for i, h in enumerate(header)}
            if "_parent_index" not in col or "_index" not in col:
                raise _file(
                    filename, _("sheet %(sheet)s has no _index/_parent_index"), sheet=repr(title)
                )
            body = [list(r) for r in rows]
            parents = (
                {str(r[col["_parent_table_name"]] or "") for r in body} - {""}
                if ("_parent_table_name" in col)
                else set()
            )
            if any(p in pending and p != title for p in parents):
                continue
            for line, row in enumerate(body, start=2):
                if not any(v not in (None, "") for v in row):
                    continue
                parent_table = (
                    str(row[col["_parent_table_name"]] or "") if "_parent_table_name" in col else ""
                )
                parent_index = str(_plain(row[col["_parent_index"]]))
                where = f"{title} sheet, row {line}"
                if parent_table in sheets or (parent_table, parent_index) in keys:
                    found = keys.get((parent_table, parent_index))
                    if found is None:
                        raise _file(
                            filename,
                            _("%(sheet)s sheet, row %(row)d: no parent row %(parent)s"),
                            sheet=title,
                            row=line,
                            parent=parent_index,
                        )
                    main, parent_key = found
                else:
                    position = main_pos.get(parent_index)
                    parent_key = ""
                    if position is None:
                        raise _file(
                            filename,
                            _("%(sheet)s sheet, row %(row)d: no submission with _index %(parent)s"),
                            sheet=title,
                            row=line,
                            parent=parent_index,
                        )
                    main = position
                n = counters[(main, title, parent_key)] = (
                    counters.get((main, title, parent_key), 0) + 1
                )
                key = f"{parent_key}.{n}" if parent_key else str(n)
                keys[(title, str(_plain(row[col["_index"]])))] = (main, key)
                values = {h: row[i] for i, h in enumerate(header) if i < len(row) and h}
                export.repeats.setdefault(main, []).append(
                    RepeatRow(wanted[title], key, parent_key, values, where)
                )
            del pending[title]
        if not pending:
            break


def _index_column(headers: list[str]) -> int | None:
    return headers.index("_index") if "_index" in headers else None


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
