"""The task side of a job: the ``job_task`` decorator, progress and the heartbeat.

A job task is a Django task (``django_tasks.task``) whose first arguments are
the task context and the UUID of its :class:`~retour.jobs.models.Job`. The
decorator claims the Job (once: a duplicate delivery finds it no longer
waiting), hands the function a :class:`Progress` to report to, and records the
result or the reason for failure.

Progress and the lease are written by the worker's heartbeat thread on its own
database connection, never by the task itself: the task may be inside a long
transaction whose writes (and rollback) must not carry them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django_tasks import TaskContext, task

from retour.core.problems import Problem

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """An expected failure: the message is shown to staff as the job's reason.

    ``result`` (optional, JSON) is kept on the failed job too, e.g. every
    problem an import found, for the page that shows them as a table. A
    :class:`~retour.core.problems.Problem` message is also kept as its msgid and
    params (``result["error_msg"]``), so the job page shows it in the reader's
    language: the worker that failed has none.
    """

    def __init__(self, message: str, *, result: dict | None = None) -> None:
        super().__init__(message)
        self.result = result
        if isinstance(message, Problem):
            self.result = {**(result or {}), ERROR_MSG: message.as_json()}


ERROR_MSG = "error_msg"


@dataclass(frozen=True)
class Kind:
    name: str
    task: Any
    idempotent: bool
    max_attempts: int
    # on_abandon(job, final): called when recovery finds the job's worker dead;
    # final is False when the job is retried, True when it is marked failed.
    on_abandon: Callable[..., None] | None


KINDS: dict[str, Kind] = {}


def job_setting(name: str) -> float:
    defaults = {"LEASE_SECONDS": 60.0, "HEARTBEAT_SECONDS": 5.0, "TICK_SECONDS": 15.0}
    return float(getattr(settings, "RETOUR_JOBS", {}).get(name, defaults[name]))


class Progress:
    """What a running job reports; flushed to its Job row by the heartbeat."""

    def __init__(self, job_pk: int, worker_id: str, attempt: int) -> None:
        self.job_pk = job_pk
        self.worker_id = worker_id
        self.attempt = attempt
        self.done = 0
        self.total = 0
        self.message = ""
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int | None = None, message: str | None = None) -> None:
        with self._lock:
            self.done = max(0, int(done))
            if total is not None:
                self.total = max(0, int(total))
            if message is not None:
                self.message = str(message)[:300]

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self.done, self.total, self.message


_running: dict[int, Progress] = {}
_running_lock = threading.Lock()


def running() -> list[Progress]:
    with _running_lock:
        return list(_running.values())


def job_task(
    kind: str,
    *,
    idempotent: bool = False,
    max_attempts: int = 1,
    on_abandon: Callable[..., None] | None = None,
    priority: int = 0,
) -> Callable[[Callable[..., dict | None]], Any]:
    """Declare ``fn(*, job, progress, **kwargs) -> dict`` as a job task.

    ``idempotent`` tasks whose worker died are retried (up to ``max_attempts``
    runs in all); others are marked failed with the reason.
    """

    def decorate(fn: Callable[..., dict | None]) -> Any:
        def run(context: TaskContext | None, job_uuid: str, **kwargs: Any) -> dict:
            return _execute(fn, context, job_uuid, kwargs)

        # The task must import as <module>.<name> (the queue stores that path),
        # and its signature must stay (context, job_uuid, ...): no functools.wraps.
        run.__name__ = fn.__name__
        run.__qualname__ = fn.__qualname__
        run.__module__ = fn.__module__
        run.__doc__ = fn.__doc__
        wrapped = task(takes_context=True, priority=priority)(run)
        KINDS[kind] = Kind(kind, wrapped, idempotent, max(1, max_attempts), on_abandon)
        return wrapped

    return decorate


def _execute(fn: Callable[..., dict | None], context, job_uuid: str, kwargs: dict) -> dict:
    from . import services

    task_id, worker_id = "", "inline"
    if context is not None:
        task_id = str(context.task_result.id)
        worker_id = (context.task_result.worker_ids or ["inline"])[-1]
    job = services.job_start(job_uuid=job_uuid, task_result_id=task_id, worker_id=worker_id)
    if job is None:
        # Already run (or being run) under another delivery: never twice.
        return {"skipped": "job is not waiting"}
    progress = Progress(job.pk, worker_id, job.attempts)
    with _running_lock:
        _running[job.pk] = progress
    try:
        result = fn(job=job, progress=progress, **kwargs) or {}
    except JobFailed as exc:
        services.job_finish(progress=progress, error=str(exc), result=exc.result)
        raise
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.uuid, job.kind)
        services.job_finish(progress=progress, error=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        with _running_lock:
            _running.pop(job.pk, None)
    services.job_finish(progress=progress, result=result)
    return result


def run_inline(job) -> dict:
    """Run an enqueued-but-not-started job in this process (CLI without a worker)."""
    spec = KINDS[job.kind]
    return spec.task.func(None, str(job.uuid), **job.arguments)


# -- the worker's heartbeat ---------------------------------------------------------------------
class Heartbeat(threading.Thread):
    """Renews the lease of this process's running jobs and writes their progress;
    every TICK also recovers jobs of dead workers and runs the scheduler."""

    def __init__(self, *, scheduler: bool = True) -> None:
        super().__init__(name="retour-jobs-heartbeat", daemon=True)
        self.scheduler = scheduler
        self.stopping = threading.Event()
        self._last_tick = 0.0

    def run(self) -> None:
        interval = job_setting("HEARTBEAT_SECONDS")
        while not self.stopping.wait(interval):
            self.beat()

    def beat(self) -> None:
        from . import scheduler, services

        try:
            close_old_connections()
            if connection.vendor == "sqlite":
                # Wait briefly for the write lock, then try again next beat:
                # the lease outlasts many beats.
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout=2000")
            services.jobs_heartbeat(running())
            if time.monotonic() - self._last_tick >= job_setting("TICK_SECONDS"):
                self._last_tick = time.monotonic()
                services.jobs_recover()
                if self.scheduler:
                    scheduler.tick()
        except OperationalError as exc:
            # Locked (SQLite, a long write elsewhere) or dropped: try again next beat.
            logger.info("job heartbeat skipped: %s", exc)
            connection.close()
        except Exception:
            # Nothing may kill the heartbeat: its jobs would look dead.
            logger.warning("job heartbeat failed; retrying", exc_info=True)
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
