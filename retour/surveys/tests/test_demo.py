from __future__ import annotations

from unittest import mock

from retour.core.demo import DemoContext
from retour.surveys import demo
from retour.surveys.models import IndexScore, MonitoringRound, Submission, SubmissionSource
from retour.testing.base import TenantTestCase


class DemoTests(TenantTestCase):
    def test_demo_is_sample_and_idempotent(self):
        context = DemoContext(
            org_a=self.org_a,
            org_b=self.org_b,
            admin=self.superuser,
            users={("a", "caseworker"): self.user("caseworker")},
        )
        with mock.patch.object(demo, "SAMPLE_CASES", 25):
            demo.load(context=context)
            counts = (
                MonitoringRound.objects.count(),
                Submission.objects.count(),
                IndexScore.objects.count(),
            )
            demo.load(context=context)
        self.assertEqual(
            counts,
            (
                MonitoringRound.objects.count(),
                Submission.objects.count(),
                IndexScore.objects.count(),
            ),
        )
        self.assertGreater(counts[1], 10)
        self.assertFalse(Submission.objects.exclude(source=SubmissionSource.SAMPLE).exists())
        self.assertFalse(Submission.objects.filter(is_sample=False).exists())
        from retour.reintegration.models import AssistanceItem

        self.assertTrue(AssistanceItem.objects.filter(is_sample=True, status="delivered").exists())
        # Every submission is scored under both shipped definitions.
        self.assertEqual(counts[2], 2 * counts[1])
