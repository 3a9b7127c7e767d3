"""End-to-end in Chromium, each as the named role: the admin view layer's lists.

* a caseworker pages through 1,000 cases, filters them and assigns a few;
* a partner's caseworker accepts one referral and declines another with a reason,
  and the sender sees both answers.

Screenshots (desktop, phone 390x844, right-to-left Arabic) go to test-artifacts/
(``RETOUR_TEST_ARTIFACTS``).
"""

from __future__ import annotations

import datetime

import pytest

from retour.cases import services as case_services
from retour.cases.models import Case, Stage
from retour.orgs.models import Role
from retour.reintegration import services as referral_services
from retour.reintegration.models import Referral, ReferralStatus
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


@pytest.fixture
def thousand_cases(transactional_db):
    org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    worker = member(organisation=org, role=Role.CASEWORKER, username="alpha-caseworker")
    colleague = member(organisation=org, role=Role.CASEWORKER, username="alpha-colleague")
    colleague.first_name, colleague.last_name = "Samira", "Haddad"
    colleague.save()
    stages = [Stage.COUNSELLING, Stage.ARRIVAL, Stage.MONITORING]
    countries = ["AF", "IQ", "GE", "SN"]
    Case.objects.bulk_create(
        Case(
            organisation=org,
            case_number=f"K-{i:04d}",
            stage=stages[i % 3],
            country_of_return=countries[i % 4],
            opened_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 300),
        )
        for i in range(1000)
    )
    return {"org": org, "worker": worker, "colleague": colleague}


def _arabic(user) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()


def _follow(page, selector: str) -> None:
    """Click something that loads a new page and wait until it has loaded."""
    with page.expect_navigation():
        page.click(selector)


def test_caseworker_pages_filters_and_assigns(page, live_server, thousand_cases, browser):
    sign_in(page, live_server.url, "alpha-caseworker", PASSWORD)
    page.goto(live_server.url + "/admin/cases/")
    assert "1000 rows" in page.locator(".listing-count").inner_text()
    screenshot(page, "cases-list-desktop")
    _follow(page, "nav.listing-pages >> text=Next")
    assert "page 2 of 20" in page.locator(".listing-count").inner_text()
    _follow(page, "nav.listing-pages >> text=Last")
    assert "page 20 of 20" in page.locator(".listing-count").inner_text()
    # Filter: arrival stage in Iraq (the form is a plain GET form).
    page.select_option("select[name=stage]", Stage.ARRIVAL)
    page.select_option("select[name=country]", "IQ")
    _follow(page, "form.retour-filters button[type=submit]")
    expected = Case.objects.filter(stage=Stage.ARRIVAL, country_of_return="IQ").count()
    assert f"{expected} rows" in page.locator(".listing-count").inner_text()
    # Sort by case number, then tick two and assign them to a colleague.
    # Each click that loads a page is awaited: a box ticked on the page being
    # replaced would be lost, and the bulk action would carry nothing.
    _follow(page, "th >> text=Case")
    first_two = page.locator("input[name=selected]")
    first_two.nth(0).check()
    first_two.nth(1).check()
    page.select_option("select[name=action]", "assign")
    page.select_option("select[name=assign_to]", label="Samira Haddad")
    _follow(page, "fieldset.listing-bulk-bar button[type=submit]")
    assert "2 cases assigned." in page.locator("body").inner_text()
    colleague = thousand_cases["colleague"].memberships.get()
    assigned = Case.objects.filter(assigned_to=colleague)
    assert assigned.count() == 2
    assert set(assigned.values_list("stage", "country_of_return")) == {(Stage.ARRIVAL, "IQ")}
    page.select_option("select[name=assignee]", str(colleague.uuid))
    _follow(page, "form.retour-filters button[type=submit]")
    assert "2 rows" in page.locator(".listing-count").inner_text()
    screenshot(page, "cases-list-filtered-assigned")
    assert page.console_errors == []

    phone_context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone = phone_context.new_page()
    sign_in(phone, live_server.url, "alpha-colleague", PASSWORD)
    phone.goto(live_server.url + "/admin/cases/?per_page=25")
    assert "1000" in phone.locator(".listing-count").inner_text()
    screenshot(phone, "cases-list-phone", full_page=False)
    _arabic(thousand_cases["colleague"])
    phone.goto(live_server.url + "/admin/cases/?per_page=25&p=3")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    screenshot(phone, "cases-list-phone-ar", full_page=False)
    phone_context.close()


@pytest.fixture
def referrals(transactional_db):
    sender_org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    partner = OrganisationFactory(name="Bravo Reintegration Network", slug="bravo")
    sender = member(organisation=sender_org, role=Role.CASEWORKER, username="alpha-caseworker")
    receiver = member(organisation=partner, role=Role.CASEWORKER, username="bravo-caseworker")
    made = []
    for n in range(2):
        case = case_services.case_create(
            actor=sender, organisation=sender_org, country_of_return="IQ",
            opened_on=datetime.date(2026, 1, 5), counselling_consent="v1",
        )  # fmt: skip
        case_services.consent_record(
            actor=sender, case=case, purpose="data_sharing", version="1", partner=partner,
            scope=["profile", "needs"],
        )  # fmt: skip
        referral = referral_services.referral_create(
            actor=sender, case=case, to_organisation=partner,
            assistance_type="business", note=f"Wants to open a shop ({n})",
        )  # fmt: skip
        made.append(referral)
    return {"sender": sender, "receiver": receiver, "referrals": made}


def test_partner_accepts_and_declines_with_a_reason(page, live_server, referrals, browser):
    sign_in(page, live_server.url, "bravo-caseworker", PASSWORD)
    page.goto(live_server.url + "/admin/reintegration/referrals/")
    assert "2 rows" in page.locator(".listing-count").inner_text()
    screenshot(page, "referrals-received")
    first, second = referrals["referrals"]
    page.goto(f"{live_server.url}/admin/reintegration/referrals/{first.uuid}/")
    page.fill(
        "form.referral-answer:has(input[value=accepted]) input[name=note]", "We call on Monday"
    )
    page.click("form.referral-answer:has(input[value=accepted]) button[type=submit]")
    page.goto(f"{live_server.url}/admin/reintegration/referrals/{second.uuid}/")
    screenshot(page, "referral-answer-forms")
    declined = "form.referral-answer:has(input[value=declined])"
    page.select_option(f"{declined} select[name=reason]", "out_of_area")
    page.click(f"{declined} button[type=submit]")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ReferralStatus.ACCEPTED
    assert (second.status, second.decline_reason) == (ReferralStatus.DECLINED, "out_of_area")
    assert page.console_errors == []

    other = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    sender = other.new_page()
    sign_in(sender, live_server.url, "alpha-caseworker", PASSWORD)
    sender.goto(live_server.url + "/admin/reintegration/referrals/?box=sent")
    text = sender.locator("table.listing").inner_text()
    assert "Accepted" in text and "Outside the area we cover" in text
    screenshot(sender, "referrals-sent-phone", full_page=False)
    _arabic(referrals["sender"])
    sender.goto(f"{live_server.url}/admin/reintegration/referrals/{second.uuid}/")
    assert sender.locator("html").get_attribute("dir") == "rtl"
    screenshot(sender, "referral-declined-phone-ar", full_page=False)
    other.close()
    assert Referral.objects.filter(status=ReferralStatus.SENT).count() == 0
