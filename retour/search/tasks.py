"""Background tasks of search: rebuild the index; prune the question log."""

from __future__ import annotations

from retour.core.actors import SystemActor
from retour.jobs.runtime import job_task

from .services import index_rebuild, query_log_prune
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


# Deletes only rows past the cutoff: running it twice deletes nothing more.
@job_task("search.query_log_prune", idempotent=True, max_attempts=2)
def query_log_retention(*, job, progress) -> dict:
    """Delete logged questions older than RETOUR_QUERY_LOG_DAYS (scheduled daily)."""
    return {"deleted": query_log_prune(actor=SystemActor.job("search-query-log-retention"))}
