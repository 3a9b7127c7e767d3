"""The "What support can I get?" questionnaire on a phone, in English and in Arabic (rtl)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from retour.content import services
from retour.content.models import (
    FamilyCondition,
    HealthCondition,
    ProgrammeIndexPage,
    ReturnProgrammePage,
)
from retour.core.actors import SystemActor
from retour.testing.browser import screenshot
from retour.testing.factories import OrganisationFactory

from .factories import _add, tree

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TODAY = datetime.date.today()
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def catalogue():
    cache.clear()
    org = OrganisationFactory(name="Sample Return Counselling (demo)", slug="sample-support")
    home, _indexes = tree()
    Locale.objects.get_or_create(language_code="ar")
    index = home.add_child(
        instance=ProgrammeIndexPage(title="Programmes", slug="programmes", locale=home.locale)
    )
    common = {
        "operator": "Sample operator (fictional)",
        "organisation": org,
        "is_sample": True,
        "valid_from": TODAY - datetime.timedelta(days=30),
        "eligible_residence_statuses": ["asylum_rejected", "irregular"],
        "covers_ticket": True,
        "cash_grant_currency": "EUR",
    }
    fits = _add(
        index,
        ReturnProgrammePage(
            title="Sample return programme 1",
            eligible_nationalities=["AF", "IQ"],
            host_countries=["BE"],
            family_condition=FamilyCondition.ANYONE,
            health_condition=HealthCondition.SUPPORTED,
            cash_grant_amount=Decimal("100.00"),
            cash_grant_per_child=Decimal("50.00"),
            deadline_date=TODAY + datetime.timedelta(days=90),
            application_deadline="Sample: apply before you travel.",
            **common,
        ),
        True,
    )
    _add(
        index,
        ReturnProgrammePage(
            title="Sample return programme 2",
            host_countries=["BE", "NO"],
            family_condition=FamilyCondition.ANYONE,
            health_condition=HealthCondition.NOT_STATED,
            cash_grant_amount=Decimal("200.00"),
            **common,
        ),
        True,
    )
    services.page_translate(
        actor=SystemActor.cli("test"),
        page=fits,
        locale=Locale.objects.get(language_code="ar"),
        fields={
            "title": "برنامج عودة تجريبي 1",
            "operator": "جهة منفذة تجريبية (خيالية)",
            "application_deadline": "مثال: قدّم الطلب قبل السفر.",
        },
    )


def _fill_and_submit(page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/support/")
    page.select_option("#id_nationality", "AF")
    page.select_option("#id_status", "asylum_rejected")
    page.select_option("#id_host_country", "BE")
    page.select_option("#id_household", "children")
    page.select_option("#id_health_needs", "yes")
    page.click(".support form button[type=submit]")
    page.wait_for_selector("#fits-h")


def _fits_the_phone(page) -> None:
    # Against the phone's width, not innerWidth: a mobile browser widens its
    # layout viewport to fit overflowing content.
    overflow = page.evaluate("document.documentElement.scrollWidth") - PHONE["width"]
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def test_questionnaire_on_a_phone_in_english_and_arabic(browser, live_server, catalogue):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/support/")
        assert page.locator("text=Your answers are not stored").is_visible()
        _fits_the_phone(page)
        screenshot(page, "support-en-form")
        _fill_and_submit(page, live_server.url, "en")
        fits = page.locator("ol[aria-labelledby=fits-h] > li")
        assert fits.count() == 1
        assert "Sample return programme 1" in fits.first.inner_text()
        assert "(sample amount)" in fits.first.inner_text()
        maybe = page.locator("ol[aria-labelledby=maybe-h] > li")
        assert "Sample return programme 2" in maybe.first.inner_text()
        assert "medical needs" in maybe.first.inner_text()
        notice = page.locator(".notice-decision").first
        assert "This is not a decision; talk to a counsellor." in notice.inner_text()
        assert notice.locator("a").get_attribute("href") == "/en/search/service-points/"
        _fits_the_phone(page)
        screenshot(page, "support-en-results")

        _fill_and_submit(page, live_server.url, "ar")
        assert page.get_attribute("html", "dir") == "rtl"
        fits = page.locator("ol[aria-labelledby=fits-h] > li")
        assert "برنامج عودة تجريبي 1" in fits.first.inner_text()
        maybe = page.locator("ol[aria-labelledby=maybe-h] > li").first
        # Untranslated: shown in English, labelled, in its own direction.
        assert maybe.locator("h3").get_attribute("dir") == "ltr"
        assert maybe.locator(".label").count() == 1
        assert "هذا ليس قراراً" in page.locator(".notice-decision").first.inner_text()
        _fits_the_phone(page)
        screenshot(page, "support-ar-results")
        # No account, no cookie: nothing identifies the reader afterwards.
        assert context.cookies() == []
    finally:
        context.close()
