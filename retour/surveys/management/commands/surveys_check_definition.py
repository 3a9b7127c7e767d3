"""Validate an index definition YAML file; errors name the path of the bad key.

manage.py surveys_check_definition my-index.yaml
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from retour.surveys.index import DefinitionError, parse_definition


class Command(BaseCommand):
    help = "Check an index definition YAML file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        try:
            definition = parse_definition(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except DefinitionError as exc:
            for error in exc.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(exc.errors)} error(s)") from exc
        self.stdout.write(
            f"{path}: ok — {definition.slug} v{definition.version}, {definition.method}, "
            f"{len(definition.dimensions)} dimensions"
        )
