"""``manage.py campaigns …`` (``retour campaigns …``): reference data and exports.

    campaigns statistics FILE [--dataset CODE]     import a Eurostat table (CSV or SDMX-TSV)
    campaigns curated ORG_SLUG --user USERNAME     load the 24 curated EMN campaigns
    campaigns export FILE [--format json|xlsx|docx|csv]

Statistics are platform reference data, loaded as ``cli:campaigns`` (an
operator with shell access) and recorded with the file's SHA-256. Loading
campaigns acts for a named user so the permission policy decides, as in the
web UI; both are audited.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from retour.campaigns import eurostat, exchange, selectors
from retour.campaigns.curated import load_curated
from retour.campaigns.models import Campaign
from retour.campaigns.schema import ImportRejected
from retour.campaigns.services import statistics_file_import
from retour.core.actors import SystemActor
from retour.orgs.models import Organisation


class Command(BaseCommand):
    help = "Campaign registry: import Eurostat statistics, load curated campaigns, export."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("statistics", help="Import a Eurostat table")
        stats.add_argument("file")
        stats.add_argument("--dataset", default="")
        curated = sub.add_parser(
            "curated", help="Load the curated EMN campaigns into an organisation"
        )
        curated.add_argument("org_slug")
        curated.add_argument("--user", required=True)
        export = sub.add_parser("export", help="Export every campaign")
        export.add_argument("file")
        export.add_argument("--format", choices=["json", "xlsx", "docx", "csv"], default="json")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _statistics(self, options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path} not found")
        dataset = options["dataset"] or eurostat.dataset_from_filename(path.name)
        if not dataset:
            raise CommandError("give --dataset: the file name does not contain a Eurostat code")
        try:
            parsed, record = statistics_file_import(
                actor=SystemActor.cli("campaigns"),
                data=path.read_bytes(),
                file_name=path.name,
                dataset=dataset,
            )
        except eurostat.LayoutRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{parsed.layout}: {record.created} new, {record.updated} updated")
        if parsed.unmapped:
            self.stdout.write("not mapped (left out): " + ", ".join(parsed.unmapped))

    def _curated(self, options):
        try:
            org = Organisation.objects.get(slug=options["org_slug"])
            user = get_user_model().objects.get(username=options["user"])
        except (Organisation.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = load_curated(actor=user, organisation=org)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user} may not import campaigns into {org}") from exc
        except ImportRejected as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        self.stdout.write(f"{result['created']} created, {result['updated']} updated")

    def _export(self, options):
        campaigns = list(selectors.with_children(Campaign.objects.order_by("title")))
        fmt = options["format"]
        body = {
            "json": lambda: exchange.to_json(campaigns),
            "csv": lambda: exchange.to_csv(campaigns),
            "xlsx": lambda: exchange.to_xlsx(campaigns),
            "docx": lambda: exchange.to_docx(campaigns),
        }[fmt]()
        path = Path(options["file"])
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
        self.stdout.write(f"{len(campaigns)} campaigns written to {path}")
