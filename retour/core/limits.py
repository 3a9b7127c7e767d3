"""Limits every parser of uploaded files applies before it parses.

Uploads come from staff, but a file can come from anywhere (a partner's export,
an attachment): a nested JSON document makes Python's parser recurse until it
crashes, an XLSX file is a ZIP archive that can unpack to gigabytes, and a CSV
cell can be as large as the file. Each check here runs in time linear in the
upload's size and raises :class:`InputRejected`, whose message names the file
and the reason, so callers turn it into a 4xx or a row-level report instead of
a 500 or a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop as _

from .problems import Problem, render_problem

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_XLSX_RATIO = 150  # well-formed spreadsheets compress 5-30x; bombs 1000x+
MAX_XLSX_MEMBERS = 2_000
MAX_COLUMNS = 2_000
MAX_CELL_CHARS = 131_072


class InputRejected(ValueError):
    """The file cannot be read safely.

    ``problem`` is the whole message ("file: reason", or "file, row N: reason")
    as a msgid and params, for a worker to store; ``str(exc)`` and ``reason``
    render it in the active language, for a caller answering a request.
    """

    def __init__(
        self, filename: str, cause: Problem, *, row: int | None = None, code: str = "limit"
    ):
        # ``code`` lets a caller word its own message ("unreadable" vs a limit).
        self.filename, self.cause, self.row, self.code = filename, cause, row, code
        if row is not None:
            self.problem = Problem(
                _("%(file)s, row %(row)d: %(reason)s"), file=filename, row=row, reason=cause
            )
        else:
            self.problem = Problem(_("%(file)s: %(reason)s"), file=filename, reason=cause)
        super().__init__(str(self.problem))

    @property
    def reason(self) -> str:
        return render_problem(self.cause)

    def __str__(self) -> str:
        return render_problem(self.problem)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_UPLOAD_BYTES
    max_json_depth: int = MAX_JSON_DEPTH
    max_unpacked: int = MAX_XLSX_UNPACKED_BYTES
    max_ratio: int = MAX_XLSX_RATIO
    max_columns: int = MAX_COLUMNS
    max_cell_chars: int = MAX_CELL_CHARS


DEFAULT = Limits()


def check_size(data: bytes | str, filename: str, limits: Limits | None = None) -> None:
    limits = limits or DEFAULT
    if len(data) > limits.max_bytes:
        raise InputRejected(
            filename,
            Problem(_("the file is larger than %(mb)d MB"), mb=limits.max_bytes // (1024 * 1024)),
        )


def json_depth(text: str) -> int:
    """Deepest nesting of arrays/objects, counted outside strings, in one pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def load_json(data: bytes | str, filename: str, limits: Limits | None = None) -> Any:
    """``json.loads`` that refuses oversized, undecodable or too deeply nested input."""
    limits = limits or DEFAULT
    check_size(data, filename, limits)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputRejected(filename, Problem(_("a JSON file must be UTF-8"))) from None
    if json_depth(data) > limits.max_json_depth:
        raise InputRejected(
            filename,
            Problem(_("the JSON is nested more than %(n)d levels deep"), n=limits.max_json_depth),
        )
    try:
        return json.loads(data)
    except ValueError as exc:
        raise InputRejected(filename, Problem(_("not valid JSON: %(error)s"), error=exc)) from None


