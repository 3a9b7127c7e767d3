"""XLSForm parsing (pyxform) and answer validation against the parsed form.

Retour supports the question types monitoring forms use: text, integer,
decimal, select_one, select_multiple and date. Groups are flattened. Notes
and metadata (start, end, today, deviceid, calculate) carry no answer to
validate and are skipped. Other types (geopoint, image, …) are listed as
unsupported warnings and ignored on entry and import.

Not evaluated: ``relevant`` (skip logic) and XPath ``constraint`` expressions.
Web entry shows every question; import checks type, choice and "required".
A required question hidden by skip logic in Kobo/ODK will therefore be
reported as missing: mark such questions not required, or leave them out.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyxform import xls2xform
from pyxform.errors import PyXFormError

from retour.core import limits

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
}
SKIPPED = {
    "note",
    "calculate",
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


class XLSFormError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass
class ParsedForm:
    title: str
    form_id: str
    version: str
    questions: list[dict]
    warnings: list[str] = field(default_factory=list)


def _text(label) -> str:
    """Labels may be per language ({"English (en)": "…"}): prefer English."""
    if isinstance(label, dict):
        for key, value in label.items():
            if key.lower().startswith(("english", "en", "default")):
                return str(value)
        return str(next(iter(label.values()), ""))
    return str(label or "")


def _walk(children, warnings, prefix=""):
    for child in children or []:
        kind = child.get("type", "")
        name = child.get("name", "")
        if kind in ("group",):
            yield from _walk(child.get("children"), warnings, prefix)
            continue
        if kind == "repeat":
            raise XLSFormError(
                [f"question {name!r}: repeat groups are not supported for monitoring surveys"]
            )
        if kind in SKIPPED or name == "meta":
            continue
        if kind not in SUPPORTED:
            warnings.append(f"question {name!r}: type {kind!r} is not supported and is ignored")
            continue
        required = str(child.get("bind", {}).get("required", "")).strip().lower()
        question = {
            "name": name,
            "type": SUPPORTED[kind],
            "label": _text(child.get("label")) or name,
            "hint": _text(child.get("hint")),
            "required": required in ("yes", "true", "true()", "1"),
        }
        if question["type"] in ("select_one", "select_multiple"):
            choices = child.get("choices") or []
            if not choices:
                raise XLSFormError(
                    [f"question {name!r}: choices from a file or a filter are not supported"]
                )
            question["choices"] = [[str(c["name"]), _text(c.get("label"))] for c in choices]
        yield question


def parse_xlsform(data: bytes, *, filename: str = "form.xlsx") -> ParsedForm:
    """Parse XLSForm bytes (xlsx, xls or csv); raise XLSFormError with clear reasons."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ".xlsx"
    if suffix not in (".xlsx", ".xls", ".csv", ".xlsm"):
        raise XLSFormError([f"{filename}: an XLSForm is an .xlsx, .xls or .csv file"])
    warnings: list[str] = []
    try:
        if suffix in (".xlsx", ".xlsm"):
            limits.check_xlsx(data, filename)
        else:
            limits.check_size(data, filename)
    except limits.InputRejected as exc:
        if exc.code == "unreadable":
            raise XLSFormError([f"{filename}: not a readable XLSForm workbook"]) from None
        raise XLSFormError([str(exc)]) from None
    try:
        result = xls2xform.convert(
            io.BytesIO(data), validate=False, file_type=suffix, warnings=warnings
        )
    except PyXFormError as exc:
        message = str(exc)
        if "not recognized as a supported type" in message:
            message = f"{filename}: not a readable XLSForm workbook"
        raise XLSFormError([message]) from exc
    except Exception as exc:
        raise XLSFormError(
            [f"{filename}: not a readable XLSForm ({exc.__class__.__name__})"]
        ) from exc
    tree = result._pyxform
    questions = list(_walk(tree.get("children"), warnings))
    if not questions:
        raise XLSFormError(["the survey sheet has no supported questions"])
    names = [q["name"] for q in questions]
    if "case_number" not in names:
        raise XLSFormError(
            ["the form needs a text question named 'case_number' to match answers to cases"]
        )
    return ParsedForm(
        title=str(tree.get("title") or tree.get("id_string") or "Survey"),
        form_id=str(tree.get("id_string") or "survey"),
        version=str(tree.get("version") or ""),
        questions=questions,
        warnings=warnings,
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
            return None, "missing required answer"
        return None, None
    kind = question["type"]
    if kind == "text":
        # Free text is kept exactly as written (spaces, line breaks, quotes):
        # the person's words are data, not input to tidy.
        return str(raw), None
    if kind == "integer":
        if isinstance(raw, bool):
            return None, f"{raw!r} is not a whole number"
        if isinstance(raw, int):
            return raw, None
        if isinstance(raw, float):
            return (
                (int(raw), None) if raw.is_integer() else (None, f"{raw!r} is not a whole number")
            )
        text = str(raw).strip()
        if _INT_RE.match(text):
            return int(text), None
        if re.match(r"^[+-]?\d+\.0+$", text):
            return int(float(text)), None
        return None, f"{text!r} is not a whole number"
    if kind == "decimal":
        try:
            value = (
                float(str(raw).strip().replace(",", "."))
                if not isinstance(raw, (int, float))
                else float(raw)
            )
        except ValueError:
            return None, f"{raw!r} is not a number"
        if value != value or value in (float("inf"), float("-inf")):
            return None, f"{raw!r} is not a number"
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
            return None, f"{text!r} is not a date (YYYY-MM-DD)"
    choices = question.get("_choice_set") or {c[0] for c in question["choices"]}
    if kind == "select_one":
        text = _choice_text(raw)
        if text not in choices:
            return None, f"unknown choice {text!r} (expected one of {', '.join(sorted(choices))})"
        return text, None
    if kind == "select_multiple":
        values = raw if isinstance(raw, (list, tuple)) else str(raw).split()
        values = [_choice_text(v) for v in values]
        unknown = [v for v in values if v not in choices]
        if unknown:
            return (
                None,
                f"unknown choice {unknown[0]!r} (expected some of {', '.join(sorted(choices))})",
            )
        return list(dict.fromkeys(values)), None
    return None, f"unsupported question type {kind!r}"


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
