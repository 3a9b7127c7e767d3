from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "retour.surveys"
    label = "surveys"
