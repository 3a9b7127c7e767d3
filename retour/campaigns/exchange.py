"""Reading and writing campaign files: JSON, CSV, XLSX and the EMN-template DOCX.

The nested JSON record is the canonical form (docs/campaigns-schema.md).
Tabular files flatten it into tables joined by ``external_id``:
``campaigns`` (one row per campaign; lists separated by ";"), ``costs``,
``reach`` and ``audiences``. An XLSX workbook holds them as sheets; a CSV
upload is the ``campaigns`` table, optionally with the other tables as
separate CSV files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from retour.core import limits

from .choices import Arm, CampaignStatus, EvaluationLevel, Outcome, Wave
from .schema import (
    CAMPAIGN_FIELDS,
    DATE_FIELDS,
    LIST_FIELDS,
    SCHEMA_VERSION,
    TEXT_FIELDS,
    ImportRejected,
    Problem,
    parse_int,
)

CAMPAIGN_COLUMNS = list(CAMPAIGN_FIELDS)
CHILD_COLUMNS = {
    "costs": [
        "external_id",
        "label",
        "amount",
        "currency",
        "funder",
        "is_cofunding",
        "is_estimate",
        "range_low",
        "range_high",
        "convert_to",
        "fx_rate",
        "fx_date",
        "note",
    ],
    "reach": [
        "external_id",
        "channel",
        "value",
        "unit",
        "is_minimum",
        "is_estimate",
        "how_counted",
    ],
    "audiences": ["external_id", "group", "age_min", "age_max", "gender", "note"],
}
LIST_COLUMNS = set(LIST_FIELDS) | {"destination_countries"}
MAX_ROWS = 20_000


# --- export --------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def campaign_record(campaign) -> dict:
    """The canonical nested record of one campaign (prefetch costs/reach/audiences)."""
    rec = {"external_id": campaign.external_id or str(campaign.uuid), "uuid": str(campaign.uuid)}
    for name in CAMPAIGN_COLUMNS[1:]:
        rec[name] = _plain(getattr(campaign, name))
    rec["owner"] = campaign.organisation.name
    rec["costs"] = [_cost_record(c) for c in campaign.costs.all()]
    rec["reach"] = [
        {k: _plain(getattr(r, k)) for k in CHILD_COLUMNS["reach"][1:]} for r in campaign.reach.all()
    ]
    rec["audiences"] = [
        {k: _plain(getattr(a, k)) for k in CHILD_COLUMNS["audiences"][1:]}
        for a in campaign.audiences.all()
    ]
    return rec


def _cost_record(cost) -> dict:
    item = {k: _plain(getattr(cost, k, None)) for k in CHILD_COLUMNS["costs"][1:]}
    item["convert_to"] = ""
    if cost.fx_rate is not None:
        # Export what was stated plus the conversion, so a re-import converts the same way.
        item.update(
            amount=_plain(cost.original_amount),
            currency=cost.original_currency,
            convert_to=cost.currency,
        )
    return item


def to_json(campaigns) -> str:
    doc = {"schema": SCHEMA_VERSION, "campaigns": [campaign_record(c) for c in campaigns]}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def to_tables(campaigns) -> dict[str, list[list[Any]]]:
    tables: dict[str, list[list[Any]]] = {"campaigns": [CAMPAIGN_COLUMNS]}
    for name, cols in CHILD_COLUMNS.items():
        tables[name] = [cols]
    for c in campaigns:
        rec = campaign_record(c)
        row = []
        for col in CAMPAIGN_COLUMNS:
            value = rec.get(col)
            row.append(
                "; ".join(value) if isinstance(value, list) else ("" if value is None else value)
            )
        tables["campaigns"].append(row)
        for name, cols in CHILD_COLUMNS.items():
            for item in rec[name]:
                tables[name].append(
                    [rec["external_id"]]
                    + ["" if item.get(k) is None else item[k] for k in cols[1:]]
                )
    return tables


def to_csv(campaigns, table: str = "campaigns") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in to_tables(campaigns)[table]:
        writer.writerow(row)
    return buf.getvalue()


def to_xlsx(campaigns) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in to_tables(campaigns).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([_safe_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _safe_cell(value: Any) -> Any:
    # Spreadsheet formula injection: text starting with = + - @ is shown, never run.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


# --- import ----------------------------------------------------------------------


class _CsvRows:
    """``csv.DictReader`` semantics on the bounded reader of retour.core.limits.

    A refusal (malformed row, too wide, a cell too long) or a row with more
    cells than the header becomes the import's own "nothing was imported"
    report with the row number, never an exception further down.
    """

    def __init__(self, text: str, filename: str):
        self._rows = limits.csv_reader(text, filename)
        self.fieldnames: list[str] = self._next() or []

    def _next(self) -> list[str] | None:
        try:
            return next(self._rows)
        except StopIteration:
            return None
        except limits.InputRejected as exc:
            raise ImportRejected([Problem(f"row {exc.row}", "", "", exc.reason)]) from None

    def __iter__(self):
        line = 1
        while (row := self._next()) is not None:
            line += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(self.fieldnames):
                raise ImportRejected(
                    [Problem(f"row {line}", "", "", "more cells than the header has columns")]
                )
            padded = row + [""] * (len(self.fieldnames) - len(row))
            yield dict(zip(self.fieldnames, padded, strict=True))


def _dict_reader(text: str, filename: str) -> _CsvRows:
    return _CsvRows(text, filename)


def records_from_json(data: bytes | str) -> list[dict]:
    try:
        doc = limits.load_json(data, "campaigns.json")
    except limits.InputRejected as exc:
        raise ImportRejected([Problem("file", "", "", exc.reason)]) from None
    records = doc.get("campaigns") if isinstance(doc, dict) else doc
    if not isinstance(records, list):
        raise ImportRejected(
            [Problem("file", "campaigns", "", 'expected {"campaigns": [...]} or a list of records')]
        )
    if len(records) > MAX_ROWS:
        raise ImportRejected([Problem("file", "", "", f"more than {MAX_ROWS} records")])
    for i, rec in enumerate(records, start=1):
        if isinstance(rec, dict):
            rec["_where"] = f"record {i}"
    return records


def read_csv(data: bytes | str, table: str) -> list[dict]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    reader = _dict_reader(text, f"{table}.csv")
    expected = CAMPAIGN_COLUMNS if table == "campaigns" else CHILD_COLUMNS[table]
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("external_id", "title") if table == "campaigns" and c not in header]
    if table != "campaigns":
        missing = [c for c in expected[:3] if c not in header]
    unknown = [h for h in header if h and h not in expected]
    if missing or unknown:
        raise ImportRejected(
            [
                Problem(
                    f"{table} header",
                    ", ".join(missing + unknown),
                    "",
                    (f"missing columns {missing}; " if missing else "")
                    + (f"unknown columns {unknown}; " if unknown else "")
                    + f"expected columns: {', '.join(expected)}",
                )
            ]
        )
    rows = []
    for row in reader:
        rows.append({(k or "").strip(): (v or "") for k, v in row.items()})
        if len(rows) > MAX_ROWS:
            raise ImportRejected([Problem("file", "", "", f"more than {MAX_ROWS} rows")])
    return rows


def read_xlsx(data: bytes) -> dict[str, list[dict]]:
    from openpyxl import load_workbook

    try:
        limits.check_xlsx(data, "campaigns.xlsx")
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except limits.InputRejected as exc:
        raise ImportRejected([Problem("file", "", "", exc.reason)]) from None
    except Exception as exc:
        raise ImportRejected(
            [Problem("file", "", "", f"not a readable XLSX workbook: {exc}")]
        ) from exc
    if "campaigns" not in wb.sheetnames:
        raise ImportRejected(
            [
                Problem(
                    "file", "sheets", ", ".join(wb.sheetnames), "expected a sheet named 'campaigns'"
                )
            ]
        )
    tables = {}
    for name in ["campaigns", *CHILD_COLUMNS]:
        if name not in wb.sheetnames:
            continue
        rows = list(wb[name].iter_rows(values_only=True))
        if not rows:
            continue
        buf = io.StringIO()
        writer = csv.writer(buf)
        for row in rows[: MAX_ROWS + 2]:
            writer.writerow(["" if v is None else _xlsx_value(v) for v in row])
        tables[name] = read_csv(buf.getvalue(), name)
    return tables


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def records_from_tables(tables: dict[str, list[dict]]) -> list[dict]:
    """Nest child rows under their campaign; each row keeps where it came from."""
    campaigns = tables.get("campaigns") or []
    problems, by_id = [], {}
    records = []
    for i, row in enumerate(campaigns, start=2):  # row 1 is the header
        rec = {k: v for k, v in row.items() if k in CAMPAIGN_COLUMNS and v != ""}
        rec["_where"] = f"campaigns row {i}"
        for key in CHILD_COLUMNS:
            rec[key] = []
        ext = str(row.get("external_id") or "").strip()
        if ext:
            by_id[ext] = rec
        records.append(rec)
    for name in CHILD_COLUMNS:
        for i, row in enumerate(tables.get(name) or [], start=2):
            ext = str(row.get("external_id") or "").strip()
            if ext not in by_id:
                problems.append(
                    Problem(
                        f"{name} row {i}",
                        "external_id",
                        ext,
                        "no campaign row with this external_id",
                    )
                )
                continue
            item = {k: v for k, v in row.items() if k != "external_id" and v != ""}
            item["_where"] = f"{name} row {i}"
            by_id[ext][name].append(item)
    if problems:
        raise ImportRejected(problems)
    return records


# --- survey results ---------------------------------------------------------------

RESPONSE_COLUMNS = ["respondent", "arm", "wave", "outcome", "value"]
AGGREGATE_COLUMNS = ["arm", "wave", "outcome", "n", "mean", "sd"]


def read_survey_csv(data: bytes | str) -> tuple[str, list[dict]]:
    """("responses"|"aggregates", rows) or ImportRejected with a reason per row."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    reader = _dict_reader(text, "survey.csv")
    header = {(h or "").strip() for h in reader.fieldnames or []}
    if set(RESPONSE_COLUMNS) <= header:
        kind = "responses"
    elif set(AGGREGATE_COLUMNS) <= header:
        kind = "aggregates"
    else:
        raise ImportRejected(
            [
                Problem(
                    "header",
                    ", ".join(sorted(header)),
                    "",
                    "expected per-respondent columns "
                    f"{RESPONSE_COLUMNS} or aggregated columns {AGGREGATE_COLUMNS}",
                )
            ]
        )
    rows, problems, seen = [], [], set()
    for i, raw in enumerate(reader, start=2):
        raw = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        where = f"row {i}"
        item: dict[str, Any] = {}
        for name, choices in (("arm", Arm), ("wave", Wave), ("outcome", Outcome)):
            value = raw.get(name, "").lower() or (Arm.CAMPAIGN if name == "arm" else "")
            if value not in choices.values:
                problems.append(
                    Problem(
                        where,
                        name,
                        raw.get(name, ""),
                        f"expected one of {', '.join(choices.values)}",
                    )
                )
            item[name] = value
        if kind == "responses":
            item["respondent"] = raw["respondent"].replace("\x00", "")[:64]
            if not item["respondent"]:
                problems.append(Problem(where, "respondent", "", "a respondent id is required"))
            item["value"] = _float(raw["value"], where, "value", problems)
            key = (item["respondent"], item["wave"], item["outcome"])
        else:
            try:
                item["n"] = parse_int(raw["n"], minimum=1)
            except ValueError as exc:
                problems.append(Problem(where, "n", raw["n"], str(exc)))
            if item.get("n") is None and not any(
                p.where == where and p.field == "n" for p in problems
            ):
                problems.append(Problem(where, "n", "", "N is required for aggregated results"))
            item["mean"] = _float(raw["mean"], where, "mean", problems)
            item["sd"] = _float(raw["sd"], where, "sd", problems)
            if item["sd"] is not None and item["sd"] < 0:
                problems.append(
                    Problem(where, "sd", raw["sd"], "a standard deviation cannot be negative")
                )
            key = (item["arm"], item["wave"], item["outcome"])
        if key in seen:
            problems.append(Problem(where, "", ", ".join(map(str, key)), "duplicate row"))
        seen.add(key)
        rows.append(item)
        if len(rows) > 200_000:
            raise ImportRejected([Problem("file", "", "", "too many rows")])
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem("file", "", "", "no data rows")])
    return kind, rows


