"""XLSForm parsing (pyxform) and answer validation against the parsed form.

Retour supports the question types monitoring forms use: text, integer,
decimal, select_one, select_multiple and date, plus ``hidden`` and
``calculate`` fields (pre-filled or computed values, e.g. a case reference
passed to Kobo/ODK in the form link: kept as text, never shown in web entry).
Groups are flattened (each question keeps its group ``path``, the key Kobo's
JSON uses). **Repeat groups** become ``repeats``: each has its own questions,
and their answers are stored per repeat row, linked to the submission.
Notes and metadata (start, end, today, deviceid) carry no answer and are
skipped. Other types (geopoint, image, …) are listed as warnings and ignored.

``choice_filter`` (cascading selects) is kept: an answer must be in the list,
and where the filter is the common ``column = ${question}`` form (or several
joined by ``and``) the answer must also match the filtered choices. Other
filter expressions are not evaluated (the answer must still be in the list).

Not evaluated: ``relevant`` (skip logic) and XPath ``constraint`` expressions.
A required question hidden by skip logic in Kobo/ODK is therefore reported as
missing: mark such questions not required, or leave them out.

Errors name the sheet and row pyxform reported, with pyxform's own message.
When ``RETOUR_XLSFORM_ODK_VALIDATE`` is on (default: when ``java`` is on the
PATH) the XForm is also checked by ODK Validate, the checker Kobo and ODK
Central run (bundled with pyxform), which catches broken XPath in
relevant/constraint/calculate columns.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _
from pyxform import xls2xform
from pyxform.errors import PyXFormError

from retour.core import limits
from retour.core.problems import Problem

# The sample monitoring form (built by forms/build_monitoring_2015.py).
SAMPLE_FORM = Path(__file__).resolve().parent / "forms" / "monitoring_2015.xlsx"

SUPPORTED = {
    "text": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "date": "date",
    # Values Kobo/ODK fill in themselves (a case reference in the form link,
    # a computed score): text answers that web entry never asks for.
    "hidden": "text",
    "calculate": "text",
}
HIDDEN_KINDS = {"hidden", "calculate"}
SKIPPED = {
    "note",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
}
# Question types that can carry a case number (chosen when importing).
CASE_KEY_TYPES = {"text", "integer"}
_ROW_RE = re.compile(r"^\[row\s*:\s*(\d+)\]\s*")
_SHEET_RE = re.compile(r"[Oo]n the '([\w-]+)' sheet")
_FILTER_TERM = re.compile(r"^\s*([A-Za-z_][\w.-]*)\s*=\s*\$\{([A-Za-z_][\w.-]*)\}\s*$")


@dataclass(frozen=True)
class FormProblem:
    """One reason pyxform (or ODK Validate) refused the form, where it points."""

    message: str
    sheet: str = ""
    row: int | None = None

    def __str__(self) -> str:
        where = ", ".join(
            p for p in (f"{self.sheet} sheet" if self.sheet else "", _row(self.row)) if p
        )
        return f"{where}: {self.message}" if where else self.message


def _row(row: int | None) -> str:
    return f"row {row}" if row is not None else ""


class XLSFormError(ValueError):
    def __init__(self, errors: list[str | FormProblem]):
        self.problems = [e if isinstance(e, FormProblem) else FormProblem(str(e)) for e in errors]
        self.errors = [str(p) for p in self.problems]
        super().__init__("; ".join(self.errors))


@dataclass
class ParsedForm:
    title: str
    form_id: str
    version: str
    questions: list[dict]
    warnings: list[str] = field(default_factory=list)
    repeats: list[dict] = field(default_factory=list)
    # The question that names the case by default (can be changed per import).
    case_question: str = ""
    round_question: str = ""


def problem_from(message: str) -> FormProblem:
    """pyxform writes "[row : 5] On the 'choices' sheet, ..."; split that apart."""
    message = message.strip()
    row = None
    match = _ROW_RE.match(message)
    if match:
        row = int(match.group(1))
        message = message[match.end() :]
    sheet = ""
    found = _SHEET_RE.search(message)
    if found:
        sheet = found.group(1)
    elif row is not None:
        sheet = "survey"  # pyxform's row numbers without a sheet are the survey's
    return FormProblem(message=message, sheet=sheet, row=row)


def _text(label) -> str:
    """Labels may be per language ({"English (en)": "…"}): prefer English."""
    if isinstance(label, dict):
        for key, value in label.items():
            if key.lower().startswith(("english", "en", "default")):
                return str(value)
        return str(next(iter(label.values()), ""))
    return str(label or "")


def parse_filter(expression: str) -> list[list[str]]:
    """``region = ${region} and kind=${kind}`` -> [["region", "region"], ["kind", "kind"]].
    Empty when the expression is anything else (then it is not evaluated)."""
    terms = [t for t in re.split(r"\s+and\s+", expression.strip()) if t]
    pairs = [_FILTER_TERM.match(t) for t in terms]
    if not terms or not all(pairs):
        return []
    return [[m.group(1), m.group(2)] for m in pairs if m is not None]


def _question(child: dict, kind: str, path: str, warnings: list[str]) -> dict:
    name = child.get("name", "")
    required = str(child.get("bind", {}).get("required", "")).strip().lower()
    question = {
        "name": name,
        "path": path,
        "type": SUPPORTED[kind],
        "label": _text(child.get("label")) or name,
        "hint": _text(child.get("hint")),
        "required": required in ("yes", "true", "true()", "1"),
    }
    if kind in HIDDEN_KINDS:
        question["hidden"] = True
        question["required"] = False
    if question["type"] in ("select_one", "select_multiple"):
        choices = child.get("choices") or []
        if not choices:
            raise XLSFormError(
                [FormProblem(f"question {name!r}: choices from a file are not supported", "survey")]
            )
        question["choices"] = [[str(c["name"]), _text(c.get("label"))] for c in choices]
        expression = str(child.get("choice_filter") or "").strip()
        if expression:
            terms = parse_filter(expression)
            question["choice_filter"] = expression
            if terms:
                columns = {column for column, _q in terms}
                question["filter_terms"] = terms
                # value -> {column: value}: what the choices sheet says of each choice.
                question["choice_attrs"] = {
                    str(c["name"]): {k: str(c.get(k, "")) for k in columns} for c in choices
                }
            else:
                warnings.append(
                    f"question {name!r}: choice_filter {expression!r} is not checked on import "
                    "(only 'column = ${{question}}' filters are)"
                )
    return question


def _walk(children, warnings, repeats, *, prefix="", repeat=None):
    """Yield the questions outside repeats; append each repeat (with its own
    questions) to ``repeats``. Nested repeats name their parent."""
    for child in children or []:
        kind = child.get("type", "")
        name = child.get("name", "")
        path = f"{prefix}{name}"
        if kind == "group":
            if name == "meta":
                continue
            yield from _walk(
                child.get("children"), warnings, repeats, prefix=f"{path}/", repeat=repeat
            )
            continue
        if kind == "repeat":
            entry = {
                "name": name,
                "path": path,
                "label": _text(child.get("label")) or name,
                "parent": repeat or "",
                "questions": [],
            }
            repeats.append(entry)
            entry["questions"] = list(
                _walk(child.get("children"), warnings, repeats, prefix=f"{path}/", repeat=name)
            )
            continue
        if kind in SKIPPED:
            continue
        if kind not in SUPPORTED:
            warnings.append(f"question {name!r}: type {kind!r} is not supported and is ignored")
            continue
        yield _question(child, kind, path, warnings)


def _odk_validate() -> bool:
    wanted = getattr(settings, "RETOUR_XLSFORM_ODK_VALIDATE", None)
    if wanted is None:
        return shutil.which("java") is not None
    return bool(wanted)


def _convert(data: bytes, filename: str, suffix: str, warnings: list[str]):
    validate = _odk_validate()
    try:
        return xls2xform.convert(
            io.BytesIO(data), validate=validate, file_type=suffix, warnings=warnings
        )
    except PyXFormError as exc:
        message = str(exc)
        if "not recognized as a supported type" in message:
            raise XLSFormError([f"{filename}: not a readable XLSForm workbook"]) from exc
        raise XLSFormError([problem_from(m) for m in message.split("\n") if m.strip()]) from exc
    except Exception as exc:
        if exc.__class__.__name__ == "ODKValidateError":
            lines = [
                line.strip(" :>")
                for line in str(exc).splitlines()
                if line.strip(" :>")
                and not line.startswith(("ODK Validate Errors", "The following files", "${tmp"))
                and not line.startswith("Result:")
            ]
            raise XLSFormError(
                [FormProblem(f"ODK Validate: {line}", "survey") for line in lines[:20]]
            ) from exc
        raise XLSFormError(
            [f"{filename}: not a readable XLSForm ({exc.__class__.__name__})"]
        ) from exc


def parse_xlsform(data: bytes, *, filename: str = "form.xlsx") -> ParsedForm:
    """Parse XLSForm bytes (xlsx, xls or csv); raise XLSFormError with clear reasons."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ".xlsx"
    if suffix not in (".xlsx", ".xls", ".csv", ".xlsm"):
        # The upload is parsed in the request: its language is the reader's.
        raise XLSFormError(
            [gettext("%(file)s: an XLSForm is an .xlsx, .xls or .csv file") % {"file": filename}]
        )
    warnings: list[str] = []
    try:
        if suffix in (".xlsx", ".xlsm"):
            limits.check_xlsx(data, filename)
        else:
            limits.check_size(data, filename)
    except limits.InputRejected as exc:
        if exc.code == "unreadable":
            raise XLSFormError(
                [gettext("%(file)s: not a readable XLSForm workbook") % {"file": filename}]
            ) from None
        raise XLSFormError([str(exc)]) from None
    result = _convert(data, filename, suffix, warnings)
    tree = result._pyxform
    repeats: list[dict] = []
    questions = list(_walk(tree.get("children"), warnings, repeats))
    if not questions and not any(r["questions"] for r in repeats):
        raise XLSFormError([FormProblem("the survey sheet has no supported questions", "survey")])
    names = [q["name"] for q in questions]
    keys = [q["name"] for q in questions if q["type"] in CASE_KEY_TYPES]
    if not keys:
        raise XLSFormError(
            [
                FormProblem(
                    "no text, integer or hidden question outside repeats can name the case "
                    "(e.g. a hidden field 'case_ref' pre-filled in the form link)",
                    "survey",
                )
            ]
        )
    hidden = [q["name"] for q in questions if q.get("hidden") and q["type"] in CASE_KEY_TYPES]
    case_question = "case_number" if "case_number" in names else (hidden or [""])[0]
    return ParsedForm(
        title=str(tree.get("title") or tree.get("id_string") or "Survey"),
        form_id=str(tree.get("id_string") or "survey"),
        version=str(tree.get("version") or ""),
        questions=questions,
        warnings=warnings,
        repeats=repeats,
        case_question=case_question,
        round_question="round" if "round" in names else "",
    )


