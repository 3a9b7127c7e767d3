from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "retour.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
