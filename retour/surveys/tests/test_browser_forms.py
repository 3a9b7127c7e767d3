"""The XLSForm upload page in Chromium: pyxform's problems by sheet and row,
desktop, phone and right-to-left. Screenshots under test-artifacts/ (and
/work/shots/forms/ when that folder exists)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retour.orgs.models import Role
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, member

from .xlsforms import HOUSEHOLD_SURVEY, xlsform

PASSWORD = "correct horse battery staple"
SHOTS = Path("/work/shots/forms")


def shot(page, name):
    path = screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(path, SHOTS / path.name)


@pytest.mark.browser
def test_upload_page_lists_problems_then_saves(page, live_server, transactional_db, tmp_path):
    org = OrganisationFactory(name="Alpha Return Counselling", slug="alpha")
    admin = member(organisation=org, role=Role.ADMIN)
    sign_in(page, live_server.url, admin.username, PASSWORD)
    bad = tmp_path / "household.xlsx"
    survey = [*HOUSEHOLD_SURVEY, ("select_one nowhere", "q", "Q", None, None, None)]
    bad.write_bytes(xlsform(survey=survey))
    url = live_server.url + "/admin/surveys/forms/upload/"
    page.goto(url)
    page.set_input_files("input[name=xlsform]", str(bad))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_load_state()
    shot(page, "forms-upload-after-submit")
    page.wait_for_selector("table.xlsform-problems", timeout=90_000)
    assert "List name not in choices sheet: nowhere" in page.content()
    # A refused form answers 400 (the page with its problems), which Chromium logs as a
    # failed load of the document itself; that one is expected, nothing else is.
    assert all("400" in e for e in page.console_errors), page.console_errors
    page.console_errors.clear()
    shot(page, "forms-upload-problems-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "forms-upload-problems-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsform())
    page.goto(url)
    page.set_input_files("input[name=xlsform]", str(good))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("text=Repeat group: Household members")
    shot(page, "forms-detail-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "forms-detail-phone")
    # The questions table scrolls inside its own box (its last columns are reachable,
    # not cut off); the page itself does not get wider than the phone.
    page_width, box_scroll, box_width, scrolled = page.evaluate(
        "() => { const box = document.querySelector('.survey-table-scroll');"
        " box.scrollLeft = box.scrollWidth;"
        " return [document.documentElement.scrollWidth, box.scrollWidth, box.clientWidth,"
        " box.scrollLeft]; }"
    )
    assert page_width <= 390, page_width
    assert box_scroll > box_width, (box_scroll, box_width)
    assert scrolled > 0, "the questions table cannot be scrolled"
    detail_url = page.url
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "ar"
    profile.save()
    page.goto(url)
    assert page.locator("html[dir=rtl]").count() == 1
    shot(page, "forms-upload-rtl-phone")
    page.goto(detail_url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(page, "forms-detail-rtl-phone")
    assert page.console_errors == []
