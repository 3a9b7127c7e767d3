from django.urls import path

from . import admin_views

app_name = "orgs_admin"
urlpatterns = [
    path("", admin_views.organisation_detail, name="organisation"),
    path("members/add/", admin_views.membership_add, name="membership-add"),
    path(
        "members/<uuid:membership_uuid>/remove/",
        admin_views.membership_remove,
        name="membership-remove",
    ),
    path("audit/", admin_views.AuditLogView.as_view(), name="audit"),
]
