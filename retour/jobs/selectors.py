"""Reads on jobs and schedules, scoped to what the asking user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from retour.core.problems import render_problem
from retour.orgs import policy

from .models import Job, ScheduleRun
from .scheduler import Schedule, schedules


def jobs_visible(user, org) -> QuerySet[Job]:
    """The organisation's jobs; platform jobs too for superusers."""
    jobs = Job.objects.for_org(org)
    if getattr(user, "is_superuser", False):
        jobs = jobs | Job.objects.platform()
    return jobs.select_related("organisation")


def job_for(user, org, job_uuid) -> Job:
    """One job, or 404 when it belongs to another organisation (or the platform,
    for anyone but a superuser): indistinguishable from a job that does not exist."""
    job = Job.objects.select_related("organisation").filter(uuid=job_uuid).first()
    if job is None:
        raise Http404
    if job.organisation_id is None:
        if not getattr(user, "is_superuser", False):
            raise Http404
        return job
    if org is None or job.organisation_id != org.pk:
        raise Http404
    policy.require(user, "jobs.view_job", obj=job)
    return job


def error_of(job: Job) -> str:
    """Why the job failed, in the active language when it was stored as a msgid
    (see ``JobFailed``); other reasons are shown as written."""
    from .runtime import ERROR_MSG

    stored = job.result.get(ERROR_MSG) if isinstance(job.result, dict) else None
    if job.error and stored:
        return render_problem(stored)
    return job.error


def progress_of(job: Job) -> dict:
    """The JSON the shared progress bar polls (and renders without JavaScript)."""
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "phase": job.message,
        "done": job.total if (job.finished and job.total and not job.error) else job.done,
        "total": job.total,
        "finished": job.finished,
        "error": error_of(job),
    }


@dataclass(frozen=True)
class ScheduleRow:
    schedule: Schedule
    last: ScheduleRun | None
    next_at: object


def schedule_rows() -> list[ScheduleRow]:
    now = timezone.now()
    rows = []
    for schedule in schedules():
        last = (
            ScheduleRun.objects.filter(name=schedule.name)
            .select_related("job")
            .order_by("-slot")
            .first()
        )
        rows.append(ScheduleRow(schedule, last, schedule.next_slot(now)))
    return rows
