"""End-to-end in Chromium, each step as the role that does it in real life.

An editor (no publish permission) translates a country sheet into Arabic and
Persian with wagtail-localize's Translate action and translation editor, then
submits each translation for review (its texts then read-only); a reviewer
of the same organisation requests changes to the Arabic with a comment and
publishes the Persian; the editor reads the comment, corrects the Arabic and
resubmits it, and the reviewer publishes it. The public pages then read right-to-left in the
new language and the Translations dashboard calls them up to date.
Screenshots: the translation editor in the Arabic admin, desktop and phone;
the reviewer's "Request changes"; the editor's view of the comment, desktop and phone.
"""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from retour.content import services
from retour.content.models import CountrySheetPage
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

from .factories import country_sheet

PASSWORD = "correct horse battery staple"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TODAY = datetime.date.today()
SOURCE = {
    "title": "Sample country sheet: Iraq",
    "summary": "Sample summary: what returning to Iraq usually involves.",
    "body": "Sample health section: ask your counsellor which clinics to contact.",
    "source": "Sample source",
}
TRANSLATIONS = {
    "ar": {
        "title": "صفحة البلد (مثال): العراق",
        "summary": "ملخص تجريبي: ما تتضمنه العودة إلى العراق عادة.",
        "body": "قسم الصحة (مثال): اسأل مرشدك عن العيادات التي يمكنك التواصل معها.",
        "source": "مصدر تجريبي",
    },
    "fa": {
        "title": "برگه کشور (نمونه): عراق",
        "summary": "خلاصه نمونه: بازگشت به عراق معمولاً شامل چه چیزهایی است.",
        "body": "بخش سلامت (نمونه): از مشاور خود بپرسید با کدام درمانگاه‌ها تماس بگیرید.",
        "source": "منبع نمونه",
    },
}


COMMENT = "The summary should say that the counsellor explains the reintegration grant."
CORRECTED_SUMMARY = "ملخص تجريبي: ما تتضمنه العودة إلى العراق عادة، ومنحة إعادة الإدماج."


@pytest.fixture
def sheet():
    org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    editor = member(organisation=org, role=Role.EDITOR, username="alpha-editor")
    member(organisation=org, role=Role.REVIEWER, username="alpha-reviewer")
    # Locales, a home page per language with its index pages, the review workflow.
    services.site_setup(actor=SystemActor.cli("test"))
    # The editor works in the Arabic admin.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ar"
    profile.save()
    return country_sheet(
        organisation=org,
        title=SOURCE["title"],
        slug="iraq",
        country="IQ",
        summary=SOURCE["summary"],
        sections=[
            (
                "section",
                {
                    "kind": "health",
                    "body": f"<p>{SOURCE['body']}</p>",
                    "last_verified": TODAY,
                    "sources": [
                        {"title": SOURCE["source"], "url": "https://example.org/", "date": TODAY}
                    ],
                },
            )
        ],
    )


