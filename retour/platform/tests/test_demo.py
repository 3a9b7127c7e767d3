from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory, TestCase, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.core.models import AuditEvent
from retour.core.two_factor import secret_of
from retour.orgs.models import Membership, Organisation, Role

_DEMO_USERS = [f"{role}-{org}" for org in "ab" for role in Role.values]


# What this test proves is the command (users, roles, passwords, two-factor,
# idempotence), not the sample translations: one translated language keeps every
# loader's path and leaves the 240 wagtail-localize translations to
# content/tests/test_digest_demo.py, which checks each of them.
@override_settings(RETOUR_DEMO_TRANSLATIONS=["fr"])
class DemoCommandTests(TestCase):
    def run_demo(self) -> str:
        out = StringIO()
        call_command("demo", no_serve=True, no_collectstatic=True, stdout=out)
        return out.getvalue()

    def _password(self, output: str) -> str:
        line = next(line for line in output.splitlines() if "Password:" in line)
        return line.split("Password:")[1].split()[0]

    def test_demo_is_safe_to_run_twice_with_every_role_and_a_fresh_password(self):
        # One test, because loading the whole demo twice is the slow part.
        first = self.run_demo()
        for org in Organisation.objects.filter(is_sample=True):
            roles = set(Membership.objects.filter(organisation=org).values_list("role", flat=True))
            self.assertEqual(roles, set(Role.values), org.name)
        self.assertTrue(get_user_model().objects.get(username="admin").is_superuser)
        self.assertTrue(AuditEvent.objects.filter(action="organisation.create").exists())
        counts = (Organisation.objects.count(), Membership.objects.count())
        second = self.run_demo()
        self.assertEqual((Organisation.objects.count(), Membership.objects.count()), counts)
        self.assertEqual(Organisation.objects.filter(is_sample=True).count(), 2)
        old, new = self._password(first), self._password(second)
        self.assertNotEqual(old, new)
        self.assertIsNone(
            authenticate(RequestFactory().post("/admin/login/"), username="admin", password=old)
        )
        self.assertIsNotNone(
            authenticate(RequestFactory().post("/admin/login/"), username="admin", password=new)
        )
        self.assertIn("http://127.0.0.1:8000/admin/", second)
        self.assertIn("SAMPLE", second)
        # Two-factor: every demo user is enrolled, and the banner prints each
        # user's key (the same across runs) and a code, so a newcomer can sign in.
        demo_users = get_user_model().objects.filter(username__in=[*_DEMO_USERS, "admin"])
        self.assertEqual(demo_users.count(), len(_DEMO_USERS) + 1)
        for user in demo_users:
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            line = next(ln for ln in second.splitlines() if ln.split()[:1] == [user.username])
            self.assertIn(f"key {secret_of(device)}", line)
            self.assertRegex(line, r"code now \d{6}$")
            self.assertIn(secret_of(device), first)
