"""The concept list covers the content's own wording in every language.

A question in Arabic finds "Can I change my mind after applying?" only if the
concept list holds the words the Arabic title uses for it ("تغيير رأيي"). So
every concept recognised in an English question title of the demo must be
recognised in each translation of that title too, unless the translation
words it differently on purpose (listed below with the reason). Run over the
shipped demo texts and the migrated concept list, nothing hand-picked.
"""

from __future__ import annotations

import pytest

from retour.content import demo_text
from retour.search import concepts, text

# (language, English title, concept): the translation does not say it.
WORDED_DIFFERENTLY = {
    # Titles that leave out a word the English has.
    *(
        (lang, "Can I return to a country that is not my own?", "home")
        for lang in ("fr", "nl", "ar", "fa", "ti", "so")
    ),
    ("fa", "Can I get help to return home?", "home"),  # "به خانه": house, the housing concept's
    ("ps", "Can I get help to return home?", "home"),  # "کور ته": likewise
    ("ps", "Will the authorities in my country know?", "home"),  # "زما د هېواد": of my country
    ("fr", "What happens if I do not leave?", "leave"),  # "si je ne pars pas"
    # "talk to someone" is the counsellor concept's English phrase; the
    # translations say "speak with a person", which means anyone.
    *(
        (lang, "Can I talk to someone anonymously?", "counsellor")
        for lang in ("ar", "fa", "ps", "ti", "so")
    ),
    ("ar", "Who checks that this information is correct?", "data_sharing"),
}


def _names(title: str, lang: str) -> set[str]:
    found = concepts.recognise(title, lang, text.script_languages(title, lang))
    return {r.name for r in found if r.name and not r.country}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", demo_text.TRANSLATED)
def test_every_concept_of_an_english_title_is_found_in_its_translation(lang):
    concepts.bump_generation()
    en, other = demo_text.load("en"), demo_text.load(lang)
    missing = []
    for source, translated in zip(en.QUESTIONS, getattr(other, "QUESTIONS", []), strict=False):
        for name in sorted(_names(source, "en") - _names(translated, lang)):
            if (lang, source, name) not in WORDED_DIFFERENTLY:
                missing.append(f"{name!r} in {translated!r} ({source!r})")
    assert not missing, "\n".join(missing)
