"""Two-factor sign-in on every authenticated staff surface (issue #10).

A session that signed in with a password only must not reach the admin, the
staff pages or the JSON API; whoever can read identities or export data must
enrol; public routes stay open.
"""

from __future__ import annotations

import datetime
import re
from io import StringIO
from typing import Any

from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.api.authentication import TwoFactorAuthentication
from retour.cases import services as case_services
from retour.cases.models import Case
from retour.core import two_factor
from retour.core.models import AuditEvent
from retour.orgs import policy
from retour.orgs.models import OrgGroup, Role
from retour.testing.base import TenantTestCase
from retour.testing.factories import UserFactory

NAME = "Ormelinde"


def _code(device: TOTPDevice) -> str:
    return two_factor.current_code(device)


class ApiTwoFactorTests(TenantTestCase):
    case: Any  # set in setUpTestData/setUp

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = case_services.case_create(
            actor=cls.users[("a", Role.CASEWORKER)],
            organisation=cls.org_a,
            country_of_return="AF",
            opened_on=datetime.date(2026, 1, 10),
            counselling_consent="test-1",
            identity={"given_name": NAME, "family_name": "Vastrakova", "phone": "+00 999 1"},
        )

    def identity_url(self) -> str:
        return reverse("api:cases-identity", kwargs={"case_uuid": self.case.uuid})

    def assert_two_factor_refusal(self, response) -> None:
        self.assertIn(response.status_code, (401, 403))
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("Two-factor verification required", response.json()["detail"])
        self.assertNotIn(NAME, response.content.decode())

    def test_password_only_session_of_an_enrolled_caseworker_cannot_read_identity(self):
        caseworker = self.user(Role.CASEWORKER)
        TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        client = self.client_for(caseworker, otp=False)
        response = client.get(self.identity_url())
        self.assert_two_factor_refusal(response)
        self.assertIn(reverse("core:2fa-verify"), response.json()["detail"])
        self.assertFalse(AuditEvent.objects.filter(action="case.identity.read").exists())

    def test_password_only_session_cannot_create_a_case(self):
        caseworker = self.user(Role.CASEWORKER)
        TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        before = Case.objects.count()
        response = self.client_for(caseworker, otp=False).post(
            reverse("api:cases-list"), {"country_of_return": "IQ"}, content_type="application/json"
        )
        self.assert_two_factor_refusal(response)
        self.assertEqual(Case.objects.count(), before)

    def test_caseworker_without_a_device_is_refused_and_pointed_to_enrolment(self):
        response = self.client_for(self.user(Role.CASEWORKER), otp=False).get(self.identity_url())
        self.assert_two_factor_refusal(response)
        self.assertIn(reverse("core:2fa-setup"), response.json()["detail"])

    def test_verified_session_reads_identity(self):
        response = self.client_for(self.user(Role.CASEWORKER)).get(self.identity_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["given_name"], NAME)

    def test_public_routes_stay_open_with_or_without_a_session(self):
        unverified = self.client_for(self.user(Role.CASEWORKER), otp=False)
        for client in (Client(), unverified):
            self.assertEqual(client.get("/api/v1/answer", {"q": "passport"}).status_code, 200)
            self.assertEqual(client.get("/api/v1/content/pages/").status_code, 200)

    def test_every_api_route_checks_the_second_factor_or_authenticates_no_one(self):
        from retour.api import urls

        def walk(patterns, prefix=""):
            for pattern in patterns:
                if hasattr(pattern, "url_patterns"):
                    yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
                else:
                    yield prefix + str(pattern.pattern), pattern.callback

        routes = list(walk(urls.urlpatterns))
        self.assertGreater(len(routes), 10)
        for route, callback in routes:
            view = getattr(callback, "cls", None)
            self.assertIsNotNone(view, f"/api/v1/{route} is not a DRF view")
            for authenticator in view().get_authenticators():
                self.assertIsInstance(
                    authenticator,
                    TwoFactorAuthentication,
                    f"/api/v1/{route} authenticates without checking the second factor",
                )


