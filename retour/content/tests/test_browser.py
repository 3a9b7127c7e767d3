"""End-to-end checks in Chromium: RTL, notices, one-page print leaflet, language picker."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Locale

from retour.content import demo_data, services
from retour.core.actors import SystemActor
from retour.testing.browser import screenshot
from retour.testing.factories import OrganisationFactory

from .factories import country_sheet

# serialized_rollback restores Wagtail's root page and locales after the flush,
# so tests that run later in the session still find them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TODAY = datetime.date.today()


def _sections(old_kind: str = "") -> list:
    return [
        (
            "section",
            {
                "kind": kind,
                "body": f"<p>{text}</p>",
                "last_verified": TODAY - datetime.timedelta(days=200 if kind == old_kind else 5),
                "sources": [
                    {
                        "title": f"Sample source ({kind})",
                        "url": "https://example.org/",
                        "date": TODAY,
                    }
                ],
            },
        )
        for kind, text in demo_data.SECTION_TEXT.items()  # generic sample text
    ]


@pytest.fixture
def portal():
    cache.clear()
    org = OrganisationFactory(name="Sample Counselling (demo)", slug="sample-c")
    for code in ("fr", "ar"):
        Locale.objects.get_or_create(language_code=code)
    old = TODAY - datetime.timedelta(days=120)
    sheet = country_sheet(
        organisation=org,
        title="Sample country sheet: Afghanistan",
        slug="afghanistan",
        country="AF",
        summary="Sample summary: illustrative text only.",
        sections=_sections(old_kind="safety"),
        last_verified=old,
        review_by=old + datetime.timedelta(days=90),
    )
    ar = services.page_translate(
        actor=SystemActor.cli("test"),
        page=sheet,
        locale=Locale.objects.get(language_code="ar"),
        fields={"title": "صفحة البلد (مثال): أفغانستان", "summary": "مثال: نص توضيحي فقط."},
    )
    fr = services.page_translate(
        actor=SystemActor.cli("test"),
        page=sheet,
        locale=Locale.objects.get(language_code="fr"),
        fields={"title": "Fiche pays (exemple) : Afghanistan"},
    )
    # The source changes after translation: the French version becomes outdated.
    services.page_publish(
        actor=SystemActor.cli("test"), page=sheet.specific_class.objects.get(pk=sheet.pk)
    )
    return {"sheet": sheet, "ar": ar, "fr": fr}


def test_arabic_country_sheet_is_rtl(page, live_server, portal):
    page.goto(live_server.url + "/ar/countries/afghanistan/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("article").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    screenshot(page, "content-ar-country-sheet")


def test_stale_and_outdated_notices(page, live_server, portal):
    page.goto(live_server.url + "/fr/countries/afghanistan/")
    notices = page.locator(".notice").all_inner_texts()
    assert any("peuvent être dépassées" in n for n in notices), notices  # stale page
    # Only the title was translated, so the status computed from the text is "partly
    # translated" (not merely outdated): a translation notice linking the original.
    assert page.locator(".notice-translation a[lang=en]").count() == 1, notices
    screenshot(page, "content-fr-stale-outdated")


def test_print_stylesheet_gives_one_page(page, live_server, portal):
    page.goto(live_server.url + "/en/countries/afghanistan/")
    page.emulate_media(media="print")
    screenshot(page, "content-print-leaflet")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"leaflet printed on {pages} pages"


def test_language_picker_keeps_the_reader_on_the_same_page(page, live_server, portal):
    page.goto(live_server.url + "/en/countries/afghanistan/")
    # Wait for the load each click starts: the URL changes when the navigation commits,
    # before the new document has been parsed (a count() then races the parser).
    with page.expect_navigation():
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    assert page.url == live_server.url + portal["fr"].url
    expect(page.locator("h1")).to_have_text("Fiche pays (exemple) : Afghanistan")
    # A language without a translation keeps the same path and labels the fallback.
    with page.expect_navigation():
        page.get_by_role("link", name="فارسی").click()
    assert page.url == live_server.url + "/fa/countries/afghanistan/"
    expect(page.locator(".notice-fallback")).to_have_count(1)
    screenshot(page, "content-language-fallback")
