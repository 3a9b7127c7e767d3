from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from retour.orgs import policy, services
from retour.orgs.models import Membership, OrgGroup, Role
from retour.testing.base import ALL_ROLES, TenantTestCase


class PolicyTests(TenantTestCase):
    def test_other_org_membership_never_counts(self):
        admin_b = self.user(Role.ADMIN, "b")
        self.assertFalse(policy.has_perm(admin_b, "orgs.change_organisation", obj=self.org_a))
        with self.assertRaises(Http404):
            policy.require(admin_b, "orgs.change_organisation", obj=self.org_a)

    def test_member_without_permission_gets_permission_denied(self):
        with self.assertRaises(PermissionDenied):
            policy.require(self.user(Role.ANALYST), "orgs.change_organisation", obj=self.org_a)

    def test_only_admin_role_may_change_the_organisation(self):
        allowed = {
            r
            for r in ALL_ROLES
            if policy.has_perm(self.user(r), "orgs.change_organisation", org=self.org_a)
        }
        self.assertEqual(allowed, {Role.ADMIN})

    def test_anonymous_and_inactive_users_have_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertFalse(policy.has_perm(AnonymousUser(), "orgs.view_organisation", org=self.org_a))
        editor = self.user(Role.EDITOR)
        editor.is_active = False
        self.assertFalse(policy.has_perm(editor, "orgs.view_organisation", org=self.org_a))

    def test_permissions_live_on_groups_so_wagtail_group_edits_apply(self):
        analyst = self.user(Role.ANALYST)
        self.assertFalse(policy.has_perm(analyst, "orgs.change_organisation", org=self.org_a))
        group = OrgGroup.objects.get(organisation=self.org_a, role=Role.ANALYST).group
        group.permissions.add(Permission.objects.get(codename="change_organisation"))
        policy.clear_cache(analyst)
        self.assertTrue(policy.has_perm(analyst, "orgs.change_organisation", org=self.org_a))
        self.assertFalse(policy.has_perm(analyst, "orgs.change_organisation", org=self.org_b))

    def test_permission_cache_costs_one_query_per_user(self):
        editor = self.user(Role.EDITOR)
        policy.clear_cache(editor)
        with self.assertNumQueries(1):
            for _ in range(5):
                policy.has_perm(editor, "orgs.view_organisation", org=self.org_a)

    def test_membership_removal_revokes_group_permissions(self):
        admin_a = self.user(Role.ADMIN)
        membership = Membership.objects.get(user=admin_a, organisation=self.org_a)
        services.membership_remove(actor=self.superuser, membership=membership)
        self.assertFalse(policy.has_perm(admin_a, "orgs.change_organisation", org=self.org_a))


class OrganisationServiceTests(TenantTestCase):
    def test_unknown_codes_are_rejected_with_choices(self):
        with self.assertRaisesRegex(ValidationError, "ISO 3166"):
            services.organisation_create(
                actor=self.superuser, name="X", type="ngo", countries=["ZZ"]
            )
        with self.assertRaisesRegex(ValidationError, "ISO 639"):
            services.organisation_create(
                actor=self.superuser, name="Y", type="ngo", languages=["xx"]
            )
        with self.assertRaisesRegex(ValidationError, "government"):
            services.organisation_create(actor=self.superuser, name="Z", type="club")

    def test_update_requires_admin_of_that_org(self):
        with self.assertRaises(Http404):
            services.organisation_update(
                actor=self.user(Role.ADMIN, "b"), organisation=self.org_a, name="Hijacked"
            )
        with self.assertRaises(PermissionDenied):
            services.organisation_update(
                actor=self.user(Role.EDITOR), organisation=self.org_a, name="Hijacked"
            )
        services.organisation_update(
            actor=self.user(Role.ADMIN), organisation=self.org_a, countries=["no", "be"]
        )
        self.org_a.refresh_from_db()
        self.assertEqual(self.org_a.countries, ["BE", "NO"])

    def test_services_are_keyword_only(self):
        with self.assertRaises(TypeError):
            services.organisation_update(self.superuser)
