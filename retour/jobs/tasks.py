"""The jobs app's own periodic work: pruning what finished jobs leave behind."""

from __future__ import annotations

from retour.core.actors import SystemActor

from . import services
from .runtime import job_task


# Deletes only rows older than the cutoff, in batches: a run cut short is
# finished by the next one.
@job_task("jobs.prune", idempotent=True, max_attempts=2)
def jobs_prune(*, job, progress, keep_days: int = 30) -> dict:
    """Delete finished jobs, schedule slots and queue rows older than ``keep_days``
    (scheduled daily; the newest run of each schedule stays on the schedules page)."""
    return services.jobs_prune(actor=SystemActor.job("jobs-prune"), keep_days=keep_days)
