"""The gaps page read from the rollup, in Chromium: phone (390×844), English and Arabic."""

from __future__ import annotations

import pytest
from django.utils import timezone

from retour.orgs.models import Role
from retour.search import analytics
from retour.search.models import QueryLogRollupDay
from retour.search.tests.test_gap_rollup import add_logs
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_gaps_page_from_the_rollup_on_a_phone(browser, live_server, language):
    from wagtail.users.models import UserProfile

    org = OrganisationFactory(
        name="Sample Counselling (demo)", slug="sample-gaps", languages=["en", "ar"]
    )
    add_logs([org], 800, seed=21)
    analytics.rollup_refresh(since=analytics.gaps_since(timezone.localdate()), max_days=None)
    assert QueryLogRollupDay.objects.exists()
    analyst = member(organisation=org, role=Role.ANALYST, username=f"gaps-{language}")
    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = language
    profile.save()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server.url, analyst.username, "correct horse battery staple")
    page.goto(f"{live_server.url}/admin/search-gaps/")
    assert "question 0" in page.content()
    assert page.locator("svg.chart").count() >= 1
    screenshot(page, f"admin-gaps-rollup-{language}-phone")
    page.locator("table.listing").nth(1).scroll_into_view_if_needed()
    screenshot(page, f"admin-gaps-rollup-{language}-phone-tables", full_page=False)
    context.close()
