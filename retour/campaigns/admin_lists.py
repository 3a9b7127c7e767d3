"""The campaign registry's list on the admin view layer (retour.orgs.scoped).

The registry is shared across the network (every member with
``view_campaign`` reads every organisation's records, each showing its
owner), so the base queryset is the shared one, not ``for_org``: the list
view still resolves the organisation, applies the policy and answers 403 the
one way, and pages, sorts, searches and filters like every staff list. Bulk
actions export the selected (or all matching) campaigns in the four formats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from retour.orgs.scoped import BulkAction, Column, ListFilter, OrgListView

from . import exchange, selectors
from .choices import EvaluationLevel
from .models import Campaign

# Formats: (label, content type, file extension, writer).
FORMATS: dict[str, tuple[Any, str, str, Callable[[list[Campaign]], Any]]] = {
    "docx": (
        _("Export: EMN template (DOCX)"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        exchange.to_docx,
    ),
    "xlsx": (
        _("Export: XLSX"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        exchange.to_xlsx,
    ),
    "csv": (
        _("Export: CSV"),
        "text/csv",
        "csv",
        lambda campaigns: exchange.to_csv(campaigns, "campaigns"),
    ),
    "json": (_("Export: JSON"), "application/json", "json", exchange.to_json),
}


def _exporter(fmt: str) -> Callable[[OrgListView, QuerySet[Campaign]], HttpResponse]:
    _label, content_type, ext, write = FORMATS[fmt]

    def run(view: OrgListView, rows: QuerySet[Campaign]) -> HttpResponse:
        campaigns = list(selectors.with_children(rows))
        response = HttpResponse(write(campaigns), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="campaigns.{ext}"'
        return response

    return run


# The registry and the portfolio analytics narrow campaigns the same way.
EVALUATION_FILTER = ListFilter(
    "level",
    _("Evaluation"),
    [(str(value), label) for value, label in EvaluationLevel.choices],
    lambda qs, v: qs.filter(evaluation_level=int(v)),
)


class CampaignFilters(forms.Form):
    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$", required=False, max_length=2, label=_("Country (ISO)")
    )


class CampaignListView(OrgListView):
    model = Campaign
    permission = "campaigns.view_campaign"
    template_name = "campaigns/admin/list.html"
    search_fields = ("title", "implementing_organisation", "objectives")
    sort_fields = {
        "title": "title",
        "start": "actual_start",
        "cost": "cost_total",
        "level": "evaluation_level",
        "owner": "organisation__name",
    }
    default_sort = "-start"
    columns = (
        Column(_("Title"), "title"),
        Column(_("Countries")),
        Column(_("Period"), "start"),
        Column(_("Cost"), "cost"),
        Column(_("Evaluation"), "level"),
        Column(_("Owner"), "owner"),
    )
    filters = (EVALUATION_FILTER,)
    filter_form_class = CampaignFilters
    bulk_actions = tuple(
        BulkAction(fmt, label, "campaigns.view_campaign", _exporter(fmt))
        for fmt, (label, _ct, _ext, _write) in FORMATS.items()
    )

    def get_base_queryset(self) -> QuerySet[Campaign]:
        # Shared across the network on purpose (see the module docstring).
        return selectors.campaigns_shared()

    def filter_with_form(self, qs: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
        country = data.get("country", "")
        if country:
            # As selectors.campaigns_shared: a text match on the quoted code
            # works on both databases (JSON containment is not portable).
            qs = qs.filter(countries__icontains=f'"{country.upper()}"')
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Campaign registry"),
                "icon": "pick",
                "can_add": self.can("campaigns.add_campaign"),
                "can_import": self.can("campaigns.import_campaigns"),
            }
        )
        return context
