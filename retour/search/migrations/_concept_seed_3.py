"""Third seed of the concept list (migration 0012), frozen like the first two.

"office": the place people go to ask in person ("bureau", "kantoor", "دفتر",
"xafiis", "ቤት ጽሕፈት", "zyra"). answers.py reads it: a question that names an
office and a city asks for a service point, not for a page.

"home": where a returnee goes back to, as people say it — "my country",
"back home", "my homeland", "بلادي", "وطنم", "dalkayga", "ዓደይ". Pages say
"return home" (help to return home) where the asker says "go back to my
country", and the two meant the same on every tuning set; without the concept
"my country" matched only the page about going to a country that is NOT
one's own. Phrases that a third-country page holds word for word ("my own
country", "کشور خودم", "خپل هېواد") are left out on purpose: on that page they
mean the opposite.

Written from general knowledge of the languages, not from any question set.
Format as in the first seed: concept name → language → words and phrases
separated by "|".
"""

CONCEPTS: dict[str, dict[str, str]] = {
    "home": {
        "en": "home|homeland|hometown|my country|back home|home country|motherland",
        "fr": "chez moi|mon pays|au pays|pays natal|mon bled|au bled",
        "nl": "thuis|thuisland|vaderland|mijn land|geboorteland",
        "no": "hjem|hjemme|hjemland|hjemlandet|mitt land",
        "de": "heimat|heimatland|nach hause|zuhause|mein land",
        "ar": "بلدي|لبلادي|للبلاد|لبلدي|وطني|الوطن|لوطني|البلاد|lblad|bledi",
        "fa": "وطنم|کشورم|مملکتم|keshvaram",
        "ps": "وطن|خپل وطن|هېواد ته|watan",
        "ti": "ዓደይ|ዓዲ|ሃገረይ|ሃገርና|ዓድና|ገዛይ",
        "so": "dalkayga|dalkeyga|dalkaygii|dalkii|dalka hooyo|waddankayga|gurigayga",
        "ru": "родина|на родину|в свою страну|моя страна|rodina",
        "sq": "atdhe|vendin tim|vendi im",
        "ur": "وطن|اپنے ملک|اپنا ملک|ملک واپس|watan|apne mulk|apna mulk",
    },
    "office": {
        "en": "office|offices|desk|help desk|service point|branch|drop-in centre",
        "fr": "bureau|bureaux|guichet|antenne|point de service|agence",
        "nl": "kantoor|kantoren|loket|balie|terugkeerloket|terugkeerbalie|servicepunt|vestiging",
        "no": "kontor|kontoret|kontorer|servicepunkt|avdeling",
        "de": "büro|buero|beratungsstelle|anlaufstelle|dienststelle|servicestelle",
        "ar": "مكتب|المكتب|مكاتب|فرع|مقر|maktab|lmaktab|bureau|lbureau",
        "fa": "دفتر|دفترش|اداره|شعبه|daftar|edare",
        "ps": "دفتر|اداره|daftar",
        "ti": "ቤት ጽሕፈት|ቤትጽሕፈት|ቢሮ|ቤት-ጽሕፈት",
        "so": "xafiis|xafiiska|xafiisyada|xafiiskii|xarun|xarunta",
        "ru": "офис|офиса|офисе|бюро|отделение|ofis",
        "sq": "zyrë|zyre|zyra|zyrën|zyren|zyrat",
        "ur": "دفتر|آفس|اوفس|daftar|office|ofis",
    },
}
