"""End-to-end: the public search and service-point pages in Chromium, no JS needed."""

import pytest

from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory

from .factories import make_document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def content():
    org = OrganisationFactory(name="Sample Counselling (demo)", slug="sample-e2e")
    make_document(
        organisation=org,
        title="Who pays for the plane ticket?",
        summary="Sample answer: the return programme pays the ticket (sample text).",
    )
    make_document(
        organisation=org,
        title="من يدفع ثمن تذكرة العودة؟",
        summary="إجابة تجريبية: يدفع البرنامج ثمن التذكرة.",
        locale="ar",
    )
    always = {d: [["00:00", "23:59"]] for d in ("mo", "tu", "we", "th", "fr", "sa", "su")}
    make_document(
        organisation=org,
        title="Sample service point (Brussels)",
        kind="service_point",
        meta={"lat": 50.85, "lon": 4.35, "city": "Brussels", "languages": ["en", "ar"],
              "services": ["return_counselling"], "opening_hours": always},
    )  # fmt: skip
    return org


def test_search_without_javascript(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/search/")
    page.fill("input[name=q]", "plane tikcet")  # a typo on purpose
    page.click("button[type=submit]")
    assert "Who pays for the plane ticket?" in page.content()
    screenshot(page, "search-results-en")
    page.goto(f"{live_server.url}/ar/search/?q=تذكرة")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "من يدفع ثمن تذكرة العودة؟" in page.content()
    screenshot(page, "search-results-ar")
    page.goto(f"{live_server.url}/en/search/service-points/?near=Antwerp")
    assert "Sample service point (Brussels)" in page.content()
    screenshot(page, "service-points-en")
    context.close()


def test_search_page_has_no_csp_errors(page, live_server, content):
    page.goto(f"{live_server.url}/en/search/?q=ticket")
    errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert errors == [], errors


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_gap_analytics_in_the_admin(page, live_server, content, admin_language):
    from retour.orgs.models import Role
    from retour.search import engine
    from retour.search.services import query_log_record
    from retour.testing.factories import member

    content.languages = ["en", "ar"]
    content.save()
    editor = member(organisation=content, role=Role.EDITOR, username="gaps-editor")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = admin_language  # staff read the admin in their language
    profile.save()
    for q in ("plane ticket", "driving licence", "driving licence", "هل يمكنني إحضار سيارتي"):
        lang = "ar" if q.startswith("هل") else "en"
        query_log_record(channel="telegram", result=engine.search(q, lang=lang), language=lang)
    sign_in(page, live_server.url, editor.username, "correct horse battery staple")
    page.goto(f"{live_server.url}/admin/search-gaps/")
    assert "driving licence" in page.content()
    assert page.locator("svg.chart").count() >= 1
    if admin_language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "فجوات نشر المعلومات" in page.locator("h1").inner_text()
        assert "Top unanswered questions" not in page.content()
    screenshot(page, f"admin-dissemination-gaps-{admin_language}")


def test_answer_then_nearest_points_on_a_phone(browser, live_server, content):
    """The page leads with the answer path's decision (as the API and chat do),
    then the points nearest the place named, then any other result."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/search/?q=who+pays+the+plane+ticket+in+antwerp")
    answers = page.locator("ol.answers li")
    assert "Who pays for the plane ticket?" in answers.first.inner_text()
    nearest = page.locator("section.nearest")
    assert "about 41" in nearest.inner_text()  # Antwerp to Brussels, straight line
    box_answer, box_nearest = answers.first.bounding_box(), nearest.bounding_box()
    assert box_answer["y"] < box_nearest["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "search-answer-then-points-en-phone")
    # The office is the answer: the points lead, no page pushes them down.
    page.goto(f"{live_server.url}/ar/search/?q=وين المكتب في أنتويرب")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first = page.locator("li.search-result").first
    assert "Sample service point (Brussels)" in first.inner_text()
    screenshot(page, "search-office-ar-phone")
    context.close()
