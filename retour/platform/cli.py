"""The ``retour`` console script: a thin front over Django management commands.

``retour demo`` / ``retour serve`` / ``retour doctor`` / ``retour content …`` map
to the management commands of the same name, so the admin, the CLI and the
tests share the same code paths (services and the permission policy).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(
            "usage: retour COMMAND [options]\n\n"
            "  demo      migrate, load demo data and serve on http://127.0.0.1:8000\n"
            "  serve     production server (gunicorn + whitenoise) and one background worker\n"
            "  worker    run background jobs and schedules (any number share the queue)\n"
            "  doctor    report configuration, database and optional services\n"
            "  totp      current two-factor code of a demo/dev user (retour totp USERNAME)\n"
            "  content   export/import/digest the knowledge base\n"
            "  cases     rotate_keys | retention | retention_set | export | erase (case records)\n"
            "  campaigns import statistics, load the curated EMN campaigns, export\n\n"
            "Any other Django management command works too, e.g. `retour migrate`."
        )
        return
    execute_from_command_line(["retour", *argv])


if __name__ == "__main__":
    main()
