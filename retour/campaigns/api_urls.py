"""API routes of the campaigns app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("campaigns/", api.CampaignListView.as_view(), name="campaigns"),
    path("campaigns/<uuid:campaign_uuid>/", api.CampaignDetailView.as_view(), name="campaign"),
]
