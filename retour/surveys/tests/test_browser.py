"""End-to-end in Chromium: the analytics page and the import progress bar."""

from __future__ import annotations

from unittest import mock

import pytest
from django.utils import timezone

from retour.core.demo import DemoContext
from retour.jobs.models import Job, JobStatus
from retour.orgs.models import Role
from retour.surveys import demo
from retour.surveys.models import ImportJob, ImportStatus, SurveyForm
from retour.testing.browser import screenshot, sign_in
from retour.testing.factories import OrganisationFactory, UserFactory, member

PASSWORD = "correct horse battery staple"


@pytest.fixture
def monitoring(transactional_db):
    org_a = OrganisationFactory(
        name="Alpha Return Counselling (SAMPLE)", slug="alpha", is_sample=True
    )
    org_b = OrganisationFactory(name="Bravo Reintegration Network", slug="bravo")
    users = {
        role: member(organisation=org_a, role=role) for role in (Role.ANALYST, Role.CASEWORKER)
    }
    context = DemoContext(
        org_a=org_a, org_b=org_b, admin=UserFactory(username="root", is_superuser=True)
    )
    with mock.patch.object(demo, "SAMPLE_CASES", 120):
        demo.load(context=context)
    return {"org": org_a, "users": users}


def login(page, live_server, user):
    sign_in(page, live_server.url, user.username, PASSWORD)  # second factor included


@pytest.mark.browser
def test_analytics_page_renders_chart_and_table(page, live_server, monitoring):
    login(page, live_server, monitoring["users"][Role.ANALYST])
    page.goto(live_server.url + "/admin/surveys/analytics/?by=country")
    assert page.locator("svg.chart").count() == 1
    assert page.locator("table.listing").first.is_visible()
    assert "SAMPLE DATA" in page.content()
    screenshot(page, "surveys-analytics")
    page.goto(live_server.url + "/admin/surveys/analytics/drivers/")
    assert "Associational, not causal" in page.content()
    screenshot(page, "surveys-drivers")
    assert page.console_errors == []


@pytest.mark.browser
def test_import_progress_bar_polls_and_reloads(page, live_server, monitoring):
    org = monitoring["org"]
    form = SurveyForm.objects.for_org(org).first()
    job = ImportJob.objects.create(
        organisation=org,
        form=form,
        source="kobo",
        filename="kobo.csv",
        status=ImportStatus.RUNNING,
    )
    task = Job.objects.create(
        organisation=org,
        kind="surveys.import",
        started_by="test",
        task_path="retour.surveys.tasks.submissions_import",
        arguments={"import_job": str(job.uuid)},
        status=JobStatus.RUNNING,
        lease_expires_at=timezone.now(),
        done=40,
        total=100,
        message="checking",
    )
    login(page, live_server, monitoring["users"][Role.CASEWORKER])
    page.goto(live_server.url + f"/admin/surveys/imports/{job.uuid}/")
    page.wait_for_function(
        "document.getElementById('job-progress-count').textContent === '40 / 100'"
    )
    assert page.eval_on_selector("#job-progress-bar", "el => el.value") == 40
    screenshot(page, "surveys-import-progress")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, total_rows=100, imported_rows=100
    )
    Job.objects.filter(pk=task.pk).update(status=JobStatus.SUCCEEDED, lease_expires_at=None)
    page.wait_for_selector("text=100 submissions imported and scored.", timeout=10_000)
    page.goto(live_server.url + "/admin/surveys/")
    screenshot(page, "surveys-rounds")
    assert page.console_errors == []


@pytest.mark.browser
def test_definition_write_preview_phone_and_rtl(page, live_server, monitoring):
    from wagtail.users.models import UserProfile

    analyst = monitoring["users"][Role.ANALYST]
    login(page, live_server, analyst)
    page.goto(live_server.url + "/admin/surveys/definitions/write/")
    with page.expect_navigation():
        page.get_by_role("button", name="Check and preview").click()
    screenshot(page, "surveys-definition-write-after-preview")
    assert "stored submissions:" in page.content()
    assert page.locator("table.composite-histogram").is_visible()
    screenshot(page, "surveys-definition-write")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "surveys-definition-write-phone")
    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = "ar"
    profile.save()
    page.goto(live_server.url + "/admin/surveys/definitions/write/")
    assert page.locator("html[dir=rtl]").count() == 1
    with page.expect_navigation():
        page.locator("button[value=preview]").click()
    screenshot(page, "surveys-definition-write-ar-phone")
    assert page.console_errors == []
