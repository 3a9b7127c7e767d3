"""Background tasks of the knowledge base: import, export and the review digest."""

from __future__ import annotations

from pathlib import Path

from retour.core.actors import SystemActor
from retour.jobs.runtime import JobFailed, job_task

from . import portability, services, upload


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


# The largest list of problems kept on a failed job (each is one short line).
MAX_PROBLEMS_KEPT = 5000


@job_task("content.import_upload", idempotent=True, max_attempts=2)
def content_import_upload(*, job, progress, organisation_uuid: str) -> dict:
    """An import uploaded in the admin (a ZIP in the job's payload), for one organisation.

    All or nothing, like the CLI import; a rejected import keeps every problem
    (file, field or path, reason) on the job for the admin page to list.
    """
    from retour.orgs.models import Organisation

    organisation = Organisation.objects.get(uuid=organisation_uuid)
    payload = bytes(job.payload or b"")
    try:
        with upload.unpacked(payload) as directory:
            return portability.import_(directory, progress=progress, organisation=organisation)
    except upload.UploadRejected as exc:
        problems = [{"file": exc.filename, "field": "-", "reason": exc.reason}]
        raise JobFailed(str(exc), result={"problems": problems}) from exc
    except portability.ImportRejected as exc:
        problems = [
            {"file": p.file, "field": p.field, "reason": p.reason}
            for p in exc.problems[:MAX_PROBLEMS_KEPT]
        ]
        raise JobFailed(
            f"Import rejected, nothing was imported: {len(exc.problems)} problem(s).",
            result={"problems": problems, "problem_count": len(exc.problems)},
        ) from exc
