"""`retour serve`: gunicorn in front of the WSGI app, static files via whitenoise."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import BaseCommand


class Command(BaseCommand):
    help = "Run the production-grade server (gunicorn; static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("RETOUR_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("RETOUR_WORKERS", "0")) or None
        )
        parser.add_argument("--settings-module", dest="settings_module", default="")
        parser.add_argument(
            "--no-worker",
            action="store_false",
            dest="worker",
            help="Do not start a background worker beside the server (run `retour worker`).",
        )

    def handle(self, *args, **options):
        from gunicorn.app.base import BaseApplication

        workers = options["workers"] or (os.cpu_count() or 1) * 2 + 1
        settings_module = options["settings_module"] or os.environ.get(
            "DJANGO_SETTINGS_MODULE", "config.settings.dev"
        )
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
        self.stdout.write(
            f"Serving Retour on http://{options['bind']}/ with {workers} workers "
            f"({settings_module}, database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )

        config = {
            "bind": options["bind"],
            "workers": workers,
            "threads": 2,
            "timeout": 60,
            "graceful_timeout": 20,
            "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            # Load the app once in the master, then fork: the language
            # detector's models (about 200 MB) are shared between workers
            # instead of loaded by each, and no reader waits for them.
            "preload_app": True,
        }
        if settings.DEBUG:
            config["accesslog"] = "-"
        if options.get("worker", True):
            import atexit

            from retour.platform.embedded import EmbeddedWorker

            # Started in the master only: forked gunicorn workers never run jobs.
            embedded = EmbeddedWorker(settings_module=settings_module)
            embedded.start()
            atexit.register(embedded.stop)
            self.stdout.write("Background worker started (disable with --no-worker).")

        class App(BaseApplication):
            # BaseApplication, not WSGIApplication: the latter would parse our argv.
            def load_config(self):
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self):
                from django.db import connections

                from config.wsgi import application
                from retour.core import language

                language.warm_up()
                # Workers must open their own database connections, never
                # inherit one opened in the master before the fork.
                connections.close_all()
                return application

        App().run()
