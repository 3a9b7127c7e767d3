"""The demo loaders are idempotent and produce clearly labelled sample data."""

from __future__ import annotations

from retour.cases import demo as cases_demo
from retour.cases.models import Case, CaseIdentity, Stage
from retour.core.demo import DemoContext
from retour.reintegration import demo as reintegration_demo
from retour.reintegration.models import AssistanceItem, Referral
from retour.testing.base import TenantTestCase


class DemoTests(TenantTestCase):
    def test_demo_is_idempotent_and_sample(self):
        # Loading time is measured in bench/, never asserted here (loaded machines vary).
        context = DemoContext(
            org_a=self.org_a, org_b=self.org_b, admin=self.superuser, users=self.users
        )
        cases_demo.load(context=context)
        reintegration_demo.load(context=context)
        counts = (Case.objects.count(), AssistanceItem.objects.count(), Referral.objects.count())
        cases_demo.load(context=context)
        reintegration_demo.load(context=context)
        self.assertEqual(
            counts, (Case.objects.count(), AssistanceItem.objects.count(), Referral.objects.count())
        )
        # 40 sample cases in org A, plus org B's own copy of each handed-over one.
        self.assertEqual(Case.objects.for_org(self.org_a).count(), 40)
        self.assertEqual(counts[0], 40 + len(cases_demo.HANDED_OVER))
        self.assertGreater(counts[1], 10)
        self.assertGreater(counts[2], 0)
        self.assertEqual(Case.objects.for_org(self.org_b).count(), len(cases_demo.HANDED_OVER))
        self.assertEqual(len(set(Case.objects.values_list("stage", flat=True))), len(Stage.values))
        self.assertFalse(Case.objects.filter(is_sample=False).exists())
        self.assertTrue(all(c.case_number.startswith("SAMPLE-") for c in Case.objects.all()))
        for identity in CaseIdentity.objects.all():
            self.assertEqual(identity.given_name, "Sample")
            self.assertTrue(identity.phone.startswith("+00 "))
