"""``manage.py cases …`` (``retour cases …``): key rotation, retention, subject access, erasure.

    cases rotate_keys [--generate] [--retire-old]
    cases retention [--dry-run] [--today YYYY-MM-DD]
    cases retention_set ORG_SLUG PURPOSE DAYS --user USERNAME
    cases export CASE_UUID --user USERNAME [--output FILE]
    cases erase CASE_UUID --user USERNAME --reason TEXT

Export and erasure act for a named user so the permission policy decides, as
it would in the web UI; both are audited.
"""

from __future__ import annotations

import datetime
import json
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from retour.cases import selectors, services
from retour.cases.models import Case, ConsentPurpose
from retour.core import audit, crypto
from retour.core.actors import SystemActor
from retour.orgs.models import Organisation


class Command(BaseCommand):
    help = "Case records: rotate_keys, retention, export (subject access), erase."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rotate = sub.add_parser(
            "rotate_keys", help="Re-encrypt identifying fields with the primary key"
        )
        rotate.add_argument(
            "--generate", action="store_true", help="Prepend a new key to the key file first"
        )
        rotate.add_argument(
            "--retire-old", action="store_true", help="Drop old keys from the key file afterwards"
        )
        retention = sub.add_parser("retention", help="Pseudonymise or erase expired cases")
        retention.add_argument("--dry-run", action="store_true")
        retention.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD)")
        period = sub.add_parser("retention_set", help="Set an organisation's retention period")
        period.add_argument("org_slug")
        period.add_argument("purpose", choices=ConsentPurpose.values)
        period.add_argument("days", type=int)
        period.add_argument("--user", required=True)
        export = sub.add_parser("export", help="GDPR subject-access export as JSON")
        export.add_argument("case_uuid")
        export.add_argument("--user", required=True)
        export.add_argument("--output", help="File to write (default stdout)")
        erase = sub.add_parser("erase", help="Erase a case and everything attached to it")
        erase.add_argument("case_uuid")
        erase.add_argument("--user", required=True)
        erase.add_argument("--reason", required=True)

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    # -- key rotation -------------------------------------------------------------
    def do_rotate_keys(self, *, generate=False, retire_old=False, **_):
        keys, source = crypto.configured_keys()
        if (generate or retire_old) and source != "file":
            raise CommandError(
                "Keys come from RETOUR_FIELD_KEYS: put the new key first in the environment, "
                "run `cases rotate_keys`, then remove the old keys from the environment."
            )
        path = crypto._key_file()
        if generate:
            keys = [crypto.generate_key(), *keys]
            crypto.write_key_file(path, keys)
            self.stdout.write(f"New primary key written to {path}")
        counts = crypto.reencrypt_all()
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n} rows re-encrypted")
        if retire_old and len(keys) > 1:
            crypto.write_key_file(path, keys[:1])
            self.stdout.write(f"Retired {len(keys) - 1} old key(s)")
        audit.record(
            actor=SystemActor.cli("rotate_keys"),
            action="crypto.rotate",
            object_type="crypto.fieldkeys",
            detail={"rows": counts, "generated": generate, "retired": retire_old},
        )

    # -- retention ------------------------------------------------------------------
    def do_retention(self, *, dry_run=False, today=None, **_):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today: use YYYY-MM-DD") from exc
        counts = services.retention_run(
            actor=SystemActor.cli("retention"), today=day, dry_run=dry_run
        )
        prefix = "(dry run) " if dry_run else ""
        self.stdout.write(
            f"{prefix}pseudonymised {counts['pseudonymised']}, erased {counts['erased']}, "
            f"kept {counts['kept']}"
        )

    def do_retention_set(self, *, org_slug, purpose, days, user, **_):
        actor = get_user_model().objects.filter(username=user).first()
        org = Organisation.objects.filter(slug=org_slug).first()
        if actor is None or org is None:
            raise CommandError("Unknown user or organisation")
        try:
            services.retention_period_set(actor=actor, organisation=org, purpose=purpose, days=days)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user} may not change retention periods of {org_slug}") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{org_slug}: {purpose} kept {days} days after closure")

    # -- subject access and erasure ---------------------------------------------------
    def _case_and_user(self, case_uuid: str, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}")
        try:
            case = Case.objects.select_related("organisation").get(uuid=case_uuid)
        except (Case.DoesNotExist, ValidationError, ValueError) as exc:
            raise CommandError("No such case") from exc
        return case, user

    def do_export(self, *, case_uuid, user, output=None, **_):
        case, actor = self._case_and_user(case_uuid, user)
        try:
            data = selectors.case_subject_access_export(actor=actor, case=case)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user} may not export this case") from exc
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            (self.stdout or sys.stdout).write(text)

    def do_erase(self, *, case_uuid, user, reason, **_):
        case, actor = self._case_and_user(case_uuid, user)
        number = case.case_number
        try:
            services.case_erase(actor=actor, case=case, reason=reason)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user} may not erase this case") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Erased case {number}")
