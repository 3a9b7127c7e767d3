"""Which language is this message in? lingua for the languages it knows,
script rules for the launch languages it does not (Pashto, Tigrinya) and
for letters only one launch language uses (Urdu)."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings

# Letters used in Pashto but not in Arabic, Persian or Urdu.
PASHTO_LETTERS = set("ټډړږښګڼځڅۍې")
# Letters used in Urdu but not in Persian or Arabic (Pashto writes ټ ډ ړ):
# lingua read short Urdu questions ("ٹکٹ کون دے گا") as Persian.
URDU_LETTERS = set("ٹڈڑںے")
# Bokmål and Nynorsk both map to the site's single Norwegian locale.
LINGUA_TO_SITE = {"nb": "no", "nn": "no"}
SITE_TO_LINGUA = {"no": ["BOKMAL", "NYNORSK"]}
MIN_CONFIDENCE = 0.5
# Launch languages not written in Latin letters. When such a phone sends
# Latin letters only, it is almost always the phone's language romanised
# (Moroccan Arabizi "bghit nrje3 lbled", Finglish "mitunam bargardam",
# romanised Tigrinya or Pashto): lingua knows no romanised forms and names
# French, German, Albanian or Somali instead, which sent chat to pages the
# reader did not ask in (the answer API, given the phone's language, found them).
NON_LATIN_SCRIPT = {"ar", "fa", "ps", "ur", "ti", "ru"}
_LETTER = re.compile(r"[^\W\d_]")
# Letters of Persian, Urdu and Pashto that Arabic does not use: text in
# Arabic script without any of them is Arabic as far as an Arabic phone can
# tell (lingua reads short dialect questions, "شحال كيعطيو؟", as Persian).
NOT_ARABIC_LETTERS = set("پچژگکیٹڈڑںےھۓ") | PASHTO_LETTERS


def launch_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


@lru_cache(maxsize=1)
def _detector():
    """Built once per process (it is expensive) and restricted to the launch
    languages lingua supports, which makes it both faster and more accurate."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in launch_languages():
        for name in SITE_TO_LINGUA.get(code, []):
            languages.append(getattr(Language, name))
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is not None and code not in SITE_TO_LINGUA:
            languages.append(Language.from_iso_code_639_1(iso))
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str, hint: str = "") -> str:
    """Site language code for ``text``. ``hint`` (e.g. Telegram's language_code
    or a RapidPro contact language) wins when detection is unsure."""
    langs = launch_languages()
    hint = (hint or "").split("-")[0].lower()
    hint = LINGUA_TO_SITE.get(hint, hint)
    if any("\u1200" <= ch <= "\u137f" for ch in text):
        return "ti" if "ti" in langs else hint or settings.LANGUAGE_CODE
    if PASHTO_LETTERS.intersection(text) and "ps" in langs:
        return "ps"
    if URDU_LETTERS.intersection(text) and "ur" in langs:
        return "ur"
    if hint in NON_LATIN_SCRIPT and hint in langs and _latin_only(text):
        return hint
    if hint == "ar" and "ar" in langs and _arabic_only(text):
        return "ar"
    values = _detector().compute_language_confidence_values(text)
    if values:
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        code = LINGUA_TO_SITE.get(code, code)
        sure = best.value >= MIN_CONFIDENCE or not hint or hint not in langs
        if sure and code in langs:
            return code
    return hint if hint in langs else settings.LANGUAGE_CODE


def _latin_only(text: str) -> bool:
    """Every letter is a Latin one (ASCII or accented Latin), and there is one."""
    letters = _LETTER.findall(text)
    return bool(letters) and all(ch < "\u0250" for ch in letters)


def _arabic_only(text: str) -> bool:
    """Every letter is in the Arabic block and none is Persian/Urdu/Pashto only."""
    letters = _LETTER.findall(text)
    return (
        bool(letters)
        and all("\u0600" <= ch <= "\u06ff" for ch in letters)
        and not NOT_ARABIC_LETTERS.intersection(letters)
    )


def warm_up() -> None:
    """Load the detection models now (about 1 s and 200 MB), not during the
    first reader's request. `retour serve` calls it before forking workers."""
    detect("warm up the language models")
