from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "retour.orgs"
    label = "orgs"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from retour.core import two_factor as core_two_factor

        from . import signals  # noqa: F401
        from .two_factor import needs_two_factor

        core_two_factor.register_requirement("orgs.permissions", needs_two_factor)
