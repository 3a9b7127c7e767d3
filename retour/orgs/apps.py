from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "retour.orgs"
    label = "orgs"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from . import signals  # noqa: F401
