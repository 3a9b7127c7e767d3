from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "retour.reintegration"
    label = "reintegration"