# -- answers -------------------------------------------------------------------------------------
_INT_RE = re.compile(r"^[+-]?\d+$")


def clean_answer(question: dict, raw):
    """Return (value, error). ``value`` is None for an empty answer.

    ``raw`` comes from a CSV cell, an XLSX cell (number, datetime) or a form
    field; the cleaned value is JSON-serialisable.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if question.get("required"):
            return None, Problem(_("missing required answer"))
        return None, None
    kind = question["type"]
    if kind == "text":
        # Free text is kept exactly as written (spaces, line breaks, quotes):
        # the person's words are data, not input to tidy.
        return str(raw), None
    if kind == "integer":
        if isinstance(raw, bool):
            return None, Problem(_("%(value)s is not a whole number"), value=repr(raw))
        if isinstance(raw, int):
            return raw, None
        if isinstance(raw, float):
            return (
                (int(raw), None)
                if raw.is_integer()
                else (None, Problem(_("%(value)s is not a whole number"), value=repr(raw)))
            )
        text = str(raw).strip()
        if _INT_RE.match(text):
            return int(text), None
        if re.match(r"^[+-]?\d+\.0+$", text):
            return int(float(text)), None
        return None, Problem(_("%(value)s is not a whole number"), value=repr(text))
    if kind == "decimal":
        try:
            value = (
                float(str(raw).strip().replace(",", "."))
                if not isinstance(raw, (int, float))
                else float(raw)
            )
        except ValueError:
            return None, Problem(_("%(value)s is not a number"), value=repr(raw))
        if value != value or value in (float("inf"), float("-inf")):
            return None, Problem(_("%(value)s is not a number"), value=repr(raw))
        return value, None
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat(), None
        if isinstance(raw, dt.date):
            return raw.isoformat(), None
        text = str(raw).strip()
        try:
            # Kobo and ODK write ISO dates; submission times carry a time part.
            return dt.date.fromisoformat(text[:10]).isoformat(), None
        except ValueError:
            return None, Problem(_("%(value)s is not a date (YYYY-MM-DD)"), value=repr(text))
    choices = question.get("_choice_set") or {c[0] for c in question["choices"]}
    if kind == "select_one":
        text = _choice_text(raw)
        if text not in choices:
            return None, Problem(
                _("unknown choice %(value)s (expected one of %(choices)s)"),
                value=repr(text),
                choices=", ".join(sorted(choices)),
            )
        return text, None
    if kind == "select_multiple":
        values = raw if isinstance(raw, (list, tuple)) else str(raw).split()
        values = [_choice_text(v) for v in values]
        unknown = [v for v in values if v not in choices]
        if unknown:
            return (
                None,
                Problem(
                    _("unknown choice %(value)s (expected some of %(choices)s)"),
                    value=repr(unknown[0]),
                    choices=", ".join(sorted(choices)),
                ),
            )
        return list(dict.fromkeys(values)), None
    return None, Problem(_("unsupported question type %(type)s"), type=repr(kind))


def _choice_text(raw) -> str:
    # An XLSX cell holding choice "1" arrives as the number 1.0.
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def prepare(questions: list[dict]) -> list[dict]:
    """Questions with a precomputed choice set (hot path of large imports)."""
    out = []
    for q in questions:
        q = dict(q)
        if "choices" in q:
            q["_choice_set"] = frozenset(c[0] for c in q["choices"])
        out.append(q)
    return out


def filter_error(question: dict, value, answers: dict) -> str | None:
    """Why a cascading-select answer does not fit the answers it is filtered by.

    ``answers`` are the cleaned answers of the same submission (or repeat row
    with its submission's answers underneath). An unanswered parent question
    filters nothing.
    """
    terms = question.get("filter_terms")
    if not terms or value is None:
        return None
    attrs = question.get("choice_attrs") or {}
    for choice in value if isinstance(value, list) else [value]:
        row = attrs.get(choice, {})
        for column, parent in terms:
            wanted = answers.get(parent)
            if wanted is None or isinstance(wanted, list):
                continue
            if row.get(column, "") != str(wanted):
                return Problem(
                    _(
                        "choice %(choice)s is not offered when %(parent)s is %(wanted)s (choice_filter %(filter)s)"
                    ),
                    choice=repr(choice),
                    parent=parent,
                    wanted=repr(wanted),
                    filter=question["choice_filter"],
                )
    return None


def case_key_questions(questions: list[dict]) -> list[dict]:
    """Questions an import may use to find the case (text, integer, hidden, calculate)."""
    return [q for q in questions if q["type"] in CASE_KEY_TYPES]
