"""Background work of the chat channels.

* ``outbox_send``: one delivery attempt of a batch of outbox rows, the replies
  of one turn (a plain Django task: the outbox rows, not the task, are the
  durable record).
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
def outbox_send(outbox_ids: list[int] | int) -> dict[str, str]:
    # A single id: a task queued before batches existed.
    ids = [outbox_ids] if isinstance(outbox_ids, int) else [int(i) for i in outbox_ids]
    return {str(pk): status for pk, status in outbox.attempt_many(ids).items()}


@job_task("channels.outbox_sweep", idempotent=True, max_attempts=2)
def outbox_sweep(*, job, progress) -> dict:
    """Queue every outbox reply that is due (a retry, or a lost enqueue)."""
    return outbox.sweep()


@job_task("channels.retention", idempotent=True, max_attempts=2)
def retention_run(*, job, progress) -> dict:
    """Close idle conversations, delete their messages and expired records."""
    return services.retention_run(actor=SystemActor.job("channels.retention"))
