"""Sample knowledge base for `retour demo`. Every text here is illustrative.

Nothing below is a real fact about any country or programme: texts say
"Sample" and amounts are round placeholder numbers labelled as sample.
"""

from __future__ import annotations

COUNTRIES = [
    ("AF", "Afghanistan", "afghanistan"),
    ("IQ", "Iraq", "iraq"),
    ("GE", "Georgia", "georgia"),
]

SECTION_TEXT = {
    "safety": "Sample text: describe the current safety situation by region, and where to check it.",
    "health": "Sample text: which treatments are available, where, and what they cost.",
    "housing": "Sample text: how people usually find housing after return.",
    "work": "Sample text: common livelihoods and where to find job-placement support.",
    "education": "Sample text: enrolling children in school and recognition of diplomas.",
    "documents": "Sample text: replacing identity documents and registering births.",
    "reintegration": "Sample text: which local partners offer reintegration support.",
    "contacts": "Sample text: list reviewed local contacts here (none are given in this demo).",
}

# Short, plainly-sample translations of the interface-facing parts of a page.
TRANSLATIONS = {
    "fr": {
        "sample": "Exemple : contenu de démonstration, pas une information réelle.",
        "country": "Fiche pays (exemple) : {name}",
        "summary": "Exemple : résumé de la situation, à rédiger et vérifier par l'organisation.",
        "programme": "Programme d'exemple {n}",
        "explainer": "Comprendre votre décision (exemple)",
    },
    "ar": {
        "sample": "مثال: محتوى تجريبي وليس معلومات حقيقية.",
        "country": "صفحة البلد (مثال): {name}",
        "summary": "مثال: ملخص الوضع، تكتبه المنظمة وتتحقق منه.",
        "programme": "برنامج تجريبي {n}",
        "explainer": "فهم القرار الخاص بك (مثال)",
    },
    "nl": {
        "sample": "Voorbeeld: demo-inhoud, geen echte informatie.",
        "country": "Landenfiche (voorbeeld): {name}",
        "summary": "Voorbeeld: samenvatting van de situatie, op te stellen door de organisatie.",
        "programme": "Voorbeeldprogramma {n}",
        "explainer": "Uw beslissing begrijpen (voorbeeld)",
    },
}

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

QUESTIONS = [
    "Can I get help to return home?",
    "Who pays for the ticket home?",
    "Is there money to restart after return?",
    "Can I still appeal my decision?",
    "What happens if I do not leave?",
    "Can I talk to someone anonymously?",
    "Do I need an appointment for counselling?",
    "Can my family return with me?",
    "What if I am ill and need treatment?",
    "How do I get new identity documents?",
    "How long does it take to organise a return?",
    "Can I change my mind after applying?",
    "Is the counselling free?",
    "Will the authorities in my country know?",
    "Can I take my belongings with me?",
    "What support exists for children?",
    "Can I apply if my asylum case is still open?",
    "Where can I get legal advice?",
    "Is there support for victims of trafficking?",
    "Can I get help finding work after return?",
    "Can I get help with housing after return?",
    "How do I prove my nationality?",
    "What if my passport has expired?",
    "Can someone meet me at the airport?",
    "Can I return to a country that is not my own?",
    "Are interpreters available?",
    "What does a reintegration plan contain?",
    "Who checks that this information is correct?",
    "How can I complain about a service?",
    "Where can I sleep tonight?",
]
