from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """The top floor: commands that start, check and demonstrate the whole site.

    Only this app may import every other Retour app (see the import contract in
    pyproject.toml); nothing imports it back.
    """

    name = "retour.platform"
    label = "platform"
    verbose_name = "Retour platform"
