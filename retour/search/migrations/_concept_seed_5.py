"""Fifth seed of the concept list (migration 0015), frozen like the others.

Three kinds of additions, written from general knowledge of the languages and
of the asylum and return procedures, not from any question set:

- "programme" (new): the word pages use in their titles ("Sample return
  programme", "Voorbeeldprogramma", "برنامج") and its spellings ("program").
  Single words only: a phrase such as "return programme" would fold the
  "return" concept into this one.
- The Dublin procedure and fingerprints belong to the asylum procedure: people
  with a Dublin case ask whether they can go home from where they are.
- Words the demo pages' own titles use in their translations that the list
  missed, found by comparing the concepts recognised in each English title
  with those recognised in every translation of it (tests/test_concept_cover):
  Arabic and Persian "changing my mind", Persian "support", the nouns and
  possessives of "decision", Somali "complain" and "counselling", Pashto
  "things", Dutch compounds, the "not my own country" phrases, inflected
  "return" in Tigrinya and Persian, and "restart" in English.
- "opening_hours" (new): a question about opening hours asks for a service
  point's page, where the hours are (answers.py).
- A few common forms of Albanian (Gheg), Russian and Somali.

Format as in the first seed: concept name → language → words and phrases
separated by "|".
"""

CONCEPTS: dict[str, dict[str, str]] = {
    "opening_hours": {
        "en": "opening hours|opening times|office hours|open hours|what time open",
        "fr": "horaires|horaire|heures d'ouverture|heure d'ouverture|ouvert le|c'est ouvert",
        "nl": "openingsuren|openingstijden|openingsuur|open op|geopend",
        "no": "åpningstider|apningstider|åpningstid|apningstid|åpent|apent",
        "de": "öffnungszeiten|offnungszeiten|oeffnungszeiten|sprechzeiten|geöffnet|geoeffnet",
        "ar": "مواعيد العمل|ساعات العمل|ساعات الدوام|الدوام|دوام|أوقات العمل|اوقات العمل|وقت الدوام|مفتوح|dawam|mawa3id",
        "fa": "ساعت کاری|ساعات کاری|ساعت کار|ساعت باز|ساعات اداری|saat kari|saate kari",
        "ps": "د کار وخت|د کار ساعتونه|کاري ساعتونه|خلاص وي|خلاص دی|saatuna|khlas",
        "ti": "ሰዓት ስራሕ|ሰዓታት ስራሕ|ዝኽፈተሉ ሰዓት|ክፉት|seat sraH|sebat sirah",
        "so": "saacadaha shaqada|saacadaha furitaanka|goorma furan|furan yahay|furan",
        "ru": "часы работы|график работы|режим работы|время работы|открыто|chasy raboty|grafik raboty",
        "sq": "orari|orari i punës|orari i punes|oraret|hapur",
        "ur": "اوقات کار|کھلنے کا وقت|کب کھلتا|کھلا|auqat|auqat e kar|kab khulta",
    },
    "programme": {
        "en": "programme|programmes|program|programs|programm|scheme",
        "fr": "programme|programmes|dispositif",
        "nl": "programma|programma's|programmas|voorbeeldprogramma|terugkeerprogramma",
        "no": "program|programmet|programmer|returprogram|returprogrammet",
        "de": "programm|programme|programms|rückkehrprogramm|förderprogramm",
        "ar": "برنامج|البرنامج|برامج|البرامج|ببرنامج|للبرنامج|barnamaj|brnamaj|programme",
        "fa": "برنامه|برنامهٔ|برنامه‌ی|برنامه ی|برنامه‌ها|barname|barnameh|program",
        "ps": "پروګرام|پروگرام|پروګرامونه|پروګرام کې|program|prugram",
        "ti": "ፕሮግራም|ፕሮግራማት|program|programme",
        "so": "barnaamij|barnaamijka|barnaamijyada|barnaamijkan|program",
        "ru": "программа|программу|программы|программе|программой|programma|programmu",
        "sq": "program|programi|programin|programit|programe|programet",
        "ur": "پروگرام|پروگرامز|پروگرام میں|program|programme",
    },
    "asylum": {
        "en": "dublin|dublin case|dublin procedure|dublin regulation|fingerprints|fingerprint|fingerprinted",
        "fr": "dublin|procédure dublin|dubliné|dublinée|empreintes|empreintes digitales",
        "nl": "dublin|dublinprocedure|dublinclaim|vingerafdrukken|vingerafdruk",
        "no": "dublin|dublinsak|dublinsaken|dublinprosedyre|fingeravtrykk",
        "de": "dublin|dublinverfahren|dublinfall|fingerabdrücke|fingerabdruck",
        "ar": "دبلن|الدبلن|دبلين|بصمة|بصمه|البصمة|البصمه|بصمات|البصمات|بصمتي|dublin|bosma|bsma",
        "fa": "دوبلین|دبلین|انگشت نگاری|انگشت‌نگاری|اثر انگشت|انگشتم|dublin|angosht negari",
        "ps": "ډبلن|دوبلین|دبلن|د ګوتو نښې|ګوتو|dublin",
        "ti": "ዱብሊን|ደብሊን|ኣሻራ|ኣሻራ ኣጻብዕ|dublin|ashara",
        "so": "dublin|faraha|farahayga|faraha la iga qaaday",
        "ru": "дублин|дублина|дублине|дублинский|дублинская|отпечатки|отпечатки пальцев|отпечатков|dublin|otpechatki",
        "sq": "dublin|dublini|dublinit|gjurmët e gishtave|gjurmet e gishtave|shenjat e gishtave|gishtat",
        "ur": "ڈبلن|ڈبلن کیس|فنگر پرنٹ|فنگر پرنٹس|انگلیوں کے نشان|dublin|fingerprint|fingerprints",
    },
    "change_mind": {
        "ps": "fikar badal|fikr badal|nazar badal|fikar me badal|نظر مې بدل|فکر بدل",
        "ar": "تغيير رأيي|تغيير رايي|تغير رأيي|تغيير الرأي|انسحاب|الانسحاب|انسحب|أنسحب|نسحب",
        "fa": "نظرم را تغییر|نظرم تغییر|تغییر نظر|نظرم را عوض|پس بگیرم|انصراف بدم",
        "sq": "ndrrova mendje|ndërrova mendjen|nderrova mendjen|nderru mendjen|ndrru mendjen|ndryshova mendje|anulu|me anulu",
    },
    "help": {
        "fa": "حمایتی|حمایتم|پشتیبانی",
    },
    "decision": {
        "fa": "تصمیمم|تصمیمی|تصمیمات",
        "ps": "پرېکړې|پریکړې|پرېکړو|پریکړو",
        "so": "go'aankayga|goaankayga|go'aankaaga|go'aanno",
    },
    "complaint": {
        "so": "cabanayaa|cabanaya|ka cabanayaa|cabtaa|cabanaynaa",
        "ru": "жаловаться|жалуюсь|zhaloba|zhalovatsya",
    },
    "anonymous": {
        "ar": "دون الكشف عن هويتي|بدون الكشف عن هويتي|دون الكشف عن اسمي|بدون اسمي|بلا اسم",
    },
    "counsellor": {
        "so": "la-talintu|latalinta|la-talinta|la talinta|talinta",
    },
    "belongings": {
        "ps": "شیان|شیانو|خپل شیان",
        "ru": "багаже|bagazh|bagazha|veshi",
    },
    "identity": {
        "nl": "identiteitsdocumenten|identiteitsdocument",
    },
    "reintegration": {
        "en": "restart|start again|start over|new start|fresh start|new life",
        "nl": "integratieplan|reintegratieplan|herintegratieplan|integratie",
    },
    "home": {
        "nl": "naar huis",
    },
    "third_country": {
        "en": "not my own|country that is not mine",
        "fr": "pas le mien|n'est pas le mien|pays qui n'est pas le mien",
        "nl": "niet het mijne|land dat niet het mijne is",
        "fa": "کشور خودم نیست|خودم نیست",
        "ps": "زما خپل هېواد نه|خپل هېواد نه وي",
        "ti": "ናተይ ዘይኮነት|ዘይኮነት ሃገር",
        "so": "aan kaygii ahayn|kaygii ahayn|aan dalkayga ahayn",
        "ar": "ليس بلدي|مش بلدي|ماشي بلادي|ماهيش بلادي",
    },
    "return": {
        "fa": "بازگردند|بازگردد|بازگردی|بازگردید|بازگشتن",
        "ti": "ክምለሱ|ክንምለስ|ይምለሱ|ተመሊሰ|ተመሊሱ|ምምላስና",
    },
    "money": {
        "sq": "pare|paret e|sa pare",
    },
    "health": {
        "so": "sonkorow|sonkor|dawada|dawo|daawooyin",
        "de": "dialyse|rollstuhl|epilepsie|medikament|insulin",
        "ru": "диализ|коляска|эпилепсия|инсулин",
        "en": "dialysis|epilepsy|insulin",
    },
}

# Concepts this seed creates; the others it only adds to where they still exist.
NEW = ("programme", "opening_hours")

# (concept, language, term) removed: phrases whose words also make another
# concept's phrase, so that a page about one matched the other. "take me" made
# "Can I take my belongings with me?" a detention page; "pick me up" is the
# airport concept's; "restart" moves from business to reintegration, where
# every other language has its translation.
REMOVED = [
    # Opening hours move from "appointment" to their own concept.
    ("appointment", "en", "opening hours"),
    ("appointment", "fr", "horaires"),
    ("appointment", "nl", "openingsuren"),
    ("appointment", "nl", "openingstijden"),
    ("appointment", "no", "åpningstider"),
    ("appointment", "de", "öffnungszeiten"),
    ("appointment", "ru", "часы работы"),
    ("appointment", "sq", "orari"),
    ("detention", "en", "take me"),
    ("detention", "en", "pick me up"),
    ("business", "en", "restart"),
]
