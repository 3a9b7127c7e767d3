"""Country names in the reader's language, from pycountry's own ISO 3166
translations (shipped with the package: no download, no network)."""

from __future__ import annotations

import functools
import gettext

import pycountry


@functools.lru_cache(maxsize=64)
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(code: str, lang: str) -> str:
    """``"AF"`` → "Afghanistan" / "أفغانستان" …; the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    translated = _catalogue(lang).gettext(name)
    if translated == name and name != country.name:
        translated = _catalogue(lang).gettext(country.name)
    return translated


def country_choices(codes, lang: str) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by the name as the reader sees it."""
    return sorted(((c, country_name(c, lang)) for c in codes), key=lambda p: p[1].casefold())
