from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "retour.core"
    label = "core"
    verbose_name = "Retour core"
