"""The campaign exchange schema: one validator for JSON, CSV and XLSX imports.

docs/campaigns-schema.md documents it. Every problem is reported with where it
is (record/row and field), the value and the reason, so a whole file can be
fixed in one pass; the services import nothing when any problem remains.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from django.core.exceptions import ValidationError

from retour.orgs.validators import normalise_country, normalise_language

from .choices import (
    AudienceGroup,
    CampaignStatus,
    Channel,
    DatePrecision,
    EvaluationLevel,
    Gender,
    Provenance,
    ReachUnit,
)

SCHEMA_VERSION = "retour.campaigns/1"
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)
MAX_AMOUNT = Decimal("999999999999.99")

TEXT_FIELDS = (
    "title",
    "title_language",
    "implementing_organisation",
    "subnational_areas",
    "period_as_stated",
    "cost_as_stated",
    "target_audience_as_stated",
    "objectives",
    "key_messages",
    "channels_as_stated",
    "evaluation_methods",
    "effectiveness_as_stated",
    "perceived_success",
    "reception",
    "lessons",
    "claim",
    "source_reference",
    "source_excerpt",
    "external_id",
)
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
LIST_FIELDS = ("countries", "languages", "channels", "implementing_partners", "links")
MAX_LENGTHS = {
    "title": 400,
    "title_language": 3,
    "implementing_organisation": 300,
    "source_reference": 400,
    "external_id": 80,
}


@dataclass(frozen=True)
class Problem:
    where: str  # "record 3", "campaigns row 4", "costs row 2"
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, {self.field} = {self.value!r}: {self.reason}"


class ImportRejected(Exception):
    """Nothing was imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        super().__init__(f"{len(problems)} problem(s); nothing was imported: {first}")


# --- scalar parsers: each returns the clean value or raises ValueError(reason) -------


