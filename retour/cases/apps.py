from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "retour.cases"
    label = "cases"
    verbose_name = "Case records"
    default_auto_field = "django.db.models.BigAutoField"
