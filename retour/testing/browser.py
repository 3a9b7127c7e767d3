"""Playwright fixtures for end-to-end tests in Debian's Chromium.

Playwright's own browser download does not work on our machines, so we launch
the system Chromium (``/usr/bin/chromium`` from Debian's ``chromium`` package,
or ``$RETOUR_CHROMIUM``). Tests are marked ``@pytest.mark.browser`` and take
the ``page`` fixture together with pytest-django's ``live_server``::

    @pytest.mark.browser
    def test_home(page, live_server):
        page.goto(live_server.url + "/en/")
        screenshot(page, "home")
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright waits 30 s by default for a click or a page. The suite must pass on a
# loaded machine (the browser tests share the cores with the other xdist workers),
# so waits are generous: they only make a real failure take longer to report.
WAIT_MS = int(os.environ.get("RETOUR_BROWSER_WAIT_MS", "120000"))
ARTIFACTS = Path(os.environ.get("RETOUR_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("RETOUR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).exists() else None


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def totp_code(key: str, *, after: int | None = None) -> str:
    """The current code for a base32 TOTP key, as an authenticator app shows it.

    ``after`` is the last time step the server accepted: django-otp refuses a
    code from that step again (replay protection), so a second sign-in within
    the same 30 seconds uses the next step, which its tolerance of one accepts.
    """
    import base64
    import time

    from django_otp.oath import totp

    padded = key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8)
    now = int(time.time()) // 30
    drift = after + 1 - now if after is not None and now <= after else 0
    return f"{totp(base64.b32decode(padded), drift=drift):06d}"


def sign_in(page, base_url: str, username: str, password: str, *, key: str | None = None) -> None:
    """Sign in to the admin as a person would, second factor included.

    A user without a device is sent to enrolment: the key is read from the page
    and confirmed. A user with one is asked for a code: ``key`` is their TOTP
    key (the demo prints it); without it the device is read from the database
    (the test's own live_server).
    """
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    if "/account/2fa/verify/" in page.url:
        if key is None:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            from retour.core.two_factor import secret_of

            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            key = secret_of(device)
    elif "/account/2fa/" in page.url:
        key = page.locator("#totp-secret").get_attribute("data-secret")
    else:
        return
    page.fill("input[name=token]", totp_code(key, after=_last_step(username)))
    page.click("main form button[type=submit].primary")
    page.wait_for_url("**/admin/**")


def _last_step(username: str) -> int | None:
    """The time step of the user's last accepted code, when the test's own
    database holds their device (a demo server's database is not reachable)."""
    try:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    except Exception:  # no database in this process: no replay to avoid
        return None
    return device.last_t if device is not None and device.last_t >= 0 else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip(
            "Chromium not installed: apt-get install chromium (make test does this as root)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        _patient_contexts(browser)
        yield browser
        browser.close()


def _patient_contexts(browser) -> None:
    """Every context a test opens (through the fixtures or ``browser.new_context``)
    waits WAIT_MS for clicks, selectors and pages."""
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        context.set_default_timeout(WAIT_MS)
        context.set_default_navigation_timeout(WAIT_MS)
        return context

    browser.new_context = new_context


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.console_errors = console_errors
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()
