"""The placeholder ``rss-composite`` became ``equal-weight-composite`` (migration 0002)."""

from __future__ import annotations

import importlib
from pathlib import Path
from unittest import mock

from django.apps import apps

from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.surveys import selectors, services
from retour.surveys.index.definition import builtin_texts
from retour.surveys.models import IndexDefinition, IndexScore, MonitoringRound
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form

migration = importlib.import_module("retour.surveys.migrations.0002_rename_rss_composite")
V1 = (Path(__file__).parent / "data_rss_composite_v1.yaml").read_text(encoding="utf-8")


class RenameTests(TenantTestCase):
    def setUp(self):
        # An organisation that scored with the old shipped definitions, before the rename.
        shipped_before = {**builtin_texts(), "rss-composite": V1}
        del shipped_before["equal-weight-composite"]
        self.form = sample_form(self.org_a)
        case = monitored_case(self.org_a)
        round_ = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        with mock.patch.object(services, "builtin_texts", return_value=shipped_before):
            self.submission = services.submission_create(
                actor=self.user(Role.CASEWORKER), round=round_, form=self.form, answers=GOOD_ANSWERS
            )
        self.old = IndexDefinition.objects.get(organisation=self.org_a, slug="rss-composite")
        self.score = IndexScore.objects.get(submission=self.submission, definition=self.old)

    def test_forward_renames_and_keeps_scores_and_rules(self):
        migration.forward(apps, None)
        self.old.refresh_from_db()
        self.assertEqual(self.old.slug, "equal-weight-composite")
        self.assertEqual(self.old.title, "Equal-weight composite (placeholder, not IOM's RSS)")
        self.assertEqual(self.old.version, "1-equal-weights")
        parsed = self.old.parsed()
        self.assertEqual(parsed.slug, "equal-weight-composite")
        self.assertEqual(parsed.sha256, self.old.sha256)
        self.assertIn("not IOM's Reintegration Sustainability Survey", self.old.yaml_text)
        # Same scoring rules as before: every dimension needs every answer.
        self.assertEqual([d.min_answered for d in parsed.dimensions], [None, None, None])
        self.score.refresh_from_db()
        self.assertEqual(self.score.definition_id, self.old.pk)
        self.assertFalse(IndexDefinition.objects.filter(slug="rss-composite").exists())

        migration.backward(apps, None)
        self.old.refresh_from_db()
        self.assertEqual((self.old.slug, self.old.yaml_text), ("rss-composite", V1))

    def test_shipped_version_2_becomes_current_and_scores_what_is_stored(self):
        migration.forward(apps, None)
        added = services.index_definitions_ensure_builtin(
            actor=SystemActor.cli("test"), organisation=self.org_a
        )
        self.assertEqual([(d.slug, d.version) for d in added], [("equal-weight-composite", "2")])
        current = {d.slug: d for d in selectors.current_definitions(self.org_a)}
        v2 = current["equal-weight-composite"]
        self.assertEqual(v2.version, "2")
        # The submission stored before is scored under version 2 at once.
        self.assertTrue(
            IndexScore.objects.filter(submission=self.submission, definition=v2).exists()
        )
        self.assertIn("reweighted over the answered ones", v2.summary)
        # Idempotent: nothing more is added.
        again = services.index_definitions_ensure_builtin(
            actor=SystemActor.cli("test"), organisation=self.org_a
        )
        self.assertEqual(again, [])

    def test_an_organisations_own_version_is_never_replaced(self):
        migration.forward(apps, None)
        own = V1.replace("rss-composite", "equal-weight-composite").replace(
            '"1-equal-weights"', '"own-1"'
        )
        services.index_definition_save(
            actor=self.user(Role.ANALYST), organisation=self.org_a, text=own
        )
        added = services.index_definitions_ensure_builtin(
            actor=SystemActor.cli("test"), organisation=self.org_a
        )
        self.assertEqual(added, [])
        current = {d.slug: d for d in selectors.current_definitions(self.org_a)}
        self.assertEqual(current["equal-weight-composite"].version, "own-1")

    def test_api_still_answers_to_the_old_slug(self):
        migration.forward(apps, None)
        client = self.client_for(self.user(Role.ANALYST))
        old = client.get("/api/v1/surveys/rates/?definition=rss-composite").json()
        new = client.get("/api/v1/surveys/rates/?definition=equal-weight-composite").json()
        self.assertEqual(old["definition"], "equal-weight-composite")
        self.assertEqual(old, new)
