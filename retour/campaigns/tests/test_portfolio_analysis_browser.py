"""The portfolio analytics page in Chromium: desktop, phone (390×844) and Arabic (RTL)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from retour.campaigns.tests.factories import CampaignFactory, ReachFigureFactory
from retour.orgs.models import Role
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", (1280, 900)), ("en", (390, 844)), ("ar", (390, 844)), ("ar", (1280, 900))],
)
def test_portfolio_page_is_paginated_and_readable(browser, live_server, language, viewport):
    from wagtail.users.models import UserProfile

    org = OrganisationFactory(name="Sample Counselling (demo)", slug="sample-portfolio")
    for i in range(70):
        campaign = CampaignFactory(
            organisation=org,
            title=f"Sample information campaign number {i} in the region",
            cost_total=None if i % 6 == 0 else Decimal(5000 + 911 * i),
            countries=[["AM"], ["GE", "AM"], ["MA"]][i % 3],
            evaluation_level=i % 4,
        )
        if i % 4:
            ReachFigureFactory(campaign=campaign, value=200 + 13 * i, unit="persons")
    analyst = member(organisation=org, role=Role.ANALYST, username=f"pa-{language}")
    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = language
    profile.save()
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    sign_in(page, live_server.url, analyst.username, "correct horse battery staple")
    page.goto(f"{live_server.url}/admin/campaigns/analytics/?per_page=25")
    assert page.locator("svg.chart").count() >= 2
    rows = page.locator("table.listing").filter(has=page.locator("th[aria-sort]"))
    assert rows.locator("tbody tr").count() == 25
    assert page.locator("nav.listing-pages").count() == 1
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    name = f"campaigns-portfolio-{language}-{'phone' if viewport[0] < 500 else 'desktop'}"
    screenshot(page, name)
    # The admin scrolls inside its own container: show the listing and its pages too.
    page.locator("nav.listing-pages").scroll_into_view_if_needed()
    screenshot(page, f"{name}-listing", full_page=False)
    page.locator("#campaigns").scroll_into_view_if_needed()
    screenshot(page, f"{name}-listing-top", full_page=False)
    page.click("nav.listing-pages a[rel=next]")
    assert "p=2" in page.url
    context.close()
