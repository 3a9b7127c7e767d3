"""`retour content export DIR | import DIR | digest` (each a job; --enqueue for a worker),
and `retour content hsds-check` (the HSDS export of every language against the HSDS 3.0 schema)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

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
        check = sub.add_parser(
            "hsds-check", help="Validate the HSDS export against the official HSDS 3.0 schema."
        )
        check.add_argument("--locale", action="append", help="a language code (default: all)")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "hsds-check":
            self._hsds_check(options["locale"] or [code for code, _name in settings.LANGUAGES])
            return
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

    def _hsds_check(self, codes: list[str]) -> None:
        # Imported here: the schema module loads a 2.3 MB file on first use.
        from retour.content import hsds
        from retour.content.hsds_schema import export_errors

        total = 0
        problems: list[str] = []
        for code in codes:
            document = hsds.export(code)
            total += len(document["services"])
            problems += [f"[{code}] {line}" for line in export_errors(document)]
        for line in problems:
            self.stderr.write(line)
        if problems:
            raise CommandError(f"{len(problems)} HSDS 3.0 schema violations in {total} services.")
        self.stdout.write(f"{total} services in {len(codes)} languages valid against HSDS 3.0.")

    def _report(self, job, line) -> None:
        if job.finished:
            self.stdout.write(line(job.result))
        else:
            self.stdout.write(f"Queued as job {job.uuid}.")
