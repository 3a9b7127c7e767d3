"""A small domain thesaurus: words people use for the same thing in questions
about return ("lawyer" for legal advice, "kids" for children).

Query-side only: a query term also matches its group's other words, but the
group counts once in coverage/confidence. Groups are single words; keep them
to unambiguous, domain-general vocabulary (not tuned to one page).
"""

from __future__ import annotations

from functools import lru_cache

GROUPS: dict[str, list[str]] = {
    "en": [
        "lawyer attorney legal advocate solicitor",
        "interpreter interpreters translator translators",
        "children child kids kid minors son daughter",
        "family wife husband spouse relatives parents",
        "belongings luggage baggage bags suitcase possessions stuff",
        "work job jobs employment livelihood",
        "housing house accommodation apartment flat rent",
        "ticket tickets flight plane airfare",
        "money cash grant allowance",
        "authorities police government officials",
        "ill sick illness sickness disease treatment doctor hospital medical",
        "identity id identification",
        "complain complaint grievance",
        "appeal challenge contest",
        "sleep shelter bed overnight",
    ],
    "fr": [
        "avocat avocats juridique juriste",
        "interprète interprètes traducteur traductrice",
        "enfants enfant gosses mineurs fils fille",
        "famille femme mari épouse conjoint conjointe parents",
        "affaires bagages valise valises biens",
        "travail emploi boulot job",
        "logement maison appartement loyer hébergement",
        "billet billets vol avion",
        "argent prime allocation aide financière",
        "autorités police gouvernement",
        "malade maladie traitement médecin hôpital soins",
        "plainte plaindre réclamation",
        "recours appel",
    ],
    "nl": [
        "advocaat juridisch jurist",
        "tolk tolken vertaler",
        "kinderen kind kids zoon dochter",
        "gezin familie vrouw man echtgenote echtgenoot partner",
        "spullen bagage bezittingen koffer",
        "werk baan job",
        "huisvesting huis woning appartement huur",
        "ticket vliegticket vlucht vliegtuig",
        "geld premie uitkering",
        "autoriteiten politie overheid",
        "ziek ziekte behandeling dokter ziekenhuis",
        "klacht klagen",
        "beroep bezwaar",
    ],
    "ar": [
        "محامي محام قانونية قانوني",
        "مترجم مترجمون مترجمين ترجمة",
        "أطفال طفل أولاد أبناء",
        "عائلة أسرة زوجة زوج",
        "أمتعة أغراض حقائب",
        "عمل وظيفة شغل",
        "سكن منزل بيت شقة إيجار",
        "تذكرة طيران طائرة",
        "مال منحة نقود",
        "السلطات سلطات شرطة الشرطة حكومة",
        "مريض مرض علاج طبيب مستشفى",
        "شكوى",
        "الطعن طعن استئناف",
    ],
    "fa": [
        "وکیل حقوقی",
        "مترجم ترجمه",
        "کودکان بچه بچه‌ها فرزند فرزندان",
        "خانواده همسر زن شوهر",
        "وسایل اثاثیه چمدان",
        "کار شغل",
        "مسکن خانه آپارتمان اجاره",
        "بلیت بلیط پرواز هواپیما",
        "پول",
        "مقامات پلیس دولت",
        "بیمار بیماری درمان دکتر بیمارستان",
        "شکایت",
        "اعتراض",
    ],
}


@lru_cache(maxsize=32)
def _index(lang: str) -> dict[str, frozenset[str]]:
    from .text import terms

    index: dict[str, frozenset[str]] = {}
    for group in GROUPS.get(lang, []):
        stems = frozenset(
            t for word in group.split() for t in terms(word, lang, keep_stopwords=True)
        )
        for stem in stems:
            index[stem] = index.get(stem, frozenset()) | stems
    return index


def alternatives(term: str, lang: str) -> list[str]:
    """Other stems meaning the same as ``term`` in ``lang`` (empty when none)."""
    return sorted(_index(lang).get(term, frozenset()) - {term})
