"""No one but caseworkers of the owning organisation reads identifying fields, anywhere.

Every case-related route (admin views, exports, API, referral views, the audit
log) is requested as every role of both organisations, an outsider and an
anonymous visitor, and each answer is scanned for the person's name, phone
and document number.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import NoReverseMatch, reverse

from retour.cases import services
from retour.core.tests.test_cross_org_routes import iter_routes
from retour.orgs.models import Role
from retour.reintegration import services as reint
from retour.testing.base import TenantTestCase

SECRETS = ("Ormelinde", "Vastrakova", "+00 999 123 456", "ZX5550001")
PREFIXES = (
    "cases_admin:",
    "reintegration_admin:",
    "api:cases-",
    "api:reintegration-",
    "orgs_admin:audit",
)


class IdentityExposureTests(TenantTestCase):
    case: Any  # set in setUpTestData/setUp
    consent: Any  # set in setUpTestData/setUp
    item: Any  # set in setUpTestData/setUp
    referral: Any  # set in setUpTestData/setUp

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cw = cls.users[("a", Role.CASEWORKER)]
        cls.case = services.case_create(
            actor=cw, organisation=cls.org_a, country_of_return="AF",
            opened_on=datetime.date(2026, 1, 10), vulnerabilities=["torture"],
            counselling_consent="test-1", identity={
                "given_name": "Ormelinde", "family_name": "Vastrakova", "phone": "+00 999 123 456",
                "documents": [{"type": "passport", "number": "ZX5550001"}],
            },
        )  # fmt: skip
        cls.consent = services.consent_record(
            actor=cw, case=cls.case, purpose="data_sharing", version="1", partner=cls.org_b,
            scope=["profile", "vulnerabilities", "assistance", "needs"],
        )  # fmt: skip
        services.consent_record(actor=cw, case=cls.case, purpose="counselling", version="1")
        cls.item = reint.assistance_item_create(actor=cw, case=cls.case, type="medical")
        cls.referral = reint.referral_create(
            actor=cw, case=cls.case, to_organisation=cls.org_b, note="needs a doctor"
        )

    def _urls(self) -> list[str]:
        params = {
            "case_uuid": self.case.uuid,
            "consent_uuid": self.consent.uuid,
            "assistance_item_uuid": self.item.uuid,
            "referral_uuid": self.referral.uuid,
        }
        urls = []
        for route in iter_routes():
            if not route.name.startswith(PREFIXES):
                continue
            try:
                urls.append(reverse(route.name, kwargs={p: params[p] for p in route.params}))
            except (KeyError, NoReverseMatch):
                self.fail(f"cannot build {route.name} {route.params}")
        urls.append(reverse("cases_admin:list") + "?format=csv")
        return urls

    def test_only_owning_caseworkers_see_identity(self):
        urls = self._urls()
        self.assertGreater(len(urls), 15)
        visitors = [(f"{org}:{role}", user) for org in "ab" for role, user in self.every_role(org)]
        visitors += [("outsider", self.outsider), ("anonymous", None)]
        leaks = []
        for label, user in visitors:
            client = Client() if user is None else self.client_for(user)
            for url in urls:
                body = client.get(url).content.decode(errors="replace")
                if label == "a:caseworker":
                    continue
                leaks += [f"{label} {url}: {s}" for s in SECRETS if s in body]
        self.assertEqual(leaks, [])

    def test_the_scan_can_find_a_leak(self):
        """The owning caseworker does see the name, so the scan above is not vacuous."""
        client = self.client_for(self.user(Role.CASEWORKER))
        seen = [
            u for u in self._urls() if "Ormelinde" in client.get(u).content.decode(errors="replace")
        ]
        self.assertTrue(any("/identity/" in u for u in seen))
        self.assertTrue(any("/export/" in u for u in seen))

    def test_receiving_org_sees_only_consented_scope_and_withdrawal_bites_at_once(self):
        url = reverse(
            "api:reintegration-referral-detail", kwargs={"referral_uuid": self.referral.uuid}
        )
        client = self.client_for(self.user(Role.CASEWORKER, "b"))
        data = client.get(url).json()
        self.assertEqual(data["note"], "needs a doctor")
        self.assertEqual(data["vulnerabilities"], ["torture"])
        services.consent_withdraw(actor=self.user(Role.CASEWORKER), consent=self.consent)
        data = client.get(url).json()
        self.assertEqual(data["scope"], [])
        self.assertNotIn("note", data)
        self.assertNotIn("profile", data)
