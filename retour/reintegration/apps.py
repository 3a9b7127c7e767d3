from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "retour.reintegration"
    label = "reintegration"
    verbose_name = "Reintegration assistance and referrals"
    default_auto_field = "django.db.models.BigAutoField"
