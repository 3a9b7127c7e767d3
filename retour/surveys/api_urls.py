"""API routes of the surveys app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("surveys/rates/", api.RatesView.as_view(), name="surveys-rates"),
    path("surveys/rounds/summary/", api.RoundsSummaryView.as_view(), name="surveys-rounds-summary"),
    path("surveys/definitions/", api.DefinitionsView.as_view(), name="surveys-definitions"),
]
