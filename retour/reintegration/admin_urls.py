"""Assistance and referral views, mounted in the Wagtail admin at /admin/reintegration/."""

from django.urls import path

from retour.orgs.scoped import refuse_patterns_as_403

from . import admin_views as v
from .admin_lists import ReferralListView

app_name = "reintegration_admin"
_urlpatterns = [
    path("cases/<uuid:case_uuid>/assistance/", v.assistance_create, name="assistance-create"),
    path(
        "assistance/<uuid:assistance_item_uuid>/deliver/",
        v.assistance_deliver,
        name="assistance-deliver",
    ),
    path("cases/<uuid:case_uuid>/referrals/", v.referral_create, name="referral-create"),
    path("referrals/", ReferralListView.as_view(), name="referrals"),
    path("referrals/<uuid:referral_uuid>/", v.referral_detail, name="referral"),
    path("referrals/<uuid:referral_uuid>/status/", v.referral_status, name="referral-status"),
    path("referrals/<uuid:referral_uuid>/assign/", v.referral_assign, name="referral-assign"),
]

# Wagtail turns PermissionDenied into a redirect to the dashboard; a member lacking
# the permission should get an honest 403 instead, as everywhere else in Retour.
urlpatterns = refuse_patterns_as_403(_urlpatterns)
