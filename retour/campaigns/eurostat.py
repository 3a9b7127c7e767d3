"""Reading Eurostat tables in the two layouts people actually bring.

1. The data-browser CSV export: one row per observation, English country
   names, thousands separated by ",", ":" for not available, a flags column.
2. The SDMX-TSV bulk download: codes, one row per series, years as columns,
   values like ``"275 "``, ``"4110 p"`` or ``": "``.

Both become the same observation dicts. Countries map to ISO 3166 alpha-2;
aggregates ("European Union (28 countries)", "Total", "Extra-EU28 (2013-2020)",
stateless, unknown…) get their own codes and ``*_is_aggregate`` so they can
never be mistaken for a country. Anything else is rejected, saying what was
expected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pycountry

# Eurostat names that pycountry does not know, or that it would map wrongly.
NAME_TO_ISO = {
    "kosovo (under united nations security council resolution 1244/99)": "XK",
    "kosovo": "XK",
    "former yugoslav republic of macedonia, the": "MK",
    "former yugoslav republic of macedonia": "MK",
    "north macedonia": "MK",
    "germany (until 1990 former territory of the frg)": "DE",
    "germany": "DE",
    "china (including hong kong)": "CN",
    "democratic republic of the congo": "CD",
    "gambia, the": "GM",
    "cape verde": "CV",
    "myanmar/burma": "MM",
    "palestine": "PS",
    "russia": "RU",
    "swaziland": "SZ",
    "turkey": "TR",
    "vatican city state": "VA",
    "são tomé and príncipe": "ST",
    "cook islands (nz)": "CK",
    "new caledonia (fr)": "NC",
    "czech republic": "CZ",
    "united kingdom": "GB",
}
# Eurostat geo/citizen codes that differ from ISO 3166 alpha-2.
CODE_TO_ISO = {"EL": "GR", "UK": "GB"}
AGGREGATE_NAMES = {
    "european union (28 countries)": "EU28",
    "european union - 28 countries (2013-2020)": "EU28",
    "european union (27 countries)": "EU27",
    "european union - 27 countries (from 2020)": "EU27_2020",
    "total": "TOTAL",
    "extra-eu28 (2013-2020)": "EXT_EU28",
    "extra-eu28": "EXT_EU28",
    "extra-eu27 (from 2020)": "EXT_EU27_2020",
    "stateless": "STLS",
    "unknown": "UNK",
    "recognised non-citizens": "RNC",
    "british overseas countries and territories": "BOT",
    "european free trade association": "EFTA",
}
AGGREGATE_CODES = {
    "EU28",
    "EU27",
    "EU27_2020",
    "EU27_2007",
    "EU15",
    "TOTAL",
    "EXT_EU28",
    "EXT_EU27_2020",
    "STLS",
    "UNK",
    "RNC",
    "BOT",
    "EFTA",
    "EA19",
    "EU_EFTA",
}
# Dimensions that must be "all" for a series to count as the headline figure.
TOTAL_FILTERS = {
    "sex": {"T", "TOTAL"},
    "age": {"TOTAL"},
    "asyl_app": {"NASY_APP"},
    "unit": {"PER", "NR"},
    "indic_mg": {"TOTAL"},
    "freq": {"A"},
}
CSV_TOTAL_VALUES = {"total", "first time applicant", "person", "total number of persons returned"}
YEARS = range(1950, 2101)


class LayoutRejected(ValueError):
    """The file is not in a layout we know; the message says what was expected."""


@dataclass
class ParseResult:
    observations: list[dict]
    unmapped: list[str]  # names we could not map (reported, not guessed)
    layout: str


def country_code(name_or_code: str) -> tuple[str, bool] | None:
    """(code, is_aggregate) for a Eurostat name or code, or None when unknown."""
    text = (name_or_code or "").strip()
    low = text.lower()
    if low in AGGREGATE_NAMES:
        return AGGREGATE_NAMES[low], True
    if re.fullmatch(r"[A-Z0-9_]{3,}", text) and (
        text in AGGREGATE_CODES or text.startswith(("EU", "EXT_", "EA"))
    ):
        return text, True
    if low in NAME_TO_ISO:
        return NAME_TO_ISO[low], False
    if len(text) == 2 and text.isalpha():
        code = CODE_TO_ISO.get(text.upper(), text.upper())
        if code == "XK" or pycountry.countries.get(alpha_2=code):
            return code, False
        return None
    try:
        return pycountry.countries.lookup(text).alpha_2, False
    except LookupError:
        return None


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse(data: bytes | str, *, dataset: str = "") -> ParseResult:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    if "\t" in first and "\\" in first.split("\t", 1)[0]:
        return parse_sdmx_tsv(text, dataset=dataset)
    if first.lstrip().startswith('"TIME"') or first.upper().startswith("TIME,"):
        return parse_browser_csv(text, dataset=dataset)
    raise LayoutRejected(
        "Unknown layout. Expected either the Eurostat data-browser CSV (header starting "
        '"TIME","GEO","CITIZEN", …, "Value", "Flag and Footnotes") or the SDMX-TSV bulk '
        "file (first cell like 'citizen,sex,unit,age,geo\\time' followed by tab-separated "
        f"years). The first line was: {first[:120]!r}"
    )


def _int_value(raw: str) -> int | None:
    cleaned = raw.strip().replace(",", "").replace(" ", "")
    if cleaned in ("", ":"):
        return None
    if not cleaned.isdigit():
        raise ValueError(raw)
    return int(cleaned)


def parse_browser_csv(text: str, *, dataset: str = "") -> ParseResult:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().upper() for h in next(reader, [])]
    required = {"TIME", "GEO", "CITIZEN", "VALUE"}
    if not required <= set(header):
        raise LayoutRejected(
            f"Data-browser CSV must have the columns {sorted(required)} (and optionally "
            f"'Flag and Footnotes'); found {header}"
        )
    idx = {name: header.index(name) for name in header}
    flag_i = next((i for i, h in enumerate(header) if h.startswith("FLAG")), None)
    other_dims = [i for i, h in enumerate(header) if h not in required and not h.startswith("FLAG")]
    out, unmapped = [], set()
    for lineno, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise LayoutRejected(f"line {lineno}: {len(row)} columns, the header has {len(header)}")
        # Keep only the headline series (every other dimension at its total).
        if any(row[i].strip().lower() not in CSV_TOTAL_VALUES for i in other_dims):
            continue
        try:
            year = int(row[idx["TIME"]])
        except ValueError as exc:
            raise LayoutRejected(f"line {lineno}: TIME {row[idx['TIME']]!r} is not a year") from exc
        geo, cit = country_code(row[idx["GEO"]]), country_code(row[idx["CITIZEN"]])
        if geo is None or cit is None:
            unmapped.add(row[idx["GEO"]] if geo is None else row[idx["CITIZEN"]])
            continue
        try:
            value = _int_value(row[idx["VALUE"]])
        except ValueError as exc:
            raise LayoutRejected(
                f"line {lineno}: Value {row[idx['VALUE']]!r} is not a count "
                "(digits, thousands separated by ',', or ':' for not available)"
            ) from exc
        out.append(
            {
                "dataset": dataset,
                "geo": geo[0],
                "citizen": cit[0],
                "year": year,
                "value": value,
                "flag": (row[flag_i].strip() if flag_i is not None else "")[:8],
                "geo_is_aggregate": geo[1],
                "citizen_is_aggregate": cit[1],
            }
        )
    return ParseResult(_dedupe(out), sorted(unmapped), "browser-csv")


_TSV_VALUE = re.compile(r"^\s*(:|[0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*$")


def parse_sdmx_tsv(text: str, *, dataset: str = "") -> ParseResult:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    head = lines[0].split("\t")
    dims_part = head[0].partition("\\")[0]
    dims = [d.strip().lower() for d in dims_part.split(",")]
    if "geo" not in dims or "citizen" not in dims:
        raise LayoutRejected(
            f"SDMX-TSV must have 'geo' and 'citizen' among its dimensions; found {dims}"
        )
    # A dimension we do not know could split the headline figure into series
    # (all applicants vs first-time applicants): keeping them all would let the
    # wrong one win silently, so the file is refused instead.
    unknown = [d for d in dims if d not in TOTAL_FILTERS and d not in ("geo", "citizen", "time")]
    if unknown:
        raise LayoutRejected(
            f"SDMX-TSV dimension(s) {', '.join(unknown)} unknown: cannot tell which series is "
            f"the headline figure. Known dimensions: geo, citizen, "
            f"{', '.join(sorted(TOTAL_FILTERS))}. Filter the file to one series per country "
            "and year, or ask a platform administrator to add the dimension."
        )
    years = []
    for cell in head[1:]:
        label = cell.strip()
        if not (label.isdigit() and int(label) in YEARS):
            raise LayoutRejected(
                f"SDMX-TSV columns after the first must be years (annual data); found {label!r}"
            )
        years.append(int(label))
    out, unmapped = [], set()
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        keys = [k.strip() for k in cells[0].split(",")]
        if len(keys) != len(dims) or len(cells) != len(head):
            raise LayoutRejected(
                f"line {lineno}: expected {len(dims)} codes and {len(years)} values"
            )
        series = dict(zip(dims, keys, strict=True))
        if any(
            dim in series and series[dim].upper() not in allowed
            for dim, allowed in TOTAL_FILTERS.items()
        ):
            continue
        geo, cit = country_code(series["geo"]), country_code(series["citizen"])
        if geo is None or cit is None:
            unmapped.add(series["geo"] if geo is None else series["citizen"])
            continue
        for year, cell in zip(years, cells[1:], strict=True):
            match = _TSV_VALUE.match(cell)
            if not match:
                raise LayoutRejected(f"line {lineno}, {year}: {cell!r} is not a value")
            raw, flag = match.groups()
            out.append(
                {
                    "dataset": dataset,
                    "geo": geo[0],
                    "citizen": cit[0],
                    "year": year,
                    "value": None if raw == ":" else int(float(raw)),
                    "flag": flag[:8],
                    "geo_is_aggregate": geo[1],
                    "citizen_is_aggregate": cit[1],
                }
            )
    return ParseResult(_dedupe(out), sorted(unmapped), "sdmx-tsv")


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per key; "Germany" and "Germany (until 1990 …)" both map to DE."""
    seen: dict[tuple, dict] = {}
    for row in rows:
        key = (row["dataset"], row["geo"], row["citizen"], row["year"])
        if key not in seen or (seen[key]["value"] is None and row["value"] is not None):
            seen[key] = row
    return list(seen.values())


def dataset_from_filename(name: str) -> str:
    match = re.match(r"(migr_[a-z]+)", (name or "").lower())
    return match.group(1) if match else ""
