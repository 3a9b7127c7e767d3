from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "retour.channels"
    label = "channels"

    def ready(self) -> None:
        from retour.search.analytics import register_rumour_counter

        from .selectors import rumour_counts

        # The dissemination-gaps page counts the rumours counsellors mark here.
        register_rumour_counter("channels.rumours", rumour_counts)
