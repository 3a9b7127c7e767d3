"""Writes on jobs: enqueue, start, heartbeat, finish and recovery of dead workers."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from retour.core import actors, audit
from retour.core.actors import Actor, SystemActor
from retour.orgs import policy

from .models import ACTIVE, Job, JobStatus, ScheduleRun
from .runtime import KINDS, Progress, job_setting

logger = logging.getLogger(__name__)

WORKER_LOST = "retour.jobs.WorkerLost"


def _lease(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(seconds=job_setting("LEASE_SECONDS"))


def actor_label(actor: Actor) -> str:
    """``user:<username>``, or the SystemActor's own label (``cli:…``, ``system:…``)."""
    if isinstance(actor, SystemActor):
        return str(actor)[:150]
    return f"user:{actors.actor_label(actor)}"[:150]  # TypeError for anything else


def is_inline(backend: str | None) -> bool:
    """An immediate backend runs the task inside ``enqueue`` (tests, the CLI)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends[backend or DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def job_enqueue(
    *,
    actor: Actor,
    task,
    organisation=None,
    label: str = "",
    kwargs: dict[str, Any] | None = None,
    payload: bytes | None = None,
    backend: str | None = None,
    audited: bool = True,
) -> Job:
    """Record a Job and put its task on the queue, in one transaction: a worker
    never sees a task without its Job, and a rolled-back request leaves neither.

    On an immediate backend (``backend="inline"``: the CLI) the task runs here,
    after the Job is committed and outside any transaction of ours, so a long
    task keeps its own short transactions.
    """
    inline = is_inline(backend)
    with transaction.atomic():
        job = _job_create(
            actor=actor, task=task, organisation=organisation, label=label,
            kwargs=kwargs, payload=payload, audited=audited,
        )  # fmt: skip
        if not inline:
            _put_on_queue(job, backend)
    if inline:
        _put_on_queue(job, backend)
    return job


def _job_create(
    *, actor: Actor, task, organisation, label, kwargs, payload, audited: bool = True
) -> Job:
    spec = next((k for k in KINDS.values() if k.task.module_path == task.module_path), None)
    if spec is None:
        raise ValueError(f"{task.module_path} is not a job task (use @job_task)")
    kwargs = dict(kwargs or {})
    user = actor if actors.is_user(actor) and actor.pk else None
    job = Job.objects.create(
        organisation=organisation,
        kind=spec.name,
        label=label[:200] or spec.name,
        started_by=actor_label(actor),
        created_by=user,
        task_path=task.module_path,
        arguments=kwargs,
        payload=payload,
        max_attempts=spec.max_attempts,
    )
    if audited:
        audit.record(
            actor=actor,
            action="job.enqueue",
            obj=job,
            organisation=organisation,
            detail={"kind": spec.name},
        )
    return job


def _put_on_queue(job: Job, backend: str | None) -> None:
    spec = KINDS[job.kind]
    task = spec.task.using(backend=backend) if backend else spec.task
    result = task.enqueue(job_uuid=str(job.uuid), **job.arguments)
    # With the immediate backend the task has already run: keep its outcome.
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
    job.refresh_from_db()


# job_start, jobs_heartbeat and job_finish are the worker's bookkeeping, written
# many times per job: not audited (enqueue and recovery are).
def job_start(*, job_uuid: str, task_result_id: str, worker_id: str) -> Job | None:
    """Claim a waiting job for this delivery of its task; None if it is not waiting.

    One conditional UPDATE: of two deliveries of the same job only one wins.
    """
    now = timezone.now()
    claimed = (
        Job.objects.filter(uuid=job_uuid, status=JobStatus.QUEUED)
        .filter(Q(task_result_id="") | Q(task_result_id=task_result_id))
        .update(
            status=JobStatus.RUNNING,
            worker_id=worker_id[:64],
            started_at=now,
            heartbeat_at=now,
            lease_expires_at=_lease(now),
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if not claimed:
        return None
    return Job.objects.select_related("organisation", "created_by").get(uuid=job_uuid)


def _mine(progress: Progress):
    # Only the delivery that holds the job may write it: after a lost lease the
    # job may already belong to a retry.
    return Job.objects.filter(
        pk=progress.job_pk,
        status=JobStatus.RUNNING,
        worker_id=progress.worker_id[:64],
        attempts=progress.attempt,
    )


def jobs_heartbeat(progresses: list[Progress]) -> int:
    """Renew the leases of running jobs and write their progress (heartbeat thread)."""
    now = timezone.now()
    renewed = 0
    for progress in progresses:
        done, total, message = progress.snapshot()
        renewed += _mine(progress).update(
            heartbeat_at=now, lease_expires_at=_lease(now), done=done, total=total, message=message
        )
    return renewed


def job_finish(*, progress: Progress, result: dict | None = None, error: str = "") -> bool:
    done, total, message = progress.snapshot()
    fields: dict[str, Any] = {
        "status": JobStatus.FAILED if error else JobStatus.SUCCEEDED,
        "finished_at": timezone.now(),
        "done": total if (total and not error) else done,
        "total": total,
        "message": message,
        "result": result or {},
        "error": error[:20000],
        "payload": None,
        "lease_expires_at": None,
    }
    updated = _mine(progress).update(**fields)
    if not updated:
        logger.warning("job %s finished after losing its lease", progress.job_pk)
    return bool(updated)


# -- recovery ----------------------------------------------------------------------------------
def _stale_jobs(now: datetime.datetime):
    lease = datetime.timedelta(seconds=job_setting("LEASE_SECONDS"))
    # A worker that claimed a task and died before starting the job leaves the
    # job waiting behind a task result that will never finish.
    orphan_ids = [
        str(pk)
        for pk in DBTaskResult.objects.filter(
            status="RUNNING", started_at__lt=now - lease
        ).values_list("id", flat=True)
    ]
    return Job.objects.filter(
        Q(status=JobStatus.RUNNING, lease_expires_at__lt=now)
        | Q(status=JobStatus.QUEUED, task_result_id__in=orphan_ids)
    )


def jobs_recover(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Retry or fail jobs whose worker stopped renewing their lease.

    Each job is handled in its own short transaction, skipping rows another
    worker's recovery holds, so several workers may run this at once.
    """
    now = now or timezone.now()
    counts = {"retried": 0, "failed": 0}
    for pk in list(_stale_jobs(now).values_list("pk", flat=True)[:100]):
        with transaction.atomic():
            job = _stale_jobs(now).select_for_update(skip_locked=True).filter(pk=pk).first()
            if job is None:
                continue
            counts["retried" if _recover_one(job, now) else "failed"] += 1
    return counts