def _float(text: str, where: str, field: str, problems: list) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        problems.append(Problem(where, field, text, "not a number"))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        problems.append(Problem(where, field, text, "not a finite number"))
        return None
    return value


# --- DOCX in the EMN template layout ----------------------------------------------

EMN_ROWS = [
    ("Title of the campaign", lambda c: c.title),
    ("Year(s) of implementation and duration", lambda c: _period(c)),
    ("Costs of the campaign", lambda c: _costs(c)),
    ("Targeted country / audience/ languages", lambda c: _audience(c)),
    (
        "Implementing partner(s)",
        lambda c: "\n".join(c.implementing_partners) or c.implementing_organisation,
    ),
    (
        "Main objectives, intended results and key messages",
        lambda c: "\n".join(x for x in (c.objectives, c.key_messages) if x),
    ),
    (
        "Communication channels and tools used",
        lambda c: c.channels_as_stated or ", ".join(c.channels),
    ),
    (
        "How effective the campaign was in reaching its objectives and intended results",
        lambda c: c.effectiveness_as_stated,
    ),
    (
        "1. Please provide relevant links to campaign sites and or Twitter accounts",
        lambda c: "\n".join(c.links) or "N/A",
    ),
    (
        "2. Was this campaign perceived as successful by the responsible Ministry/Immigration authorities? Why or Why not?",
        lambda c: c.perceived_success,
    ),
    (
        "3. Was the effect of this campaign evaluated in any way? If so, please briefly describe methods of evaluation.",
        lambda c: f"[{EvaluationLevel(c.evaluation_level).label}] {c.evaluation_methods}".strip(),
    ),
    (
        "4. Do you have any information about how the campaign was received by the target group?",
        lambda c: c.reception,
    ),
    (
        "5. If your MS were to do something differently next time, what would that be?",
        lambda c: c.lessons,
    ),
]


