"""`retour totp <username>`: print the current two-factor code of a demo or dev user.

Whoever can run this reads the device keys from the database, so it is a demo
and development convenience; under production settings it refuses unless
``--force`` says an operator really means it (e.g. to help a locked-out person
on a machine they already control).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.core import two_factor

PRODUCTION_SETTINGS = "config.settings.prod"


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's confirmed device (demo and development)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--force", action="store_true", help="Run even under production settings."
        )

    def handle(self, *args, username: str, force: bool = False, **options):
        if settings.SETTINGS_MODULE == PRODUCTION_SETTINGS and not force:
            raise CommandError(
                "Refusing under production settings: codes printed here bypass the second "
                "factor. Pass --force if you really mean it."
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(f"{username} has no confirmed two-factor device.")
        left = device.step - (int(time.time()) - device.t0) % device.step
        self.stdout.write(
            f"{two_factor.current_code(device)}  ({username}, valid for {left} s more)"
        )
