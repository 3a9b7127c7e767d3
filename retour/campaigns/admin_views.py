"""Staff views of the campaign registry, in the Wagtail admin.

Thin: parse input, check the policy, call a service or selector, render.
Reads of campaign records are network-wide (the registry is shared); every
write looks the campaign up with ``for_org(request.org)`` so another
organisation's record answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from retour.orgs import policy
from retour.orgs.scoped import refuse_as_403, require_org

from . import admin_lists, exchange, selectors, services
from .choices import EvaluationLevel
from .forms import (
    AudienceFormSet,
    CampaignForm,
    CostFormSet,
    ImportForm,
    ReachFormSet,
    formset_items,
)
from .models import Campaign
from .schema import ImportRejected, Problem

MAX_UPLOAD = 20 * 1024 * 1024
EXPORT_TYPES = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def require_reader(request) -> None:
    """Any member holding view_campaign in their active organisation reads the registry."""
    if not policy.has_perm(request.user, "campaigns.view_campaign", org=require_org(request)):
        raise PermissionDenied


def _filtered(request):
    return selectors.campaigns_shared(
        search=request.GET.get("q", "")[:100],
        country=request.GET.get("country", "")[:2],
        level=request.GET.get("level", "")[:1],
    )


# The registry list lives on the admin view layer (admin_lists.CampaignListView).
campaign_list = admin_lists.CampaignListView.as_view()


@refuse_as_403
def campaign_detail(request, campaign_uuid):
    require_reader(request)
    campaign = selectors.campaign_for_read(campaign_uuid)
    org = require_org(request)
    return render(
        request,
        "campaigns/admin/detail.html",
        {
            "campaign": campaign,
            "can_change": policy.has_perm(request.user, "campaigns.change_campaign", obj=campaign),
            "can_delete": policy.has_perm(request.user, "campaigns.delete_campaign", obj=campaign),
            "can_survey": policy.has_perm(request.user, "campaigns.add_surveystudy", obj=campaign),
            "can_analyse": policy.has_perm(
                request.user, "campaigns.view_campaign_analytics", org=org
            ),
            "studies": selectors.studies_for_org(org).filter(campaign=campaign),
            "level": EvaluationLevel(campaign.evaluation_level),
        },
    )


def _edit_context(request, form, costs, reach, audiences, problems=(), campaign=None):
    return {
        "form": form,
        "costs": costs,
        "reach": reach,
        "audiences": audiences,
        "problems": problems,
        "campaign": campaign,
    }


def _bound(request, initial=None):
    data = request.POST if request.method == "POST" else None
    rec = initial or {}
    return (
        CampaignForm(data, initial=CampaignForm.initial_from(rec) if rec else None),
        CostFormSet(data, prefix="costs", initial=rec.get("costs")),
        ReachFormSet(data, prefix="reach", initial=rec.get("reach")),
        AudienceFormSet(data, prefix="audiences", initial=rec.get("audiences")),
    )


def _record_from(form, costs, reach, audiences) -> dict:
    record = form.record()
    record["costs"] = formset_items(costs)
    record["reach"] = formset_items(reach)
    record["audiences"] = formset_items(audiences)
    return record


@refuse_as_403
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    org = require_org(request)
    policy.require(request.user, "campaigns.add_campaign", org=org)
    form, costs, reach, audiences = _bound(request)
    problems: list[Problem] = []
    if request.method == "POST" and all(f.is_valid() for f in (form, costs, reach, audiences)):
        record = _record_from(form, costs, reach, audiences)
        record["provenance"] = "entered"
        try:
            campaign = services.campaign_create(actor=request.user, organisation=org, data=record)
        except ImportRejected as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("campaigns_admin:detail", campaign_uuid=campaign.uuid)
    return render(
        request,
        "campaigns/admin/edit.html",
        _edit_context(request, form, costs, reach, audiences, problems),
    )


@refuse_as_403
@require_http_methods(["GET", "POST"])
def campaign_edit(request, campaign_uuid):
    campaign = selectors.campaign_for_owner(require_org(request), campaign_uuid)
    policy.require(request.user, "campaigns.change_campaign", obj=campaign)
    form, costs, reach, audiences = _bound(request, exchange.campaign_record(campaign))
    problems: list[Problem] = []
    if request.method == "POST" and all(f.is_valid() for f in (form, costs, reach, audiences)):
        record = _record_from(form, costs, reach, audiences)
        try:
            services.campaign_update(actor=request.user, campaign=campaign, data=record)
        except ImportRejected as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("campaigns_admin:detail", campaign_uuid=campaign.uuid)
    return render(
        request,
        "campaigns/admin/edit.html",
        _edit_context(request, form, costs, reach, audiences, problems, campaign),
    )


@refuse_as_403
@require_http_methods(["GET", "POST"])
def campaign_delete(request, campaign_uuid):
    campaign = selectors.campaign_for_owner(require_org(request), campaign_uuid)
    policy.require(request.user, "campaigns.delete_campaign", obj=campaign)
    if request.method == "POST":
        services.campaign_delete(actor=request.user, campaign=campaign)
        messages.success(request, _("Campaign deleted."))
        return redirect("campaigns_admin:list")
    return render(request, "campaigns/admin/delete.html", {"campaign": campaign})


def _read_upload(upload) -> bytes:
    if upload.size > MAX_UPLOAD:
        raise ImportRejected([Problem("file", "", upload.name, "larger than 20 MB")])
    return upload.read()


def records_from_upload(form) -> list[dict]:
    upload = form.cleaned_data["file"]
    name = upload.name.lower()
    data = _read_upload(upload)
    if name.endswith(".json"):
        return exchange.records_from_json(data)
    if name.endswith(".xlsx"):
        return exchange.records_from_tables(exchange.read_xlsx(data))
    if name.endswith(".csv"):
        tables = {"campaigns": exchange.read_csv(data, "campaigns")}
        for key in exchange.CHILD_COLUMNS:
            extra = form.cleaned_data.get(key)
            if extra:
                tables[key] = exchange.read_csv(_read_upload(extra), key)
        return exchange.records_from_tables(tables)
    raise ImportRejected(
        [Problem("file", "name", upload.name, "expected a .json, .csv or .xlsx file")]
    )


@refuse_as_403
@require_http_methods(["GET", "POST"])
def campaign_import(request):
    org = require_org(request)
    policy.require(request.user, "campaigns.import_campaigns", org=org)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.campaigns_import(
                actor=request.user, organisation=org, records=records_from_upload(form)
            )
        except ImportRejected as exc:
            problems = exc.problems
        except UnicodeDecodeError:
            problems = [Problem("file", "", "", "not UTF-8 text")]
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.") % result,
            )
            return redirect("campaigns_admin:list")
    return render(
        request, "campaigns/admin/import.html", {"form": form, "problems": problems[:500]}
    )


@refuse_as_403
def campaign_export(request):
    """A selection (``?campaign=<uuid>`` repeated) or the filtered list, in a chosen format."""
    require_reader(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_TYPES:
        return HttpResponse(_("Unknown format; use json, csv, xlsx or docx."), status=400)
    qs = _filtered(request)
    chosen = request.GET.getlist("campaign")
    if chosen:
        try:
            qs = qs.filter(uuid__in=chosen)
        except Exception:
            return HttpResponse(_("Malformed campaign id."), status=400)
    qs = selectors.with_children(qs)
    try:
        campaigns = list(qs[:5000])
    except Exception:
        return HttpResponse(_("Malformed campaign id."), status=400)
    content_type, ext = EXPORT_TYPES[fmt]
    table = request.GET.get("table", "campaigns")
    if fmt == "json":
        body = exchange.to_json(campaigns)
    elif fmt == "csv":
        if table not in ("campaigns", *exchange.CHILD_COLUMNS):
            return HttpResponse(_("Unknown table."), status=400)
        body = exchange.to_csv(campaigns, table)
        ext = f"{table}.csv"
    elif fmt == "xlsx":
        body = exchange.to_xlsx(campaigns)
    else:
        body = exchange.to_docx(campaigns)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="campaigns.{ext}"'
    return response


def detail_url(campaign: Campaign) -> str:
    return reverse("campaigns_admin:detail", kwargs={"campaign_uuid": campaign.uuid})
