"""Background task of search: rebuild the index from published content."""

from __future__ import annotations

from retour.core.actors import SystemActor
from retour.jobs.runtime import job_task

from .services import index_rebuild
from .sources import iter_published_sources


# Drop-and-rebuild from the published pages: running it again gives the same index.
@job_task("search.reindex", idempotent=True, max_attempts=2)
def search_reindex(*, job, progress) -> dict:
    """Rebuild the search index from every published page in every locale."""
    progress(0, 0, "indexing")
    return {
        "documents": index_rebuild(
            actor=SystemActor.job("search-reindex"), sources=iter_published_sources()
        )
    }
