"""Management commands act as a named user, through the same policy as the web.

class Command(ActingCommand):
    def handle(self, *args, **options):
        actor = self.actor(options)          # a User, or SystemActor.cli("<command>")
        services.case_erase(actor=actor, case=case, reason=reason)  # require_actor decides
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from retour.core.actors import Actor, SystemActor


class ActingCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--as",
            dest="acting_user",
            default="",
            help="Username to act as; its permissions are checked and it is written to the audit log.",
        )

    def actor(self, options: dict[str, Any]) -> Actor:
        """The named user, or the command itself (trusted: it runs with shell access)."""
        username = options.get("acting_user") or ""
        if not username:
            return SystemActor.cli(self.__module__.rsplit(".", 1)[-1])
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No active user {username!r}.") from exc
