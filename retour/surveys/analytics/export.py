"""CSV and XLSX exports of aggregated rates, with HXL hashtags and small-cell suppression.

Counts under ``SUPPRESS_BELOW`` (5) are replaced by "<5", and any rate or CI
that would let a reader work a suppressed count back out is left blank, so
no one in a small group can be re-identified from an export.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings

SUPPRESS_BELOW = getattr(settings, "RETOUR_SURVEYS_SUPPRESS_BELOW", 5)

GROUP_HXL = {
    "country": "#country+code",
    "cohort": "#date+quarter",
    "assistance": "#service+type",
    "vulnerability": "#group+vulnerability",
    "community": "#indicator+community_of_origin",
}

HEADERS = [
    ("group", None),
    ("label", "#meta+label"),
    ("people_with_result", "#population+returnees+monitored+num"),
    ("reintegrated", "#population+returnees+reintegrated+num"),
    ("rate", "#indicator+reintegrated+pct"),
    ("ci95_low", "#indicator+reintegrated+ci_low"),
    ("ci95_high", "#indicator+reintegrated+ci_high"),
    # People with an unknown result, and whether the denominator counts them.
    ("unknown_result", "#population+returnees+unknown+num"),
    ("missing_data_policy", "#meta+policy"),
    ("note", "#meta+note"),
]


def suppressed_rows(rates, by: str, *, threshold: int = SUPPRESS_BELOW) -> list[list]:
    """Rows ready for export; small cells replaced by "<N" and derived values hidden."""
    out = []
    for r in rates:
        n, k = r.n, r.k
        note = ""
        n_cell: object = n
        k_cell: object = k
        rate = low = high = ""
        if n < threshold:
            n_cell, k_cell, note = f"<{threshold}", "", "suppressed: fewer than "
            note += f"{threshold} people"
        elif k < threshold or n - k < threshold:
            k_cell, note = "", f"suppressed: a count under {threshold}"
        elif r.too_few:
            note = "too few data for a rate"
        else:
            rate, low, high = round(r.rate, 4), round(r.low, 4), round(r.high, 4)
        unknown = getattr(r, "unknown", 0)
        unknown_cell: object = f"<{threshold}" if 0 < unknown < threshold else unknown
        policy = getattr(r, "missing", "exclude")
        out.append([r.key, r.label, n_cell, k_cell, rate, low, high, unknown_cell, policy, note])
    return out


def header_rows(by: str) -> tuple[list[str], list[str]]:
    names = [h for h, _ in HEADERS]
    tags = [GROUP_HXL.get(by, "#meta+group") if tag is None else tag for _, tag in HEADERS]
    return names, tags


def _safe(row: list) -> list:
    # Spreadsheet formula injection: a group label starting with = + - @ is
    # shown as text, never run.
    return ["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]


def to_csv(rates, by: str, *, caption: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names, tags = header_rows(by)
    # The caption goes above the hashtag row, where HXL readers expect titles:
    # a caption or blank row after the data would be read as a data row.
    writer.writerow([caption])
    writer.writerow(names)
    writer.writerow(tags)
    writer.writerows(_safe(row) for row in suppressed_rows(rates, by))
    return buffer.getvalue().encode("utf-8")


def to_xlsx(rates, by: str, *, caption: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "rates"
    names, tags = header_rows(by)
    ws.append([caption])
    ws.append(names)
    ws.append(tags)
    for row in suppressed_rows(rates, by):
        ws.append(_safe(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
