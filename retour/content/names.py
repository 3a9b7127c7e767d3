"""Names instead of codes for readers: countries, languages, statuses, weekdays.

Pages store ISO codes and choice values (machine-readable); a migrant reads
"Afghanistan, Irak" or "أفغانستان", never "AF, IQ" or "asylum_rejected".
Countries come from pycountry's translations (retour.core.countries), languages
and weekdays from Babel's CLDR data, statuses from their TextChoices labels
(gettext). All offline.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils import translation

from retour.core.countries import country_name

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def _lang(lang: str | None) -> str:
    return (lang or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _babel(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def country_names(codes, lang: str | None = None) -> list[str]:
    return [country_name(code, _lang(lang)) for code in codes or ()]


def language_names(codes, lang: str | None = None) -> list[str]:
    names = _babel(_lang(lang)).languages
    return [names.get(code, code) for code in codes or ()]


def weekday_name(code: str, lang: str | None = None) -> str:
    if code not in WEEKDAYS:
        return code
    return _babel(_lang(lang)).days["format"]["wide"][WEEKDAYS.index(code)]


def choice_labels(values, choices) -> list[str]:
    """TextChoices labels (translated in the active language) for stored values."""
    labels = dict(choices.choices)
    return [str(labels.get(v, v)) for v in values or ()]
