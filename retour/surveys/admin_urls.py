from django.urls import path

from . import admin_forms, admin_servers, admin_views, admin_views_definitions

app_name = "surveys_admin"
urlpatterns = [
    path("", admin_views.rounds, name="rounds"),
    path("rounds/schedule/", admin_views.rounds_schedule, name="rounds-schedule"),
    path("rounds/<uuid:monitoringround_uuid>/entry/", admin_views.round_entry, name="round-entry"),
    path("forms/", admin_forms.survey_forms, name="forms"),
    path("forms/upload/", admin_forms.survey_form_upload, name="form-upload"),
    path("forms/<uuid:surveyform_uuid>/", admin_forms.survey_form_detail, name="form-detail"),
    path("imports/", admin_views.imports, name="imports"),
    path("servers/", admin_servers.servers, name="servers"),
    path("servers/<uuid:surveyserver_uuid>/", admin_servers.server_detail, name="server-detail"),
    path("servers/<uuid:surveyserver_uuid>/pull/", admin_servers.server_pull, name="server-pull"),
    path(
        "servers/<uuid:surveyserver_uuid>/delete/",
        admin_servers.server_delete,
        name="server-delete",
    ),
    path("imports/<uuid:importjob_uuid>/", admin_views.import_job, name="import-job"),
    path(
        "imports/<uuid:importjob_uuid>/progress/",
        admin_views.import_progress,
        name="import-progress",
    ),
    path("analytics/", admin_views.analytics, name="analytics"),
    path("analytics/export/", admin_views.analytics_export, name="analytics-export"),
    path("analytics/drivers/", admin_views.drivers, name="drivers"),
    path("definitions/", admin_views.definitions, name="definitions"),
    path(
        "definitions/write/",
        admin_views_definitions.definition_write,
        name="definition-write",
    ),
    path(
        "definitions/<uuid:indexdefinition_uuid>/recompute/",
        admin_views.definition_recompute,
        name="definition-recompute",
    ),
]
