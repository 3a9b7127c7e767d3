"""Text normalisation shared by indexing and querying.

Both sides of a search go through :func:`terms`, so whatever we do here is
symmetric: the database (FTS5 or PostgreSQL ``simple`` config) only ever sees
already-normalised, already-stemmed tokens. That is what makes the two
backends behave the same, and lets us stem languages (Persian, Norwegian…)
for which PostgreSQL ships no dictionary.

Pipeline per token: NFKC + casefold → script-variant mapping for the
language's stemmer → snowball stem → diacritics stripped → script variants
folded to one canonical form (so ي/ی/ى, ك/ک and the alef forms all match).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Launch locales → snowball algorithm. Languages without one (ps, ti, so, sq,
# ur) are still normalised and stop-worded, only not stemmed.
STEMMERS = {
    "en": "english",
    "fr": "french",
    "nl": "dutch",
    "no": "norwegian",
    "de": "german",
    "ar": "arabic",
    "fa": "persian",
    "ru": "russian",
}

ARABIC_SCRIPT_LANGS = ("ar", "fa", "ps", "ur")

# Zero-width non-joiner/joiner and tatweel carry no meaning for matching;
# Persian writers use ZWNJ inconsistently (می‌خواهم / میخواهم / می خواهم).
_DROP = dict.fromkeys(map(ord, "\u200c\u200d\u0640\u200f\u200e"), None)

# The Persian stemmer expects Persian letters, the Arabic one Arabic letters.
# Keyboards mix them freely, so we map to what each stemmer knows first.
_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_TO_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})

# After stemming: one canonical form per family of variants.
_CANONICAL = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ۍ": "ي",
        "ئ": "ي",
        "ك": "ك",
        "ک": "ك",
        "ګ": "گ",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ھ": "ه",
        "ہ": "ه",
        # Eastern Arabic and Persian digits → ASCII digits.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

_TOKEN = re.compile(r"\w+", re.UNICODE)

MAX_QUERY_CHARS = 500

# Small, deliberate stop lists: question words and function words that would
# otherwise make every page match a question typed in natural language.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "been",
            "but",
            "by",
            "can",
            "could",
            "do",
            "does",
            "did",
            "for",
            "from",
            "get",
            "got",
            "have",
            "has",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "me",
            "my",
            "of",
            "on",
            "or",
            "our",
            "please",
            "should",
            "so",
            "that",
            "the",
            "their",
            "them",
            "there",
            "this",
            "to",
            "us",
            "was",
            "we",
            "what",
            "when",
            "where",
            "which",
            "who",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "about",
            "any",
            "am",
            "i'm",
            "want",
            "need",
            "tell",
            "know",
            "there's",
            "than",
            "then",
            "too",
            "very",
        ]
    ),
    "fr": frozenset(
        [
            "a",
            "au",
            "aux",
            "avec",
            "ce",
            "ces",
            "comment",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "en",
            "est",
            "et",
            "il",
            "je",
            "la",
            "le",
            "les",
            "leur",
            "mais",
            "me",
            "mes",
            "moi",
            "mon",
            "ne",
            "nous",
            "on",
            "ou",
            "où",
            "par",
            "pas",
            "pour",
            "qu",
            "que",
            "quel",
            "quelle",
            "quels",
            "qui",
            "sa",
            "se",
            "ses",
            "si",
            "son",
            "sont",
            "sur",
            "ta",
            "te",
            "tes",
            "toi",
            "ton",
            "tu",
            "un",
            "une",
            "vous",
            "votre",
            "vos",
            "est-ce",
            "puis-je",
            "peux",
            "peut",
            "veux",
            "dois",
            "faut",
            "y",
            "l",
            "d",
            "j",
            "s",
            "n",
            "c",
            "qu",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "ik",
            "je",
            "jij",
            "u",
            "wij",
            "we",
            "is",
            "zijn",
            "ben",
            "kan",
            "kun",
            "kunnen",
            "wil",
            "wat",
            "hoe",
            "waar",
            "wie",
            "wanneer",
            "waarom",
            "in",
            "op",
            "aan",
            "voor",
            "met",
            "naar",
            "om",
            "te",
            "er",
            "dat",
            "die",
            "dit",
            "mijn",
            "me",
            "mij",
            "niet",
            "of",
            "ook",
            "als",
            "bij",
            "hebben",
            "heb",
            "heeft",
            "moet",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "ein",
            "eine",
            "einen",
            "und",
            "ich",
            "du",
            "sie",
            "wir",
            "ist",
            "bin",
            "sind",
            "kann",
            "können",
            "will",
            "wie",
            "was",
            "wo",
            "wer",
            "wann",
            "warum",
            "in",
            "im",
            "auf",
            "an",
            "für",
            "mit",
            "nach",
            "zu",
            "zum",
            "zur",
            "es",
            "dass",
            "mein",
            "meine",
            "mir",
            "mich",
            "nicht",
            "oder",
            "auch",
            "bei",
            "habe",
            "hat",
            "muss",
            "den",
            "dem",
            "des",
        ]
    ),
    "no": frozenset(
        [
            "jeg",
            "du",
            "vi",
            "de",
            "det",
            "den",
            "en",
            "et",
            "og",
            "er",
            "i",
            "på",
            "til",
            "for",
            "med",
            "hva",
            "hvordan",
            "hvor",
            "hvem",
            "når",
            "hvorfor",
            "kan",
            "vil",
            "må",
            "min",
            "mitt",
            "mine",
            "meg",
            "ikke",
            "eller",
            "også",
            "har",
            "av",
            "om",
            "som",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "во",
            "на",
            "с",
            "со",
            "к",
            "ко",
            "о",
            "об",
            "от",
            "по",
            "за",
            "из",
            "у",
            "я",
            "ты",
            "вы",
            "мы",
            "он",
            "она",
            "они",
            "это",
            "как",
            "что",
            "где",
            "когда",
            "почему",
            "кто",
            "мне",
            "меня",
            "мой",
            "моя",
            "мои",
            "можно",
            "ли",
            "не",
            "нет",
            "да",
            "или",
            "а",
            "но",
            "для",
            "же",
            "бы",
        ]
    ),
    "ar": frozenset(
        [
            "في",
            "من",
            "على",
            "الى",
            "إلى",
            "عن",
            "مع",
            "هل",
            "ما",
            "ماذا",
            "كيف",
            "متى",
            "اين",
            "أين",
            "لماذا",
            "من",
            "هو",
            "هي",
            "انا",
            "أنا",
            "انت",
            "أنت",
            "نحن",
            "هم",
            "و",
            "او",
            "أو",
            "ان",
            "أن",
            "اذا",
            "إذا",
            "لا",
            "لم",
            "لن",
            "هذا",
            "هذه",
            "ذلك",
            "التي",
            "الذي",
            "يمكنني",
            "يمكن",
            "اريد",
            "أريد",
            "كان",
            "عند",
            "بعد",
            "قبل",
            "كل",
        ]
    ),
    "fa": frozenset(
        [
            "و",
            "در",
            "به",
            "از",
            "با",
            "که",
            "این",
            "آن",
            "را",
            "برای",
            "تا",
            "یا",
            "هم",
            "من",
            "تو",
            "ما",
            "شما",
            "او",
            "آنها",
            "چه",
            "چطور",
            "چگونه",
            "کجا",
            "کی",
            "چرا",
            "آیا",
            "است",
            "هست",
            "نیست",
            "می",
            "میخواهم",
            "باید",
            "توانم",
            "میتوانم",
            "چی",
            "هستم",
            "بود",
            "شد",
            "کنم",
            "کنید",
        ]
    ),
    "ps": frozenset(
        [
            "او",
            "د",
            "په",
            "له",
            "ته",
            "سره",
            "چې",
            "دا",
            "هغه",
            "زه",
            "ته",
            "موږ",
            "تاسو",
            "څه",
            "څنګه",
            "چیرته",
            "کله",
            "ولې",
            "ایا",
            "یم",
            "دی",
            "ده",
            "وي",
            "کې",
            "څوک",
        ]
    ),
    "so": frozenset(
        [
            "iyo",
            "ka",
            "ku",
            "oo",
            "in",
            "waa",
            "ma",
            "sidee",
            "maxaa",
            "xagee",
            "goorma",
            "yaa",
            "aan",
            "waxaan",
        ]
    ),
    "sq": frozenset(
        [
            "dhe",
            "në",
            "të",
            "me",
            "për",
            "nga",
            "si",
            "çfarë",
            "ku",
            "kur",
            "pse",
            "a",
            "unë",
            "ju",
            "ne",
            "është",
            "jam",
            "një",
        ]
    ),
    "ur": frozenset(
        [
            "اور",
            "میں",
            "سے",
            "کو",
            "کی",
            "کا",
            "کے",
            "ہے",
            "ہیں",
            "کیا",
            "کیسے",
            "کہاں",
            "کب",
            "کیوں",
            "میں",
            "مجھے",
        ]
    ),
}


# Function words of spoken questions (auxiliaries, "if", "not", "have",
# pronouns, particles) that the lists above lacked: in the languages with few
# pages each such word matched a page that happens to hold it ("if I do not
# leave" for every question with "if" and "not"). Tigrinya had no list at all;
# the romanised forms are how Urdu, Persian and Arabic are typed on phones.
_MORE_STOPWORDS: dict[str, str] = {
    "de": "gibt es kein keine keinen mehr wenn wird werden ob man meinen noch schon so aber "
    "denn hab haben dann da hier jetzt sich um von vom aus bis bitte mal",
    "no": "hvis får få skal kunne blir være hadde fra så men sin seg dere han hun trenger "
    "jo nå vet",
    "ru": "если у нас есть будет буду могу мог ещё уже только там тут здесь какой какие "
    "чтобы мы их его её вам нам себя",
    "ar": "واش شلون كيفاش ابي ابغى بدي اقدر نقدر عندي عندك اذا لو يعني شو ايش راح ila wach "
    "kay fi mn ana wla ach",
    "fa": "اگه اگر یه رو نه هم ام میشه میشم ke va ba be az too man ham age ya baraye ta dar "
    "mano chi hast hastam mitoonam mitoonan",
    "ps": "نه که شم شي کړم کړي لرم لري لپاره هم خو یو یوه زما ستا دې مې کوم شته کولی "
    "به نو ما دوی هغوی چېرته چیرې وکړم",
    "so": "haddii ayay ayaan ah la u ee karaa kara miyaa baa ila waxay wax",
    "sq": "nuk mund kam ka e i se nese nëse ta më ne per kush cfare jane do",
    "ti": "ድዩ ድየ ዶ እዩ እየ ኣሎ ናብ ካብ ኣብ ምስ እንተ ከመይ ኣበይ መን እንታይ መዓስ ስለምንታይ ይኽእል እኽእል "
    "ይኽእልዶ ክኽእል ኣነ ንስኻ ንሕና እቲ እዚ ግን ወይ ድማ ውን",
    "ur": "نہیں ہوں تھا گا گی گے اگر تو بھی یہ وہ ہم آپ میرا میری میرے کر سکتا سکتی سکتے "
    "چاہیے لیے لئے پر تک main mein ka ki ke ko se hai hain kya kaise kahan to bhi agar "
    "hun hoon sakta sakti mujhe mera meri",
}
for _lang, _words in _MORE_STOPWORDS.items():
    STOPWORDS[_lang] = STOPWORDS.get(_lang, frozenset()) | frozenset(_words.split())


@lru_cache(maxsize=32)
def _stemmer(lang: str):
    algo = STEMMERS.get(lang)
    return snowballstemmer.stemmer(algo) if algo else None


def _strip_marks(token: str) -> str:
    decomposed = unicodedata.normalize("NFD", token)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _stop_key(token: str) -> str:
    return _strip_marks(token).translate(_CANONICAL)


@lru_cache(maxsize=64)
def _stopset(lang: str) -> frozenset[str]:
    return frozenset(_stop_key(w.casefold()) for w in STOPWORDS.get(lang, ()))


@lru_cache(maxsize=200_000)
def normalise_token(token: str, lang: str) -> str:
    """One casefolded token → its canonical stem (cached: vocabularies are small)."""
    if lang == "fa":
        token = token.translate(_TO_PERSIAN)
    elif lang in ("ar", "ur", "ps"):
        token = token.translate(_TO_ARABIC)
    stemmer = _stemmer(lang)
    if stemmer is not None and not token.isdigit():
        token = stemmer.stemWord(token)
    return _strip_marks(token).translate(_CANONICAL)


def clean(text: str) -> str:
    """NFKC + casefold + drop invisible joiners; used for logging normalised queries."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DROP).casefold()
    return " ".join(text.split())


