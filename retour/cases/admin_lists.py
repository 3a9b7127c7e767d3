"""The case list on the admin view layer (retour.orgs.scoped): filters, sorting, bulk actions."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from retour.core.tabular import csv_response, xlsx_response
from retour.orgs.models import Membership
from retour.orgs.scoped import BulkAction, Column, ListFilter, OrgListView

from . import riat, selectors, services
from .models import Case, Stage, Vulnerability

UNASSIGNED = "none"

CSV_HEADER = [
    "case_number", "stage", "country_of_return", "region_of_return", "arrival_date",
    "returned_to_community_of_origin", "gender", "age_band", "vulnerabilities", "opened_on",
    "closed_on", "assigned", "is_sample",
]  # fmt: skip


def _csv_row(c: Case) -> list[Any]:
    vulnerabilities = ";".join(v.kind for v in c.vulnerabilities.all())
    return [
        c.case_number, c.stage, c.country_of_return, c.region_of_return, c.arrival_date or "",
        c.returned_to_community_of_origin, c.gender, c.age_band, vulnerabilities, c.opened_on,
        c.closed_on or "", bool(c.assigned_to_id), c.is_sample,
    ]  # fmt: skip


def cases_csv(rows: QuerySet[Case], *, filename: str = "cases.csv") -> HttpResponse:
    """Pseudonymous list export: no identity, no free text, no assignee's name."""
    return csv_response(filename, CSV_HEADER, (_csv_row(c) for c in rows.iterator(chunk_size=500)))


def _assignee_choices(view: OrgListView) -> list[tuple[str, Any]]:
    cached = view.__dict__.get("_assignees")
    if cached is not None:
        return cached
    members = services.case_assignees(view.org)
    view.__dict__["_assignees"] = choices = [
        (UNASSIGNED, _("Nobody")),
        *((str(m.uuid), m.user.get_full_name() or m.user.username) for m in members),
    ]
    return choices


def _country_choices(view: OrgListView) -> list[tuple[str, Any]]:
    codes = (
        Case.objects.for_org(view.org)
        .exclude(country_of_return="")
        .order_by("country_of_return")
        .values_list("country_of_return", flat=True)
        .distinct()
    )
    return [(code, code) for code in codes]


def _by_assignee(qs: QuerySet[Case], value: str) -> QuerySet[Case]:
    if value == UNASSIGNED:
        return qs.filter(assigned_to__isnull=True)
    return qs.filter(assigned_to__uuid=value)


def _bulk_assign(view: OrgListView, rows: QuerySet[Case]) -> None:
    request = view.request
    value = request.POST.get("assign_to", "")
    if not value:
        messages.error(request, _("Choose a caseworker (or “Nobody”) to assign to."))
        return None
    membership = None
    if value != UNASSIGNED:
        try:
            membership = services.case_assignees(view.org).get(uuid=uuid.UUID(value))
        except (ValueError, Membership.DoesNotExist):
            messages.error(request, _("Choose a caseworker of your organisation."))
            return None
    done = 0
    for case in rows.select_related("assigned_to"):
        services.case_assign(actor=view.actor, case=case, membership=membership)
        done += 1
    messages.success(
        request, ngettext("%(n)d case assigned.", "%(n)d cases assigned.", done) % {"n": done}
    )
    return None


def _bulk_close(view: OrgListView, rows: QuerySet[Case]) -> None:
    """Close each case; one without a final report needs the text typed here."""
    request = view.request
    report = request.POST.get("final_report", "").strip()[:5000] or None
    closed, refused = 0, []
    for case in rows.exclude(stage=Stage.CLOSED):
        try:
            services.case_stage_set(
                actor=view.actor, case=case, stage=Stage.CLOSED, final_report=report
            )
        except ValidationError as exc:
            refused.append(f"{case.case_number}: {'; '.join(exc.messages)}")
        else:
            closed += 1
    if closed:
        messages.success(
            request, ngettext("%(n)d case closed.", "%(n)d cases closed.", closed) % {"n": closed}
        )
    for line in refused[:20]:
        messages.error(request, _("Not closed: %(why)s") % {"why": line})
    return None


def _bulk_export(view: OrgListView, rows: QuerySet[Case]) -> HttpResponse:
    return cases_csv(rows.prefetch_related("vulnerabilities"), filename="cases-selected.csv")


def riat_download(rows: QuerySet[Case], *, fmt: str) -> HttpResponse:
    """What a RIAT report needs (retour.cases.riat), as CSV or XLSX."""
    if fmt == "xlsx":
        return xlsx_response("riat-key-moments.xlsx", "RIAT", riat.HEADER, riat.riat_rows(rows))
    return csv_response("riat-key-moments.csv", riat.HEADER, riat.riat_rows(rows))


def _bulk_riat(view: OrgListView, rows: QuerySet[Case]) -> HttpResponse:
    return riat_download(rows, fmt="xlsx")


class CaseListView(OrgListView):
    model = Case
    permission = "cases.view_case"
    template_name = "cases/admin/list.html"
    paginate_by = 50
    search_fields = ("case_number", "region_of_return")
    sort_fields = {
        "case": "case_number",
        "stage": "stage",
        "country": ("country_of_return", "region_of_return"),
        "opened": "opened_on",
    }
    default_sort = "-opened"
    columns = (
        Column(_("Case"), "case"),
        Column(_("Stage"), "stage"),
        Column(_("Return"), "country"),
        Column(_("Vulnerabilities")),
        Column(_("Assigned to")),
        Column(_("Assistance items")),
        Column(_("Opened"), "opened"),
    )
    filters = (
        ListFilter("stage", _("Stage"), Stage.choices, lambda qs, v: qs.filter(stage=v)),
        ListFilter("assignee", _("Assigned to"), _assignee_choices, _by_assignee),
        ListFilter(
            "country", _("Country"), _country_choices, lambda qs, v: qs.filter(country_of_return=v)
        ),
        ListFilter(
            "vulnerability",
            _("Vulnerability"),
            Vulnerability.choices,
            lambda qs, v: qs.filter(vulnerabilities__kind=v),
        ),
    )
    bulk_actions = (
        BulkAction("assign", _("Assign to…"), "cases.change_case", _bulk_assign, ("assign_to",)),
        BulkAction("export", _("Export CSV (pseudonymous)"), "cases.view_case", _bulk_export),
        BulkAction("riat", _("RIAT Key Moments (XLSX)"), "cases.view_case", _bulk_riat),
        BulkAction("close", _("Close"), "cases.change_case", _bulk_close, ("final_report",)),
    )

    def get_base_queryset(self) -> QuerySet[Case]:
        return selectors.cases_for_org(self.org).select_related("assigned_to__user")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("format", "")
        if fmt == "csv":
            return cases_csv(self.get_queryset())
        if fmt in ("riat-csv", "riat-xlsx"):
            return riat_download(self.get_queryset(), fmt=fmt.removeprefix("riat-"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Cases"),
                "icon": "folder-open-inverse",
                "stage_counts": selectors.stage_counts(self.org),
                "can_add": self.can("cases.add_case"),
                "can_see_retention": self.can("cases.view_retentionperiod"),
                "assignees": _assignee_choices(self),
            }
        )
        return context
