"""`manage.py search_reindex`: rebuild the search index from published content (a job)."""

from __future__ import annotations

import time

from django.core.management import BaseCommand

from retour.core.actors import SystemActor
from retour.jobs.cli import add_job_arguments, run_job
from retour.search import tasks


class Command(BaseCommand):
    help = "Rebuild the search index from every published page in every locale."

    def add_arguments(self, parser):
        add_job_arguments(parser)

    def handle(self, *args, **options):
        started = time.monotonic()
        job = run_job(
            task=tasks.search_reindex,
            actor=SystemActor.cli("search_reindex"),
            label="Search reindex",
            kwargs={},
            enqueue=options["enqueue"],
            wait=options["wait"],
        )
        if job.finished:
            count = job.result["documents"]
            self.stdout.write(f"Indexed {count} documents in {time.monotonic() - started:.1f}s.")
        else:
            self.stdout.write(f"Queued as job {job.uuid}.")
