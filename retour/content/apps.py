from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "retour.content"
    label = "content"
