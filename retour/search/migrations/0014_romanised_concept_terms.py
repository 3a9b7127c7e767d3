"""Add the fourth seed of the concept list (_concept_seed_4.py): Tigrinya and
Pashto in Latin letters, more Somali, Roman Urdu, Finglish, Arabizi and
Albanian forms, and English loanwords typed in those languages, for the
existing concepts. Only adds terms, as 0010 and 0012 do: nothing an editor
added or removed is touched (a deleted concept is not recreated), and terms
already there are skipped."""

from django.db import migrations


def seed(apps, schema_editor):
    from ._concept_seed_4 import CONCEPTS

    Concept = apps.get_model("search", "Concept")
    ConceptTerm = apps.get_model("search", "ConceptTerm")
    for name, by_lang in CONCEPTS.items():
        # Every concept here is one of the earlier seeds'; one an editor has
        # deleted since stays deleted.
        concept = Concept.objects.filter(name=name).first()
        if concept is None:
            continue
        terms = {
            (lang, word.strip().casefold())
            for lang, words in by_lang.items()
            for word in words.split("|")
            if word.strip()
        }
        ConceptTerm.objects.bulk_create(
            [
                ConceptTerm(concept=concept, language=lang, text=text)
                for lang, text in sorted(terms)
            ],
            ignore_conflicts=True,
        )
    from retour.search.concepts import bump_generation

    bump_generation()


class Migration(migrations.Migration):
    dependencies = [("search", "0013_fts_external_content")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
