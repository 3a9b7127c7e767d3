"""Caseworker views, mounted in the Wagtail admin at /admin/cases/ (see wagtail_hooks)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from retour.orgs.scoped import refuse_patterns_as_403

from . import admin_views as v
from . import admin_views_retention
from .admin_lists import CaseListView

app_name = "cases_admin"
_urlpatterns = [
    path("", CaseListView.as_view(), name="list"),
    path("new/", v.case_create, name="create"),
    path("retention/", admin_views_retention.retention, name="retention"),
    # Pages that may show identifying data are never cached by browsers or proxies.
    path("<uuid:case_uuid>/", never_cache(v.case_detail), name="detail"),
    path("<uuid:case_uuid>/edit/", v.case_edit, name="edit"),
    path("<uuid:case_uuid>/stage/", v.case_stage, name="stage"),
    path("<uuid:case_uuid>/vulnerabilities/", v.case_vulnerabilities, name="vulnerabilities"),
    path("<uuid:case_uuid>/identity/", never_cache(v.case_identity), name="identity"),
    path("<uuid:case_uuid>/consents/", v.consent_record, name="consent"),
    path(
        "<uuid:case_uuid>/consents/<uuid:consent_uuid>/withdraw/",
        v.consent_withdraw,
        name="consent-withdraw",
    ),
    path("<uuid:case_uuid>/handover/", v.case_handover, name="handover"),
    path("<uuid:case_uuid>/export/", never_cache(v.case_export), name="export"),
]

# Wagtail turns PermissionDenied into a redirect to the dashboard; a member lacking
# the permission should get an honest 403 instead, as everywhere else in Retour.
urlpatterns = refuse_patterns_as_403(_urlpatterns)
