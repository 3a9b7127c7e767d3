"""The ``campaigns`` management command acts through the services and the policy."""

from __future__ import annotations

from io import StringIO

from django.core.management import CommandError, call_command

from retour.campaigns.models import Campaign, StatObservation
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase


class CommandTests(TenantTestCase):
    def test_curated_needs_a_permitted_user(self):
        with self.assertRaises(CommandError):
            call_command("campaigns", "curated", "alpha", "--user", "alpha-reviewer")
        self.assertEqual(Campaign.objects.count(), 0)
        out = StringIO()
        call_command("campaigns", "curated", "alpha", "--user", "alpha-editor", stdout=out)
        self.assertIn("24 created", out.getvalue())
        self.assertEqual(self.user(Role.EDITOR).username, "alpha-editor")

    def test_statistics_and_export(self):
        tmp = self.enterContext(__import__("tempfile").TemporaryDirectory())
        tsv = f"{tmp}/migr_asyappctza.tsv"
        with open(tsv, "w") as fh:
            fh.write("citizen,unit,geo\\time\t2013 \t2012 \nAM,PER,BE\t200 \t275 \n")
        out = StringIO()
        call_command("campaigns", "statistics", tsv, stdout=out)
        self.assertIn("sdmx-tsv: 2 new", out.getvalue())
        self.assertEqual(StatObservation.objects.get(year=2013).value, 200)
        bad = f"{tmp}/migr_bad.csv"
        with open(bad, "w") as fh:
            fh.write("a;b\n")
        with self.assertRaisesMessage(CommandError, "Unknown layout"):
            call_command("campaigns", "statistics", bad)
        call_command("campaigns", "export", f"{tmp}/all.docx", "--format", "docx", stdout=out)
        self.assertIn("0 campaigns written", out.getvalue())
