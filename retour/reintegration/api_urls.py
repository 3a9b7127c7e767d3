"""API routes of the reintegration app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "cases/<uuid:case_uuid>/assistance/",
        api.CaseAssistanceList.as_view(),
        name="reintegration-case-assistance",
    ),
    path("referrals/sent/", api.ReferralSentList.as_view(), name="reintegration-referrals-sent"),
    path(
        "referrals/received/",
        api.ReferralReceivedList.as_view(),
        name="reintegration-referrals-received",
    ),
    path(
        "referrals/<uuid:referral_uuid>/",
        api.ReferralDetail.as_view(),
        name="reintegration-referral-detail",
    ),
]
