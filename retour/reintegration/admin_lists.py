"""Referral lists on the admin view layer: received (what consent shares) and sent."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from retour.core.tabular import csv_response
from retour.orgs.scoped import BulkAction, Column, ListFilter, OrgListView

from . import selectors
from .models import AssistanceType, DeclineReason, Referral, ReferralStatus

RECEIVED, SENT = "received", "sent"

SENT_CSV_HEADER = [
    "case_number", "to", "assistance_type", "status", "decline_reason", "sent_on",
    "answered_on", "completed_on", "assigned",
]  # fmt: skip


def _sent_row(r: Referral) -> list[Any]:
    return [
        r.case.case_number, r.destination, r.assistance_type, r.status, r.decline_reason,
        r.sent_on, r.answered_on or "", r.completed_on or "", bool(r.assigned_to_id),
    ]  # fmt: skip


def _sent_csv(view: OrgListView, rows: QuerySet[Referral]) -> HttpResponse:
    """The sender's own referrals: its case numbers, the partner's answer, no free text."""
    rows = rows.select_related("case", "to_organisation")
    return csv_response("referrals-sent.csv", SENT_CSV_HEADER, (_sent_row(r) for r in rows))


class ReferralListView(OrgListView):
    """``?box=received`` (default) or ``?box=sent``: two boxes, one list machinery.

    Received referrals belong to their sender; the receiver's rows come from
    ``selectors.referrals_received`` and are shown only as the consent-limited
    shared view, so the list never shows what the person did not agree to share
    (no case number unless the "profile" scope covers it, hence no search).
    """

    model = Referral
    permission = "reintegration.view_referral"
    template_name = "reintegration/admin/referrals.html"
    sort_fields = {"sent": "sent_on", "status": "status", "type": "assistance_type"}
    default_sort = "-sent"
    keep_params = ("box",)
    filters = (
        ListFilter(
            "status", _("Status"), ReferralStatus.choices, lambda qs, v: qs.filter(status=v)
        ),
        ListFilter(
            "type",
            _("Type"),
            AssistanceType.choices,
            lambda qs, v: qs.filter(assistance_type=v),
        ),
    )

    def box(self) -> str:
        return SENT if self.request.GET.get("box") == SENT else RECEIVED

    @property
    def search_fields(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("case__case_number",) if self.box() == SENT else ()

    @property
    def columns(self) -> tuple[Column, ...]:  # type: ignore[override]
        if self.box() == SENT:
            return (
                Column(_("Case")),
                Column(_("To")),
                Column(_("Type"), "type"),
                Column(_("Status"), "status"),
                Column(_("Reason if declined")),
                Column(_("Sent"), "sent"),
            )
        return (
            Column(_("From")),
            Column(_("Type"), "type"),
            Column(_("Status"), "status"),
            Column(_("Sent"), "sent"),
            Column(_("Shared")),
        )

    @property
    def bulk_actions(self) -> tuple[BulkAction, ...]:  # type: ignore[override]
        if self.box() == SENT:
            return (
                BulkAction("export", _("Export CSV"), "reintegration.view_referral", _sent_csv),
            )
        return ()

    def get_base_queryset(self) -> QuerySet[Referral]:
        if self.box() == SENT:
            return selectors.referrals_sent(self.org)
        return selectors.referrals_received(self.org)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page"]
        if self.box() == RECEIVED:
            # The consent-limited view of each row, in a fixed number of queries.
            ids = [r.pk for r in page.object_list]
            views = selectors.shared_views(Referral.objects.filter(pk__in=ids))
            by_uuid = {v["uuid"]: v for v in views}
            context["rows"] = [
                {
                    "uuid": r.uuid,
                    "shared": by_uuid[str(r.uuid)],
                    "status_label": ReferralStatus(r.status).label,
                    "decline_reason": DeclineReason(r.decline_reason).label
                    if r.decline_reason
                    else "",
                }
                for r in page.object_list
            ]
        context.update(
            {
                "title": _("Referrals"),
                "icon": "resubmit",
                "box": self.box(),
            }
        )
        return context
