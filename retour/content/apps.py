from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "retour.content"
    label = "content"
    verbose_name = _("Return information portal")

    def ready(self):
        from . import permissions, signals  # noqa: F401

        # Before any view asks the registry: the org boundary of the page tree.
        permissions.register()
