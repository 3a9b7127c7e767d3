"""Remove words migration 0010 gave to two concepts of one language.

A word that stems alike in two concepts of the same language makes each
concept's words alternatives of the other's: German "Beruf" (profession, in
work) and "Berufung" (appeal) both stem to "beruf", Norwegian "far" (father)
meets "fare" (danger). For each such pair that 0010 introduced, the term is
kept in the concept it means most often and removed from the other. The
collisions of the first seed (fr "vol" flight/theft, "traite"/"traitement",
en "restart", ru "дом" and "отказа", ur "رقم") are left to editors."""

from django.db import migrations

# (concept, language, term) added by 0010 and removed here.
REMOVED = [
    ("health", "ar", "عملية"),
    ("work", "de", "beruf"),
    ("family", "no", "far"),
    ("identity", "so", "sharciga"),
    ("decision", "so", "warqad"),
    ("expired", "ar", "خلصت"),
    ("legal_status", "ar", "حراگ"),
    ("housing", "fa", "سرپناه"),
    ("duration", "ps", "وخت"),
    ("appointment", "ur", "waqt"),
    ("money", "nl", "vergoeding"),
    ("money", "fr", "montant"),
    ("complaint", "fa", "اعتراض"),
    ("complaint", "sq", "ankim"),
    ("appeal", "no", "klage"),
    ("decision", "ru", "отказано"),
    ("housing", "so", "guriga"),
    ("detention", "fr", "oqtf"),
]


def remove(apps, schema_editor):
    ConceptTerm = apps.get_model("search", "ConceptTerm")
    for concept, lang, term in REMOVED:
        ConceptTerm.objects.filter(concept__name=concept, language=lang, text=term).delete()
    from retour.search.concepts import bump_generation

    bump_generation()


class Migration(migrations.Migration):
    dependencies = [("search", "0010_more_concept_terms")]
    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
