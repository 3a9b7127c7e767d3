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
