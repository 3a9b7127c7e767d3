"""The shared test base: two organisations × every role.

Tests assert who is refused before they assert success, as in RapidPro.

    class CaseViewTests(TenantTestCase):
        def test_detail(self):
            url = reverse("cases:detail", kwargs={"case_uuid": case.uuid})
            self.assert_roles(url, allowed={Role.CASEWORKER})
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.test import Client, SimpleTestCase, TestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.orgs.models import Organisation, Role

from .factories import OrganisationFactory, UserFactory, member

ALL_ROLES: tuple[str, ...] = tuple(Role.values)


# The mixin is only ever mixed into a TestCase (its assertions are TestCase's).
if TYPE_CHECKING:
    _MixinBase = SimpleTestCase
else:
    _MixinBase = object


class TenantMixin(_MixinBase):
    org_a: Organisation
    org_b: Organisation
    users: dict[tuple[str, str], object]
    outsider: Any
    superuser: Any

    @classmethod
    def setup_tenants(cls) -> None:
        cls.org_a = OrganisationFactory.create(name="Alpha Return Counselling", slug="alpha")
        cls.org_b = OrganisationFactory.create(name="Bravo Reintegration Network", slug="bravo")
        cls.setup_members()

    @classmethod
    def setup_members(cls) -> None:
        """One member per role in each organisation, an outsider and a superuser."""
        cls.users = {}
        tenants = sorted((("a", cls.org_a), ("b", cls.org_b)), key=lambda kv: kv[1].pk)
        for key, org in tenants:  # in creation order, like everything else of theirs
            for role in ALL_ROLES:
                cls.users[(key, role)] = member(organisation=org, role=role)
        cls.outsider = UserFactory(username="outsider")
        cls.superuser = UserFactory(username="root", is_superuser=True, is_staff=True)

    def user(self, role: str, org: str = "a"):
        return self.users[(org, role)]

    def client_for(self, user, *, otp: bool = True) -> Client:
        """A client signed in as ``user``; with ``otp`` its second factor is verified too."""
        client = Client()
        if user is not None:
            self.sign_in(client, user, otp=otp)
        return client

    @staticmethod
    def sign_in(client: Client, user, *, otp: bool = True) -> None:
        """Log ``user`` in on ``client``, verified the way django_otp.login() does.

        Staff surfaces refuse sessions that still owe a second factor, so a test
        of anything else signs in fully; ``otp=False`` is the password-only
        session, for tests of that refusal.
        """
        client.force_login(user)
        if not otp:
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def every_role(self, org: str = "a") -> Iterable[tuple[str, object]]:
        for role in ALL_ROLES:
            yield role, self.users[(org, role)]

    # -- assertions about refusal -------------------------------------------------
    def assert_not_found(self, response, msg: str = "") -> None:
        self.assertEqual(
            response.status_code, 404, msg or f"expected 404, got {response.status_code}"
        )

    def assert_refused(self, response, msg: str = "") -> None:
        """403, 404 or a redirect to the login page: anything but the content."""
        code = response.status_code
        ok = code in (403, 404) or (code == 302 and "login" in response.get("Location", ""))
        self.assertTrue(ok, msg or f"expected refusal, got {code}")

    def assert_roles(
        self,
        url: str,
        *,
        allowed: Iterable[str],
        method: str = "get",
        data: dict | None = None,
        ok_status: Iterable[int] = (200,),
    ) -> None:
        """Every role of org A outside ``allowed`` is refused; every role of org B
        and the outsider get 404; then each allowed role succeeds."""
        allowed = set(allowed)
        ok_status = tuple(ok_status)
        for role, user in self.every_role("b"):
            response = getattr(self.client_for(user), method)(url, data or {})
            self.assert_not_found(response, f"{role} of org B must get 404 on {url}")
        response = getattr(self.client_for(self.outsider), method)(url, data or {})
        self.assert_refused(response, f"outsider must be refused on {url}")
        for role, user in self.every_role("a"):
            if role in allowed:
                continue
            response = getattr(self.client_for(user), method)(url, data or {})
            self.assert_refused(response, f"{role} of org A must be refused on {url}")
        for role in allowed:
            response = getattr(self.client_for(self.user(role)), method)(url, data or {})
            self.assertIn(
                response.status_code, ok_status, f"{role} of org A should succeed on {url}"
            )


class TenantTestCase(TenantMixin, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.setup_tenants()
