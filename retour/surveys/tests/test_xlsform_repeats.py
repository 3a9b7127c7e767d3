"""Real XLSForms: no case_number question, repeat groups, cascading selects;
pyxform's reasons per sheet and row; imports of Kobo XLSX exports with repeat
sheets, edits (deprecatedID) as updates."""

from __future__ import annotations

import shutil
import unittest

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from retour.cases.models import Case
from retour.core.actors import SystemActor
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.surveys import services
from retour.surveys.analytics.repeats import repeat_summaries
from retour.surveys.models import (
    ImportStatus,
    IndexScore,
    MonitoringRound,
    Submission,
    SubmissionRepeat,
)
from retour.surveys.xlsform import XLSFormError, parse_xlsform
from retour.testing.base import TenantTestCase

from .factories import monitored_case
from .xlsforms import HOUSEHOLD_CHOICES, HOUSEHOLD_SURVEY, kobo_xlsx, xlsform

ACTOR = SystemActor.cli("test")


class ParseTests(unittest.TestCase):
    def test_hidden_case_field_repeats_and_choice_filter_are_accepted(self):
        parsed = parse_xlsform(xlsform(), filename="household.xlsx")
        self.assertEqual(parsed.form_id, "household")
        self.assertEqual(parsed.case_question, "case_ref")  # the hidden field
        self.assertEqual(parsed.round_question, "")
        names = [q["name"] for q in parsed.questions]
        self.assertEqual(names, ["case_ref", "interview_date", "region", "district", "has_work"])
        by_name = {q["name"]: q for q in parsed.questions}
        self.assertTrue(by_name["case_ref"]["hidden"])
        self.assertEqual(by_name["has_work"]["path"], "living/has_work")
        self.assertEqual(by_name["district"]["filter_terms"], [["region", "region"]])
        self.assertEqual(by_name["district"]["choice_attrs"]["s1"], {"region": "south"})
        repeats = {r["name"]: r for r in parsed.repeats}
        self.assertEqual(list(repeats), ["household", "jobs"])
        self.assertEqual(repeats["jobs"]["parent"], "household")
        self.assertEqual(repeats["jobs"]["path"], "household/jobs")
        self.assertEqual(
            [q["name"] for q in repeats["household"]["questions"]],
            ["member_name", "member_age", "member_works"],
        )

    def test_pyxform_reasons_name_sheet_and_row(self):
        survey = [*HOUSEHOLD_SURVEY[:3], ("select_one nowhere", "q", "Q", None, None, None)]
        with self.assertRaises(XLSFormError) as info:
            parse_xlsform(xlsform(survey=survey), filename="f.xlsx")
        (problem,) = info.exception.problems
        self.assertEqual((problem.sheet, problem.row), ("survey", 4))
        self.assertIn("List name not in choices sheet: nowhere", problem.message)
        duplicate = [*HOUSEHOLD_SURVEY[:3], ("text", "case_ref", "again", None, None, None)]
        with self.assertRaises(XLSFormError) as info:
            parse_xlsform(xlsform(survey=duplicate), filename="f.xlsx")
        self.assertEqual(info.exception.problems[0].row, 4)
        self.assertIn("'case_ref' is invalid", info.exception.problems[0].message)

    def test_a_form_with_nothing_to_name_the_case_is_refused(self):
        survey = [("type", "name", "label"), ("select_one yes_no", "q", "Q")]
        with self.assertRaisesRegex(XLSFormError, "can name the case"):
            parse_xlsform(xlsform(survey=survey), filename="f.xlsx")

    @unittest.skipUnless(shutil.which("java"), "ODK Validate needs java")
    def test_odk_validate_catches_broken_xpath(self):
        survey = [*HOUSEHOLD_SURVEY[:3], ("text", "q", "Q", None, None, "${case_ref} = 'x' and")]
        with override_settings(RETOUR_XLSFORM_ODK_VALIDATE=True):
            with self.assertRaisesRegex(XLSFormError, "ODK Validate"):
                parse_xlsform(xlsform(survey=survey), filename="f.xlsx")
            self.assertTrue(parse_xlsform(xlsform(), filename="f.xlsx").repeats)


