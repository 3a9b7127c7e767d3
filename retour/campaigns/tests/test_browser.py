"""End-to-end in Chromium: registry, claim beside the data, analytics (also without JS)."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from retour.campaigns import eurostat
from retour.campaigns.curated import bundled_eurostat, load_curated
from retour.campaigns.models import Campaign
from retour.campaigns.services import statistics_import
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def registry(transactional_db):
    org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    load_curated(actor=SystemActor.cli("test"), organisation=org)
    name, data = bundled_eurostat("migr_asyappctza")
    parsed = eurostat.parse(data, dataset="migr_asyappctza")
    rows = [o for o in parsed.observations if o["geo"] in ("BE", "EU28")]
    statistics_import(
        actor=SystemActor.cli("test"),
        observations=rows,
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return {"org": org, "analyst": member(organisation=org, role=Role.ANALYST)}


def login(page, live_server, user):
    sign_in(page, live_server.url, user.username, PASSWORD)  # second factor included


@pytest.mark.browser
def test_registry_impact_and_analytics(page, live_server, registry):
    login(page, live_server, registry["analyst"])
    page.goto(live_server.url + "/admin/campaigns/")
    assert "24 rows" in page.locator(".listing-count").inner_text()
    screenshot(page, "campaigns-list")
    # Sorted by cost, two ticked, exported as CSV: exactly those two.
    with page.expect_navigation():
        page.click("th >> text=Cost")
    boxes = page.locator("input[name=selected]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("select[name=action]", "csv")
    with page.expect_download() as download:
        page.click("fieldset.listing-bulk-bar button[type=submit]")
    exported = download.value.path().read_text(encoding="utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(exported)))) == 2
    armenia = Campaign.objects.get(external_id="emn-ahq-be-2017-13")
    page.goto(f"{live_server.url}/admin/campaigns/{armenia.uuid}/")
    assert "49,780" in page.content() or "49780" in page.content()
    screenshot(page, "campaigns-detail-armenia")
    page.goto(f"{live_server.url}/admin/campaigns/{armenia.uuid}/impact/")
    content = page.content()
    assert "dropped in 2013 with 30%" in content
    assert "Not an effect" in content
    assert "-27.3 %" in content
    assert page.locator("svg.chart").count() == 1
    screenshot(page, "campaigns-impact-armenia")
    page.goto(live_server.url + "/admin/campaigns/analytics/")
    assert page.locator("svg.chart").count() >= 2
    screenshot(page, "campaigns-analytics")
    page.emulate_media(media="print")
    assert not page.locator(".no-print").first.is_visible()
    screenshot(page, "campaigns-analytics-print")
    assert page.console_errors == []


@pytest.mark.browser
def test_analytics_readable_without_javascript(browser, live_server, registry):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    login(page, live_server, registry["analyst"])
    page.goto(live_server.url + "/admin/campaigns/analytics/")
    assert page.locator("table.listing").count() >= 4
    assert "Share of campaigns at each evaluation level" in page.content()
    screenshot(page, "campaigns-analytics-nojs")
    context.close()


@pytest.mark.browser
def test_editor_edits_a_campaign(page, live_server, registry):
    editor = member(organisation=registry["org"], role=Role.EDITOR)
    login(page, live_server, editor)
    georgia = Campaign.objects.get(external_id="emn-ahq-be-2017-15")
    page.goto(f"{live_server.url}/admin/campaigns/{georgia.uuid}/edit/")
    page.fill("input[name=languages]", "ka; klingon")
    with page.expect_navigation():
        page.click("#campaign-save")
    screenshot(page, "campaigns-edit-problem")
    assert "Unknown language code" in page.content()
    page.fill("input[name=languages]", "ka; ru")
    page.click("#campaign-save")
    page.wait_for_url(f"**/admin/campaigns/{georgia.uuid}/")
    georgia.refresh_from_db()
    assert georgia.languages == ["ka", "ru"]
    assert georgia.costs.count() == 1  # the itemised cost survived the round trip
