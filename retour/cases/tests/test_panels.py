"""The case page shows every registered panel, in order, and only those."""

from __future__ import annotations

import datetime

from django.urls import reverse

from retour.cases import services
from retour.cases.panels import CasePanel, case_panels, register_case_panel, unregister_case_panel
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase


def _probe_context(request, case):
    return {"probe": f"probe-for-{case.case_number}-by-{request.user.username}"}


class CasePanelRegistryTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = services.case_create(
            actor=cls.users[("a", Role.CASEWORKER)], organisation=cls.org_a,
            country_of_return="AF", opened_on=datetime.date(2026, 2, 1),
            counselling_consent="test-1",
        )  # fmt: skip

    def tearDown(self):
        unregister_case_panel("probe")

    def test_reintegration_registers_its_panel(self):
        self.assertIn("reintegration", [panel.name for panel in case_panels()])

    def test_a_registered_panel_is_rendered_with_the_case_and_the_request(self):
        url = reverse("cases_admin:detail", kwargs={"case_uuid": self.case.uuid})
        caseworker = self.user(Role.CASEWORKER)
        self.assertNotContains(self.client_for(caseworker).get(url), "probe-for-")
        register_case_panel(
            CasePanel(
                name="probe",
                template="cases/tests/probe_panel.html",
                context=_probe_context,
                order=0,
            )
        )
        self.assertEqual(case_panels()[0].name, "probe")
        response = self.client_for(caseworker).get(url)
        self.assertContains(
            response, f"<p>probe-for-{self.case.case_number}-by-{caseworker.username}</p>"
        )
        # The reintegration panel still follows it.
        self.assertContains(response, "Reintegration assistance")
