from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "retour.api"
    label = "api"
    verbose_name = "API"
