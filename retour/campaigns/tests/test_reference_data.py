"""Eurostat statistics are platform reference data: one organisation's admin
must not overwrite what every organisation's impact estimates read."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from retour.campaigns import services
from retour.campaigns.models import ReferenceImport, StatObservation
from retour.core.actors import SystemActor
from retour.core.models import AuditEvent
from retour.orgs.models import OrgGroup, Role
from retour.orgs.roles import default_role_permissions
from retour.testing.base import TenantTestCase
from retour.testing.factories import UserFactory

PERM = "campaigns.manage_reference_data"
TSV = "citizen,unit,geo\\time\t2013 \t2012 \nAM,PER,BE\t200 \t275 \nGE,PER,BE\t90 \t80 \n"
NAME = "migr_asyappctza.tsv"


def _upload():
    return {"file": SimpleUploadedFile(NAME, TSV.encode())}


class ReferenceDataTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.platform = UserFactory(username="platform-data")
        cls.platform.groups.add(Group.objects.get(name="Platform: reference data"))

    def _load(self, actor):
        return services.statistics_file_import(actor=actor, data=TSV.encode(), file_name=NAME)

    def test_no_organisation_role_holds_the_platform_permission(self):
        for role, perms in default_role_permissions().items():
            self.assertNotIn(PERM, perms, role)
            self.assertNotIn("campaigns.import_statistics", perms, role)
        self.assertFalse(Permission.objects.filter(codename="import_statistics").exists())

    def test_org_admin_is_refused_by_the_service(self):
        for org in ("a", "b"):
            with self.assertRaises(PermissionDenied):
                self._load(self.user(Role.ADMIN, org))
        self.assertFalse(StatObservation.objects.exists())
        self.assertFalse(ReferenceImport.objects.exists())

    def test_granting_it_to_an_organisation_group_grants_nothing(self):
        # A superuser ticking the box on an organisation's group in Wagtail's
        # group editor must not make that organisation the owner of shared data.
        admin_group = OrgGroup.objects.get(organisation=self.org_a, role=Role.ADMIN).group
        admin_group.permissions.add(Permission.objects.get(codename="manage_reference_data"))
        with self.assertRaises(PermissionDenied):
            self._load(self.user(Role.ADMIN))

    def test_org_admin_gets_403_on_the_admin_route_but_can_read(self):
        url = reverse("campaigns_admin:statistics")
        client = self.client_for(self.user(Role.ADMIN))
        self.assertEqual(client.post(url, _upload()).status_code, 403)
        self.assertFalse(StatObservation.objects.exists())
        response = client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'enctype="multipart/form-data"')

    def test_platform_group_loads_and_the_import_is_recorded_and_shown(self):
        url = reverse("campaigns_admin:statistics")
        response = self.client_for(self.platform).post(url, _upload())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(StatObservation.objects.get(citizen="AM", year=2012).value, 275)
        record = ReferenceImport.objects.get()
        self.assertEqual(
            (record.actor, record.actor_label, record.file_name, record.sha256),
            (self.platform, "platform-data", NAME, hashlib.sha256(TSV.encode()).hexdigest()),
        )
        self.assertEqual((record.rows, record.created, record.updated), (4, 4, 0))
        self.assertEqual(record.datasets, ["migr_asyappctza"])
        event = AuditEvent.objects.get(action="statobservation.import")
        self.assertEqual(event.object_id, str(record.uuid))
        self.assertEqual(event.detail["sha256"], record.sha256)
        # Every organisation's readers see who loaded what.
        page = self.client_for(self.user(Role.CASEWORKER, "b")).get(url)
        self.assertContains(page, "platform-data")
        self.assertContains(page, record.sha256[:12])
        self.assertContains(page, NAME)

    def test_reloading_the_same_file_updates_and_records_again(self):
        first = self._load(SystemActor.cli("campaigns"))[1]
        second = self._load(self.superuser)[1]
        self.assertEqual((first.created, second.created, second.updated), (4, 0, 4))
        self.assertEqual(first.sha256, second.sha256)
        self.assertEqual(first.actor_label, "cli:campaigns")
        self.assertIsNone(first.actor)

    def test_a_plain_string_is_not_an_identity(self):
        with self.assertRaises(TypeError):
            self._load("cli:campaigns")
        self.assertFalse(StatObservation.objects.exists())
