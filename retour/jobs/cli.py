"""Management commands run their long work as a job: inline by default (same
record staff see in the admin), or queued for a worker with --enqueue [--wait]."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError

from retour.core.actors import Actor

from . import services
from .models import Job


def add_job_arguments(parser) -> None:
    parser.add_argument(
        "--enqueue", action="store_true", help="Queue it for a worker instead of running it here."
    )
    parser.add_argument(
        "--wait", action="store_true", help="With --enqueue: wait until a worker has finished it."
    )


def run_job(
    *,
    task,
    actor: Actor,
    label: str,
    kwargs: dict[str, Any],
    enqueue: bool = False,
    wait: bool = False,
    organisation=None,
) -> Job:
    """Run (or queue) ``task`` as a job; CommandError with the job's reason if it failed."""
    job = services.job_enqueue(
        actor=actor,
        task=task,
        organisation=organisation,
        label=label,
        kwargs=kwargs,
        backend=None if enqueue else "inline",
    )
    while enqueue and wait and not job.finished:
        time.sleep(1)
        job.refresh_from_db()
    if job.status == "failed":
        raise CommandError(job.error)
    return job
