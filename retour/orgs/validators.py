"""Validation of country and language codes against ISO standards."""

from __future__ import annotations

from collections.abc import Iterable

import pycountry
from django.core.exceptions import ValidationError


def _valid_countries() -> set[str]:
    return {c.alpha_2 for c in pycountry.countries} | {
        "XK"
    }  # Kosovo: user-assigned, used by the EU


VALID_COUNTRIES = frozenset(_valid_countries())


def normalise_country(code: str) -> str:
    value = (code or "").strip().upper()
    if value not in VALID_COUNTRIES:
        raise ValidationError(
            f"Unknown country code {code!r}: use an ISO 3166-1 alpha-2 code such as BE, AF or IQ."
        )
    return value


def normalise_countries(codes: Iterable[str]) -> list[str]:
    return sorted({normalise_country(c) for c in codes})


def normalise_language(code: str) -> str:
    value = (code or "").strip().lower()
    lang = pycountry.languages.get(alpha_2=value) if len(value) == 2 else None
    if lang is None and len(value) == 3:
        lang = pycountry.languages.get(alpha_3=value)
        if lang is not None and getattr(lang, "alpha_2", None):
            value = lang.alpha_2
    if lang is None:
        raise ValidationError(
            f"Unknown language code {code!r}: use an ISO 639-1 code such as en, ar or fa."
        )
    return value


def normalise_languages(codes: Iterable[str]) -> list[str]:
    return sorted({normalise_language(c) for c in codes})
