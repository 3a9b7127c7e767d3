from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "retour.reintegration"
    label = "reintegration"
    verbose_name = "Reintegration assistance and referrals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from retour.cases.panels import CasePanel, register_case_panel

        from .admin_views import case_panel_context

        register_case_panel(
            CasePanel(
                name="reintegration",
                template="reintegration/admin/_case_panel.html",
                context=case_panel_context,
            )
        )
