from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings


class DoctorTests(TestCase):
    def run_doctor(self) -> str:
        out = StringIO()
        try:
            call_command("doctor", stdout=out)
        except SystemExit as exc:  # doctor exits 1 when something is broken
            out.write(f"\nEXIT {exc.code}")
        return out.getvalue()

    def test_reports_database_migrations_and_optional_services(self):
        output = self.run_doctor()
        self.assertRegex(output, r"\[ok  \] database \((sqlite|postgresql)\)")
        self.assertIn("migrations", output)
        self.assertIn("up to date", output)
        self.assertIn("set REDIS_URL", output)
        self.assertNotIn("EXIT", output)

    @override_settings(REDIS_URL="redis://127.0.0.1:1/0")
    def test_unreachable_redis_is_a_failure(self):
        output = self.run_doctor()
        self.assertIn("[FAIL] cache (Redis)", output)
        self.assertIn("EXIT 1", output)
