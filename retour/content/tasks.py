"""Background tasks of the knowledge base: import, export and the review digest."""

from __future__ import annotations

from pathlib import Path

from retour.core.actors import SystemActor
from retour.jobs.runtime import JobFailed, job_task

from . import portability, services


# Re-running converges (pages matched by translation key and locale), so an
# import cut short by a dead worker is retried.
@job_task("content.import", idempotent=True, max_attempts=2)
def content_import(*, job, progress, directory: str) -> dict:
    """Import a knowledge-base folder: all or nothing, written in short batches."""
    try:
        return portability.import_(Path(directory), progress=progress)
    except portability.ImportRejected as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems[:200])
        raise JobFailed(f"Import rejected, nothing was imported:\n{lines}") from exc


@job_task("content.export", idempotent=True, max_attempts=2)
def content_export(*, job, progress, directory: str) -> dict:
    """Write every page and translation to a folder."""
    return {"pages": portability.export(Path(directory)), "directory": directory}


@job_task("content.digest")
def digest_send(*, job, progress) -> dict:
    """E-mail each organisation's editors what needs review (scheduled daily)."""
    return {"sent": services.digest_send(actor=SystemActor.job("content-digest"))}
