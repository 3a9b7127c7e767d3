"""Every launch language is served under its own URL prefix, with its script
direction, whether or not its interface has been translated yet."""

from django.conf import settings
from django.test import TestCase
from django.utils.translation import get_language_info


class LaunchLanguageTests(TestCase):
    def test_every_launch_language_has_a_page_in_its_own_direction(self):
        for code, _name in settings.LANGUAGES:
            with self.subTest(code=code):
                response = self.client.get(f"/{code}/search/")
                # Django redirects a prefix it does not serve to /en/<code>/…
                self.assertEqual(response.status_code, 200)
                direction = "rtl" if code in settings.RTL_LANGUAGES else "ltr"
                self.assertContains(response, f'<html lang="{code}" dir="{direction}">')

    def test_django_knows_the_name_and_direction_of_every_launch_language(self):
        for code, _name in settings.LANGUAGES:
            with self.subTest(code=code):
                info = get_language_info(code)
                self.assertEqual(info["bidi"], code in settings.RTL_LANGUAGES)
