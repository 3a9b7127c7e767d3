"""API routes of the content app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("content/pages/", api.PageListView.as_view(), name="content-pages"),
    path(
        "content/pages/<uuid:translation_key>/",
        api.PageDetailView.as_view(),
        name="content-page",
    ),
    path(
        "content/programmes/suggest/",
        api.SupportSuggestView.as_view(),
        name="content-programmes-suggest",
    ),
    path("content/service-points/hsds/", api.HsdsExportView.as_view(), name="content-hsds"),
]
