"""Add the fifth seed of the concept list (_concept_seed_5.py) and remove the
three terms it names. Adds as 0012 does (nothing an editor added is touched);
a concept an editor deleted stays deleted, except the new ones (NEW)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ._concept_seed_5 import CONCEPTS, NEW, REMOVED

    Concept = apps.get_model("search", "Concept")
    ConceptTerm = apps.get_model("search", "ConceptTerm")
    for name, by_lang in CONCEPTS.items():
        if name in NEW:
            concept, _ = Concept.objects.get_or_create(name=name)
        else:
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
    for concept_name, lang, term in REMOVED:
        ConceptTerm.objects.filter(
            concept__name=concept_name, language=lang, text=term
        ).delete()
    from retour.search.concepts import bump_generation

    bump_generation()


class Migration(migrations.Migration):
    dependencies = [("search", "0014_romanised_concept_terms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