_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\+?\d[\d\s().-]{4,}\d")


def scrub(text: str) -> str:
    """Remove what may identify a person before a question is logged: e-mail
    addresses and phone/file numbers (5+ digits). People do type them into
    chats ("my case number is 123456"), and the gap log must not keep them."""
    text = _EMAIL.sub("[email]", text)
    return _LONG_NUMBER.sub("[number]", text)


# ASCII characters that \w does not match, as spaces: for ASCII text, \w+ is
# then a translate and a split, both in C, in about 40 % of the regex's time
# (tokenising was most of indexing). NFKC, the dropped joiners and casefold
# change nothing in ASCII but case, hence lower().
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}


def tokens(text: str) -> list[str]:
    if text.isascii():
        return text.lower().translate(_ASCII_NON_WORD).split()
    return _TOKEN.findall(clean(text))


def _term(tok: str, lang: str, keep_stopwords: bool) -> str:
    """One token's term, or "" when it is a stop word or normalises to nothing."""
    if not keep_stopwords:
        stop = _stopset(lang)
        if tok in stop or _stop_key(tok) in stop:
            return ""
    return normalise_token(tok, lang)


# (lang, keep_stopwords) -> {token: term or ""}. Indexing 20,000 pages sees a
# few million tokens but a vocabulary of thousands; the stop-word key (NFD and
# a category lookup per character) used to be recomputed for every one of them
# and was most of the indexing time. A plain dict is cheaper than lru_cache for
# a lookup this hot; the bound keeps typo-laden queries from growing it forever.
_TERM_CACHE: dict[tuple[str, bool], dict[str, str]] = {}
_TERM_CACHE_MAX = 200_000


