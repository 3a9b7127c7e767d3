"""Management commands act as a named user, through the same policy as the web.

class Command(ActingCommand):
    def handle(self, *args, **options):
        actor = self.actor(options)          # a User, or "cli:<command>"
        policy.require(actor, "cases.delete_case", org=org)  # when a user is named
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError


class ActingCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--as",
            dest="acting_user",
            default="",
            help="Username to act as; its permissions are checked and it is written to the audit log.",
        )

    def actor(self, options):
        username = options.get("acting_user") or ""
        if not username:
            return f"cli:{self.__module__.rsplit('.', 1)[-1]}"
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No active user {username!r}.") from exc
