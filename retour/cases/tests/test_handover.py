"""A handover discloses to the receiving organisation exactly what the person consented to.

The sender keeps its case (identity, free text, survey answers, its referrals); the
receiver gets a case of its own holding copies of the consented parts only.
"""

from __future__ import annotations

import datetime
import itertools
import re

from django.db import IntegrityError, transaction
from django.urls import reverse

from retour.cases import services
from retour.cases.models import Case, CaseIdentity, Handover, SharingScope, Stage, StageEvent
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.reintegration import selectors as reint_selectors
from retour.reintegration import services as reint
from retour.reintegration.models import AssistanceItem, Referral
from retour.testing.base import TenantTestCase
from retour.testing.factories import OrganisationFactory

NAME = "Yolandis Trembarro"
PHONE = "+00 555 0199"
REGION = "Nineveh Plains"
PRIVATE_NOTE = "Counsellor only: worried about an uncle"
PLAN = "Plan: open a bakery with a cousin"
NEEDS = "Needs housing near a school"
PROVIDER = "Bakers Guild of Mosul"

ALL_SCOPES = list(SharingScope.values)
# Every combination of scopes, the empty one included (16).
COMBINATIONS = [
    set(combo)
    for n in range(len(ALL_SCOPES) + 1)
    for combo in itertools.combinations(ALL_SCOPES, n)
]


