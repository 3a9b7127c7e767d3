import os
import subprocess
import sys

from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.test import TestCase, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.testing.factories import UserFactory

BASE = settings.BASE_DIR


def _prod_env(**overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod"}, **overrides)
    return env


class ProductionSettingsTests(TestCase):
    def _import_prod(self, **env):
        return subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=BASE,
            env=_prod_env(**env),
            capture_output=True,
            text=True,
        )

    def test_refuses_to_start_naming_the_missing_variable(self):
        for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
            env = {
                "SECRET_KEY": "x" * 60,
                "ALLOWED_HOSTS": "retour.example.org",
                "DATABASE_URL": "sqlite:////tmp/x.db",
            }
            env.pop(missing)
            result = self._import_prod(**env)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(f"environment variable {missing} is required", result.stderr)

    def test_starts_when_configured(self):
        result = self._import_prod(
            SECRET_KEY="x" * 60,
            ALLOWED_HOSTS="retour.example.org",
            DATABASE_URL="sqlite:////tmp/x.db",
        )
        self.assertEqual(result.returncode, 0, result.stderr)


class HardeningTests(TestCase):
    def test_passwords_are_hashed_with_argon2(self):
        from config.settings import base

        # The test settings use a fast hasher; production and dev inherit base.
        self.assertEqual(
            base.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )
        with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
            self.assertEqual(get_hasher().algorithm, "argon2")

    def test_strict_csp_without_inline_script_on_public_pages(self):
        response = self.client.get("/healthz")
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertIn("frame-ancestors 'none'", csp)

    def test_admin_csp_still_forbids_inline_script(self):
        response = self.client.get("/admin/login/")
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self';", csp)

    def test_login_is_throttled_after_repeated_failures(self):
        UserFactory(username="victim", password="the-right-password-1")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.client.post(
                reverse("wagtailadmin_login"), {"username": "victim", "password": "wrong"}
            )
        response = self.client.post(
            reverse("wagtailadmin_login"),
            {"username": "victim", "password": "the-right-password-1"},
        )
        self.assertEqual(response.status_code, 429)


class TwoFactorTests(TestCase):
    def test_enrolled_staff_must_verify_before_using_the_admin(self):
        user = UserFactory(username="staff2fa", is_superuser=True)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        self.client.force_login(user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-verify")))
        bad = self.client.post(reverse("core:2fa-verify"), {"token": "000000", "next": "/admin/"})
        self.assertEqual(bad.status_code, 200)
        device.refresh_from_db()
        device.throttle_reset()  # the failed try above throttles the next one
        token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        good = self.client.post(reverse("core:2fa-verify"), {"token": token, "next": "/admin/"})
        self.assertRedirects(good, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_superusers_without_a_device_are_sent_to_enrolment(self):
        # Two-factor used to be optional; superusers can read everything, so it is not.
        user = UserFactory(username="plainstaff", is_superuser=True)
        self.client.force_login(user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("core:2fa-setup")))
