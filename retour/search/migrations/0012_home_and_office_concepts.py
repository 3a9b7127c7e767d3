"""Add the third seed of the concept list (_concept_seed_3.py): the concepts
"home" ("my country", "back home") and "office" in every launch language.
Only adds, as 0010 does: nothing an editor added or removed is touched."""

from django.db import migrations


def seed(apps, schema_editor):
    from ._concept_seed_3 import CONCEPTS

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
    from retour.search.concepts import bump_generation

    bump_generation()


class Migration(migrations.Migration):
    dependencies = [("search", "0011_concept_term_collisions")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
