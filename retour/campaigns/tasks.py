"""Background tasks of campaigns: Eurostat statistics and the curated EMN campaigns."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import Http404

from retour.core.actors import SystemActor
from retour.jobs.runtime import JobFailed, job_task

from . import eurostat, services
from .curated import load_curated
from .schema import ImportRejected


# Observations are upserted by key: running the same file again changes nothing.
@job_task("campaigns.statistics", idempotent=True, max_attempts=2)
def statistics_file_import(*, job, progress, path: str, dataset: str = "") -> dict:
    """Import a Eurostat TSV/SDMX-CSV file of return statistics."""
    file = Path(path)
    dataset = dataset or eurostat.dataset_from_filename(file.name) or ""
    if not dataset:
        raise JobFailed("The file name does not contain a Eurostat dataset code.")
    # The person who queued it (the platform permission is checked for them),
    # or the job itself when an operator's command queued it.
    actor = job.created_by or SystemActor.job("campaigns-statistics")
    try:
        parsed, record = services.statistics_file_import(
            actor=actor, data=file.read_bytes(), file_name=file.name, dataset=dataset
        )
    except (OSError, eurostat.LayoutRejected) as exc:
        raise JobFailed(str(exc)) from exc
    except PermissionDenied as exc:
        raise JobFailed("Only the platform team loads reference statistics.") from exc
    return {
        "created": record.created,
        "updated": record.updated,
        "import": str(record.uuid),
        "sha256": record.sha256,
        "layout": parsed.layout,
        "unmapped": list(parsed.unmapped),
    }


@job_task("campaigns.curated", idempotent=True, max_attempts=2)
def curated_import(*, job, progress) -> dict:
    """Load the curated EMN campaigns into the job's organisation, as its starter."""
    if job.created_by is None or job.organisation is None:
        raise JobFailed("A curated import needs a person and an organisation.")
    try:
        return load_curated(actor=job.created_by, organisation=job.organisation)
    except (PermissionDenied, Http404) as exc:
        raise JobFailed("You may not import campaigns into this organisation.") from exc
    except ImportRejected as exc:
        raise JobFailed("; ".join(str(p) for p in exc.problems[:20])) from exc