def _mapped(text: str, lang: str, keep_stopwords: bool) -> filter:
    """The terms of ``text`` (stop words and empty stems left out), lazily."""
    cache = _TERM_CACHE.get((lang, keep_stopwords))
    if cache is None or len(cache) > _TERM_CACHE_MAX:
        cache = _TERM_CACHE[(lang, keep_stopwords)] = {}
    toks = tokens(text)
    for tok in set(toks).difference(cache):
        cache[tok] = _term(tok, lang, keep_stopwords)
    # map/filter run in C: with the vocabulary cached, tokenising a page costs
    # a regex pass and one dict lookup per token.
    return filter(None, map(cache.__getitem__, toks))


def terms(text: str, lang: str, *, keep_stopwords: bool = False) -> list[str]:
    """Normalised, stemmed terms of ``text`` read as language ``lang`` (order kept)."""
    return list(_mapped(text, lang, keep_stopwords))


def script_languages(text: str, lang: str) -> tuple[str, ...]:
    """Languages whose stemmer should read a query: the reader's language, plus
    the Arabic-script ones when an Arabic-script query is typed on a page in
    another language (a reader on /en/ who types in Dari)."""
    if lang in ARABIC_SCRIPT_LANGS:
        return (lang,)
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return (lang, *ARABIC_SCRIPT_LANGS)
    return (lang,)


def query_terms(text: str, lang: str) -> list[str]:
    """Distinct query terms across the languages a query may be written in."""
    seen: dict[str, None] = {}
    for candidate_lang in script_languages(text, lang):
        for term in terms(text, candidate_lang):
            seen.setdefault(term, None)
    if not seen:
        # A question made only of stop words ("where?") still deserves a try.
        for term in terms(text, lang, keep_stopwords=True):
            seen.setdefault(term, None)
    return list(seen)


def index_text(text: str, lang: str) -> str:
    """What goes into the full-text index: space-separated terms."""
    return " ".join(_mapped(text, lang, False))
