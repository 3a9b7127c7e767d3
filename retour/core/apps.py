from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "retour.core"
    label = "core"
    verbose_name = "Retour core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .private_files import sqlite_connection_private
        from .sites import sites_changed

        # The SQLite file holds every case: owner-only, whoever created it.
        connection_created.connect(sqlite_connection_private, dispatch_uid="retour-sqlite-0600")
        post_save.connect(sites_changed, sender=Site, dispatch_uid="retour-site-cache-save")
        post_delete.connect(sites_changed, sender=Site, dispatch_uid="retour-site-cache-delete")
