from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from retour.surveys.models import IndexScore, Submission
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form
from .test_services import export_csv


class CommandTests(TenantTestCase):
    def test_import_command_all_or_nothing(self):
        sample_form(self.org_a)
        case = monitored_case(self.org_a, case_number="CLI-1")
        good = {"case_number": "CLI-1", "round": "m6", **GOOD_ANSWERS}
        with tempfile.TemporaryDirectory() as tmp:
            bad_path = Path(tmp) / "bad.csv"
            bad_path.write_bytes(export_csv([good, {**good, "round": "m3", "econ_housing": "?"}]))
            err = io.StringIO()
            with self.assertRaises(CommandError):
                call_command(
                    "surveys_import",
                    str(bad_path),
                    org="alpha",
                    form="retour_monitoring_2015",
                    stderr=err,
                    no_progress=True,
                )
            self.assertIn("row 3: econ_housing: unknown choice '?'", err.getvalue())
            self.assertFalse(Submission.objects.filter(case=case).exists())
            good_path = Path(tmp) / "good.csv"
            good_path.write_bytes(export_csv([good]))
            out, err = io.StringIO(), io.StringIO()
            call_command(
                "surveys_import",
                str(good_path),
                org="alpha",
                form="retour_monitoring_2015",
                stdout=out,
                stderr=err,
            )
        self.assertIn("imported 1 submissions", out.getvalue())
        self.assertIn("100%", err.getvalue())  # the tqdm progress bar
        out = io.StringIO()
        call_command(
            "surveys_recompute",
            org="alpha",
            definition="equal-weight-composite",
            replace=True,
            stdout=out,
        )
        self.assertIn("1 submissions scored", out.getvalue())
        self.assertEqual(IndexScore.objects.filter(case=case).count(), 2)

    def test_check_definition_names_path(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(
                "slug: x\nversion: '1'\ntitle: t\nmethod: threshold\n"
                "dimensions: [{key: e, indicators: [{key: a, question: q}]}]\n"
                "classification: {all_dimensions: true}\n"
            )
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("surveys_check_definition", f.name, stderr=err)
        self.assertIn(
            "dimensions[0].indicators[0]: needs exactly one of 'map' or 'ranges'", err.getvalue()
        )
        Path(f.name).unlink()
