"""Staff views and API: refusals first, then success."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.campaigns.models import Campaign, StatObservation, SurveyStudy
from retour.campaigns.tests.factories import CampaignFactory, ReachFigureFactory
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

EDITORS = {Role.ADMIN, Role.EDITOR}


class RegistryViewTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = CampaignFactory(organisation=cls.org_a, title="Alpha campaign")
        cls.theirs = CampaignFactory(organisation=cls.org_b, title="Bravo campaign")
        ReachFigureFactory(campaign=cls.mine)

    def url(self, name, campaign=None):
        kwargs = {"campaign_uuid": campaign.uuid} if campaign else {}
        return reverse(f"campaigns_admin:{name}", kwargs=kwargs)

    def test_list_is_shared_across_the_network(self):
        response = self.client_for(self.outsider).get(self.url("list"))
        self.assert_refused(response)
        for role, user in list(self.every_role("a")) + list(self.every_role("b")):
            response = self.client_for(user).get(self.url("list"))
            self.assertEqual(response.status_code, 200, role)
        self.assertContains(response, "Bravo campaign")
        self.assertContains(response, "Alpha campaign")

    def test_list_query_count_does_not_grow_with_rows(self):
        client = self.client_for(self.user(Role.REVIEWER))
        client.get(self.url("list"))
        with CaptureQueriesContext(connection) as few:
            client.get(self.url("list"))
        CampaignFactory.create_batch(15, organisation=self.org_b)
        with self.assertNumQueries(len(few)):
            client.get(self.url("list"))

    def test_list_filters_sorts_and_refuses_nothing_malformed(self):
        CampaignFactory(organisation=self.org_b, title="Georgia campaign", countries=["GE"])
        client = self.client_for(self.user(Role.REVIEWER))
        response = client.get(self.url("list"), {"country": "ge", "o": "-title"})
        self.assertContains(response, "Georgia campaign")
        self.assertNotContains(response, "Alpha campaign")
        # A hand-edited query string still shows a list (filters ignored, a form error).
        for bad in ({"country": "Georgia"}, {"level": "x"}, {"o": "nope"}, {"p": "-3"}):
            response = client.get(self.url("list"), bad)
            self.assertEqual(response.status_code, 200, bad)
            self.assertContains(response, "Alpha campaign")

    def test_detail_readable_by_other_org_but_not_editable(self):
        self.assert_refused(self.client_for(self.outsider).get(self.url("detail", self.theirs)))
        client = self.client_for(self.user(Role.EDITOR))
        response = client.get(self.url("detail", self.theirs))
        self.assertContains(response, "Bravo campaign")
        self.assertNotContains(response, self.url("edit", self.theirs))
        self.assert_not_found(client.get(self.url("edit", self.theirs)))
        self.assert_not_found(client.post(self.url("delete", self.theirs)))
        self.assertTrue(Campaign.objects.filter(pk=self.theirs.pk).exists())

    def test_edit_roles(self):
        self.assert_roles(self.url("edit", self.mine), allowed=EDITORS)

    def test_edit_saves_through_the_service_or_reports_problems(self):
        client = self.client_for(self.user(Role.EDITOR))
        form = client.get(self.url("edit", self.mine)).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        data.update(
            {
                "status": "completed",
                "date_precision": "day",
                "evaluation_level": "1",
                "channels": ["tv", "radio"],
                "actual_start": "2014-03-01",
                "actual_end": "2014-09-30",
                "countries": "AM; Narnia",
            }
        )
        for prefix in ("costs", "reach", "audiences"):
            data.update({f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "0"})
        data.update({"costs-0-amount": "12.500", "costs-0-currency": "EUR", "costs-0-label": "I"})
        response = client.post(self.url("edit", self.mine), data)
        self.assertContains(response, "Unknown country code")
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.evaluation_level, 0)
        data["countries"] = "AM"
        response = client.post(self.url("edit", self.mine), data)
        self.assertRedirects(response, self.url("detail", self.mine), fetch_redirect_response=False)
        self.mine.refresh_from_db()
        self.assertEqual((self.mine.evaluation_level, self.mine.channels), (1, ["tv", "radio"]))
        self.assertEqual(str(self.mine.costs.get().amount), "12500.00")

    def test_delete_roles_then_delete(self):
        self.assert_roles(self.url("delete", self.mine), allowed=EDITORS)
        response = self.client_for(self.user(Role.ADMIN)).post(self.url("delete", self.mine))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Campaign.objects.filter(pk=self.mine.pk).exists())

    def test_import_refuses_bad_file_then_imports_good_one(self):
        for role in (Role.REVIEWER, Role.CASEWORKER, Role.ANALYST):
            self.assertEqual(
                self.client_for(self.user(role)).get(self.url("import")).status_code, 403
            )
        client = self.client_for(self.user(Role.EDITOR))
        bad = "external_id,title,cost_total,currency\nz-1,Bad,12x,EUR\nz-2,Good,5,EUR\n"
        response = client.post(
            self.url("import"), {"file": SimpleUploadedFile("c.csv", bad.encode())}
        )
        self.assertContains(response, "campaigns row 2")
        self.assertFalse(Campaign.objects.filter(external_id__startswith="z-").exists())
        good = json.dumps({"campaigns": [{"external_id": "z-3", "title": "Good"}]})
        response = client.post(
            self.url("import"), {"file": SimpleUploadedFile("c.json", good.encode())}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Campaign.objects.get(external_id="z-3").organisation, self.org_a)

    def test_exports(self):
        self.assert_refused(self.client_for(self.outsider).get(self.url("export")))
        client = self.client_for(self.user(Role.REVIEWER))
        for fmt, kind in (
            ("docx", "wordprocessing"),
            ("xlsx", "spreadsheet"),
            ("json", "json"),
            ("csv", "csv"),
        ):
            response = client.get(
                self.url("export"), {"format": fmt, "campaign": str(self.mine.uuid)}
            )
            self.assertEqual(response.status_code, 200, fmt)
            self.assertIn(kind, response["Content-Type"])
        self.assertEqual(client.get(self.url("export"), {"format": "pdf"}).status_code, 400)
        self.assertEqual(client.get(self.url("export"), {"campaign": "nope"}).status_code, 400)

    def test_analytics_roles_and_csv(self):
        for role in (Role.REVIEWER, Role.CASEWORKER):
            self.assertEqual(
                self.client_for(self.user(role)).get(self.url("analytics")).status_code, 403
            )
        self.assert_refused(self.client_for(self.outsider).get(self.url("analytics")))
        response = self.client_for(self.user(Role.ANALYST)).get(self.url("analytics"))
        self.assertContains(response, "<svg")
        self.assertContains(response, "Cost per person")
        response = self.client_for(self.user(Role.ANALYST)).get(
            self.url("analytics"), {"download": "csv"}
        )
        self.assertIn("cost_per_person", response.content.decode())

    def test_malformed_query_parameters_never_500(self):
        client = self.client_for(self.user(Role.ANALYST))
        probes = [
            (self.url("list"), {"page": "x", "level": "9", "country": "\x00"}),
            (self.url("analytics"), {"currency": "QQQ", "level": "-"}),
            (self.url("impact", self.theirs), {"origin": "A1", "first_post_year": "soon"}),
            (self.url("export"), {"format": "csv", "table": "secrets"}),
        ]
        for url, params in probes:
            self.assertLess(client.get(url, params).status_code, 500, url)

    def test_impact_page_refuses_on_short_series(self):
        rows = [
            ("BE", "AM", 2012, 275),
            ("BE", "AM", 2013, 200),
            ("EU28", "AM", 2012, 4110),
            ("EU28", "AM", 2013, 4080),
        ]
        StatObservation.objects.bulk_create(
            StatObservation(dataset="migr_asyappctza", geo=g, citizen=c, year=y, value=v)
            for g, c, y, v in rows
        )
        campaign = CampaignFactory(organisation=self.org_b, claim="dropped with 30%")
        self.assertEqual(
            self.client_for(self.user(Role.CASEWORKER))
            .get(self.url("impact", campaign))
            .status_code,
            403,
        )
        response = self.client_for(self.user(Role.ANALYST)).get(
            self.url("impact", campaign),
            {
                "origin": "AM",
                "destination": "BE",
                "first_post_year": 2013,
                "dataset": "migr_asyappctza",
            },
        )
        self.assertContains(response, "dropped with 30%")
        self.assertContains(response, "Not an effect")
        self.assertContains(response, "too short")
        self.assertContains(response, "-27.3 %")


class SurveyAndStatisticsViewTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.mine = CampaignFactory(organisation=cls.org_a)

    def test_survey_upload_roles_then_change_label(self):
        url = reverse("campaigns_admin:survey-add", kwargs={"campaign_uuid": self.mine.uuid})
        self.assert_roles(url, allowed={Role.ADMIN, Role.ANALYST})
        rows = ["respondent,arm,wave,outcome,value"]
        for i in range(12):
            rows += [
                f"r{i},campaign,pre,knowledge,{3 + i % 3}",
                f"r{i},campaign,post,knowledge,{5 + i % 4}",
            ]
        upload = SimpleUploadedFile("s.csv", "\n".join(rows).encode())
        response = self.client_for(self.user(Role.ANALYST)).post(
            url,
            {
                "title": "Wave 1",
                "design": "pre_post_paired",
                "scale_min": 0,
                "scale_max": 10,
                "file": upload,
            },
        )
        study = SurveyStudy.objects.get()
        self.assertRedirects(
            response,
            reverse("campaigns_admin:survey", kwargs={"surveystudy_uuid": study.uuid}),
            fetch_redirect_response=False,
        )
        detail = reverse("campaigns_admin:survey", kwargs={"surveystudy_uuid": study.uuid})
        self.assert_roles(
            detail, allowed={Role.ADMIN, Role.EDITOR, Role.ANALYST, Role.REVIEWER, Role.CASEWORKER}
        )
        response = self.client_for(self.user(Role.ANALYST)).get(detail)
        self.assertContains(response, "<strong>change</strong>", html=False)
        self.assertContains(response, "paired t-test")

    def test_statistics_upload_platform_only_and_layout_check(self):
        url = reverse("campaigns_admin:statistics")
        tsv = "citizen,unit,geo\\time\t2013 \t2012 \nAM,PER,BE\t200 \t275 \n"
        # Reference data is shared by every organisation: no organisation role loads it.
        for role in (Role.ADMIN, Role.EDITOR, Role.ANALYST):
            response = self.client_for(self.user(role)).post(
                url, {"file": SimpleUploadedFile("migr_asyappctza.tsv", tsv.encode())}
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(StatObservation.objects.exists())
        client = self.client_for(self.superuser)
        response = client.post(
            url, {"file": SimpleUploadedFile("x.txt", b"a;b\n1;2\n"), "dataset": "migr_x"}
        )
        self.assertContains(response, "Unknown layout")
        response = client.post(
            url, {"file": SimpleUploadedFile("migr_asyappctza.tsv", tsv.encode())}
        )
        self.assertEqual(StatObservation.objects.get(year=2012).value, 275)


class ApiTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.theirs = CampaignFactory(organisation=cls.org_b, title="Bravo campaign")

    def test_read_only_api(self):
        url = reverse("api:campaigns")
        self.assertEqual(self.client.get(url).status_code, 403)
        client = self.client_for(self.user(Role.CASEWORKER))
        body = client.get(url).json()
        self.assertEqual(body["count"], 1)
        self.assertEqual(body["results"][0]["title"], "Bravo campaign")
        self.assertEqual(client.get(url, {"country": "Armenia"}).status_code, 400)
        self.assertEqual(client.get(url, {"evaluation_level": "9"}).status_code, 400)
        detail = client.get(reverse("api:campaign", kwargs={"campaign_uuid": self.theirs.uuid}))
        self.assertEqual(detail.json()["countries"], ["AM"])
        self.assertEqual(client.post(url, {}).status_code, 405)
