"""End-to-end in Chromium: the caseworker's case list and case page."""

from __future__ import annotations

import pytest

from retour.cases import demo as cases_demo
from retour.cases.models import Case
from retour.core.demo import DemoContext
from retour.orgs.models import Role
from retour.reintegration import demo as reintegration_demo
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, UserFactory, member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def casework(transactional_db):
    org_a = OrganisationFactory(
        name="Alpha Return Counselling (SAMPLE)", slug="alpha", is_sample=True
    )
    org_b = OrganisationFactory(
        name="Bravo Reintegration Network (SAMPLE)", slug="bravo", is_sample=True
    )
    users = {}
    for key, org in (("a", org_a), ("b", org_b)):
        for role in (Role.CASEWORKER, Role.ANALYST):
            users[(key, role)] = member(organisation=org, role=role)
    context = DemoContext(
        org_a=org_a, org_b=org_b, admin=UserFactory(username="root", is_superuser=True), users=users
    )
    cases_demo.load(context=context)
    reintegration_demo.load(context=context)
    return users


def login(page, live_server, user):
    sign_in(page, live_server.url, user.username, PASSWORD)  # second factor included


@pytest.mark.browser
def test_caseworker_sees_stages_identity_and_timeline(page, live_server, casework):
    login(page, live_server, casework[("a", Role.CASEWORKER)])
    page.goto(live_server.url + "/admin/cases/")
    assert "SAMPLE DATA" in page.content()
    assert page.locator("table.listing tbody tr").count() >= 30
    screenshot(page, "cases-list")
    case = Case.objects.get(case_number="SAMPLE-0011")
    page.goto(f"{live_server.url}/admin/cases/{case.uuid}/")
    assert page.locator(".case-stages li.current").count() == 1
    assert "Sample" in page.locator(".identity-panel").inner_text()
    assert page.locator(".timeline li").count() >= 3
    screenshot(page, "cases-detail-caseworker")
    assert page.console_errors == []


@pytest.mark.browser
def test_analyst_sees_no_identity(page, live_server, casework):
    login(page, live_server, casework[("a", Role.ANALYST)])
    case = Case.objects.get(case_number="SAMPLE-0011")
    page.goto(f"{live_server.url}/admin/cases/{case.uuid}/")
    assert page.locator(".identity-panel").count() == 0
    assert "Person 11" not in page.content()
    screenshot(page, "cases-detail-analyst")


@pytest.mark.browser
def test_receiving_org_sees_referrals_within_consent(page, live_server, casework):
    login(page, live_server, casework[("b", Role.CASEWORKER)])
    page.goto(live_server.url + "/admin/reintegration/referrals/")
    rows = page.locator("table.listing").first.locator("tbody tr")
    assert rows.count() >= 1
    assert "Sample Person" not in page.content()
    screenshot(page, "reintegration-referrals-received")
    with page.expect_navigation():
        rows.first.locator("a").click()
    page.wait_for_load_state()
    assert "Shared with your organisation" in page.content()
    assert "Sample Person" not in page.content()
    screenshot(page, "reintegration-referral-received")


@pytest.mark.browser
def test_admin_sets_retention_periods(page, live_server, casework):
    from retour.cases.services import retention_days
    from retour.orgs.models import Organisation

    org = Organisation.objects.get(slug="alpha")
    admin = member(organisation=org, role=Role.ADMIN)
    login(page, live_server, admin)
    page.goto(live_server.url + "/admin/cases/")
    screenshot(page, "cases-list-admin")
    link = page.locator("a[href$='/admin/cases/retention/']")
    assert link.count() == 1
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/admin/cases/retention/")
    assert "closed case" in page.content()
    page.fill("input[name=counselling]", "500")
    with page.expect_navigation():
        page.click("form.retention button[type=submit]")
    assert "Retention periods saved." in page.content()
    assert retention_days(org)["counselling"] == 500
    screenshot(page, "cases-retention")
    assert page.console_errors == []