def _recover_one(job: Job, now: datetime.datetime) -> bool:
    reason = (
        f"The worker running this job ({job.worker_id or 'unknown'}) stopped "
        f"without finishing it (no heartbeat since {job.heartbeat_at or job.created_at:%Y-%m-%d %H:%M:%S} UTC)."
    )
    backend = None
    if job.task_result_id:
        task_results = DBTaskResult.objects.filter(id=job.task_result_id)
        backend = task_results.values_list("backend_name", flat=True).first()
        task_results.filter(status="RUNNING").update(
            status="FAILED", finished_at=now, exception_class_path=WORKER_LOST, traceback=reason
        )
    spec = KINDS.get(job.kind)
    retry = spec is not None and spec.idempotent and job.attempts < spec.max_attempts
    if retry:
        job.status = JobStatus.QUEUED
        job.message = "Retrying: the previous worker stopped."
        job.lease_expires_at = None
        job.save(update_fields=["status", "message", "lease_expires_at"])
        _put_on_queue(job, backend)
    else:
        job.status = JobStatus.FAILED
        job.error = reason
        job.finished_at = now
        job.lease_expires_at = None
        job.payload = None
        job.save(update_fields=["status", "error", "finished_at", "lease_expires_at", "payload"])
    if spec is not None and spec.on_abandon is not None:
        spec.on_abandon(job=job, final=not retry, reason=reason)
    audit.record(
        actor=SystemActor.job("jobs"),
        action="job.retry" if retry else "job.abandon",
        obj=job,
        organisation=job.organisation,
        detail={"kind": job.kind, "attempts": job.attempts},
    )
    return retry


# -- pruning ----------------------------------------------------------------------------------
PRUNE_BATCH = 500  # short write transactions: SQLite logins never wait behind a prune


def _delete_in_batches(queryset) -> int:
    deleted = 0
    while pks := list(queryset.values_list("pk", flat=True)[:PRUNE_BATCH]):
        with transaction.atomic():
            deleted += queryset.model.objects.filter(pk__in=pks).delete()[0]
    return deleted


def jobs_prune(*, actor: Actor, keep_days: int, now: datetime.datetime | None = None) -> dict:
    """Delete finished jobs, schedule slots and finished queue rows older than
    ``keep_days`` (what ``prune_db_task_results`` does for the queue alone).

    A schedule that runs every minute adds three rows a minute; without this the
    tables only grow. The newest slot of each schedule and its job are kept: the
    schedules page shows them as the last run, however old.
    """
    policy.require_actor(actor, "jobs.delete_job", platform=True)
    if keep_days < 1:
        raise ValueError("keep_days must be at least 1")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    newest = [
        ScheduleRun.objects.filter(name=name).order_by("-slot").values_list("pk", flat=True)[0]
        for name in ScheduleRun.objects.values_list("name", flat=True).distinct()
    ]
    kept_jobs = ScheduleRun.objects.filter(pk__in=newest, job__isnull=False).values("job_id")
    counts = {
        "schedule_runs": _delete_in_batches(
            ScheduleRun.objects.filter(slot__lt=cutoff).exclude(pk__in=newest)
        ),
        "jobs": _delete_in_batches(
            Job.objects.exclude(status__in=ACTIVE)
            .filter(Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff))
            .exclude(pk__in=kept_jobs)
        ),
        # Jobs point at their task result by id only, so this order is free.
        "task_results": _delete_in_batches(
            DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
        ),
    }
    audit.record(
        actor=actor, action="jobs.prune", object_type="jobs", detail={**counts, "days": keep_days}
    )
    return counts


def active_count() -> int:
    return Job.objects.filter(status__in=ACTIVE).count()
