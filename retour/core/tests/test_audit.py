import datetime
from decimal import Decimal

from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError
from django.test import SimpleTestCase, TransactionTestCase
from django.urls import reverse

from retour.core import audit
from retour.core.actors import SystemActor
from retour.core.models import AppendOnlyError, AuditEvent
from retour.orgs import services
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase


class AuditLogTests(TenantTestCase):
    def test_service_writes_record_actor_org_action_and_object(self):
        services.organisation_update(
            actor=self.user(Role.ADMIN), organisation=self.org_a, website="https://example.org"
        )
        event = AuditEvent.objects.filter(action="organisation.update").latest("at")
        self.assertEqual(event.actor, self.user(Role.ADMIN))
        self.assertEqual(event.organisation, self.org_a)
        self.assertEqual(event.object_id, str(self.org_a.uuid))
        self.assertEqual(
            event.detail, {"changed": {"website": {"old": "", "new": "https://example.org"}}}
        )

    def test_failed_write_leaves_no_audit_row(self):
        before = AuditEvent.objects.count()
        with self.assertRaises(Exception):
            services.organisation_update(
                actor=self.user(Role.ADMIN), organisation=self.org_a, name="x" * 500
            )
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_append_only_in_python(self):
        event = audit.record(actor=SystemActor.cli("test"), action="x.y")
        event.action = "changed"
        with self.assertRaises(AppendOnlyError):
            event.save()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).update(action="changed")
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.all().delete()

    def test_append_only_in_the_database(self):
        # Reported: on SQLite, DELETE FROM core_auditevent succeeded.
        event = audit.record(actor=SystemActor.cli("test"), action="x.y")
        table = AuditEvent._meta.db_table
        for sql in (
            f"UPDATE {table} SET action = 'tampered' WHERE id = %s",
            f"DELETE FROM {table} WHERE id = %s",
            f"DELETE FROM {table} WHERE id >= %s",
        ):
            with self.subTest(sql=sql, vendor=connection.vendor):
                with self.assertRaises((DatabaseError, IntegrityError)), transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute(sql, [event.pk])
        self.assertEqual(AuditEvent.objects.get(pk=event.pk).action, "x.y")

    def test_update_records_old_and_new_values(self):
        countries = list(self.org_a.countries)
        services.organisation_update(
            actor=self.user(Role.ADMIN),
            organisation=self.org_a,
            website="https://example.org",
            countries=["be", "NL"] if countries != ["BE", "NL"] else ["AT"],
        )
        event = AuditEvent.objects.filter(action="organisation.update").latest("at")
        self.assertEqual(
            event.detail["changed"],
            {
                "website": {"old": "", "new": "https://example.org"},
                "countries": {"old": countries, "new": ["BE", "NL"]},
            },
        )

    def test_audit_viewer_refuses_before_it_shows(self):
        url = reverse("orgs_admin:audit")
        audit.record(
            actor=SystemActor.cli("test"),
            action="org_b.secret",
            organisation=self.org_b,
            object_repr=self.org_b.name,
        )
        for role, user in self.every_role("a"):
            response = self.client_for(user).get(url)
            if role == Role.ADMIN:
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "org_b.secret")
            else:
                self.assert_refused(response, role)

    def test_audit_viewer_filters_and_exports(self):
        audit.record(
            actor=SystemActor.cli("test"), action="case.read", organisation=self.org_a, kind="read"
        )
        audit.record(actor=SystemActor.cli("test"), action="other.thing", organisation=self.org_a)
        client = self.client_for(self.user(Role.ADMIN))
        response = client.get(reverse("orgs_admin:audit"), {"kind": "read"})
        self.assertContains(response, "case.read")
        self.assertNotContains(response, "other.thing")
        csv = client.get(reverse("orgs_admin:audit"), {"action": "case", "format": "csv"})
        self.assertEqual(csv["Content-Type"], "text/csv")
        self.assertIn(b"case.read", csv.content)

    def test_audit_list_query_count_does_not_grow_with_rows(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.client_for(self.user(Role.ADMIN))
        counts = []
        for _batch in range(2):
            for i in range(30):
                audit.record(
                    actor=self.user(Role.EDITOR), action=f"thing.{i}", organisation=self.org_a
                )
            client.get(reverse("orgs_admin:audit"))  # warm per-process caches
            with CaptureQueriesContext(connection) as ctx:
                client.get(reverse("orgs_admin:audit"))
            counts.append(len(ctx.captured_queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 14)

    def test_campaign_update_records_old_and_new_values(self):
        from retour.campaigns import exchange
        from retour.campaigns import services as campaigns
        from retour.campaigns.tests.factories import CampaignFactory

        campaign = CampaignFactory(organisation=self.org_a, title="Before", external_id="E-1")
        record = {**exchange.campaign_record(campaign), "title": "After"}
        campaigns.campaign_update(actor=self.user(Role.EDITOR), campaign=campaign, data=record)
        event = AuditEvent.objects.get(action="campaign.update")
        self.assertEqual(event.detail["changed"], {"title": {"old": "Before", "new": "After"}})


class AuditChangesTests(SimpleTestCase):
    def test_changes_lists_changed_fields_only_with_json_values(self):
        before = {"d": datetime.date(2026, 1, 2), "n": Decimal("1.50"), "same": "x", "u": None}
        after = {"d": datetime.date(2026, 1, 3), "n": Decimal("1.50"), "same": "x", "u": "a"}
        self.assertEqual(
            audit.changes(before, after, ["d", "n", "same", "u"]),
            {"d": {"old": "2026-01-02", "new": "2026-01-03"}, "u": {"old": None, "new": "a"}},
        )

    def test_redacted_fields_say_only_that_they_changed(self):
        before, after = {"name": "Yolandis", "x": 1}, {"name": "Trembarro", "x": 1}
        detail = audit.changes(before, after, ["name", "x"], redact={"name"})
        self.assertEqual(detail, {"name": {"redacted": True}})
        self.assertNotIn("Yolandis", str(detail))
        self.assertEqual(audit.changes(before, before, ["name"], redact={"name"}), {})


class AuditFlushTests(TransactionTestCase):
    """The flush after a transactional test still empties the audit log (on SQLite
    through retour/core/audit_triggers.py), and the trigger is back afterwards."""

    serialized_rollback = True

    def test_flush_empties_the_log_and_keeps_the_trigger(self):
        audit.record(actor=SystemActor.cli("test"), action="x.flush")
        # As the test runner flushes: without resetting sequences (a reset would
        # hand out ids that the next test's restored rows already use).
        call_command(
            "flush",
            interactive=False,
            verbosity=0,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        self.assertFalse(AuditEvent.objects.exists())
        event = audit.record(actor=SystemActor.cli("test"), action="x.after")
        with self.assertRaises((DatabaseError, IntegrityError)), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [event.pk])
