"""Campaign and survey-result files that would crash a parser get a clear refusal."""

from __future__ import annotations

import io
import zipfile

from django.test import SimpleTestCase

from retour.campaigns import exchange
from retour.campaigns.schema import ImportRejected
from retour.core import limits
from retour.surveys.xlsform import XLSFormError, parse_xlsform


def bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (60 * 1024 * 1024))
    return buf.getvalue()


class CampaignFileLimitTests(SimpleTestCase):
    def test_deeply_nested_json_is_a_problem_not_a_crash(self):
        with self.assertRaises(ImportRejected) as caught:
            exchange.records_from_json("[" * 50_000 + "]" * 50_000)
        self.assertIn("nested more than", caught.exception.problems[0].reason)

    def test_xlsx_bomb_is_refused_before_openpyxl(self):
        with self.assertRaises(ImportRejected) as caught:
            exchange.read_xlsx(bomb())
        self.assertIn("would unpack", caught.exception.problems[0].reason)

    def test_survey_csv_cell_too_long_names_its_row(self):
        text = "respondent,arm,wave,outcome,value\nr1,campaign,pre,knowledge,3\n"
        text += "r2,campaign,pre,knowledge," + "9" * (limits.MAX_CELL_CHARS + 1) + "\n"
        with self.assertRaises(ImportRejected) as caught:
            exchange.read_survey_csv(text)
        self.assertEqual(caught.exception.problems[0].where, "row 3")

    def test_survey_csv_row_wider_than_its_header(self):
        text = "respondent,arm,wave,outcome,value\nr1,campaign,pre,knowledge,3,extra\n"
        with self.assertRaises(ImportRejected) as caught:
            exchange.read_survey_csv(text)
        self.assertEqual(caught.exception.problems[0].where, "row 2")

    def test_quoted_text_survives_the_campaign_csv_reader(self):
        text = 'external_id,title\nx-1,"he said ""no"", then left"\n'
        rows = exchange.read_csv(text, "campaigns")
        self.assertEqual(rows[0]["title"], 'he said "no", then left')


class XLSFormLimitTests(SimpleTestCase):
    def test_xlsform_bomb_is_refused_quickly(self):
        with self.assertRaises(XLSFormError) as caught:
            parse_xlsform(bomb(), filename="form.xlsx")
        self.assertIn("form.xlsx: the XLSX file would unpack", str(caught.exception.errors[0]))
