from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "retour.cases"
    label = "cases"
