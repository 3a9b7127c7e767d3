"""Background work of the chat channels.

* ``outbox_send``: one delivery attempt of one outbox row (a plain Django task:
  the outbox row, not the task, is the durable record).
* ``outbox_sweep``: scheduled every minute; re-queues due rows.
* ``retention_run``: scheduled daily; closes idle conversations and deletes
  what their organisation's retention no longer allows.
"""

from __future__ import annotations

from django_tasks import task

from retour.core.actors import SystemActor
from retour.jobs.runtime import job_task

from . import outbox, services


@task()
def outbox_send(outbox_id: int) -> str:
    return outbox.attempt(outbox_id)


@job_task("channels.outbox_sweep", idempotent=True, max_attempts=2)
def outbox_sweep(*, job, progress) -> dict:
    """Queue every outbox reply that is due (a retry, or a lost enqueue)."""
    return outbox.sweep()


@job_task("channels.retention", idempotent=True, max_attempts=2)
def retention_run(*, job, progress) -> dict:
    """Close idle conversations, delete their messages and expired records."""
    return services.retention_run(actor=SystemActor.job("channels.retention"))
