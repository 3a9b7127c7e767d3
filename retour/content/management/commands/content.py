"""`retour content export DIR | import DIR | digest`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from retour.content import portability, services


class Command(BaseCommand):
    help = "Export or import the knowledge base as files, or e-mail the freshness digest."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write every page and translation to DIR.")
        export.add_argument("directory")
        imp = sub.add_parser("import", help="Read DIR; all or nothing.")
        imp.add_argument("directory")
        sub.add_parser("digest", help="E-mail each organisation's editors what needs review.")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "export":
            count = portability.export(Path(options["directory"]))
            self.stdout.write(f"Exported {count} pages to {options['directory']}")
        elif action == "import":
            try:
                counts = portability.import_(Path(options["directory"]))
            except portability.ImportRejected as exc:
                lines = [f"  {p}" for p in exc.problems]
                raise CommandError(
                    "Import rejected, nothing was imported:\n" + "\n".join(lines)
                ) from exc
            self.stdout.write(
                f"Imported: {counts['created']} created, {counts['updated']} updated."
            )
        elif action == "digest":
            sent = services.digest_send(actor="cli:content digest")
            self.stdout.write(f"Digest sent to {sent} people.")
