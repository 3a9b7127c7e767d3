"""API routes of the cases app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("cases/", api.CaseListCreate.as_view(), name="cases-list"),
    path("cases/<uuid:case_uuid>/", api.CaseDetail.as_view(), name="cases-detail"),
    path("cases/<uuid:case_uuid>/identity/", api.CaseIdentityView.as_view(), name="cases-identity"),
]
