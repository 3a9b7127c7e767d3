from django.urls import path

from . import admin_views

app_name = "search_admin"
urlpatterns = [
    path("", admin_views.gaps, name="gaps"),
    path("export.csv", admin_views.gaps_csv, name="gaps-csv"),
    path("draft/", admin_views.gap_draft, name="gap-draft"),
]
