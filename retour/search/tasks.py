"""Background tasks of search: rebuild the index; prune and count the question log."""

from __future__ import annotations

import datetime

from django.utils import timezone

from retour.core.actors import SystemActor
from retour.jobs.runtime import job_task

from . import analytics
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


# Counts only days missing from the rollup (or that received rows since), each
# under its row lock: running it again, or twice at once, counts nothing twice.
@job_task(analytics.ROLLUP_JOB, idempotent=True, max_attempts=2)
def gaps_rollup(*, job, progress, recount_closed_day: bool = False) -> dict:
    """Bring the gaps page's daily counts up to date (scheduled every 15 minutes;
    shortly after midnight with ``recount_closed_day`` for the day that closed)."""
    today = timezone.localdate()
    recount = (today - datetime.timedelta(days=1),) if recount_closed_day else ()
    progress(0, 0, "counting")
    days = analytics.rollup_refresh(
        since=analytics.gaps_since(today), max_days=None, recount=recount
    )
    return {"days_counted": days}
