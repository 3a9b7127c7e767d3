"""Add the second seed of the concept list (_concept_seed_2.py): colloquial,
dialect, transliterated and inflected forms in every launch language, and the
concepts "leave", "help", "legal_status" and "voluntary". Only adds: terms
editors have since removed from a concept of the first seed come back only if
the second seed lists them too, and nothing an editor added is touched."""

from django.db import migrations


def seed(apps, schema_editor):
    from ._concept_seed_2 import CONCEPTS

    Concept = apps.get_model("search", "Concept")
    ConceptTerm = apps.get_model("search", "ConceptTerm")
    for name, by_lang in CONCEPTS.items():
        concept, _ = Concept.objects.get_or_create(name=name)
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
    # Every process rebuilds its in-memory concept index on its next search.
    from retour.search.concepts import bump_generation

    bump_generation()


class Migration(migrations.Migration):
    dependencies = [("search", "0009_gap_rollups_and_indexes")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
