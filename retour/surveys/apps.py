from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "retour.surveys"
    label = "surveys"
    verbose_name = "Monitoring surveys"

    def ready(self):
        from django.db.models.signals import post_save

        from retour.cases.models import Case

        from . import signals

        post_save.connect(signals.case_saved, sender=Case, dispatch_uid="surveys-case-retention")
