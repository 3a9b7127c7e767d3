"""Background tasks of monitoring surveys: Kobo/ODK imports and round scheduling."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_noop as _

from retour.core.actors import Actor, SystemActor
from retour.core.problems import Problem
from retour.jobs.runtime import JobFailed, job_task
from retour.orgs.models import Organisation

from . import imports as imports_mod
from . import services
from .models import ImportJob, ImportStatus

FINAL = (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)
# Why an import or pull saved nothing, per final status: the job page's reason.
NOT_DONE = {
    ImportStatus.REJECTED: _("Rejected: nothing saved (%(count)d problem(s)). %(first)s"),
    ImportStatus.FAILED: _("Failed: nothing saved (%(count)d problem(s)). %(first)s"),
}


def _import_abandoned(*, job, final: bool, reason: str) -> None:
    """The worker died mid-import: its transaction rolled back, so nothing was
    saved; the import waits for its retry, or says why it failed. Never "running"."""
    imports = ImportJob.objects.filter(uuid=job.arguments.get("import_job")).exclude(
        status__in=FINAL
    )
    if not final:
        imports.update(status=ImportStatus.PENDING)
        return
    problem = Problem(
        _(
            "The worker running this import stopped without finishing it. "
            "Nothing was saved; upload the file again."
        )
    )
    imports.update(
        status=ImportStatus.FAILED,
        # The worker's own words (which worker, since when) stay in English.
        errors=[{**imports_mod.file_error(problem), "reason": f"{reason} {problem}"}],
        error_count=1,
        finished_at=timezone.now(),
    )


def _actor(job):
    if job.created_by_id:
        return job.created_by
    if job.started_by.startswith("cli:"):
        # Started by an operator's command (the Job record says which one).
        return SystemActor.job("surveys-import")
    raise JobFailed(Problem(_("The person who started this import no longer has an account.")))


def _not_done(record: ImportJob) -> JobFailed:
    """The job's reason: the import's status, its count of problems and the first
    one, kept as msgids (the row-level ones included) for the job page."""
    first = record.errors[0] if record.errors and isinstance(record.errors[0], dict) else {}
    stored = first.get("msg")
    reason = Problem.from_json(stored if stored else first.get("reason", ""))
    msg = NOT_DONE.get(ImportStatus(record.status), NOT_DONE[ImportStatus.FAILED])
    return JobFailed(Problem(msg, count=record.error_count, first=reason))


# All-or-nothing, so a run cut short saved nothing and is safe to run again.
@job_task("surveys.import", idempotent=True, max_attempts=2, on_abandon=_import_abandoned)
def submissions_import(*, job, progress, import_job: str) -> dict:
    """Import an uploaded Kobo/ODK export kept in the job's payload."""
    record = ImportJob.objects.select_related("organisation", "form").get(uuid=import_job)
    if record.status not in FINAL:
        if job.payload is None:
            raise JobFailed(
                Problem(_("The uploaded file is no longer available; upload it again."))
            )
        record = services.import_job_run(
            actor=_actor(job),
            job=record,
            data=bytes(job.payload),
            progress=lambda done, total, phase: progress(done, total, phase),
        )
    # A retry after the import had committed reports it instead of importing twice.
    if record.status != ImportStatus.DONE:
        raise _not_done(record)
    return {"imported": record.imported_rows, "rows": record.total_rows}


@job_task("surveys.schedule", idempotent=True, max_attempts=2)
def monitoring_rounds_schedule(*, job, progress, org: str | None = None) -> dict:
    """Plan 3/6/12-month monitoring rounds for every organisation (safe to re-run)."""
    chosen = Organisation.objects.order_by("pk")
    if org:
        chosen = chosen.filter(slug=org)
    orgs = list(chosen)
    totals = {"scheduled": 0, "cancelled": 0, "organisations": len(orgs)}
    for done, organisation in enumerate(orgs):
        progress(done, len(orgs), organisation.slug)
        result = services.monitoring_rounds_schedule(
            actor=SystemActor.job("surveys-schedule"), organisation=organisation
        )
        totals["scheduled"] += result["scheduled"]
        totals["cancelled"] += result["cancelled"]
    progress(len(orgs), len(orgs))
    return totals


# A pull saves all or nothing and skips what it already holds, so a rerun is safe.
@job_task("surveys.pull", idempotent=True, max_attempts=2, on_abandon=_import_abandoned)
def server_pull(*, job, progress, import_job: str) -> dict:
    """Pull every submission from a KoboToolbox or ODK Central server."""
    from .sources import services as source_services

    record = ImportJob.objects.select_related("organisation", "form", "server").get(uuid=import_job)
    if record.server is None:
        raise JobFailed(Problem(_("The server was removed; nothing was pulled.")))
    if record.status not in FINAL:
        actor: Actor = (
            record.created_by if record.created_by is not None else SystemActor.job("surveys-pull")
        )
        record = source_services.survey_server_pull_run(
            actor=actor,
            job=record,
            progress=lambda done, total, phase: progress(done, total, phase),
        )
    if record.status != ImportStatus.DONE:
        raise _not_done(record)
    return {
        "imported": record.imported_rows,
        "updated": record.updated_rows,
        "rows": record.total_rows,
    }


@job_task("surveys.pull_due", idempotent=True, max_attempts=2)
def servers_pull_due(*, job, progress) -> dict:
    """The schedule: start a pull for every server whose interval has passed."""
    from .models import SurveyServer
    from .sources import services as source_services

    actor = SystemActor.job("surveys-pull")
    started = 0
    due = source_services.servers_due()
    for server in due:
        busy = ImportJob.objects.filter(
            server=server, status__in=(ImportStatus.PENDING, ImportStatus.RUNNING)
        ).exists()
        if busy:
            continue
        source_services.survey_server_pull_start(actor=actor, server=server, audited=False)
        # Marked now, so the next tick does not start it again while it runs.
        SurveyServer.objects.filter(pk=server.pk).update(last_pulled_at=timezone.now())
        started += 1
    return {"due": len(due), "started": started}
