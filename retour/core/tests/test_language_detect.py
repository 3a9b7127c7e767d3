from django.test import SimpleTestCase

from retour.core import language


class DetectTests(SimpleTestCase):
    def test_pashto_without_its_own_letters_keeps_a_pashto_hint(self):
        # No letter of PASHTO_LETTERS: lingua, which has no Pashto, calls it Persian.
        text = "زما کیس رد شو اوس د رضاکارانه ستنیدو مرسته اخیستلی شم"
        assert language.detect(text) == "fa"
        assert language.detect(text, hint="ps") == "ps"

    def test_a_persian_hint_is_still_overruled_by_clear_arabic(self):
        assert language.detect("أريد العودة إلى بلدي، هل يمكنكم مساعدتي؟", hint="fa") == "ar"

    def test_a_pashto_hint_does_not_keep_a_message_in_another_script(self):
        assert language.detect("I want to go back home, can you help me?", hint="ps") == "en"