class StaffPagesTwoFactorTests(TenantTestCase):
    def test_password_only_session_is_sent_to_verify_on_admin_and_staff_pages(self):
        caseworker = self.user(Role.CASEWORKER)
        TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        client = self.client_for(caseworker, otp=False)
        for url in ("/admin/", reverse("cases_admin:list") + "?stage=1"):
            response = client.get(url)
            self.assertEqual(response.status_code, 302, url)
            location = response["Location"]
            self.assertTrue(location.startswith(reverse("core:2fa-verify")), location)
            self.assertTrue(location.endswith("?" + urlencode({"next": url})), location)

    def test_who_must_enrol_is_sent_to_enrolment_first(self):
        for role in (Role.CASEWORKER, Role.ANALYST, Role.ADMIN):
            response = self.client_for(self.user(role), otp=False).get("/admin/")
            self.assertEqual(response.status_code, 302, role)
            self.assertTrue(response["Location"].startswith(reverse("core:2fa-setup")), role)
        root = self.client_for(self.superuser, otp=False).get("/admin/")
        self.assertTrue(root["Location"].startswith(reverse("core:2fa-setup")))

    def test_roles_that_need_no_second_factor_may_work_without_one(self):
        for role in (Role.EDITOR, Role.REVIEWER):
            response = self.client_for(self.user(role), otp=False).get("/admin/")
            self.assertEqual(response.status_code, 200, role)

    def test_a_device_once_confirmed_is_enforced_for_everyone(self):
        editor = self.user(Role.EDITOR)
        TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
        response = self.client_for(editor, otp=False).get("/admin/")
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-verify")))

    def test_verified_sessions_are_served(self):
        for role in (Role.CASEWORKER, Role.EDITOR):
            self.assertEqual(self.client_for(self.user(role)).get("/admin/").status_code, 200)

    def test_sign_in_and_out_stay_reachable(self):
        client = self.client_for(self.user(Role.CASEWORKER), otp=False)
        self.assertEqual(client.get(reverse("core:2fa-setup")).status_code, 200)
        self.assertEqual(client.get("/admin/login/").status_code, 302)  # already signed in
        self.assertEqual(client.post("/admin/logout/").status_code, 302)
        self.assertEqual(client.get("/admin/").status_code, 302)
        self.assertIn("/admin/login/", client.get("/admin/")["Location"])


class NeedsTwoFactorTests(TenantTestCase):
    def test_derived_from_permissions_not_roles(self):
        needs = {role: two_factor.requires_two_factor(user) for role, user in self.every_role()}
        self.assertEqual(
            needs,
            {
                Role.ADMIN: True,  # adds members, so can grant identity access
                Role.EDITOR: False,
                Role.REVIEWER: False,
                Role.CASEWORKER: True,  # reads identities, exports cases
                Role.ANALYST: True,  # exports analytics
            },
        )
        self.assertTrue(two_factor.requires_two_factor(self.superuser))
        self.assertFalse(two_factor.requires_two_factor(self.outsider))

    def test_granting_a_sensitive_permission_to_a_group_makes_it_mandatory(self):
        editor = self.user(Role.EDITOR, org="b")
        group = OrgGroup.objects.get(organisation=self.org_b, role=Role.EDITOR).group
        group.permissions.add(Permission.objects.get(codename="view_identity"))
        policy.clear_cache(editor)
        self.assertTrue(two_factor.requires_two_factor(editor))
        response = self.client_for(editor, otp=False).get("/admin/")
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-setup")))

    def test_platform_group_members_must_enrol(self):
        from django.contrib.auth.models import Group

        steward = self.user(Role.EDITOR)
        self.assertFalse(two_factor.requires_two_factor(steward))
        platform, _ = Group.objects.get_or_create(name="Platform: reference data")
        platform.permissions.add(Permission.objects.get(codename="manage_reference_data"))
        steward.groups.add(platform)
        steward = type(steward).objects.get(pk=steward.pk)  # a new request, a fresh user
        self.assertTrue(two_factor.requires_two_factor(steward))
        response = self.client_for(steward, otp=False).get("/admin/")
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-setup")))

    def test_a_permission_given_directly_counts_too(self):
        reviewer = self.user(Role.REVIEWER)
        reviewer.user_permissions.add(Permission.objects.get(codename="manage_reference_data"))
        reviewer = type(reviewer).objects.get(pk=reviewer.pk)
        self.assertTrue(two_factor.requires_two_factor(reviewer))

    def test_removing_them_lifts_it(self):
        analyst = self.user(Role.ANALYST)
        group = OrgGroup.objects.get(organisation=self.org_a, role=Role.ANALYST).group
        group.permissions.remove(Permission.objects.get(codename="export_analytics"))
        policy.clear_cache(analyst)
        self.assertFalse(two_factor.requires_two_factor(analyst))


