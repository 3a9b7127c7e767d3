"""Chat commands in every launch language: each language's own words reach the
right command, no word means two things, and a greeting or a Telegram language
hint makes the bot answer in that language (from the app's gettext catalogue)."""

from __future__ import annotations

import json
from itertools import count

from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.translation import gettext

from retour.channels.conversation import _WORD, GREETING_LANGUAGE, KEYWORDS, keyword
from retour.channels.models import Conversation

from .base import ChannelTestCase, payload

# Written out here, not read from KEYWORDS, so that dropping or moving a word fails.
WORDS: dict[str, dict[str, list[str]]] = {
    "en": {"start": ["hi", "Hello!"], "menu": ["help", "MENU"], "language": ["language"],
           "stop": ["stop"], "human": ["human", "counsellor"]},
    "fr": {"start": ["bonjour"], "menu": ["aide"], "language": ["langue"],
           "stop": ["arrêt"], "human": ["conseiller"]},
    "nl": {"start": ["hoi"], "menu": ["hulp"], "language": ["taal"],
           "stop": ["stoppen"], "human": ["medewerker"]},
    "ar": {"start": ["مرحبا"], "menu": ["مساعدة"], "language": ["لغة"],
           "stop": ["توقف"], "human": ["مستشار"]},
    "fa": {"start": ["درود"], "menu": ["راهنما"], "language": ["زبان"],
           "stop": ["پایان"], "human": ["مشاور"]},
    "de": {"start": ["Hallo", "Guten Tag!", "moin"], "menu": ["Hilfe", "MENÜ", "menü"],
           "language": ["Sprache"], "stop": ["Stopp"],
           "human": ["Mensch", "Berater", "Beraterin"]},
    "no": {"start": ["Hei", "heisann"], "menu": ["Hjelp", "MENY"], "language": ["SPRÅK"],
           "stop": ["stopp", "avslutt"], "human": ["menneske", "RÅDGIVER", "veileder"]},
    "ru": {"start": ["Привет!", "Здравствуйте"], "menu": ["МЕНЮ", "помощь"],
           "language": ["язык"], "stop": ["СТОП"], "human": ["человек", "консультант"]},
    "ur": {"start": ["السلام علیکم", "آداب", "AOA"], "menu": ["مدد", "madad"],
           "language": ["زبان", "zaban"], "stop": ["رکو", "ruko", "بند کرو"],
           "human": ["انسان", "مشیر", "insaan"]},
    "ps": {"start": ["ستړی مه شې", "سلام"], "menu": ["مرسته", "مینو"], "language": ["ژبه"],
           "stop": ["ودروه"], "human": ["مشاور", "انسان"]},
    "so": {"start": ["Salaan", "iska warran"], "menu": ["caawimaad", "MENU"],
           "language": ["luqad", "LUUQAD"], "stop": ["jooji"], "human": ["qof", "la taliye"]},
    "ti": {"start": ["ሰላም", "ከመይ ኣለኹም"], "menu": ["ሓገዝ"], "language": ["ቋንቋ"],
           "stop": ["ኣቋርጽ", "ጠጠው"], "human": ["ኣማኻሪ", "ሰብ"]},
    "sq": {"start": ["Përshëndetje", "pershendetje", "Tungjatjeta"],
           "menu": ["ndihmë", "ndihme"], "language": ["gjuha", "gjuhë"],
           "stop": ["Ndalo", "ndal"], "human": ["njeri", "KËSHILLTAR", "keshilltar"]},
}  # fmt: skip

# A greeting alone names its language only where no other launch language uses
# it ("hallo" is Dutch and German: it stays Dutch, as it was).
GREETINGS = {
    "de": "Guten Tag", "no": "Hei", "ru": "Привет", "ur": "آداب", "ps": "ستړی مه شې",
    "so": "Salaan", "ti": "ሰላም", "sq": "Përshëndetje",
}  # fmt: skip
HELP = {lang: words["menu"][0] for lang, words in WORDS.items()}