def _period(c) -> str:
    parts = [c.period_as_stated]
    if c.duration_months is not None:
        parts.append(f"duration: {_plain(c.duration_months)} months")
    parts.append(f"status: {CampaignStatus(c.status).label}")
    return "; ".join(p for p in parts if p)


def _costs(c) -> str:
    lines = []
    if c.cost_total is not None:
        est = " (estimate)" if c.cost_is_estimate else ""
        lines.append(f"{_plain(c.cost_total)} {c.currency}{est}")
    for item in c.costs.all():
        bits = [item.label, f"{_plain(item.amount)} {item.currency}", item.funder]
        if item.is_estimate:
            bits.append("estimate")
        if item.range_low is not None or item.range_high is not None:
            bits.append(f"range {_plain(item.range_low)}–{_plain(item.range_high)}")
        if item.note:
            bits.append(item.note)
        lines.append(" · ".join(b for b in bits if b))
    return "\n".join(lines) or "not stated"


def _audience(c) -> str:
    parts = [", ".join(c.countries)]
    if c.subnational_areas:
        parts.append(c.subnational_areas)
    parts.append("; ".join(str(a) for a in c.audiences.all()))
    if c.languages:
        parts.append("Languages: " + ", ".join(c.languages))
    return "\n".join(p for p in parts if p)


def to_docx(campaigns, *, title: str = "Information campaigns (EMN template)") -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        f"Exported from Retour on {dt.date.today().isoformat()}. Values as recorded; empty cells "
        "mean the record does not say."
    )
    for campaign in campaigns:
        doc.add_heading(", ".join(campaign.countries) or "Country not stated", level=2)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, getter in EMN_ROWS:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = str(getter(campaign) or "")
        source = campaign.source_reference or campaign.get_provenance_display()
        doc.add_paragraph(f"Source: {source}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


__all__ = [
    "DATE_FIELDS",
    "TEXT_FIELDS",
    "campaign_record",
    "read_csv",
    "read_survey_csv",
    "read_xlsx",
    "records_from_json",
    "records_from_tables",
    "to_csv",
    "to_docx",
    "to_json",
    "to_xlsx",
]
