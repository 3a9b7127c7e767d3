"""`retour content export DIR | import DIR | digest` (each a job; --enqueue for a worker)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from retour.content import tasks
from retour.core.actors import SystemActor
from retour.jobs.cli import add_job_arguments, run_job


class Command(BaseCommand):
    help = "Export or import the knowledge base as files, or e-mail the freshness digest."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write every page and translation to DIR.")
        export.add_argument("directory")
        imp = sub.add_parser("import", help="Read DIR; all or nothing.")
        imp.add_argument("directory")
        digest = sub.add_parser(
            "digest", help="E-mail each organisation's editors what needs review."
        )
        for subparser in (export, imp, digest):
            add_job_arguments(subparser)

    def handle(self, *args, **options):
        action = options["action"]
        flags = {"enqueue": options["enqueue"], "wait": options["wait"]}
        if action == "digest":
            job = run_job(
                task=tasks.digest_send, actor=SystemActor.cli("content digest"),
                label="Review digest", kwargs={}, **flags,
            )  # fmt: skip
            self._report(job, lambda r: f"Digest sent to {r['sent']} people.")
            return
        directory = options["directory"]
        task = tasks.content_export if action == "export" else tasks.content_import
        job = run_job(
            task=task, actor=SystemActor.cli(f"content {action}"),
            label=f"Content {action} {directory}", kwargs={"directory": directory}, **flags,
        )  # fmt: skip
        if action == "export":
            self._report(job, lambda r: f"Exported {r['pages']} pages to {directory}")
        else:
            self._report(
                job, lambda r: f"Imported: {r['created']} created, {r['updated']} updated."
            )

    def _report(self, job, line) -> None:
        if job.finished:
            self.stdout.write(line(job.result))
        else:
            self.stdout.write(f"Queued as job {job.uuid}.")