class KeywordTests(SimpleTestCase):
    def test_every_launch_language_has_its_words(self) -> None:
        self.assertEqual(set(WORDS), {code for code, _name in settings.LANGUAGES})

    def test_each_languages_words_reach_the_right_command(self) -> None:
        for lang, commands in WORDS.items():
            for command, words in commands.items():
                for word in words:
                    with self.subTest(lang=lang, word=word):
                        self.assertEqual(keyword(word), command)

    def test_no_word_means_two_commands(self) -> None:
        seen: dict[str, str] = {}
        for command, words in KEYWORDS.items():
            for word in words:
                with self.subTest(word=word):
                    self.assertNotIn(word, seen, f"{word!r}: {seen.get(word)} and {command}")
                    seen[word] = command

    def test_words_are_stored_as_the_matcher_normalises_them(self) -> None:
        # A word with a capital, a space or punctuation could never match.
        for command, words in KEYWORDS.items():
            for word in words:
                with self.subTest(command=command, word=word):
                    self.assertEqual(_WORD.sub("", word.lower()), word)

    def test_greetings_start_and_name_a_launch_language(self) -> None:
        launch = {code for code, _name in settings.LANGUAGES}
        for word, lang in GREETING_LANGUAGE.items():
            with self.subTest(word=word):
                self.assertIn(word, KEYWORDS["start"])
                self.assertIn(lang, launch)
        self.assertEqual(GREETING_LANGUAGE["hallo"], "nl")
        # Shared across languages, so they open in the sender's hint or English.
        for shared in ("assalamualaikum", "salam", "السلامعلیکم", "menu"):
            self.assertNotIn(shared, GREETING_LANGUAGE)
        for lang, greeting in GREETINGS.items():
            with self.subTest(lang=lang):
                self.assertEqual(GREETING_LANGUAGE[_WORD.sub("", greeting.lower())], lang)

    def test_the_welcome_names_each_languages_own_command_words(self) -> None:
        # The welcome tells people which words to send: those must be words the bot knows.
        named = {
            "de": ["MENÜ", "BERATER", "SPRACHE", "STOPP"],
            "no": ["MENY", "RÅDGIVER", "SPRÅK", "STOPP"],
            "sq": ["MENU", "KËSHILLTAR", "GJUHA", "NDALO"],
            "so": ["MENU", "LATALIYE", "LUQAD", "JOOJI"],
            "ps": ["مینو", "مشاور", "ژبه", "ودروه"],
            "ti": ["ሓገዝ", "ኣማኻሪ", "ቋንቋ", "ኣቋርጽ"],
            "ru": ["МЕНЮ", "КОНСУЛЬТАНТ", "ЯЗЫК", "СТОП"],
            "ur": ["«مدد»", "«مشیر»", "«زبان»", "«رکو»"],
        }
        source = (
            "Write your question in your own words. Send MENU for options, HUMAN to "
            "talk to a counsellor, LANGUAGE to change language, STOP to delete your data."
        )
        for lang, words in named.items():
            with self.subTest(lang=lang), translation.override(lang):
                text = gettext(source)
                self.assertNotEqual(text, source)
                for word, command in zip(words, ["menu", "human", "language", "stop"]):
                    self.assertIn(word, text)
                    self.assertEqual(keyword(word), command)


class AnswersInTheLanguageTests(ChannelTestCase):
    """Through the real Telegram webhook and the compiled catalogues."""

    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}
    chats = count(7000)

    def send(self, text: str, *, chat: int, lang: str = "") -> list[dict]:
        data = payload("telegram_text")
        data["update_id"] = next(self.chats) * 10
        data["message"]["text"] = text
        data["message"]["chat"]["id"] = data["message"]["from"]["id"] = chat
        data["message"]["from"]["language_code"] = lang
        before = len(self.transport.calls)
        response = self.deliver(json.dumps(data), HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="tg-secret")
        self.assertEqual(response.status_code, 200, response.content)
        return [call.json for call in self.transport.calls[before:]]

    @staticmethod
    def translated(lang: str, source: str) -> str:
        with translation.override(lang):
            text = gettext(source)
        assert text != source, f"{lang}: {source!r} is not translated"
        return text

    def test_a_greeting_opens_the_chat_in_its_language_and_help_answers_in_it(self) -> None:
        for lang, greeting in GREETINGS.items():
            with self.subTest(lang=lang):
                chat = next(self.chats)
                (welcome,) = self.send(greeting, chat=chat)
                self.assertIn(
                    self.translated(lang, "Welcome. This chat is run by %(org)s.")
                    % {"org": self.org_a.name},
                    welcome["text"],
                )
                self.assertNotIn("Welcome", welcome["text"])
                (menu,) = self.send(HELP[lang], chat=chat)
                self.assertEqual(
                    menu["text"], self.translated(lang, "Write your question, or choose:")
                )
                buttons = json.dumps(menu["reply_markup"], ensure_ascii=False)
                self.assertIn(self.translated(lang, "Change language"), buttons)
        languages = Conversation.objects.values_list("language", flat=True)
        self.assertEqual(sorted(languages), sorted(GREETINGS))

    def test_help_word_with_the_apps_language_answers_in_that_language(self) -> None:
        # Telegram's language_code is the hint; the help word itself does not set the
        # language (the same word can be shared), the hint does.
        for lang in ("de", "no", "ps", "ti", "so", "sq", "ru", "ur"):
            with self.subTest(lang=lang):
                welcome, menu = self.send(HELP[lang], chat=next(self.chats), lang=lang)
                self.assertNotIn("Welcome", welcome["text"])
                self.assertEqual(
                    menu["text"], self.translated(lang, "Write your question, or choose:")
                )

    def test_stop_word_deletes_in_the_senders_language(self) -> None:
        chat = next(self.chats)
        self.send("Salaan", chat=chat)
        (bye,) = self.send("JOOJI", chat=chat)
        self.assertTrue(bye["text"].startswith("Farriimahaaga waa la tirtiray"), bye["text"])
        self.assertFalse(Conversation.objects.exists())
