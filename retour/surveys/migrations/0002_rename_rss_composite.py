"""Rename the placeholder index ``rss-composite`` to ``equal-weight-composite``.

Retour's domain documents hold no IOM Reintegration Sustainability Survey
weights, so the equal-weight placeholder must not carry a name that reads as
IOM's RSS score. Stored definition rows keep their uuid, version and scoring
rules (so every stored ``IndexScore``, which points at the row, keeps its
meaning); only the slug, the shipped title and the ``slug:``/``title:`` lines
of the stored YAML change, with a comment saying so, and the text's sha256 is
recomputed. Organisations' own versions under the old slug are renamed too
(the slug names the family) but keep their own titles.
"""

import hashlib
import re

from django.db import migrations

OLD, NEW = "rss-composite", "equal-weight-composite"
OLD_TITLE = "Reintegration sustainability composite (equal weights)"
NEW_TITLE = "Equal-weight composite (placeholder, not IOM's RSS)"
NOTE = (
    "# Renamed from rss-composite by migration surveys 0002: a placeholder with\n"
    "# equal weights, not IOM's Reintegration Sustainability Survey score.\n"
)


def _rewrite(text: str, *, old: str, new: str, title: str | None, note: str) -> str:
    text = re.sub(rf"(?m)^slug:\s*[\"']?{re.escape(old)}[\"']?\s*$", f"slug: {new}", text)
    if title is not None:
        text = re.sub(r"(?m)^title:.*$", f"title: {title}", text, count=1)
    if note and not text.startswith(note):
        text = note + text
    elif not note:
        text = text.removeprefix(NOTE)
    return text


def _rename(apps, *, old, new, old_title, new_title, note):
    IndexDefinition = apps.get_model("surveys", "IndexDefinition")
    for row in IndexDefinition.objects.filter(slug=old):
        builtin_title = row.is_builtin and row.title == old_title
        row.yaml_text = _rewrite(
            row.yaml_text, old=old, new=new, title=new_title if builtin_title else None, note=note
        )
        row.sha256 = hashlib.sha256(row.yaml_text.encode()).hexdigest()
        row.slug = new
        if builtin_title:
            row.title = new_title
        row.save(update_fields=["slug", "title", "yaml_text", "sha256"])


def forward(apps, schema_editor):
    _rename(apps, old=OLD, new=NEW, old_title=OLD_TITLE, new_title=NEW_TITLE, note=NOTE)


def backward(apps, schema_editor):
    _rename(apps, old=NEW, new=OLD, old_title=NEW_TITLE, new_title=OLD_TITLE, note="")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