def check_xlsx(data: bytes, filename: str, limits: Limits | None = None) -> None:
    """Refuse an XLSX archive that would unpack too large (a "zip bomb") before
    openpyxl or pyxform opens it. The sizes come from the archive's directory,
    which is read without decompressing anything."""
    limits = limits or DEFAULT
    check_size(data, filename, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputRejected(
            filename, Problem(_("not a readable XLSX file")), code="unreadable"
        ) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise InputRejected(filename, Problem(_("the XLSX archive has too many parts")))
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > limits.max_unpacked or unpacked / packed > limits.max_ratio:
        raise InputRejected(
            filename,
            Problem(
                _(
                    "the XLSX file would unpack to %(mb)d MB (%(ratio)d times its size); "
                    "save it again from a spreadsheet program or export CSV"
                ),
                mb=unpacked // (1024 * 1024),
                ratio=unpacked // packed,
            ),
        )


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV export, from its header line only.

    ``csv.Sniffer`` guesses a whole dialect and can switch off quote doubling,
    which silently alters free text (``he said "no", then left``). Exports from
    Kobo, ODK and spreadsheets all quote by doubling, so only the delimiter is
    detected: the candidate that occurs most often outside quotes in the header.
    """
    header, in_quotes = [], False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            break
        elif not in_quotes:
            header.append(ch)
    line = "".join(header)
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_reader(text: str, filename: str, limits: Limits | None = None):
    """A csv.reader over ``text`` with standard quoting and bounded cells and columns.

    Yields rows; raises :class:`InputRejected` naming the row (1 = header)
    when a row is malformed, too wide, or a cell too long.
    """
    limits = limits or DEFAULT
    check_size(text, filename, limits)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=sniff_delimiter(text),
        quotechar='"',
        doublequote=True,
        strict=False,
    )
    previous = csv.field_size_limit(limits.max_cell_chars)
    try:
        for row in reader:
            if len(row) > limits.max_columns:
                raise InputRejected(
                    filename,
                    Problem(_("more than %(n)d columns"), n=limits.max_columns),
                    row=reader.line_num,
                )
            yield row
    except csv.Error as exc:
        raise InputRejected(
            filename, Problem(_("unreadable CSV: %(error)s"), error=exc), row=reader.line_num
        ) from None
    finally:
        csv.field_size_limit(previous)


def csv_frame(text: str, data: bytes, delimiter: str, limits: Limits | None = None):
    """The cells of a CSV file read by polars (a DataFrame of text, the header
    its first row), or None when the file is not plainly well formed and
    ``csv_reader`` must read it.

    ``text`` is ``data`` decoded (already checked by ``check_size``).
    ``csv_reader`` (Python's csv module, ``strict=False``) is the reference:
    it accepts malformed files (a quote inside an unquoted cell, text after a
    closing quote, a lone CR as a line break, rows of other widths) and reads
    them in ways polars does not copy. Polars is used only when a scan of the
    bytes proves the file is in the form both read identically: every quote
    opens a cell (after a separator or a line break) or closes one (before
    them), quotes inside quoted cells are doubled, every record has as many
    cells as the header, no NUL, no CR outside CRLF, and no cell or row beyond
    the limits (those files go to ``csv_reader``, whose errors name the row).
    Both number records, not physical lines, so row numbers stay the same.
    """
    import numpy as np
    import polars as pl

    limits = limits or DEFAULT
    if len(delimiter) != 1 or delimiter in '\r\n"' or b"\0" in data:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(raw == ord('"'))
    if len(quotes) % 2:
        return None  # a quoted cell is never closed
    if len(quotes) and not _quotes_well_formed(raw, quotes, ord(delimiter)):
        return None
    # Separators and line breaks outside quotes (an even number of quotes before them).
    seps = np.flatnonzero(raw == ord(delimiter))
    breaks = np.flatnonzero(raw == ord("\n"))
    if len(quotes):
        seps = seps[np.searchsorted(quotes, seps) % 2 == 0]
        breaks = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    records = len(breaks) + (0 if data.endswith(b"\n") else 1)
    per_record = np.bincount(np.searchsorted(breaks, seps), minlength=records)
    width = int(per_record[0]) + 1
    if width < 2 or width > limits.max_columns:
        return None  # one column: a blank line is a row of no cells for csv_reader
    if len(per_record) != records or (per_record != width - 1).any():
        return None
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            infer_schema=False,
            separator=delimiter,
            quote_char='"',
            empty_string_is_null=False,
            truncate_ragged_lines=False,
            raise_if_empty=True,
        )
    except Exception:  # whatever polars refuses, csv_reader reads or names the row of
        return None
    if frame.height != records or frame.width != width:
        return None
    # One pass over the cells: the longest (the cell limit), and what they hold
    # in all, which must account for every byte of the file: the file less the
    # separators and line breaks outside quotes, and less every quote but those
    # a doubled pair leaves in a cell. No cell is null: every record is full.
    cells = pl.all().str
    in_cells = cells.count_matches('"', literal=True) if len(quotes) else cells.len_bytes() * 0
    stats = frame.select(
        cells.len_bytes().max().name.suffix("\0max"),
        cells.len_bytes().sum().name.suffix("\0len"),
        in_cells.sum().name.suffix("\0quotes"),
        pl.all().null_count().name.suffix("\0nulls"),
    ).row(0)
    longest, content = stats[:width], sum(stats[width : 2 * width])
    kept_quotes, nulls = sum(stats[2 * width : 3 * width]), sum(stats[3 * width :])
    if nulls or any((n or 0) > limits.max_cell_chars for n in longest):
        # (bytes, not characters: a cell near the limit is left to csv_reader too)
        return None  # a cell may be over the limit: csv_reader names its row
    crs = int(np.count_nonzero(raw[breaks[breaks > 0] - 1] == ord("\r")))
    removed = len(seps) + len(breaks) + crs + len(quotes) - kept_quotes
    if content != len(data) - removed:
        return None
    return frame


def _quotes_well_formed(raw, quotes, delimiter: int) -> bool:
    """Every run of quotes that starts outside a quoted cell follows a separator
    or a line break (it opens a cell), and every run after which the text is
    outside again precedes one (it closes the cell): no quote inside an unquoted
    cell, no text after a closing quote. Inside a quoted cell quotes come in
    pairs (doubled), so "outside" is an even number of quotes before."""
    import numpy as np

    # Runs of consecutive quotes: where each starts and ends in ``quotes``.
    starts = np.concatenate(([True], np.diff(quotes) != 1))
    first = np.flatnonzero(starts)
    last = np.concatenate((first[1:] - 1, [len(quotes) - 1]))
    opening = first % 2 == 0  # an even number of quotes before the run
    closing = (last + 1) % 2 == 0  # an even number up to and including it
    before = quotes[first] - 1
    after = quotes[last] + 1
    ends = np.array([delimiter, ord("\n"), ord("\r")], dtype=np.uint8)
    size = len(raw)
    prev = np.where(before >= 0, raw[np.clip(before, 0, size - 1)], ord("\n"))
    nxt = np.where(after < size, raw[np.clip(after, 0, size - 1)], ord("\n"))
    ok_open = ~opening | np.isin(prev, ends)
    ok_close = ~closing | np.isin(nxt, ends)
    return bool(ok_open.all() and ok_close.all())
