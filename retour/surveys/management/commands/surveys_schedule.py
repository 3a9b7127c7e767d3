"""Plan 3/6/12-month monitoring rounds for consenting cases of an organisation
(and cancel planned rounds whose consent was withdrawn). Safe to run daily."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from retour.core.actors import SystemActor
from retour.orgs.models import Organisation
from retour.surveys import services


class Command(BaseCommand):
    help = "Schedule monitoring rounds."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organisation slug (default: all)")

    def handle(self, *args, **opts):
        orgs = Organisation.objects.all()
        if opts["org"]:
            orgs = orgs.filter(slug=opts["org"])
            if not orgs.exists():
                raise CommandError(f"no organisation with slug {opts['org']!r}")
        for org in orgs:
            result = services.monitoring_rounds_schedule(
                actor=SystemActor.cli("surveys_schedule"), organisation=org
            )
            self.stdout.write(
                f"{org.slug}: {result['scheduled']} planned, {result['cancelled']} cancelled"
            )
