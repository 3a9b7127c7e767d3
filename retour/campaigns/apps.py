from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "retour.campaigns"
    label = "campaigns"
