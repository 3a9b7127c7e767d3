"""Monitoring rounds and survey imports on the admin view layer (retour.orgs.scoped).

Both used to be hand-written views that cut the list at 500 and 50 rows; now
they page, sort, search and filter like every other staff list, and the
organisation, the policy and the 403 come from :class:`OrgListView`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from retour.core.tabular import csv_response
from retour.orgs import policy
from retour.orgs.scoped import BulkAction, Column, ListFilter, OrgListView

from . import selectors
from .models import ImportJob, ImportStatus, MonitoringRound, RoundStatus, SubmissionSource

OVERDUE, SCHEDULED, ALL = "overdue", "scheduled", "all"
ROUNDS_CSV_HEADER = ["case_number", "country_of_return", "months_after_arrival", "due_on", "status"]


def _rounds_csv(view: OrgListView, rows: QuerySet[MonitoringRound]) -> HttpResponse:
    """Case numbers, due dates and status: what a caseworker plans calls with, no answers."""
    rows = rows.select_related("case")
    return csv_response(
        "monitoring-rounds.csv",
        ROUNDS_CSV_HEADER,
        (
            [
                r.case.case_number,
                r.case.country_of_return,
                r.months_after_arrival,
                r.due_on,
                r.status,
            ]
            for r in rows
        ),
    )


def _months_choices(view: OrgListView) -> list[tuple[str, Any]]:
    return [(str(m), _("%(m)s months") % {"m": m}) for m in (3, 6, 12)]


def _with_days_late(round_: MonitoringRound, today: Any) -> MonitoringRound:
    round_.days_late = selectors.days_overdue(round_, today)  # type: ignore[attr-defined]
    return round_


class RoundListView(OrgListView):
    """``?show=overdue`` (default), ``scheduled`` or ``all``: three views of one list."""

    model = MonitoringRound
    permission = "surveys.view_monitoringround"
    template_name = "surveys/admin/rounds.html"
    search_fields = ("case__case_number",)
    sort_fields = {"due": "due_on", "case": "case__case_number", "months": "months_after_arrival"}
    default_sort = "due"
    keep_params = ("show",)
    columns = (
        Column(_("Case"), "case"),
        Column(_("Country")),
        Column(_("Round"), "months"),
        Column(_("Due"), "due"),
        Column(_("Status")),
        Column(_("Days overdue")),
        Column(_("Actions")),
    )
    filters = (
        ListFilter(
            "months",
            _("Round"),
            _months_choices,
            lambda qs, v: qs.filter(months_after_arrival=int(v)),
        ),
    )
    bulk_actions = (
        BulkAction("export", _("Export CSV"), "surveys.view_monitoringround", _rounds_csv),
    )

    def show(self) -> str:
        wanted = self.request.GET.get("show", OVERDUE)
        return wanted if wanted in (OVERDUE, SCHEDULED, ALL) else OVERDUE

    def get_base_queryset(self) -> QuerySet[MonitoringRound]:
        show = self.show()
        return selectors.rounds_for_org(
            self.org,
            status="" if show == ALL else RoundStatus.SCHEDULED,
            overdue_only=show == OVERDUE,
            today=timezone.localdate(),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            {
                "title": _("Monitoring rounds"),
                "icon": "date",
                "show": self.show(),
                "rows": [_with_days_late(r, today) for r in context["page"]],
                "overdue": selectors.overdue_count(self.org, today),
                "can_schedule": self.can("surveys.change_monitoringround"),
                "can_enter": self.can("surveys.add_submission"),
            }
        )
        return context


class ImportListView(OrgListView):
    """Past imports, paged and filtered, under the upload form (POST uploads).

    The upload itself stays in admin_views (``start``): this class only owns the
    list, so a failed upload shows its errors above the same list.
    """

    model = ImportJob
    permission = "surveys.view_importjob"
    template_name = "surveys/admin/imports.html"
    search_fields = ("filename",)
    sort_fields = {"when": "created_at", "file": "filename", "rows": "total_rows"}
    default_sort = "-when"
    columns = (
        Column(_("File"), "file"),
        Column(_("Source")),
        Column(_("Status")),
        Column(_("Rows"), "rows"),
        Column(_("Imported")),
        Column(_("Problems")),
        Column(_("When"), "when"),
    )
    filters = (
        ListFilter("status", _("Status"), ImportStatus.choices, lambda qs, v: qs.filter(status=v)),
        ListFilter(
            "source", _("Source"), SubmissionSource.choices, lambda qs, v: qs.filter(source=v)
        ),
    )
    # Set by admin_views.imports: the bound upload form and whether it failed.
    upload: Any = None

    def get_base_queryset(self) -> QuerySet[ImportJob]:
        return selectors.import_jobs_for_org(self.org)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # admin_views.imports handled the upload; a POST reaching the list is
        # one that failed, shown again with its errors above the list.
        response = self.get(request, *args, **kwargs)
        if self.upload is not None and self.upload.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Import submissions"),
                "icon": "upload",
                "upload": self.upload,
                "jobs": context["page"],
                "can_import": policy.has_perm(
                    self.request.user, "surveys.add_importjob", org=self.org
                ),
            }
        )
        return context
