from django.urls import path

from . import admin_views as v
from . import admin_views_analysis as a

app_name = "campaigns_admin"
urlpatterns = [
    path("", v.campaign_list, name="list"),
    path("add/", v.campaign_create, name="add"),
    path("import/", v.campaign_import, name="import"),
    path("export/", v.campaign_export, name="export"),
    path("analytics/", a.analytics, name="analytics"),
    path("statistics/", a.statistics, name="statistics"),
    path("surveys/", a.survey_list, name="surveys"),
    path("surveys/<uuid:surveystudy_uuid>/", a.survey_detail, name="survey"),
    path("surveys/<uuid:surveystudy_uuid>/delete/", a.survey_delete, name="survey-delete"),
    path("<uuid:campaign_uuid>/", v.campaign_detail, name="detail"),
    path("<uuid:campaign_uuid>/edit/", v.campaign_edit, name="edit"),
    path("<uuid:campaign_uuid>/delete/", v.campaign_delete, name="delete"),
    path("<uuid:campaign_uuid>/impact/", a.campaign_impact, name="impact"),
    path("<uuid:campaign_uuid>/surveys/add/", a.survey_upload, name="survey-add"),
]
