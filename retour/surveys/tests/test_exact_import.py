"""Every cell of a Kobo/ODK export is stored exactly as written, and unsafe files are refused."""

from __future__ import annotations

import csv
import io
import zipfile

from retour.core import limits
from retour.orgs.models import Role
from retour.surveys import imports, services
from retour.surveys.models import ImportStatus, Submission, SubmissionSource
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form

# Free text as people write it: quotes next to separators, line breaks, both
# separators inside the text, right-to-left scripts, leading spaces.
TRICKY = [
    'he said "no", then left',
    'line one\nline two; "three"',
    "زندگی با خاله‌اش، «خوب» است",
    'قال "لا"، ثم غادر; 2026',
    '  starts with spaces, ends with a quote"',
]


def kobo_csv(rows: list[dict], sep: str) -> bytes:
    """A CSV as KoboToolbox writes it: every field quoted, quotes doubled."""
    headers = list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode("utf-8-sig")


class ExactCsvImportTests(TenantTestCase):
    def setUp(self):
        self.form = sample_form(self.org_a)
        self.cases = [monitored_case(self.org_a) for _ in TRICKY]

    def rows(self, cases=None):
        for case, text in zip(cases or self.cases, TRICKY, strict=True):
            yield {
                "start": "2026-05-01T10:00:00",
                "case_number": case.case_number,
                "round": "m3",
                **{
                    f"grp_econ/{k}" if k.startswith("econ") else k: v
                    for k, v in GOOD_ANSWERS.items()
                },
                "remarks": text,
                "_uuid": f"7c1e-{case.case_number}",
                "_submission_time": "2026-05-02T08:15:30",
            }

    def run_import(self, data: bytes):
        actor = self.user(Role.CASEWORKER)
        job = services.import_job_create(
            actor=actor,
            organisation=self.org_a,
            form=self.form,
            source=SubmissionSource.KOBO,
            filename="kobo.csv",
        )
        return services.import_job_run(actor=actor, job=job, data=data)

    def test_every_cell_round_trips_with_either_separator(self):
        for sep in (",", ";"):
            with self.subTest(sep=sep):
                # Fresh cases per file: a round, once completed, takes no second answer.
                cases = [monitored_case(self.org_a) for _ in TRICKY]
                job = self.run_import(kobo_csv(list(self.rows(cases)), sep))
                self.assertEqual(job.status, ImportStatus.DONE, job.errors)
                stored = {
                    s.answers["case_number"]: s.answers["remarks"]
                    for s in Submission.objects.for_org(self.org_a).filter(round__case__in=cases)
                }
                expected = {c.case_number: t for c, t in zip(cases, TRICKY, strict=True)}
                self.assertEqual(stored, expected)

    def test_reader_keeps_every_cell_exactly(self):
        rows = list(self.rows())
        for sep in (",", ";", "\t"):
            headers, body = imports.read_export(kobo_csv(rows, sep), "kobo.csv")
            read = [dict(zip(headers, r, strict=True)) for r in body]
            self.assertEqual(read, [{k: str(v) for k, v in r.items()} for r in rows], sep)


class UnsafeFileTests(TenantTestCase):
    def test_xlsx_zip_bomb_is_refused_before_parsing(self):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
        with self.assertRaisesMessage(imports.ExportError, "bomb.xlsx: the XLSX file would unpack"):
            imports.read_export(buf.getvalue(), "bomb.xlsx")

    def test_csv_with_a_huge_cell_names_the_row(self):
        data = ("a,b\n1,2\n3," + "x" * (limits.MAX_CELL_CHARS + 10) + "\n").encode()
        _headers, rows = imports.read_export(data, "big.csv")
        with self.assertRaisesMessage(imports.ExportError, "big.csv, row 3"):
            list(rows)

    def test_csv_wider_than_the_limit_is_refused(self):
        data = (",".join(f"c{i}" for i in range(limits.MAX_COLUMNS + 1)) + "\n").encode()
        with self.assertRaisesMessage(imports.ExportError, "wide.csv, row 1: more than"):
            imports.read_export(data, "wide.csv")

    def test_deeply_nested_json_is_refused_without_recursing(self):
        with self.assertRaisesMessage(limits.InputRejected, "deep.json: the JSON is nested"):
            limits.load_json("[" * 100_000 + "]" * 100_000, "deep.json")
        self.assertEqual(
            limits.load_json('{"a": ["[{", {"b": 1}]}', "ok.json"), {"a": ["[{", {"b": 1}]}
        )

    def test_delimiter_comes_from_the_header_outside_quotes(self):
        self.assertEqual(limits.sniff_delimiter('"a;b","c;d"\n1,2'), ",")
        self.assertEqual(limits.sniff_delimiter('"a,b";"c,d";e\n'), ";")
        self.assertEqual(limits.sniff_delimiter("single\n1\n"), ",")
