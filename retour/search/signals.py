"""Keep the index in step with publication: publish → (re)index, unpublish or
delete → drop. Connected in apps.SearchConfig.ready()."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _sync_page(page) -> None:
    from .services import documents_sync
    from .sources import source_for_page

    source = source_for_page(page)
    if source is None:
        documents_sync(sources=[], remove_keys=[f"page:{page.pk}"])
    else:
        documents_sync(sources=[source])


def on_page_published(sender, instance, **kwargs):
    transaction.on_commit(lambda: _sync_page(instance))


def on_pages_published(sender, pages, **kwargs):
    """Many pages published at once (a content import): one sync for all, after commit."""
    from .services import documents_sync
    from .sources import source_for_page

    def sync() -> None:
        sources = [source_for_page(page) for page in pages]
        documents_sync(
            sources=[s for s in sources if s is not None],
            remove_keys=[f"page:{p.pk}" for p, s in zip(pages, sources, strict=True) if s is None],
        )

    transaction.on_commit(sync)


def on_page_unpublished(sender, instance, **kwargs):
    from .services import documents_sync

    transaction.on_commit(lambda: documents_sync(sources=[], remove_keys=[f"page:{instance.pk}"]))


def on_page_deleted(sender, instance, **kwargs):
    from .models import SearchDocument
    from .services import documents_sync

    if SearchDocument.objects.filter(source_key=f"page:{instance.pk}").exists():
        documents_sync(sources=[], remove_keys=[f"page:{instance.pk}"])
