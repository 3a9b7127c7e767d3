from importlib import import_module

from django.apps import AppConfig
from django.conf import settings


class JobsConfig(AppConfig):
    name = "retour.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        # Every process must know every job kind, not only the ones it has
        # enqueued: recovery retries or fails any kind of job.
        for app in settings.RETOUR_APPS:
            try:
                import_module(f"{app}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.tasks":
                    raise
