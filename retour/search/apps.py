from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "retour.search"
    label = "search"
