"""XLSForms and Kobo exports built in tests: repeat groups, cascading selects,
a hidden case reference instead of a case_number question."""

from __future__ import annotations

import io

from openpyxl import Workbook

HOUSEHOLD_SURVEY = [
    ("type", "name", "label", "choice_filter", "required", "relevant"),
    ("hidden", "case_ref", "Case reference (pre-filled in the form link)", None, None, None),
    ("date", "interview_date", "Interview date", None, "yes", None),
    ("select_one region", "region", "Region", None, "yes", None),
    ("select_one district", "district", "District", "region=${region}", None, None),
    ("begin_group", "living", "Living situation", None, None, None),
    ("select_one yes_no", "has_work", "Paid work?", None, None, None),
    ("end_group", None, None, None, None, None),
    ("begin_repeat", "household", "Household members", None, None, None),
    ("text", "member_name", "Name", None, None, None),
    ("integer", "member_age", "Age", None, None, None),
    ("select_one yes_no", "member_works", "Works?", None, None, None),
    ("begin_repeat", "jobs", "Jobs of this member", None, None, None),
    ("select_one sector", "job_sector", "Sector", None, None, None),
    ("end_repeat", None, None, None, None, None),
    ("end_repeat", None, None, None, None, None),
    ("note", "thanks", "Thank you", None, None, None),
]
HOUSEHOLD_CHOICES = [
    ("list_name", "name", "label", "region"),
    ("region", "north", "North", None),
    ("region", "south", "South", None),
    ("district", "n1", "North one", "north"),
    ("district", "n2", "North two", "north"),
    ("district", "s1", "South one", "south"),
    ("yes_no", "yes", "Yes", None),
    ("yes_no", "no", "No", None),
    ("sector", "farm", "Farming", None),
    ("sector", "shop", "Trade", None),
]


def xlsform(survey=HOUSEHOLD_SURVEY, choices=HOUSEHOLD_CHOICES, form_id="household", version="1"):
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in survey:
        ws.append(list(row))
    sheet = wb.create_sheet("choices")
    for row in choices:
        sheet.append(list(row))
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version", "form_title"])
    settings.append([form_id, version, "Household follow-up"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def kobo_xlsx(submissions: list[dict]) -> bytes:
    """Kobo's XLSX export: the main sheet, then one sheet per repeat, linked by
    _index / _parent_index / _parent_table_name.

    ``submissions``: {"case_ref", "region", "district", "has_work", "uuid",
    "deprecated"?, "household": [{"name", "age", "works", "jobs": [sector, ...]}]}
    """
    wb = Workbook()
    main = wb.active
    main.title = "Household follow-up"
    main.append(
        ["start", "case_ref", "interview_date", "region", "district", "living/has_work",
         "meta/deprecatedID", "_id", "_uuid", "_submission_time", "_index"]
    )  # fmt: skip
    members = wb.create_sheet("household")
    members.append(
        ["household/member_name", "household/member_age", "household/member_works",
         "_index", "_parent_table_name", "_parent_index", "_submission__uuid"]
    )  # fmt: skip
    jobs = wb.create_sheet("jobs")
    jobs.append(
        ["household/jobs/job_sector", "_index", "_parent_table_name", "_parent_index",
         "_submission__uuid"]
    )  # fmt: skip
    member_index = job_index = 0
    for i, s in enumerate(submissions, start=1):
        main.append(
            ["2026-05-02T09:00:00", s["case_ref"], s.get("date", "2026-05-02"), s["region"],
             s["district"], s.get("has_work", "yes"), s.get("deprecated", ""), i, s["uuid"],
             "2026-05-02T10:00:00", i]
        )  # fmt: skip
        for m in s.get("household", []):
            member_index += 1
            members.append(
                [m["name"], m["age"], m["works"], member_index, "Household follow-up", i, s["uuid"]]
            )
            for sector in m.get("jobs", []):
                job_index += 1
                jobs.append([sector, job_index, "household", member_index, s["uuid"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
