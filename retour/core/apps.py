from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "retour.core"
    label = "core"
    verbose_name = "Retour core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .private_files import sqlite_connection_private

        # The SQLite file holds every case: owner-only, whoever created it.
        connection_created.connect(sqlite_connection_private, dispatch_uid="retour-sqlite-0600")
