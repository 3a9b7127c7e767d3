"""Score existing submissions under one index definition version (explicit recomputation).

    manage.py surveys_recompute --org alpha --definition return-reintegration-2015 [--definition-version 2]

Scores of other versions are never touched; ``--replace`` recomputes this
version's own scores (e.g. after fixing a submission).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from retour.core.actors import SystemActor
from retour.orgs.models import Organisation
from retour.surveys import services
from retour.surveys.models import IndexDefinition


class Command(BaseCommand):
    help = "Recompute reintegration-index scores for one definition version."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True)
        parser.add_argument("--definition", required=True, help="definition slug")
        parser.add_argument("--definition-version", default=None, help="default: the latest stored")
        parser.add_argument("--replace", action="store_true")

    def handle(self, *args, **opts):
        org = Organisation.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f"no organisation with slug {opts['org']!r}")
        qs = IndexDefinition.objects.for_org(org).filter(slug=opts["definition"])
        if opts["definition_version"]:
            qs = qs.filter(version=opts["definition_version"])
        definition = qs.order_by("-created_at", "-id").first()
        if definition is None:
            raise CommandError("no such stored definition (it is stored when first used)")
        n = services.index_scores_recompute(
            actor=SystemActor.cli("surveys_recompute"),
            definition=definition,
            replace=opts["replace"],
        )
        self.stdout.write(f"{n} submissions scored with {definition}")
