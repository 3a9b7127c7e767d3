"""Seed the concept list from the former thesaurus plus every launch language."""

from django.db import migrations


def seed(apps, schema_editor):
    from ._concept_seed import CONCEPTS

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
            [ConceptTerm(concept=concept, language=lang, text=text) for lang, text in sorted(terms)],
            ignore_conflicts=True,
        )


def unseed(apps, schema_editor):
    from ._concept_seed import CONCEPTS

    apps.get_model("search", "Concept").objects.filter(name__in=list(CONCEPTS)).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_concepts")]
    operations = [migrations.RunPython(seed, unseed)]
