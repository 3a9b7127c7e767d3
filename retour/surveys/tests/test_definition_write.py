"""An analyst writes a third index definition in the admin: validate, preview, save."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.surveys import services
from retour.surveys.index.definition import builtin_texts
from retour.surveys.index.locate import line_of, with_lines
from retour.surveys.models import IndexDefinition, IndexScore, MonitoringRound, Submission
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form

URL = "/admin/surveys/definitions/write/"
THIRD = (
    builtin_texts()["equal-weight-composite"]
    .replace("slug: equal-weight-composite", "slug: our-composite")
    .replace('version: "2"', 'version: "1"')
    .replace(
        'title: "Equal-weight composite (placeholder, not IOM\'s RSS)"',
        "title: Our validated composite",
    )
)


def test_line_of_points_at_the_key():
    text = "slug: x\nversion: '1'\ndimensions:\n  - key: a\n    rule: {at_least: three}\n"
    assert line_of(text, "dimensions[0].rule.at_least") == 5
    assert line_of(text, "dimensions[0].key") == 4
    assert line_of(text, "dimensions[3].key") == 3  # deepest existing node
    assert with_lines(text, ["dimensions[0].key: bad"]) == [
        {"line": 4, "field": "dimensions[0].key", "message": "bad"}
    ]


class DefinitionWriteTests(TenantTestCase):
    def setUp(self):
        self.assertEqual(reverse("surveys_admin:definition-write"), URL)
        form = sample_form(self.org_a)
        for i in range(3):
            case = monitored_case(self.org_a, case_number=f"DW-{i}")
            round_ = MonitoringRound.objects.get(case=case, months_after_arrival=3)
            services.submission_create(
                actor=self.user(Role.CASEWORKER), round=round_, form=form, answers=GOOD_ANSWERS
            )
        self.analyst = self.client_for(self.user(Role.ANALYST))

    def test_refused_without_the_permission(self):
        for role in (Role.CASEWORKER, Role.EDITOR, Role.REVIEWER):
            self.assert_refused(self.client_for(self.user(role)).get(URL), role)
            self.assert_refused(
                self.client_for(self.user(role)).post(URL, {"yaml_text": THIRD}), role
            )
        self.assertFalse(IndexDefinition.objects.filter(slug="our-composite").exists())

    def test_errors_name_line_and_field(self):
        self.assertContains(self.analyst.get(URL), "slug: equal-weight-composite")
        bad = THIRD.replace("    min_answered: 4", "    min_answered: four", 1)
        line = bad.splitlines().index("    min_answered: four") + 1
        response = self.analyst.post(URL, {"yaml_text": bad, "action": "preview"})
        self.assertContains(response, f"line {line}")
        self.assertContains(response, "dimensions[0].min_answered")
        self.assertContains(response, "&#x27;four&#x27; is not of type &#x27;integer&#x27;")
        self.assertNotContains(response, 'value="save"')
        syntax = self.analyst.post(URL, {"yaml_text": "slug: [\n", "action": "preview"})
        self.assertContains(syntax, "not valid YAML")

    def test_preview_scores_stored_answers_and_stores_nothing(self):
        before = IndexScore.objects.count()
        response = self.analyst.post(URL, {"yaml_text": THIRD, "action": "preview"})
        self.assertContains(response, "3 stored submissions: 3 scored, 0 unknown")
        self.assertContains(response, "at least 4 of 5 are answered")
        self.assertContains(response, 'value="save"')
        # A dimension whose questions the form never asks: everything unknown.
        missing = THIRD.replace("question: econ_", "question: nowhere_")
        response = self.analyst.post(URL, {"yaml_text": missing, "action": "preview"})
        self.assertContains(response, "3 stored submissions: 0 scored, 3 unknown")
        self.assertFalse(IndexDefinition.objects.filter(slug="our-composite").exists())
        self.assertEqual(IndexScore.objects.count(), before)

    def test_save_stores_audits_scores_and_offers_it_in_analytics(self):
        upload = SimpleUploadedFile("ours.yaml", THIRD.encode())
        response = self.analyst.post(URL, {"yaml_file": upload, "action": "save"})
        self.assertRedirects(response, reverse("surveys_admin:definitions"))
        ours = IndexDefinition.objects.get(organisation=self.org_a, slug="our-composite")
        self.assertFalse(ours.is_builtin)
        event = AuditEvent.objects.get(action="indexdefinition.create", object_repr=str(ours))
        self.assertEqual(event.actor_label, self.user(Role.ANALYST).username)
        self.assertEqual(event.organisation, self.org_a)
        self.assertEqual(
            IndexScore.objects.filter(definition=ours).count(),
            Submission.objects.for_org(self.org_a).count(),
        )
        analytics = self.analyst.get(reverse("surveys_admin:analytics"))
        self.assertContains(analytics, "Our validated composite")
        # The same version with other content is refused, with the reason.
        changed = THIRD.replace("composite_at_least: 0.5", "composite_at_least: 0.6")
        again = self.analyst.post(URL, {"yaml_text": changed, "action": "save"})
        self.assertContains(again, "already exists with other content")
        # Organisation B never sees it.
        self.assertFalse(
            IndexDefinition.objects.for_org(self.org_b).filter(slug="our-composite").exists()
        )
