"""SAMPLE texts of the demo knowledge base, one module per language.

``en`` is the source. Every other module has the same names and shapes (same
number of paragraphs per text) so that `retour demo` can hand each text to
wagtail-localize as the translation of the matching English segment. A
module may leave out a whole group (``SHEET``, ``PROGRAMME``, ``EXPLAINER``,
``ANSWERS``): those pages then stay untranslated in that language and are
served in English with the fallback notice, never half translated.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# Order of loading; each is a wagtail-localize target locale of the demo.
TRANSLATED = ("fr", "nl", "ar", "fa", "ps", "ti", "so")


def load(code: str) -> ModuleType:
    return import_module(f"{__name__}.{code}")


def available() -> dict[str, ModuleType]:
    """The translation modules that exist (a language may not be written yet)."""
    found = {}
    for code in TRANSLATED:
        try:
            found[code] = load(code)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{code}":
                raise
    return found
