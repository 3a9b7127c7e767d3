"""`manage.py search_reindex`: rebuild the search index from published content."""

from __future__ import annotations

import time

from django.core.management import BaseCommand

from retour.search.services import index_rebuild
from retour.search.sources import iter_published_sources


class Command(BaseCommand):
    help = "Rebuild the search index from every published page in every locale."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = index_rebuild(actor="cli:search_reindex", sources=iter_published_sources())
        self.stdout.write(f"Indexed {count} documents in {time.monotonic() - started:.1f}s.")
