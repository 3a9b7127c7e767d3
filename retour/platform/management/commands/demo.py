"""`retour demo`: migrate, load sample data for two organisations, and serve.

Safe to run twice: every step is idempotent, and each run prints a fresh
one-time password for the demo users (the previous one stops working).
Every demo user has a two-factor (TOTP) device; its key is kept between runs
so an authenticator app set up once keeps working.
"""

from __future__ import annotations

import argparse
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from retour.campaigns import demo as campaigns_demo
from retour.cases import demo as cases_demo
from retour.channels import demo as channels_demo
from retour.content import demo as content_demo
from retour.core import two_factor
from retour.core.actors import SystemActor
from retour.core.demo import DemoContext
from retour.orgs import services as org_services
from retour.orgs.models import Organisation, OrganisationType, Role
from retour.reintegration import demo as reintegration_demo
from retour.search import demo as search_demo
from retour.surveys import demo as surveys_demo

DEMO_ORGS = {
    "a": {
        "name": "Sample Return Counselling Network (demo)",
        "slug": "sample-counselling",
        "type": OrganisationType.NGO,
        "countries": ["BE", "NO"],
        "languages": ["en", "fr", "nl", "ar", "fa"],
        "description": "A fictional NGO network created by `retour demo`. Not a real organisation.",
    },
    "b": {
        "name": "Sample Reintegration Partner (demo)",
        "slug": "sample-reintegration",
        "type": OrganisationType.INTERNATIONAL,
        "countries": ["AF", "IQ", "ET"],
        "languages": ["en", "ar", "fa", "ps"],
        "description": "A fictional reintegration partner created by `retour demo`.",
    },
}
# Loaders run in this order: content first (others link to pages). The top floor
# names them outright: a loader that fails to import is a bug, not an absent app.
LOADERS: dict[str, Callable[..., None]] = {
    "content": content_demo.load,
    "search": search_demo.load,
    "channels": channels_demo.load,
    "campaigns": campaigns_demo.load,
    "cases": cases_demo.load,
    "reintegration": reintegration_demo.load,
    "surveys": surveys_demo.load,
}


def _organisation(spec: dict) -> Organisation:
    org = Organisation.objects.filter(slug=spec["slug"]).first()
    if org is None:
        org = org_services.organisation_create(actor=SystemActor.demo(), is_sample=True, **spec)
    else:
        org_services.organisation_groups_sync(organisation=org)
    return org


def _enrol(user) -> TOTPDevice:
    """A confirmed TOTP device for a demo user (the staff pages require one)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    return device


def _two_factor_lines(users) -> list[str]:
    lines = [
        "",
        " Two-factor sign-in is on for every user. After the password, enter the",
        " code from an authenticator app set up with the user's key, or run",
        " `retour totp <username>` for the current one (codes change every 30 s):",
    ]
    for user in users:
        device = _enrol(user)
        key = two_factor.secret_of(device)
        code = two_factor.current_code(device)
        lines.append(f"   {user.username:<14} key {key}   code now {code}")
    return lines


class Command(BaseCommand):
    help = "Migrate, load demo data (two sample organisations, every role) and serve on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and exit.")
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--skip", nargs="*", default=[], help="Demo loaders to skip.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Serve without a background worker."
        )
        parser.add_argument("--no-collectstatic", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        started = time.monotonic()
        self.stdout.write("Retour demo: applying migrations…")
        call_command("migrate", interactive=False, verbosity=0)
        password = secrets.token_urlsafe(12)
        context = self._base(password)
        unknown = set(options["skip"]) - set(LOADERS)
        if unknown:
            raise CommandError(f"--skip: no demo loader named {', '.join(sorted(unknown))}")
        for app, load in LOADERS.items():
            if app in options["skip"]:
                continue
            t0 = time.monotonic()
            with transaction.atomic():
                load(context=context)
            self.stdout.write(f"  loaded {app} sample data ({time.monotonic() - t0:.1f}s)")
        if not options["no_collectstatic"]:
            self.stdout.write("Collecting static files…")
            call_command("collectstatic", interactive=False, verbosity=0)
        self._summary(context, password, options["bind"], time.monotonic() - started)
        if not options["no_serve"]:
            call_command(
                "serve",
                bind=options["bind"],
                workers=2,
                settings_module="",
                worker=not options["no_worker"],
            )

    def _base(self, password: str) -> DemoContext:
        user_model = get_user_model()
        orgs = {key: _organisation(spec) for key, spec in DEMO_ORGS.items()}
        admin, _ = user_model.objects.get_or_create(
            username="admin", defaults={"email": "admin@demo.invalid"}
        )
        admin.is_superuser = admin.is_staff = True
        admin.set_password(password)
        admin.save()
        _enrol(admin)
        org_services.membership_add(
            actor=SystemActor.demo(), organisation=orgs["a"], user=admin, role=Role.ADMIN
        )
        context = DemoContext(org_a=orgs["a"], org_b=orgs["b"], admin=admin, stdout=self.stdout)
        for key, org in orgs.items():
            for role in Role:
                username = f"{role.value}-{key}"
                user, _ = user_model.objects.get_or_create(
                    username=username, defaults={"email": f"{username}@demo.invalid"}
                )
                user.set_password(password)
                user.save()
                _enrol(user)
                org_services.membership_add(
                    actor=SystemActor.demo(), organisation=org, user=user, role=role.value
                )
                context.users[(key, role.value)] = user
        return context

    def _summary(self, context: DemoContext, password: str, bind: str, seconds: float) -> None:
        url = f"http://{bind}"
        lines = [
            "",
            "=" * 64,
            f" Retour demo is ready ({seconds:.0f}s). Everything in it is SAMPLE data.",
            f" Public site:   {url}/en/",
            f" Staff admin:   {url}/admin/",
            " Admin user:    admin",
            f" Password:      {password}   (one-time: a new one each run)",
            "",
            " Users for every role, same password:",
        ]
        for key, org in (("a", context.org_a), ("b", context.org_b)):
            roles = ", ".join(f"{r.value}-{key}" for r in Role)
            lines.append(f"   {org.name}: {roles}")
        lines += _two_factor_lines([context.admin, *context.users.values()])
        lines += ["=" * 64, f" Database: {settings.DATABASES['default']['NAME']}", ""]
        self.stdout.write("\n".join(lines))