def member(name, age, works="yes", jobs=()):
    return {"name": name, "age": age, "works": works, "jobs": list(jobs)}


class RepeatImportTests(TenantTestCase):
    def setUp(self):
        self.form = services.survey_form_create(
            actor=ACTOR, organisation=self.org_a, data=xlsform(), filename="household.xlsx"
        )
        self.cases = [monitored_case(self.org_a) for _ in range(2)]

    def submission(self, case, uuid, **kw):
        return {
            "case_ref": case.case_number,
            "region": "north",
            "district": "n2",
            "uuid": uuid,
            "household": [member("Amina", 34, jobs=["farm", "shop"]), member("Jamal", 9, "no")],
            **kw,
        }

    def run_import(self, data, **kwargs):
        user = self.user(Role.CASEWORKER)
        job = services.import_job_create(
            actor=user,
            organisation=self.org_a,
            form=self.form,
            source="kobo",
            filename="kobo.xlsx",
            **kwargs,
        )
        return services.import_job_run(actor=user, job=job, data=data)

    def test_repeat_rows_are_stored_with_their_submission(self):
        data = kobo_xlsx([self.submission(c, f"u{i}") for i, c in enumerate(self.cases)])
        job = self.run_import(data, round_months=6)
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual(job.imported_rows, 2)
        first = Submission.objects.get(case=self.cases[0])
        self.assertEqual(first.round.months_after_arrival, 6)
        self.assertEqual(first.answers["has_work"], "yes")
        rows = {(r.repeat, r.key): r for r in first.repeat_rows.all()}
        self.assertEqual(
            sorted(rows), [("household", "1"), ("household", "2"), ("jobs", "1.1"), ("jobs", "1.2")]
        )
        self.assertEqual(rows[("household", "1")].answers, {
            "member_name": "Amina", "member_age": 34, "member_works": "yes"
        })  # fmt: skip
        self.assertEqual(rows[("jobs", "1.2")].answers, {"job_sector": "shop"})
        self.assertEqual(rows[("jobs", "1.2")].parent_key, "1")
        self.assertEqual(SubmissionRepeat.objects.for_org(self.org_a).count(), 8)
        summary = {s.name: s for s in repeat_summaries(self.form)}
        self.assertEqual(summary["household"].rows, 4)
        self.assertEqual(summary["household"].per_submission, 2.0)
        works = {q.name: q for q in summary["household"].questions}["member_works"]
        self.assertEqual(works.choices, [("Yes", "<5"), ("No", "<5")])
        self.assertNotIn("member_name", {q.name for q in summary["household"].questions})

    def test_the_case_can_be_any_question_and_its_uuid_works_too(self):
        case = self.cases[0]
        data = kobo_xlsx([self.submission(case, "u1", case_ref=str(case.uuid))])
        job = self.run_import(data, round_months=3)
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        with self.assertRaises(ValidationError) as info:
            services.import_job_create(
                actor=ACTOR,
                organisation=self.org_a,
                form=self.form,
                source="kobo",
                filename="x.xlsx",
                case_question="region",  # a select: cannot name a case
                round_months=3,
            )
        self.assertIn("case_question", info.exception.message_dict)

    def test_filter_violations_and_bad_repeat_rows_refuse_everything(self):
        bad_filter = self.submission(self.cases[0], "u1", district="s1")  # south, region north
        bad_member = self.submission(
            self.cases[1], "u2", household=[member("Ok", 30), member("Bad", "old")]
        )
        job = self.run_import(kobo_xlsx([bad_filter, bad_member]), round_months=3)
        self.assertEqual(job.status, ImportStatus.REJECTED)
        reasons = {e["row"]: e["reason"] for e in job.errors}
        self.assertIn("district: choice 's1' is not offered when region is 'north'", reasons[2])
        self.assertIn("household sheet, row 5: member_age: 'old' is not a whole number", reasons[3])
        self.assertFalse(Submission.objects.exists())
        self.assertFalse(SubmissionRepeat.objects.exists())

    def test_an_edit_updates_the_submission_instead_of_duplicating_it(self):
        case = self.cases[0]
        self.assertEqual(
            self.run_import(kobo_xlsx([self.submission(case, "v1")]), round_months=3).status, "done"
        )
        original = Submission.objects.get(case=case)
        edited = self.submission(
            case, "v2", deprecated="uuid:v1", has_work="no", household=[member("Amina", 35)]
        )
        job = self.run_import(kobo_xlsx([edited]), round_months=3)
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual((job.imported_rows, job.updated_rows), (0, 1))
        submission = Submission.objects.get(case=case)
        self.assertEqual(submission.pk, original.pk)
        self.assertEqual(submission.uuid, original.uuid)
        self.assertEqual((submission.external_id, submission.answers["has_work"]), ("v2", "no"))
        self.assertIsNotNone(submission.updated_at)
        self.assertEqual(
            list(submission.repeat_rows.values_list("key", "answers")),
            [("1", {"member_name": "Amina", "member_age": 35, "member_works": "yes"})],
        )
        # Scores follow the edit: one per current definition, recomputed.
        self.assertEqual(IndexScore.objects.filter(submission=submission).count(), 2)
        # The same original again is a duplicate, not an edit.
        again = self.run_import(kobo_xlsx([self.submission(case, "v2")]), round_months=3)
        self.assertEqual(again.status, ImportStatus.REJECTED)
        self.assertIn("already imported", again.errors[0]["reason"])

    def test_pseudonymising_drops_free_text_in_repeat_rows(self):
        case = self.cases[0]
        self.run_import(kobo_xlsx([self.submission(case, "p1")]), round_months=3)
        services.submission_answers_pseudonymise(actor=ACTOR, case=case)
        answers = list(
            SubmissionRepeat.objects.filter(repeat="household").values_list("answers", flat=True)
        )
        self.assertTrue(answers)
        self.assertTrue(all("member_name" not in a for a in answers))
        self.assertEqual(answers[0]["member_age"], 34)

    def test_web_entry_fills_the_hidden_case_field_from_the_round(self):
        round_ = MonitoringRound.objects.get(case=self.cases[0], months_after_arrival=3)
        submission = services.submission_create(
            actor=self.user(Role.CASEWORKER),
            round=round_,
            form=self.form,
            answers={"interview_date": "2026-05-02", "region": "south", "district": "s1"},
        )
        self.assertEqual(submission.answers["case_ref"], self.cases[0].case_number)
        with self.assertRaises(ValidationError):
            services.submission_create(
                actor=self.user(Role.CASEWORKER),
                round=MonitoringRound.objects.get(case=self.cases[1], months_after_arrival=3),
                form=self.form,
                answers={"interview_date": "2026-05-02", "region": "x"},
            )

    def test_matching_defaults_change_is_admin_only_and_audited(self):
        with self.assertRaises(PermissionDenied):
            services.survey_form_matching_set(
                actor=self.user(Role.CASEWORKER), form=self.form, case_question="case_ref",
                round_question="",
            )  # fmt: skip
        services.survey_form_matching_set(
            actor=self.user(Role.ADMIN), form=self.form, case_question="case_ref",
            round_question="region",
        )  # fmt: skip
        event = AuditEvent.objects.filter(action="surveyform.matching").get()
        self.assertEqual(event.detail["changed"], {"round_question": {"old": "", "new": "region"}})
        self.assertEqual(Case.objects.for_org(self.org_a).count(), 2)


class ChoicesSheetTests(unittest.TestCase):
    def test_unevaluated_filters_are_warned_not_refused(self):
        survey = [
            *HOUSEHOLD_SURVEY[:4],
            ("select_one district", "d2", "D", "starts-with(name, 'n')", None, None),
        ]
        parsed = parse_xlsform(xlsform(survey=survey, choices=HOUSEHOLD_CHOICES), filename="f.xlsx")
        self.assertIn("not checked on import", " ".join(parsed.warnings))
