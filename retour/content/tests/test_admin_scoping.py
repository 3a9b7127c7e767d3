"""Wagtail listings that ask no permission for what they list, narrowed to the
user's organisation: bulk-action confirmations, page types usage, translations."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import short_answer

SECRET = "SCOPING-SECRET"


class ScopingBase(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pages = {
            key: short_answer(organisation=org, title=f"{SECRET} {key}")
            for key, org in (("a", cls.org_a), ("b", cls.org_b))
        }
        cls.parent = cls.pages["a"].get_parent()

    def editor(self, org: str = "a"):
        return self.client_for(self.user(Role.EDITOR, org))


class BulkActionTests(ScopingBase):
    def url(self, **query) -> str:
        base = reverse(
            "wagtail_bulk_action",
            kwargs={"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
        )
        from urllib.parse import urlencode

        return f"{base}?{urlencode(query, doseq=True)}"

    def test_naming_only_another_organisations_page_is_404(self):
        response = self.editor().get(self.url(id=[self.pages["b"].pk]))
        self.assertEqual(response.status_code, 404)

    def test_all_children_of_a_shared_parent_lists_only_own_pages(self):
        self.assertEqual(self.pages["b"].get_parent().pk, self.parent.pk)  # same index page
        response = self.editor().get(self.url(id="all", childOf=self.parent.pk))
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn(f"{SECRET} a", text)
        self.assertNotIn(f"{SECRET} b", text)

    def test_mixed_ids_drop_the_other_organisations_page(self):
        ids = [self.pages["a"].pk, self.pages["b"].pk]
        response = self.editor().get(self.url(id=ids))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(f"{SECRET} b", response.content.decode())

    def test_owners_are_resolved_in_one_query_whatever_the_number_of_pages(self):
        from retour.content.admin_scoping import _organisations_of

        pages = [self.pages["a"], self.pages["b"], self.parent]
        pages += [short_answer(organisation=self.org_b, title=f"more {i}") for i in range(5)]
        pages = list(Page.objects.filter(pk__in=[p.pk for p in pages]))
        with self.assertNumQueries(1):
            owners = _organisations_of(pages)
        self.assertEqual(owners[self.pages["a"].pk], self.org_a.pk)
        self.assertEqual(owners[self.pages["b"].pk], self.org_b.pk)
        self.assertIsNone(owners[self.parent.pk])

    def test_posting_the_delete_leaves_the_other_organisations_page(self):
        ids = [self.pages["a"].pk, self.pages["b"].pk]
        self.editor().post(self.url(id=ids), {})
        self.assertTrue(Page.objects.filter(pk=self.pages["b"].pk).exists())


class ReportTests(ScopingBase):
    def test_page_types_usage_counts_only_own_pages(self):
        url = reverse("wagtailadmin_reports:page_types_usage")
        response = self.editor().get(url)
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn(f"{SECRET} a", text)  # the last edited page of the type
        self.assertNotIn(f"{SECRET} b", text)
        rows = {row.model: row.count for row in response.context["object_list"]}
        self.assertEqual(rows["shortanswerpage"], 1)

    def test_superuser_sees_the_whole_platform(self):
        response = self.client_for(self.superuser).get(
            reverse("wagtailadmin_reports:page_types_usage")
        )
        rows = {row.model: row.count for row in response.context["object_list"]}
        self.assertEqual(rows["shortanswerpage"], 2)

    def test_translations_report_lists_only_own_translations(self):
        french, _ = Locale.objects.get_or_create(language_code="fr")
        for page in self.pages.values():
            source, _ = TranslationSource.get_or_create_from_instance(page)
            Translation.objects.create(source=source, target_locale=french)
        response = self.editor().get(reverse("wagtail_localize:translations_report"))
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn(f"{SECRET} a", text)
        self.assertNotIn(f"{SECRET} b", text)
        self.assertEqual(len(response.context["object_list"]), 1)
