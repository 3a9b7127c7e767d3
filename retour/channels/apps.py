from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "retour.channels"
    label = "channels"
