"""`content export` / `content import`: lossless round trip, all-or-nothing rejection."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Locale, Page, WorkflowState

from retour.content import portability, services
from retour.content.models import OwnedPage, ShortAnswerPage
from retour.core.actors import SystemActor
from retour.testing.factories import OrganisationFactory, UserFactory

from .factories import country_sheet, service_point, short_answer


def _read_tree(directory: Path) -> dict:
    return {
        str(p.relative_to(directory)): json.loads(p.read_text())
        for p in sorted(directory.rglob("*.json"))
    }


class RoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        services.site_setup(actor=SystemActor.cli("test"))
        sheet = country_sheet(organisation=cls.org, title="Sheet AF", country="AF")
        services.page_translate(
            actor=SystemActor.cli("test"),
            page=sheet,
            locale=Locale.objects.get(language_code="ar"),
            fields={"title": "صفحة"},
            machine=True,
        )
        service_point(organisation=cls.org, title="Point", languages=["ar"], services=["health"])
        short_answer(organisation=cls.org, title="Q?", backing_pages=[("page", sheet)])

    def test_round_trip_is_lossless(self):
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            call_command("content", "export", first)
            exported = _read_tree(Path(first))
            self.assertEqual(len(exported), 5)  # manifest + 4 pages (one translation)
            # Wipe the knowledge base, then import it back.
            for page in OwnedPage.objects.order_by("-depth"):
                page.delete()
            self.assertEqual(OwnedPage.objects.count(), 0)
            call_command("content", "import", first)
            call_command("content", "export", second)
            self.assertEqual(_read_tree(Path(second)), exported)
        answer = ShortAnswerPage.objects.get()
        self.assertEqual([p.title for p in answer.backing()], ["Sheet AF"])

    def test_import_twice_updates_in_place(self):
        with tempfile.TemporaryDirectory() as folder:
            portability.export(Path(folder))
            before = OwnedPage.objects.count()
            counts = portability.import_(Path(folder))
            self.assertEqual(counts, {"created": 0, "updated": 4})
            self.assertEqual(OwnedPage.objects.count(), before)


class RejectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        services.site_setup(actor=SystemActor.cli("test"))
        country_sheet(organisation=cls.org, title="Sheet AF", country="AF")
        short_answer(organisation=cls.org, title="Q?")

    def _export(self, folder) -> dict:
        portability.export(Path(folder))
        for page in OwnedPage.objects.order_by("-depth"):
            page.delete()
        return {p.name: p for p in Path(folder).rglob("*.json") if p.name != "manifest.json"}

    def _edit(self, path: Path, **changes) -> None:
        data = json.loads(path.read_text())
        data.update(changes)
        path.write_text(json.dumps(data))

    def test_one_broken_file_rejects_everything_listing_each_problem(self):
        with tempfile.TemporaryDirectory() as folder:
            files = self._export(folder)
            sheet = next(p for p in files.values() if "country_sheet" in str(p))
            answer = next(p for p in files.values() if "short_answer" in str(p))
            self._edit(sheet, country="ZZ", locale="xx")
            answer.write_text("{not json")
            with self.assertRaises(CommandError) as ctx:
                call_command("content", "import", folder)
        message = str(ctx.exception)
        self.assertIn("nothing was imported", message)
        self.assertIn(f"{sheet.relative_to(folder)}: country: unknown country code 'ZZ'", message)
        self.assertIn("valid: AD, AE, AF", message)
        self.assertIn("locale: unknown language 'xx'; valid: en, fr, nl", message)
        self.assertIn(f"{answer.relative_to(folder)}: -: not valid UTF-8 JSON", message)
        self.assertEqual(OwnedPage.objects.count(), 0)

    def test_unknown_organisation_lists_valid_slugs(self):
        with tempfile.TemporaryDirectory() as folder:
            files = self._export(folder)
            self._edit(next(iter(files.values())), organisation="nobody")
            with self.assertRaises(portability.ImportRejected) as ctx:
                portability.import_(Path(folder))
        self.assertIn("unknown organisation 'nobody'; valid: sample-org", str(ctx.exception))

    def test_rich_text_is_sanitised(self):
        with tempfile.TemporaryDirectory() as folder:
            files = self._export(folder)
            sheet = next(p for p in files.values() if "country_sheet" in str(p))
            data = json.loads(sheet.read_text())
            data["sections"][0]["value"]["body"] = (
                '<p onclick="x()">Hi<script>alert(1)</script>'
                '<a href="javascript:alert(1)">link</a></p>'
            )
            sheet.write_text(json.dumps(data))
            portability.import_(Path(folder))
        page = OwnedPage.objects.get(title="Sheet AF").specific
        body = page.sections[0].value["body"].source
        self.assertNotIn("script", body)
        self.assertNotIn("onclick", body)
        self.assertNotIn("javascript:", body)
        self.assertIn("Hi", body)


class InReviewTests(TestCase):
    """An import publishes what it updates: never a page a reviewer is deciding on."""

    def test_a_page_in_review_is_not_imported_over(self):
        org = OrganisationFactory(name="Sample Org", slug="sample-org")
        services.site_setup(actor=SystemActor.cli("test"))
        workflow = services.workflow_setup(home=Page.get_first_root_node())
        answer = short_answer(organisation=org, title="Q?", answer="Reviewed answer.")
        other = short_answer(organisation=org, title="Other?", answer="Other answer.")
        with tempfile.TemporaryDirectory() as folder:
            files = portability.export(Path(folder))
            self.assertEqual(files, 2)
            for path in Path(folder).rglob("*.json"):
                data = json.loads(path.read_text())
                if data.get("title") in ("Q?", "Other?"):
                    data["answer"] = "Imported over it."
                    path.write_text(json.dumps(data))
            editor = UserFactory(username="editor")
            answer.answer = "Correction awaiting review."
            answer.save_revision(user=editor)
            workflow.start(answer, editor)
            live_revision = ShortAnswerPage.objects.get(pk=answer.pk).live_revision_id
            with self.assertRaises(portability.ImportRejected) as ctx:
                portability.import_(Path(folder))
        self.assertIn("the page is in review", str(ctx.exception))
        self.assertEqual(len(ctx.exception.problems), 1)
        # All or nothing: the other page is not updated either.
        self.assertEqual(ShortAnswerPage.objects.get(pk=other.pk).answer, "Other answer.")
        fresh = ShortAnswerPage.objects.get(pk=answer.pk)
        self.assertEqual(
            (fresh.answer, fresh.live_revision_id), ("Reviewed answer.", live_revision)
        )
        self.assertEqual(fresh.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
