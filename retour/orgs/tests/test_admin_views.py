from django.urls import reverse

from retour.orgs.models import Membership, Role
from retour.testing.base import TenantTestCase
from retour.testing.factories import UserFactory


class OrganisationAdminTests(TenantTestCase):
    def test_member_management_is_admin_only(self):
        newcomer = UserFactory(username="newcomer")
        url = reverse("orgs_admin:membership-add")
        data = {"username": "newcomer", "role": Role.EDITOR}
        for role, user in self.every_role("a"):
            if role == Role.ADMIN:
                continue
            self.assert_refused(self.client_for(user).post(url, data), role)
        self.assertFalse(Membership.objects.filter(user=newcomer).exists())
        self.client_for(self.user(Role.ADMIN)).post(url, data)
        self.assertTrue(Membership.objects.filter(user=newcomer, organisation=self.org_a).exists())

    def test_removing_another_orgs_membership_is_404(self):
        membership = Membership.objects.filter(organisation=self.org_b).first()
        url = reverse("orgs_admin:membership-remove", args=[membership.uuid])
        self.assert_not_found(self.client_for(self.user(Role.ADMIN)).post(url))
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())

    def test_switching_to_an_organisation_you_do_not_belong_to_is_404(self):
        client = self.client_for(self.user(Role.EDITOR))
        response = client.post(reverse("orgs:switch"), {"organisation": str(self.org_b.uuid)})
        self.assert_not_found(response)

    def test_organisation_page_edit(self):
        url = reverse("orgs_admin:organisation")
        self.assertEqual(
            self.client_for(self.user(Role.ANALYST))
            .post(url, {"name": "X", "type": "ngo"})
            .status_code,
            403,
        )
        response = self.client_for(self.user(Role.ADMIN)).post(
            url, {"name": "Alpha", "type": "ngo", "countries": "BE, NL", "languages": "en"}
        )
        self.assertEqual(response.status_code, 302)
        self.org_a.refresh_from_db()
        self.assertEqual(self.org_a.countries, ["BE", "NL"])
