"""`retour doctor`: what is configured, what is missing, what is pending."""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

from django.conf import settings
from django.core.management import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Report the configuration and database in use, pending migrations and optional services."

    def handle(self, *args, **options):
        ok, warn, bad = "ok  ", "warn", "FAIL"
        rows: list[tuple[str, str, str]] = []
        rows.append((ok, "settings", os.environ.get("DJANGO_SETTINGS_MODULE", "?")))
        rows.append((ok if not settings.DEBUG else warn, "DEBUG", str(settings.DEBUG)))
        db = settings.DATABASES["default"]
        vendor = connection.vendor
        try:
            connection.ensure_connection()
            detail = (
                db["NAME"]
                if vendor == "sqlite"
                else f"{db.get('HOST')}:{db.get('PORT')}/{db['NAME']}"
            )
            if vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA journal_mode")
                    detail += f" (journal_mode={cursor.fetchone()[0]})"
            rows.append((ok, f"database ({vendor})", detail))
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            rows.append(
                (
                    ok if not plan else warn,
                    "migrations",
                    "up to date" if not plan else f"{len(plan)} pending: run `retour migrate`",
                )
            )
        except Exception as exc:
            rows.append((bad, f"database ({vendor})", str(exc).splitlines()[0]))
        redis_url = getattr(settings, "REDIS_URL", "")
        if redis_url:
            rows.append((ok if _reachable(redis_url, 6379) else bad, "cache (Redis)", redis_url))
        else:
            rows.append(
                (warn, "cache", "in-process (set REDIS_URL to share rate limits across servers)")
            )
        keys = bool(settings.RETOUR_FIELD_KEYS) or settings.RETOUR_FIELD_KEY_FILE.exists()
        rows.append(
            (
                ok if keys else warn,
                "field encryption keys",
                "configured"
                if keys
                else f"none yet; dev key file will be created at {settings.RETOUR_FIELD_KEY_FILE}",
            )
        )
        rows.append(
            (
                ok if settings.RETOUR_HASH_KEY else warn,
                "chat hash key",
                "set"
                if settings.RETOUR_HASH_KEY
                else "RETOUR_HASH_KEY not set (derived from SECRET_KEY)",
            )
        )
        search = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        rows.append((ok, "search backend", search))
        chromium = shutil.which("chromium") or (
            os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium"
        )
        rows.append(
            (
                ok if chromium else warn,
                "chromium (browser tests, print)",
                chromium or "not installed: apt-get install chromium",
            )
        )
        email = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
        rows.append((ok if email == "smtp" else warn, "e-mail", settings.EMAIL_BACKEND))
        for status, name, detail in rows:
            self.stdout.write(f"[{status}] {name:34} {detail}")
        if any(r[0] == bad for r in rows):
            raise SystemExit(1)
