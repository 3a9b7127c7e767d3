"""End-to-end: a real Chromium signs in to the admin and opens the public site."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from retour.testing.browser import screenshot

# serialized_rollback restores Wagtail's root page and locales that an earlier
# transactional test's flush removed (PostgreSQL truncates them).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_login_and_public_home(page, live_server):
    # The sample knowledge base gives the public home page something to show.
    call_command(
        "demo",
        no_serve=True,
        no_collectstatic=True,
        skip=["search", "channels", "campaigns", "cases", "reintegration", "surveys"],
        stdout=StringIO(),
    )
    get_user_model().objects.create_superuser(
        "e2e-admin", "e2e@example.org", "a-long-test-password"
    )

    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Wagtail" not in page.title()
    assert page.locator("main").is_visible()
    screenshot(page, "public-home")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "e2e-admin")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("main, #main").first.is_visible()
    screenshot(page, "admin-dashboard")
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
    assert "gravatar" not in page.content()