class EnrolmentTests(TenantTestCase):
    def test_enrol_with_the_key_shown_then_reach_the_admin(self):
        caseworker = self.user(Role.CASEWORKER)
        client = self.client_for(caseworker, otp=False)
        page = client.get(reverse("core:2fa-setup"), {"next": "/admin/"})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("<svg", html)
        self.assertNotIn("<script", html.split("<main", 1)[1].split("</main>")[0])
        self.assertNotIn("style=", html)
        secret = re.search(r'data-secret="([A-Z2-7]+)"', html).group(1)
        device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
        self.assertEqual(secret, two_factor.secret_of(device))
        self.assertIn("issuer=Retour", device.config_url)

        wrong = client.post(reverse("core:2fa-setup"), {"token": "000000", "next": "/admin/"})
        self.assertEqual(wrong.status_code, 200)
        self.assertContains(wrong, "That code is not valid")
        device.refresh_from_db()
        device.throttle_reset()  # the failed try above throttles the next one
        confirmed = client.post(
            reverse("core:2fa-setup"), {"token": _code(device), "next": "/admin/"}
        )
        self.assertRedirects(confirmed, "/admin/", fetch_redirect_response=False)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(client.session[DEVICE_ID_SESSION_KEY], device.persistent_id)
        self.assertEqual(client.get("/admin/").status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(action="user.2fa_enrol").exists())

    def test_a_password_alone_cannot_add_a_second_device(self):
        caseworker = self.user(Role.CASEWORKER)
        TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        TOTPDevice.objects.create(user=caseworker, name="attacker", confirmed=False)
        client = self.client_for(caseworker, otp=False)
        response = client.get(reverse("core:2fa-setup"))
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-verify")))
        attacker = TOTPDevice.objects.get(name="attacker")
        client.post(reverse("core:2fa-setup"), {"token": _code(attacker)})
        attacker.refresh_from_db()
        self.assertFalse(attacker.confirmed)
        self.assertNotIn(DEVICE_ID_SESSION_KEY, client.session)

    def test_verify_with_a_current_code(self):
        caseworker = self.user(Role.CASEWORKER)
        device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        client = self.client_for(caseworker, otp=False)
        response = client.post(
            reverse("core:2fa-verify"), {"token": _code(device), "next": "/staff/cases/"}
        )
        self.assertRedirects(response, "/staff/cases/", fetch_redirect_response=False)
        self.assertEqual(client.get(reverse("cases_admin:list")).status_code, 200)

    def test_verify_refuses_a_foreign_next_and_malformed_codes(self):
        caseworker = self.user(Role.CASEWORKER)
        device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
        client = self.client_for(caseworker, otp=False)
        for token in ("12345", "abcdef", "1" * 500, ""):
            response = client.post(reverse("core:2fa-verify"), {"token": token})
            self.assertEqual(response.status_code, 200)
            self.assertNotIn(DEVICE_ID_SESSION_KEY, client.session)
        response = client.post(
            reverse("core:2fa-verify"), {"token": _code(device), "next": "https://evil.example/"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_translated(self):
        client = self.client_for(self.user(Role.CASEWORKER), otp=False)
        page = client.get(reverse("core:2fa-setup"), HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(page, "Connexion à deux facteurs")
        self.assertContains(page, "Ou saisissez cette clé manuellement")


class ClientForTests(TenantTestCase):
    def test_client_for_is_verified_and_otp_false_is_not(self):
        caseworker = self.user(Role.CASEWORKER)
        self.assertEqual(self.client_for(caseworker).get("/admin/").status_code, 200)
        self.assertEqual(self.client_for(caseworker, otp=False).get("/admin/").status_code, 302)


class TotpCommandTests(TestCase):
    def test_prints_the_current_code(self):
        user = UserFactory(username="demo-person")
        device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        out = StringIO()
        call_command("totp", "demo-person", stdout=out)
        self.assertEqual(out.getvalue().split()[0], _code(device))

    def test_unknown_user_or_no_device_is_a_clear_error(self):
        UserFactory(username="nodevice")
        for name in ("nobody", "nodevice"):
            with self.assertRaises(CommandError):
                call_command("totp", name, stdout=StringIO())

    @override_settings(SETTINGS_MODULE="config.settings.prod")
    def test_refused_in_production_unless_forced(self):
        user = UserFactory(username="prod-person")
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        with self.assertRaisesMessage(CommandError, "production"):
            call_command("totp", "prod-person", stdout=StringIO())
        out = StringIO()
        call_command("totp", "prod-person", force=True, stdout=out)
        self.assertEqual(out.getvalue().split()[0], _code(device))


class AccountPageTests(TenantTestCase):
    def test_anyone_finds_enrolment_from_their_account_page(self):
        response = self.client_for(self.user(Role.EDITOR), otp=False).get(
            reverse("wagtailadmin_account")
        )
        self.assertContains(response, f'href="{reverse("core:2fa-setup")}"')
