"""Sample knowledge base for `retour demo`. Every text here is illustrative.

Nothing here or in demo_text/ is a real fact about any country or programme:
pages carry the "Sample content" notice, texts are generic and process-level,
and amounts are round numbers the page labels "sample amount".
"""

from __future__ import annotations

from .demo_text import en

COUNTRIES = [
    ("AF", "Afghanistan", "afghanistan"),
    ("IQ", "Iraq", "iraq"),
    ("GE", "Georgia", "georgia"),
]

# The English texts live in demo_text/en.py (with their translations next to it).
SECTION_KINDS = list(en.SHEET["sections"])
_SECTIONS: dict[str, list[str]] = en.SHEET["sections"]  # type: ignore[assignment]
SECTION_TEXT = {kind: " ".join(paras) for kind, paras in _SECTIONS.items()}

CITIES = [
    ("Brussels", "BE", "50.846700", "4.352500"),
    ("Antwerp", "BE", "51.219400", "4.402500"),
    ("Liège", "BE", "50.632600", "5.579700"),
    ("Ghent", "BE", "51.054300", "3.717400"),
    ("Oslo", "NO", "59.913900", "10.752200"),
    ("Bergen", "NO", "60.391300", "5.322100"),
    ("Charleroi", "BE", "50.410800", "4.444600"),
    ("Namur", "BE", "50.467400", "4.871800"),
]

SERVICE_SETS = [
    ["return_counselling", "drop_in"],
    ["legal_aid"],
    ["return_counselling", "legal_aid"],
    ["health"],
    ["shelter", "drop_in"],
    ["return_counselling"],
    ["legal_aid", "drop_in"],
    ["return_counselling", "health"],
]

QUESTIONS = en.QUESTIONS
