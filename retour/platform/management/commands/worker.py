"""`retour worker`: run background jobs (django-tasks-db's db_worker) with
Retour's heartbeat, recovery of dead workers' jobs and the scheduler.

Run as many as you like, on as many machines as you like, against PostgreSQL:
they share the queue (SELECT ... FOR UPDATE SKIP LOCKED). On SQLite run one.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from retour.jobs.runtime import Heartbeat


class Command(db_worker.Command):
    help = "Run Retour's background jobs and schedules (any number of workers share the queue)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Do not enqueue scheduled jobs from this worker (another one does).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(scheduler=bool(options.pop("scheduler", True)))
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