def _translate_action(page, base: str, sheet) -> None:
    """wagtail-localize's "Translate" action of the page editor, into ar and fa."""
    page.goto(f"{base}/admin/pages/{sheet.pk}/edit/")
    link = page.locator(f'a[href*="/localize/submit/page/{sheet.pk}/"]').first
    if not link.is_visible():  # in the header's "more actions" menu
        page.locator("header [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        link.click()
    for code in ("ar", "fa"):
        locale = Locale.objects.get(language_code=code)
        page.check(f"input[name=locales][value='{locale.pk}']")
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()


def _fill_segments(page, texts: dict[str, str]) -> None:
    """Type each translation in the translation editor; each is saved as it is entered."""
    for key, source in SOURCE.items():
        row = page.locator("li.incomplete", has_text=source).first
        row.get_by_role("button").last.click()  # "Translate"
        row.locator("textarea").fill(texts[key])
        with page.expect_response(lambda r: r.request.method == "PUT" and r.ok):
            row.locator("textarea").press("Enter")  # the editor's "Save"
        page.locator("li.complete", has_text=texts[key]).first.wait_for()


def _fix_segment(page, source: str, new: str) -> None:
    """Edit the translation of ``source`` in the translation editor and save it."""
    row = page.locator("li.complete", has_text=source).first
    row.get_by_role("button").last.click()  # "Edit"
    row.locator("textarea").fill(new)
    with page.expect_response(lambda r: r.request.method == "PUT" and r.ok):
        row.locator("textarea").press("Enter")
    page.locator("li.complete", has_text=new).first.wait_for()


def _approve(reviewer, base: str, target, texts: dict[str, str]) -> None:
    reviewer.goto(f"{base}/admin/pages/{target.pk}/edit/")
    assert reviewer.locator("li.complete", has_text=texts["body"]).count()
    with reviewer.expect_navigation():
        reviewer.click("[data-retour-approve]")
    target.refresh_from_db()
    assert target.live, target.locale.language_code


def test_editor_translates_into_arabic_and_persian_and_reviewer_publishes_both(
    page, live_server, sheet, browser
):
    base = live_server.url
    sign_in(page, base, "alpha-editor", PASSWORD)
    _translate_action(page, base, sheet)
    targets = {
        code: CountrySheetPage.objects.get(locale__language_code=code) for code in TRANSLATIONS
    }

    for code, texts in TRANSLATIONS.items():
        page.goto(f"{base}/admin/pages/{targets[code].pk}/edit/")
        assert page.locator("html").get_attribute("dir") == "rtl"  # the Arabic admin
        # Editors may not publish: no "Publish" in wagtail-localize's footer, our bar instead.
        assert page.locator("footer button[value=publish]").count() == 0
        _fill_segments(page, texts)
        if code == "ar":
            page.locator(".retour-translation-review").scroll_into_view_if_needed()
            screenshot(page, "content-translate-editor-ar-desktop", full_page=False)
        with page.expect_navigation():
            page.click("[data-retour-submit-translation]")
        assert page.locator("[data-retour-submit-translation]").count() == 0
        assert page.locator(".retour-translation-review").count() == 1
        # In review the strings are read-only: the notice, and no button on any text.
        assert page.locator("[data-retour-in-review]").count() == 1
        done = page.locator("li.complete", has_text=texts["body"]).first
        done.wait_for()
        assert done.get_by_role("button").count() == 0
        if code == "ar":
            screenshot(page, "content-translate-in-review-ar-desktop", full_page=False)
        targets[code].refresh_from_db()
        assert not targets[code].live, "submitted for review, not published"
        assert targets[code].current_workflow_state is not None

    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    phone = phone_context.new_page()
    sign_in(phone, base, "alpha-editor", PASSWORD)
    phone.goto(f"{base}/admin/pages/{targets['ar'].pk}/edit/")
    phone.locator("li.complete", has_text=TRANSLATIONS["ar"]["body"]).first.wait_for()
    screenshot(phone, "content-translate-editor-ar-phone", full_page=False)
    phone.locator(
        "li.complete", has_text=TRANSLATIONS["ar"]["body"]
    ).first.scroll_into_view_if_needed()
    screenshot(phone, "content-translate-editor-ar-phone-segment", full_page=False)
    phone_context.close()

    # The reviewer, in another browser context, sends the Arabic back and publishes the Persian.
    review_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    reviewer = review_context.new_page()
    sign_in(reviewer, base, "alpha-reviewer", PASSWORD)
    reviewer.goto(f"{base}/admin/pages/{targets['ar'].pk}/edit/")
    reviewer.locator("li.complete", has_text=TRANSLATIONS["ar"]["body"]).first.wait_for()
    reviewer.fill("[data-retour-review-comment]", COMMENT)
    reviewer.locator(".retour-translation-review").scroll_into_view_if_needed()
    screenshot(reviewer, "content-translate-review-request-changes-desktop", full_page=False)
    with reviewer.expect_navigation():
        reviewer.click("[data-retour-request-changes]")
    targets["ar"].refresh_from_db()
    assert not targets["ar"].live
    _approve(reviewer, base, targets["fa"], TRANSLATIONS["fa"])

    # The editor reads the comment, corrects the summary and submits again.
    page.goto(f"{base}/admin/pages/{targets['ar'].pk}/edit/")
    assert page.locator("[data-retour-review-feedback]").inner_text().strip() == COMMENT
    assert page.locator("[data-retour-in-review]").count() == 0
    page.locator(".retour-translation-review").scroll_into_view_if_needed()
    screenshot(page, "content-translate-changes-requested-ar-desktop", full_page=False)
    _fix_segment(page, SOURCE["summary"], CORRECTED_SUMMARY)
    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    phone = phone_context.new_page()
    sign_in(phone, base, "alpha-editor", PASSWORD)
    phone.goto(f"{base}/admin/pages/{targets['ar'].pk}/edit/")
    phone.locator("[data-retour-review-feedback]").wait_for()
    screenshot(phone, "content-translate-changes-requested-ar-phone", full_page=False)
    phone_context.close()
    with page.expect_navigation():
        page.click("[data-retour-submit-translation]")
    assert page.locator("[data-retour-in-review]").count() == 1
    _approve(reviewer, base, targets["ar"], TRANSLATIONS["ar"])
    assert targets["ar"].summary == CORRECTED_SUMMARY

    for code, texts in TRANSLATIONS.items():
        reviewer.goto(f"{base}/{code}/countries/iraq/")
        assert reviewer.locator("html").get_attribute("lang") == code
        assert reviewer.locator("html").get_attribute("dir") == "rtl"
        assert reviewer.locator("h1").inner_text() == texts["title"]
        article = reviewer.locator("article").inner_text()
        assert texts["body"] in article and SOURCE["body"] not in article
        assert reviewer.locator(".notice-translation, .notice-fallback").count() == 0
        reviewer.goto(f"{base}/admin/content/translations/?lang={code}")
        row = reviewer.locator("#translation-pages tr", has_text=SOURCE["title"])
        assert row.get_attribute("class") == "status-current", row.inner_text()
    review_context.close()