class HandoverScopeTests(TenantTestCase):
    def setUp(self):
        self.cw_a = self.user(Role.CASEWORKER)
        self.cw_b = self.user(Role.CASEWORKER, "b")

    def _case(self, scope: set[str]) -> Case:
        case = services.case_create(
            actor=self.cw_a,
            organisation=self.org_a,
            country_of_return="iq",
            region_of_return=REGION,
            opened_on=datetime.date(2026, 3, 1),
            departure_date=datetime.date(2026, 4, 1),
            arrival_date=datetime.date(2026, 4, 2),
            gender="female",
            age_band="35-49",
            notes=PRIVATE_NOTE,
            vulnerabilities=["trafficking", "elderly"],
            counselling_consent="test-1",
            identity={"given_name": NAME, "phone": PHONE},
        )
        services.case_update(
            actor=self.cw_a, case=case, plan_budget="1500", plan_currency="EUR", plan_summary=PLAN
        )
        services.case_stage_set(
            actor=self.cw_a, case=case, stage=Stage.ARRIVAL, occurred_on=datetime.date(2026, 4, 2)
        )
        services.consent_record(
            actor=self.cw_a, case=case, purpose="data_sharing", version="2",
            partner=self.org_b, scope=sorted(scope),
        )  # fmt: skip
        reint.assistance_item_create(
            actor=self.cw_a, case=case, type="business", amount="731.40", currency="EUR",
            provider=PROVIDER,
        )  # fmt: skip
        reint.referral_create(
            actor=self.cw_a, case=case, to_organisation=self.org_b, note=NEEDS,
            assistance_type="housing",
        )  # fmt: skip
        return case

    def _receiver_reads(self, received: Case) -> dict:
        client = self.client_for(self.cw_b)
        detail = client.get(reverse("cases_admin:detail", kwargs={"case_uuid": received.uuid}))
        self.assertEqual(detail.status_code, 200)
        api = client.get(f"/api/v1/cases/{received.uuid}/")
        self.assertEqual(api.status_code, 200)
        identity = client.get(f"/api/v1/cases/{received.uuid}/identity/")
        self.assertEqual(identity.status_code, 200)
        assistance = client.get(f"/api/v1/cases/{received.uuid}/assistance/")
        self.assertEqual(assistance.status_code, 200)
        return {
            "page": detail.content.decode(),
            "api": api.json(),
            "identity": identity.json(),
            # The list endpoint is paginated.
            "assistance": assistance.json()["results"],
            "text": detail.content.decode() + api.content.decode() + identity.content.decode()
            + assistance.content.decode(),
        }  # fmt: skip

    def test_receiver_reads_exactly_the_consented_parts(self):
        for scope in COMBINATIONS:
            with self.subTest(scope=sorted(scope)):
                case = self._case(scope)
                handover = services.case_handover(
                    actor=self.cw_a, case=case, to_organisation=self.org_b, reason="moved"
                )
                received = handover.received_case
                self.assertEqual(received.organisation, self.org_b)
                self.assertNotEqual(received.pk, case.pk)
                seen = self._receiver_reads(received)
                text, api = seen["text"], seen["api"]
                # Never consented, never disclosed: identity, free text, departure.
                for secret in (NAME, PHONE, PRIVATE_NOTE, "2026-04-01"):
                    self.assertNotIn(secret, text)
                self.assertEqual(seen["identity"], {})
                self.assertFalse(CaseIdentity.objects.filter(case=received).exists())

                profile = SharingScope.PROFILE in scope
                self.assertEqual(REGION in text, profile)
                self.assertEqual(api["country_of_return"], "IQ" if profile else "")
                self.assertEqual(api["region_of_return"], REGION if profile else "")
                self.assertEqual(api["arrival_date"], "2026-04-02" if profile else None)
                self.assertEqual(api["gender"], "female" if profile else "")
                self.assertEqual(api["age_band"], "35-49" if profile else "")
                self.assertEqual(api["case_number"] == case.case_number, profile)

                vulnerable = SharingScope.VULNERABILITIES in scope
                self.assertEqual(
                    sorted(api["vulnerabilities"]),
                    ["elderly", "trafficking"] if vulnerable else [],
                )
                # The page lists the extra steps a recorded vulnerability brings.
                self.assertEqual("Risk assessment of re-trafficking" in seen["page"], vulnerable)

                assisted = SharingScope.ASSISTANCE in scope
                self.assertEqual(PLAN in text, assisted)
                self.assertEqual("1500" in seen["page"], assisted)
                self.assertEqual(
                    [(i["type"], i["amount"]) for i in seen["assistance"]],
                    [("business", "731.40")] if assisted else [],
                )
                self.assertEqual(PROVIDER in text, assisted)

                self.assertEqual(NEEDS in text, SharingScope.NEEDS in scope)

                # The sender keeps its whole case.
                case.refresh_from_db()
                self.assertEqual(case.organisation, self.org_a)
                self.assertEqual(case.notes, PRIVATE_NOTE)
                self.assertEqual(CaseIdentity.objects.get(case=case).given_name, NAME)
                self.assertEqual(
                    AssistanceItem.objects.for_org(self.org_a).filter(case=case).count(), 1
                )
                # The receiver cannot open the sender's case, in the admin or the API.
                client = self.client_for(self.cw_b)
                self.assert_not_found(
                    client.get(reverse("cases_admin:detail", kwargs={"case_uuid": case.uuid}))
                )
                self.assert_not_found(client.get(f"/api/v1/cases/{case.uuid}/"))

    def test_receiver_never_reads_the_identity(self):
        # Reported: with consent for "profile" and "vulnerabilities" only, the
        # partner's caseworker read the full identity after the handover.
        case = self._case({SharingScope.PROFILE, SharingScope.VULNERABILITIES})
        services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        client = self.client_for(self.cw_b)
        for uuid in Case.objects.for_org(self.org_b).values_list("uuid", flat=True):
            for url in (
                f"/api/v1/cases/{uuid}/identity/",
                reverse("cases_admin:detail", kwargs={"case_uuid": uuid}),
            ):
                self.assertNotContains(client.get(url), NAME)

    def test_sender_referrals_keep_their_sender(self):
        case = self._case({SharingScope.NEEDS, SharingScope.PROFILE})
        services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        referral = Referral.objects.get(case=case)
        self.assertEqual(
            (referral.organisation, referral.to_organisation), (self.org_a, self.org_b)
        )
        self.assertFalse(Referral.objects.filter(organisation=self.org_b).exists())
        received = list(reint_selectors.referrals_received(self.org_b))
        self.assertEqual(received, [referral])
        view = reint_selectors.referral_shared_view(referral)
        self.assertEqual(view["from_organisation"], self.org_a.name)
        # The database refuses a referral sent from an organisation to itself.
        with self.assertRaises(IntegrityError), transaction.atomic():
            Referral.objects.filter(pk=referral.pk).update(organisation=self.org_b)

    def test_handover_is_audited_in_both_organisations_without_identifying_values(self):
        case = self._case({SharingScope.VULNERABILITIES})
        handover = services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        events = AuditEvent.objects.filter(action="case.handover")
        self.assertEqual({e.organisation for e in events}, {self.org_a, self.org_b})
        for event in events:
            self.assertEqual(event.detail["scope"], ["vulnerabilities"])
            self.assertEqual(event.detail["received_case"], str(handover.received_case.uuid))
        for event in AuditEvent.objects.all():
            blob = f"{event.object_repr} {event.detail}"
            for secret in (NAME, PHONE, PRIVATE_NOTE, PLAN, NEEDS):
                self.assertNotIn(secret, blob, event.action)

    def test_erasure_at_the_sender_is_told_to_the_receiver(self):
        case = self._case({SharingScope.PROFILE})
        handover = services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        received = handover.received_case
        services.case_erase(actor=self.cw_a, case=case, reason="the person asked")
        self.assertFalse(Case.objects.filter(pk=case.pk).exists())
        # The receiver's copy stays (its own controller) and its timeline says why to act.
        notice = received.events.get(kind=StageEvent.Kind.RETENTION)
        self.assertIn("erased its record", notice.summary)
        event = AuditEvent.objects.get(action="case.erasure_notice")
        self.assertEqual(event.organisation, self.org_b)
        page = self.client_for(self.cw_b).get(
            reverse("cases_admin:detail", kwargs={"case_uuid": received.uuid})
        )
        self.assertContains(page, "erased its record")

    def test_refusals(self):
        case = self._case({SharingScope.PROFILE})
        services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        with self.assertRaisesMessage(Exception, "already handed over"):
            services.case_handover(actor=self.cw_a, case=case, to_organisation=self.org_b)
        closed = self._case({SharingScope.PROFILE})
        services.case_stage_set(
            actor=self.cw_a, case=closed, stage=Stage.CLOSED, final_report="done"
        )
        with self.assertRaisesMessage(Exception, "closed"):
            services.case_handover(actor=self.cw_a, case=closed, to_organisation=self.org_b)
        self.assertEqual(Handover.objects.count(), 1)


