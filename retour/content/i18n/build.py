"""Fill the PO files with the maintained translations and compile MO files.

.venv/bin/python manage.py makemessages -l en -l fr -l ar …   (optional refresh)
.venv/bin/python -m retour.content.i18n.build
"""

from __future__ import annotations

from pathlib import Path

import polib

from .translations import AR, FR

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
TABLES = {"fr": FR, "ar": AR, "en": {}}
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
    "en": "nplurals=2; plural=(n != 1);",
}


def build() -> None:
    for lang, table in TABLES.items():
        path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        po.metadata["Language"] = lang
        po.metadata["Plural-Forms"] = PLURAL_FORMS[lang]
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        for entry in po:
            if entry.msgid in table:
                entry.msgstr = table[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        po.save()
        po.save_as_mofile(str(path.with_suffix(".mo")))
        print(f"{lang}: {po.percent_translated()}% translated")


if __name__ == "__main__":
    build()