def parse_amount(value: Any) -> Decimal | None:
    """Amounts as people write them: 40 000, 49.780, 59.700,00, 39,894.75, 51748,70.

    A single separator followed by exactly three digits is a thousands separator
    (European "49.780" and English "49,785" are both 49780); otherwise the last
    separator is the decimal mark.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", " ").replace("€", "").strip()
        text = re.sub(r"\s*(EUR|EURO|EUROS)$", "", text, flags=re.I).replace(" ", "")
        if not re.fullmatch(r"[0-9][0-9.,']*", text):
            raise ValueError("not an amount (digits with optional , or . separators)")
        text = text.replace("'", "")
        seps = [i for i, ch in enumerate(text) if ch in ".,"]
        if seps:
            last = seps[-1]
            kinds = {text[i] for i in seps}
            tail = len(text) - last - 1
            if len(kinds) == 2:
                decimal_mark = text[last]
                text = text.replace("." if decimal_mark == "," else ",", "")
                text = text.replace(decimal_mark, ".")
            elif len(seps) == 1 and tail != 3:
                text = text.replace(text[last], ".")
            elif len(seps) > 1 and tail != 3:
                raise ValueError("ambiguous separators")
            else:
                text = text.replace(text[last], "")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError("not an amount") from exc
    if number < 0:
        raise ValueError("amounts cannot be negative")
    if number > MAX_AMOUNT:
        raise ValueError("amount too large")
    return number.quantize(Decimal("0.01"))


def parse_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError("not a date: use YYYY-MM-DD") from exc


def parse_currency(value: Any) -> str:
    code = str(value or "").strip().upper()
    if code not in CURRENCIES:
        raise ValueError("unknown currency: use an ISO 4217 code such as EUR or USD")
    return code


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in ("", "0", "false", "no", "n"):
        return False
    if text in ("1", "true", "yes", "y"):
        return True
    raise ValueError("not a yes/no value (true/false, yes/no, 1/0)")


def parse_int(value: Any, *, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip().replace(",", "").replace(" ", "").split(".")[0])
    except ValueError as exc:
        raise ValueError("not a whole number") from exc
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("not a whole number")
    if number < minimum:
        raise ValueError(f"must be at least {minimum}")
    if number > 2_000_000_000:
        raise ValueError("number too large")
    return number


def split_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [_clean_text(v) for v in value if _clean_text(v)]
    return [_clean_text(part) for part in str(value).split(";") if _clean_text(part)]


def _clean_text(value: Any) -> str:
    # NUL never belongs in text and PostgreSQL refuses it.
    return "" if value is None else str(value).replace("\x00", "").strip()


def _choice(value: Any, choices, label: str, default=None):
    text = str(value if value is not None else "").strip().lower()
    if not text and default is not None:
        return default
    if text not in choices.values:
        raise ValueError(f"unknown {label}; expected one of: {', '.join(choices.values)}")
    return text


# --- records --------------------------------------------------------------------


class _Collector:
    def __init__(self, where: str):
        self.where = where
        self.problems: list[Problem] = []

    def run(self, field: str, value: Any, func, *args, **kwargs):
        try:
            return func(value, *args, **kwargs)
        except (ValueError, ValidationError) as exc:
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.problems.append(Problem(self.where, field, _short(value), reason))
            return None


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _country(value):
    return normalise_country(value)


def _language(value):
    return normalise_language(value)


def clean_cost(raw: dict, where: str, default_currency: str) -> tuple[dict, list[Problem]]:
    c = _Collector(where)
    out: dict[str, Any] = {
        "label": _clean_text(raw.get("label"))[:200],
        "funder": _clean_text(raw.get("funder"))[:200],
        "note": _clean_text(raw.get("note"))[:400],
    }
    out["amount"] = c.run("amount", raw.get("amount"), parse_amount)
    currency = raw.get("currency") or default_currency
    out["currency"] = c.run("currency", currency, parse_currency)
    out["is_cofunding"] = bool(c.run("is_cofunding", raw.get("is_cofunding"), parse_bool))
    out["is_estimate"] = bool(c.run("is_estimate", raw.get("is_estimate"), parse_bool))
    out["range_low"] = c.run("range_low", raw.get("range_low"), parse_amount)
    out["range_high"] = c.run("range_high", raw.get("range_high"), parse_amount)
    if out["range_low"] is not None and out["range_high"] is not None:
        if out["range_high"] < out["range_low"]:
            c.problems.append(
                Problem(where, "range_high", _short(raw.get("range_high")), "below range_low")
            )
        out["is_estimate"] = True  # a range is an estimate by definition
    # Conversion: only when asked, and only with its rate and date.
    convert_to = str(raw.get("convert_to") or "").strip()
    rate = raw.get("fx_rate")
    out.update(original_amount=None, original_currency="", fx_rate=None, fx_date=None)
    if convert_to or (rate not in (None, "")):
        target = c.run("convert_to", convert_to, parse_currency)
        fx_rate = c.run("fx_rate", rate, _parse_rate)
        fx_date = c.run("fx_date", raw.get("fx_date"), parse_date)
        if fx_date is None and not any(p.field == "fx_date" for p in c.problems):
            c.problems.append(
                Problem(where, "fx_date", "", "a conversion must state the date of its rate")
            )
        if target and fx_rate and fx_date and out["amount"] is not None and out["currency"]:
            out.update(
                original_amount=out["amount"],
                original_currency=out["currency"],
                fx_rate=fx_rate,
                fx_date=fx_date,
                amount=(out["amount"] * fx_rate).quantize(Decimal("0.01")),
                currency=target,
            )
            note = f"converted from {out['original_amount']} {out['original_currency']} at {fx_rate} on {fx_date.isoformat()}"
            if "converted from" not in out["note"]:
                out["note"] = (f"{out['note']}; {note}" if out["note"] else note)[:400]
    return out, c.problems


def _parse_rate(value: Any) -> Decimal:
    try:
        rate = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError("not a rate") from exc
    if rate <= 0 or rate > Decimal("100000000"):
        raise ValueError("a rate must be positive")
    return rate.quantize(Decimal("0.000001"))


def clean_reach(raw: dict, where: str) -> tuple[dict, list[Problem]]:
    c = _Collector(where)
    out = {
        "channel": c.run("channel", raw.get("channel") or "", _opt_channel),
        "value": c.run("value", raw.get("value"), parse_int),
        "unit": c.run("unit", raw.get("unit"), _choice, ReachUnit, "unit"),
        "is_minimum": bool(c.run("is_minimum", raw.get("is_minimum"), parse_bool)),
        "is_estimate": bool(c.run("is_estimate", raw.get("is_estimate"), parse_bool)),
        "how_counted": _clean_text(raw.get("how_counted"))[:400],
    }
    if out["value"] is None and not any(p.field == "value" for p in c.problems):
        c.problems.append(Problem(where, "value", "", "a reach figure needs a value"))
    return out, c.problems


def _opt_channel(value):
    return "" if not str(value).strip() else _choice(value, Channel, "channel")


def clean_audience(raw: dict, where: str) -> tuple[dict, list[Problem]]:
    c = _Collector(where)
    out = {
        "group": c.run("group", raw.get("group"), _choice, AudienceGroup, "audience group"),
        "age_min": c.run("age_min", raw.get("age_min"), parse_int),
        "age_max": c.run("age_max", raw.get("age_max"), parse_int),
        "gender": c.run("gender", raw.get("gender"), _choice, Gender, "gender", Gender.ANY),
        "note": _clean_text(raw.get("note"))[:300],
    }
    if (
        out["age_min"] is not None
        and out["age_max"] is not None
        and out["age_max"] < out["age_min"]
    ):
        c.problems.append(Problem(where, "age_max", _short(raw.get("age_max")), "below age_min"))
    return out, c.problems


def clean_record(raw: dict, where: str) -> tuple[dict, list[Problem]]:
    """Validate one campaign record (nested form, as in the JSON file)."""
    if not isinstance(raw, dict):
        return {}, [Problem(where, "", _short(raw), "a record must be an object")]
    c = _Collector(where)
    out: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = raw.get(name)
        text = _clean_text(value)
        limit = MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            c.problems.append(Problem(where, name, _short(text), f"longer than {limit} characters"))
        out[name] = text
    if not out["title"]:
        c.problems.append(Problem(where, "title", "", "a campaign needs a title"))
    if out["title_language"]:
        out["title_language"] = c.run("title_language", out["title_language"], _language) or ""
    for name in DATE_FIELDS:
        out[name] = c.run(name, raw.get(name), parse_date)
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if out[start] and out[end] and out[end] < out[start]:
            c.problems.append(Problem(where, end, str(out[end]), f"before {start}"))
    out["date_precision"] = c.run(
        "date_precision", raw.get("date_precision"), _choice, DatePrecision, "precision", "day"
    )
    out["status"] = c.run(
        "status", raw.get("status"), _choice, CampaignStatus, "status", CampaignStatus.UNKNOWN
    )
    duration = raw.get("duration_months")
    out["duration_months"] = c.run("duration_months", duration, _parse_duration)
    out["countries"] = [
        v for v in (c.run("countries", x, _country) for x in split_list(raw.get("countries"))) if v
    ]
    out["languages"] = [
        v for v in (c.run("languages", x, _language) for x in split_list(raw.get("languages"))) if v
    ]
    out["channels"] = [
        v
        for v in (
            c.run("channels", x, _choice, Channel, "channel")
            for x in split_list(raw.get("channels"))
        )
        if v
    ]
    out["implementing_partners"] = split_list(raw.get("implementing_partners"))
    out["links"] = split_list(raw.get("links"))
    out["origin_country"] = ""
    if str(raw.get("origin_country") or "").strip():
        out["origin_country"] = c.run("origin_country", raw.get("origin_country"), _country) or ""
    out["destination_countries"] = [
        v
        for v in (
            c.run("destination_countries", x, _country)
            for x in split_list(raw.get("destination_countries"))
        )
        if v
    ]
    level = raw.get("evaluation_level")
    out["evaluation_level"] = c.run("evaluation_level", level, _parse_level)
    out["provenance"] = c.run(
        "provenance", raw.get("provenance"), _choice, Provenance, "provenance", Provenance.IMPORTED
    )
    out["cost_is_estimate"] = bool(
        c.run("cost_is_estimate", raw.get("cost_is_estimate"), parse_bool)
    )
    out["cost_total"] = c.run("cost_total", raw.get("cost_total"), parse_amount)
    currency = str(raw.get("currency") or "").strip()
    out["currency"] = c.run("currency", currency, parse_currency) if currency else ""
    if out["cost_total"] is not None and not currency:
        c.problems.append(Problem(where, "currency", "", "an amount needs its currency"))
    problems = list(c.problems)
    out["costs"], out["reach"], out["audiences"] = [], [], []
    for key, cleaner in (
        ("costs", clean_cost),
        ("reach", clean_reach),
        ("audiences", clean_audience),
    ):
        items = raw.get(key) or []
        if not isinstance(items, list):
            problems.append(Problem(where, key, _short(items), "must be a list"))
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                sub_where = f"{where}, {key} item {i}"
                problems.append(Problem(sub_where, key, _short(item), "must be an object"))
                continue
            sub_where = item.pop("_where", None) or f"{where}, {key} item {i}"
            args = (out["currency"] or "",) if cleaner is clean_cost else ()
            clean, sub = cleaner(item, sub_where, *args)
            problems += sub
            out[key].append(clean)
    # A multi-part cost without a stated total is summed, when every part shares the currency.
    if out["cost_total"] is None and out["costs"] and not problems:
        currencies = {x["currency"] for x in out["costs"]}
        amounts = [x["amount"] for x in out["costs"]]
        if len(currencies) == 1 and None not in amounts:
            out["cost_total"] = sum(amounts, Decimal("0"))
            out["currency"] = currencies.pop()
            out["cost_is_estimate"] = out["cost_is_estimate"] or any(
                x["is_estimate"] for x in out["costs"]
            )
    return out, problems


def _parse_duration(value: Any) -> Decimal | None:
    months = parse_amount(value)
    if months is None:
        return None
    if months > 1200:
        raise ValueError("more than 100 years")
    return months.quantize(Decimal("0.1"))


def _parse_level(value: Any) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return EvaluationLevel.NONE
    text = str(value).strip().lower()
    for level in EvaluationLevel:
        if text in (str(level.value), level.name.lower()):
            return level.value
    raise ValueError(
        "unknown evaluation level; expected 0-5 or "
        + ", ".join(lvl.name.lower() for lvl in EvaluationLevel)
    )


def clean_records(records: list, *, label: str = "record") -> tuple[list[dict], list[Problem]]:
    if not isinstance(records, list):
        return [], [Problem("file", "campaigns", "", "expected a list of campaign records")]
    cleaned, problems = [], []
    seen: dict[str, str] = {}
    for i, raw in enumerate(records, start=1):
        where = raw.pop("_where", f"{label} {i}") if isinstance(raw, dict) else f"{label} {i}"
        clean, sub = clean_record(raw, where)
        problems += sub
        ext = clean.get("external_id")
        if ext:
            if ext in seen:
                problems.append(Problem(where, "external_id", ext, f"duplicate of {seen[ext]}"))
            seen[ext] = where
        cleaned.append(clean)
    return cleaned, problems


# The scalar fields of a campaign record, in exchange-file column order.
CAMPAIGN_FIELDS: tuple[str, ...] = (
    "external_id",
    "title",
    "title_language",
    "implementing_organisation",
    "countries",
    "subnational_areas",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "date_precision",
    "period_as_stated",
    "duration_months",
    "cost_total",
    "currency",
    "cost_is_estimate",
    "cost_as_stated",
    "target_audience_as_stated",
    "languages",
    "implementing_partners",
    "objectives",
    "key_messages",
    "channels",
    "channels_as_stated",
    "evaluation_level",
    "evaluation_methods",
    "effectiveness_as_stated",
    "perceived_success",
    "reception",
    "lessons",
    "links",
    "claim",
    "origin_country",
    "destination_countries",
    "provenance",
    "source_reference",
    "source_excerpt",
)
