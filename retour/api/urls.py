"""/api/v1/: one OpenAPI document over every app's routes."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include("retour.content.api_urls")),
    path("", include("retour.search.api_urls")),
    path("", include("retour.channels.api_urls")),
    path("", include("retour.campaigns.api_urls")),
    path("", include("retour.cases.api_urls")),
    path("", include("retour.surveys.api_urls")),
    path("", include("retour.reintegration.api_urls")),
]
