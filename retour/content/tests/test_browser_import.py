"""End-to-end in Chromium: an organisation admin imports content in the admin.

The upload runs as a job; a broken export lists every problem of every file,
and nothing is imported. Screenshots: desktop, phone (390x844) in Arabic (RTL).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from retour.content import services
from retour.content.models import OwnedPage
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.testing.browser import ARTIFACTS, screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

from .factories import country_sheet, short_answer

PASSWORD = "correct horse battery staple"
pytestmark = pytest.mark.browser


@pytest.fixture
def content_admin(transactional_db):
    org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    admin = member(organisation=org, role=Role.ADMIN, username="alpha-admin")
    services.site_setup(actor=SystemActor.cli("test"))
    country_sheet(organisation=org, title="Sheet AF", country="AF")
    short_answer(organisation=org, title="Can I bring my tools?")
    return admin


def _broken_export(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            content = json.loads(source.read(name))
            if "country_sheet" in name:
                content.update(country="ZZ", locale="xx", colour="red")
            elif "short_answer" in name:
                content.update(title="", organisation="bravo")
            archive.writestr(name, json.dumps(content))
        archive.writestr("pages/short_answer/typo.en.json", "{not json")
    return out.getvalue()


def test_admin_imports_and_sees_every_error(page, live_server, content_admin, browser):
    sign_in(page, live_server.url, "alpha-admin", PASSWORD)
    page.goto(live_server.url + "/admin/content/import/")
    with page.expect_download() as download:
        page.click("text=Download your organisation's pages (.zip)")
    exported = download.value.path().read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    broken = ARTIFACTS / "content-broken.zip"
    broken.write_bytes(_broken_export(exported))
    before = OwnedPage.objects.count()
    page.set_input_files("input[name=archive]", str(broken))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/content/import/*/")
    body = page.locator("main").inner_text()
    assert "Nothing was imported." in body
    for expected in (
        "unknown country code 'ZZ'",
        "unknown language 'xx'",
        "unknown field",
        "unknown organisation 'bravo'; valid: alpha",
        "required",
        "not valid UTF-8 JSON",
    ):
        assert expected in body, expected
    rows = page.locator("table.listing tbody tr").count()
    assert rows >= 6
    assert OwnedPage.objects.count() == before
    screenshot(page, "content-import-errors")
    # The untouched export imports cleanly.
    good = ARTIFACTS / "content-good.zip"
    good.write_bytes(exported)
    page.goto(live_server.url + "/admin/content/import/")
    page.set_input_files("input[name=archive]", str(good))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/content/import/*/")
    assert "0 pages created, 2 updated" in page.locator("main").inner_text()
    screenshot(page, "content-import-done")
    assert page.console_errors == []

    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(content_admin)
    profile.preferred_language = "ar"
    profile.save()
    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    phone = phone_context.new_page()
    sign_in(phone, live_server.url, "alpha-admin", PASSWORD)
    phone.goto(live_server.url + "/admin/content/import/")
    phone.set_input_files("input[name=archive]", str(broken))
    phone.click("main form button[type=submit]")
    phone.wait_for_url("**/admin/content/import/*/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    screenshot(phone, "content-import-errors-phone-ar", full_page=False)
    phone_context.close()
