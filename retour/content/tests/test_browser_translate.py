"""In Chromium: an editor translates a country sheet into Arabic and Persian with
wagtail-localize, a reviewer publishes both; no CSP error in the page editor or
the translation editor. Screenshots (desktop, 390x844, right-to-left) go to
$RETOUR_SHOTS (default test-artifacts/)."""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from retour.content.models import CountrySheetPage
from retour.content.selectors import TranslationStatus, translation_status
from retour.orgs.models import Role
from retour.testing.browser import sign_in
from retour.testing.factories import OrganisationFactory, member

from .factories import country_sheet

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "correct horse battery staple"
SHOTS = Path(os.environ.get("RETOUR_SHOTS", "test-artifacts"))
TODAY = datetime.date.today()
ENGLISH = {
    "safety": "Sample text: describe the current safety situation in the main cities.",
    "health": "Sample text: which treatments are available and what they cost.",
}
# What the editor types, per language and English source string.
TYPED = {
    "ar": {
        ENGLISH["safety"]: "نص تجريبي: صف الوضع الأمني الحالي في المدن الرئيسية.",
        ENGLISH["health"]: "نص تجريبي: ما هي العلاجات المتاحة وكم تكلف.",
        "Sample country sheet: Afghanistan": "صفحة البلد (مثال): أفغانستان",
    },
    "fa": {
        ENGLISH["safety"]: "متن نمونه: وضعیت امنیتی فعلی در شهرهای اصلی را شرح دهید.",
        ENGLISH["health"]: "متن نمونه: چه درمان‌هایی در دسترس است و هزینه آن چقدر است.",
        "Sample country sheet: Afghanistan": "برگه کشور (نمونه): افغانستان",
    },
}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def csp_errors(page) -> list[str]:
    return [e for e in page.console_errors if "Content Security Policy" in e]


@pytest.fixture
def sheet():
    cache.clear()
    org = OrganisationFactory(name="Sample Counselling (demo)", slug="sample-c")
    for code in ("ar", "fa"):
        Locale.objects.get_or_create(language_code=code)
    sections = [
        ("section", {"kind": k, "body": f"<p>{t}</p>", "last_verified": TODAY, "sources": []})
        for k, t in ENGLISH.items()
    ]
    page = country_sheet(
        organisation=org,
        title="Sample country sheet: Afghanistan",
        slug="afghanistan",
        sections=sections,
    )
    return {
        "page": page,
        "editor": member(organisation=org, role=Role.EDITOR, username="editor-c"),
        "reviewer": member(organisation=org, role=Role.REVIEWER, username="reviewer-c"),
    }


def _type_translations(page, code: str) -> None:
    """What the translation editor does as the editor types: one PUT per string."""
    props = json.loads(page.locator(".js-translation-editor").get_attribute("data-props"))
    typed = TYPED[code]
    segments = [s for s in props["segments"] if s["type"] == "string" and s["source"] in typed]
    assert len(segments) == len(typed), [s["source"] for s in props["segments"]]
    for segment in segments:
        status = page.evaluate(
            """async ([url, value]) => {
                const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
                const response = await fetch(url, {
                    method: "PUT", headers: {"X-CSRFToken": token},
                    body: new URLSearchParams({value}),
                });
                return response.status;
            }""",
            [segment["editUrl"], typed[segment["source"]]],
        )
        assert status in (200, 201), (segment["source"], status)


def test_editor_translates_into_arabic_and_persian_and_reviewer_publishes(
    page, live_server, sheet, browser
):
    source = sheet["page"]
    sign_in(page, live_server.url, "editor-c", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{source.pk}/edit/")
    page.wait_for_load_state("networkidle")
    shot(page, "page-editor")
    page.goto(f"{live_server.url}/admin/localize/submit/page/{source.pk}/")
    for code in ("ar", "fa"):
        locale = Locale.objects.get(language_code=code)
        page.check(f"input[name=locales][value='{locale.pk}']")
    page.click("form input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_load_state("networkidle")
    for code in ("ar", "fa"):
        target = CountrySheetPage.objects.get(
            translation_key=source.translation_key, locale__language_code=code
        )
        page.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
        page.wait_for_selector(".js-translation-editor")
        page.wait_for_load_state("networkidle")
        _type_translations(page, code)
        shot(page, f"localize-editor-{code}")
        # Editors cannot publish: the translation editor offers them no publish button.
        assert page.get_by_role("button", name=re.compile("Publish in")).count() == 0
    assert csp_errors(page) == []

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    rpage = reviewer.new_page()
    rpage.console_errors = []  # type: ignore[attr-defined]
    rpage.on("console", lambda m: m.type == "error" and rpage.console_errors.append(m.text))
    sign_in(rpage, live_server.url, "reviewer-c", PASSWORD)
    for code in ("ar", "fa"):
        target = CountrySheetPage.objects.get(
            translation_key=source.translation_key, locale__language_code=code
        )
        rpage.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
        rpage.get_by_role("button", name=re.compile("Publish in")).first.click()
        rpage.wait_for_load_state("networkidle")
        target.refresh_from_db()
        assert target.live, code
        assert target.title == TYPED[code]["Sample country sheet: Afghanistan"]
    assert csp_errors(rpage) == []
    reviewer.close()

    for code in ("ar", "fa"):
        target = CountrySheetPage.objects.get(
            translation_key=source.translation_key, locale__language_code=code
        )
        # Every section was translated: the status computed from the text says so.
        assert translation_status(target) == TranslationStatus.CURRENT, code
        for name, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.goto(live_server.url + target.url)
            assert page.locator("html").get_attribute("dir") == "rtl"
            shot(page, f"public-{code}-{name}")