class HandoverFormTests(TenantTestCase):
    def _options(self, case) -> set[str]:
        page = self.client_for(self.user(Role.CASEWORKER)).get(
            reverse("cases_admin:detail", kwargs={"case_uuid": case.uuid})
        )
        form = re.search(r'action="[^"]*/handover/".*?</form>', page.content.decode(), re.S)
        assert form is not None, "no handover form on the page"
        return set(re.findall(r'<option value="([0-9a-f-]{36})"', form.group(0)))

    def test_form_offers_consented_partners_only_never_the_own_organisation(self):
        third = OrganisationFactory(name="Charlie Partners", slug="charlie")
        cw = self.user(Role.CASEWORKER)
        case = services.case_create(actor=cw, organisation=self.org_a, country_of_return="GE")
        services.consent_record(
            actor=cw, case=case, purpose="data_sharing", version="1", partner=self.org_b,
            scope=["profile"],
        )  # fmt: skip
        options = self._options(case)
        self.assertNotIn(str(self.org_a.uuid), options)
        self.assertNotIn(str(third.uuid), options)
        self.assertEqual(options, {str(self.org_b.uuid)})
        url = reverse("cases_admin:handover", kwargs={"case_uuid": case.uuid})
        for org in (self.org_a, third):
            self.client_for(cw).post(url, {"to_organisation": str(org.uuid)})
        self.assertFalse(Handover.objects.exists())
