"""End-to-end in Chromium: a caseworker's first sign-in goes through enrolment.

The person signs in with a password, is sent to the enrolment page, copies the
key shown there into "their authenticator" (here: the TOTP computation), confirms
and lands in the admin. The page must work at phone size and in Arabic.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.orgs.models import Role
from retour.testing.browser import screenshot, totp_code
from retour.testing.factories import OrganisationFactory, member

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def org(transactional_db):
    return OrganisationFactory(name="Alpha Return Counselling", slug="alpha")


def _password_sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/account/2fa/**")


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_caseworker_enrols_on_first_sign_in_and_reaches_the_admin(browser, live_server, org):
    caseworker = member(organisation=org, role=Role.CASEWORKER, username="cw-phone")
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    try:
        _password_sign_in(page, live_server.url, caseworker.username)
        assert page.url.startswith(f"{live_server.url}/account/2fa/?next=")
        assert page.locator("main svg.qr-code").is_visible()
        assert _fits_the_screen(page)
        screenshot(page, "two-factor-enrol-phone")
        key = page.locator("#totp-secret").get_attribute("data-secret")
        assert key and key.replace(" ", "") in page.locator("#totp-secret").inner_text().replace(
            " ", ""
        )
        page.fill("input[name=token]", totp_code(key))
        page.click("main form button[type=submit].primary")
        page.wait_for_url(f"{live_server.url}/admin/")
        assert page.locator("main, #main").first.is_visible()
        assert TOTPDevice.objects.get(user=caseworker).confirmed
        # The verified session now reaches the caseworker's own pages.
        page.goto(f"{live_server.url}/admin/cases/")
        assert page.url == f"{live_server.url}/admin/cases/"
        # Nothing blocked by the CSP, nothing missing (the favicon included).
        assert errors == [], errors
    finally:
        context.close()


def test_enrolment_page_in_arabic_reads_right_to_left(browser, live_server, org):
    caseworker = member(organisation=org, role=Role.CASEWORKER, username="cw-arabic")
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="ar")
    page = context.new_page()
    try:
        _password_sign_in(page, live_server.url, caseworker.username)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").inner_text() == "تسجيل الدخول بعاملين"
        # The key and the code are Latin and read left to right inside the RTL page.
        assert page.locator("#totp-secret").get_attribute("dir") == "ltr"
        assert _fits_the_screen(page)
        screenshot(page, "two-factor-enrol-ar")
    finally:
        context.close()
