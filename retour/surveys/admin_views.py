"""Staff views in the Wagtail admin, scoped to ``request.org``.

Thin: parse input, check the policy, call a service or a selector, render.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.core.charts import Bar, hbar_chart
from retour.core.problems import render_problem
from retour.jobs import services as jobs_services
from retour.jobs.models import Job
from retour.orgs import policy
from retour.orgs.scoped import refuse_as_403, require_org

from . import admin_lists, selectors, services, tasks
from .analytics import drivers as drivers_mod
from .analytics import export, rates
from .analytics.data import scored_rounds
from .entry import answers_from, build_form_class
from .models import ImportJob, ImportStatus, IndexDefinition, MonitoringRound, SubmissionSource

MAX_UPLOAD = 50 * 1024 * 1024


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{k}: {m}" if k != "__all__" else m for k, v in exc.message_dict.items() for m in v
        ]
    return list(exc.messages)


# -- rounds and web entry ---------------------------------------------------------------------
# The rounds list lives on the admin view layer (admin_lists.RoundListView).
rounds = refuse_as_403(admin_lists.RoundListView.as_view())


@require_POST
@refuse_as_403
def rounds_schedule(request):
    org = require_org(request)
    result = services.monitoring_rounds_schedule(actor=request.user, organisation=org)
    messages.success(
        request,
        _("%(scheduled)s rounds scheduled, %(cancelled)s cancelled after consent withdrawal.")
        % result,
    )
    return redirect("surveys_admin:rounds")


@refuse_as_403
def round_entry(request, monitoringround_uuid):
    org = require_org(request)
    round_ = get_object_or_404(
        MonitoringRound.objects.for_org(org).select_related("case"), uuid=monitoringround_uuid
    )
    policy.require(request.user, "surveys.add_submission", obj=round_)
    form_obj = selectors.current_form(org)
    if form_obj is None:
        messages.error(request, _("Upload a survey form first."))
        return redirect("surveys_admin:rounds")
    form_class = build_form_class(
        form_obj.questions,
        skip={"case_number", "round", form_obj.case_question, form_obj.round_question},
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_create(
                actor=request.user,
                round=round_,
                form=form_obj,
                answers=answers_from(form.cleaned_data),
            )
        except ValidationError as exc:
            for name, msgs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(name if name in form.fields else None, msgs)
        else:
            messages.success(request, _("Answers saved and scored."))
            return redirect("surveys_admin:rounds")
    return render(
        request,
        "surveys/admin/entry.html",
        {"org": org, "round": round_, "form": form, "survey": form_obj},
    )


# -- imports -----------------------------------------------------------------------------------
ROUND_FROM_FORM = ""


class ImportUpload(forms.Form):
    form: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Survey form"))
    source = forms.ChoiceField(
        choices=[(SubmissionSource.KOBO, "KoboToolbox"), (SubmissionSource.ODK, "ODK")]
    )
    export = forms.FileField(label=_("Export (.csv or .xlsx)"))
    case_question = forms.CharField(
        label=_("Question that names the case"),
        required=False,
        max_length=100,
        help_text=_(
            "Any text, integer or hidden question of the form (e.g. a hidden field "
            "pre-filled in the form link). Empty: the form's default."
        ),
    )
    round = forms.ChoiceField(
        label=_("Round"),
        required=False,
        choices=[
            (ROUND_FROM_FORM, _("From the form's round question")),
            ("3", _("Every row answers the 3-month round")),
            ("6", _("Every row answers the 6-month round")),
            ("12", _("Every row answers the 12-month round")),
        ],
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = selectors.forms_for_org(org)


def _create_import(request, org, upload: ImportUpload, filename: str) -> ImportJob:
    data = upload.cleaned_data
    months = int(data["round"]) if data.get("round") else None
    return services.import_job_create(
        actor=request.user,
        organisation=org,
        form=data["form"],
        source=data["source"],
        filename=filename,
        case_question=data.get("case_question") or None,
        round_months=months,
    )


def _start_import(request, org, upload: ImportUpload) -> ImportJob | None:
    """Create the import and enqueue it, or put the reasons on the form."""
    f = upload.cleaned_data["export"]
    if f.size > MAX_UPLOAD:
        upload.add_error("export", _("The file is larger than 50 MB."))
        return None
    try:
        job = _create_import(request, org, upload, f.name)
    except ValidationError as exc:
        for name, msgs in exc.message_dict.items():
            field = "round" if name in ("round_question", "round_months") else name
            upload.add_error(field if field in upload.fields else None, msgs)
        return None
    # A durable job: a worker runs it, and recovers it if a worker dies.
    jobs_services.job_enqueue(
        actor=request.user,
        task=tasks.submissions_import,
        organisation=org,
        label=f"Survey import {f.name}"[:200],
        kwargs={"import_job": str(job.uuid)},
        payload=f.read(),
    )
    return job


@refuse_as_403
def imports(request):
    """Upload a file (POST), then the paged list of imports (admin_lists.ImportListView)."""
    org = require_org(request)
    policy.require(request.user, "surveys.view_importjob", org=org)
    upload = ImportUpload(request.POST or None, request.FILES or None, org=org)
    if request.method == "POST":
        policy.require(request.user, "surveys.add_importjob", org=org)
        if upload.is_valid():
            job = _start_import(request, org, upload)
            if job is not None:
                return redirect("surveys_admin:import-job", importjob_uuid=job.uuid)
    return admin_lists.ImportListView.as_view(upload=upload)(request)


def _job_for(request, importjob_uuid) -> ImportJob:
    org = require_org(request)
    job = get_object_or_404(
        ImportJob.objects.for_org(org).select_related("form"), uuid=importjob_uuid
    )
    policy.require(request.user, "surveys.view_importjob", obj=job)
    return job


def _progress(job: ImportJob) -> dict:
    """The shared job progress bar's state, with the import's own outcome."""
    finished = job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING)
    task = (
        Job.objects.filter(kind="surveys.import", arguments__import_job=str(job.uuid))
        .order_by("-created_at")
        .first()
    )
    total = (task.total if task else 0) or job.total_rows
    done = total if finished else (task.done if task else 0)
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "phase": task.message if (task and not finished) else "",
        "done": done,
        "total": total,
        "finished": finished,
    }


@refuse_as_403
def import_job(request, importjob_uuid):
    job = _job_for(request, importjob_uuid)
    # Problems are stored as msgids + params (the worker has no reader's language):
    # rendered here in the request's language; old plain-text ones are shown as is.
    problems = [
        {"row": e.get("row"), "reason": render_problem(e["msg"]) if "msg" in e else e.get("reason")}
        for e in job.errors
        if isinstance(e, dict)
    ]
    return render(
        request,
        "surveys/admin/import_job.html",
        {
            "org": job.organisation,
            "job": job,
            "progress": _progress(job),
            # The shared job page (jobs/admin/job_page.html) polls it.
            "progress_url": reverse(
                "surveys_admin:import-progress", kwargs={"importjob_uuid": job.uuid}
            ),
            "problems": problems,
        },
    )


@refuse_as_403
def import_progress(request, importjob_uuid):
    job = _job_for(request, importjob_uuid)
    return JsonResponse(_progress(job))


# -- analytics ---------------------------------------------------------------------------------
def _pick_definition(org, value: str):
    """The definition chosen by uuid (any stored version of this organisation), or
    the current return-reintegration-2015, or the first current one."""
    definitions = selectors.current_definitions(org)
    chosen = None
    if value:
        try:
            chosen = selectors.definitions_for_org(org).filter(uuid=uuid.UUID(value)).first()
        except ValueError:
            chosen = None
    if chosen is None:
        chosen = next(
            (d for d in definitions if d.slug == "return-reintegration-2015"),
            definitions[0] if definitions else None,
        )
    return chosen, definitions


def _round_param(value: str) -> int | None:
    return int(value) if value in ("3", "6", "12") else None


def _analytics_context(request, org):
    definition, definitions = _pick_definition(org, request.GET.get("definition", ""))
    by = request.GET.get("by", "country")
    if by not in rates.DIMENSIONS:
        by = "country"
    months = _round_param(request.GET.get("round", ""))
    frame = scored_rounds(org, definition) if definition else None
    return definition, definitions, by, months, frame


def _missing_param(request) -> str:
    value = request.GET.get("missing", "")
    return value if value in rates.MISSING_POLICIES else rates.Missing.EXCLUDE


@refuse_as_403
def analytics(request):
    org = require_org(request)
    policy.require(request.user, "surveys.view_analytics", org=org)
    definition, definitions, by, months, frame = _analytics_context(request, org)
    context = {
        "org": org,
        "definition": definition,
        "definitions": definitions,
        "by": by,
        "by_label": rates.DIMENSIONS[by],
        "dimensions": rates.DIMENSIONS,
        "round": request.GET.get("round", ""),
        "missing": _missing_param(request),
        "missing_policies": rates.MISSING_POLICIES,
        "missing_label": rates.MISSING_POLICIES[_missing_param(request)],
        "min_n": rates.MIN_N,
        "can_export": policy.has_perm(request.user, "surveys.export_analytics", org=org),
    }
    if definition is not None and frame is not None and len(frame):
        missing = context["missing"]
        group_rates = rates.rates_by(frame, by, months=months, missing=missing)
        shown = [r for r in group_rates if not r.too_few]
        context.update(
            {
                "rates": group_rates,
                "overall": rates.overall(frame, months=months, missing=missing),
                "unknown": rates.unknown_count(frame),
                "chart": hbar_chart(
                    [Bar(r.label, r.rate * 100, r.low * 100, r.high * 100) for r in shown],
                    title=f"Reintegrated (%) by {rates.DIMENSIONS[by].lower()}",
                    description="Share reintegrated with 95% Wilson intervals; groups with "
                    "too few people are left out of the chart and marked in the table.",
                    max_value=100,
                    value_format=lambda v: f"{v:.0f}%",
                ),
                "changes": [
                    rates.paired_change(frame, 3, 6),
                    rates.paired_change(frame, 6, 12),
                    rates.paired_change(frame, 3, 12),
                ],
                "query": request.GET.urlencode(),
            }
        )
    return render(request, "surveys/admin/analytics.html", context)


@refuse_as_403
def analytics_export(request):
    org = require_org(request)
    policy.require(request.user, "surveys.export_analytics", org=org)
    definition, _definitions, by, months, frame = _analytics_context(request, org)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        return HttpResponse("format must be csv or xlsx", status=400, content_type="text/plain")
    missing = _missing_param(request)
    group_rates = (
        rates.rates_by(frame, by, months=months, missing=missing)
        if frame is not None and len(frame)
        else []
    )
    caption = (
        f"Reintegration rates by {by} under {definition} "
        f"({'latest known result per person' if months is None else f'{months}-month round'}); "
        f"missing data: {rates.MISSING_POLICIES[missing]}; "
        f"counts under {export.SUPPRESS_BELOW} suppressed. Organisation: {org.name}."
        + (" SAMPLE DATA." if getattr(org, "is_sample", False) else "")
        if definition
        else "No index definition yet."
    )
    name = f"reintegration-{by}-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(
            export.to_xlsx(group_rates, by, caption=caption),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(
        export.to_csv(group_rates, by, caption=caption), content_type="text/csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@refuse_as_403
def drivers(request):
    org = require_org(request)
    policy.require(request.user, "surveys.view_analytics", org=org)
    definition, definitions, _by, _months, frame = _analytics_context(request, org)
    result = drivers_mod.fit(frame) if frame is not None else None
    chart = ""
    if result and result["fitted"]:
        chart = hbar_chart(
            [Bar(r["label"], r["odds_ratio"], r["low"], r["high"]) for r in result["rows"]],
            title="Odds ratios of being reintegrated (95% CI)",
            description="Associational, not causal. An odds ratio above 1 means the "
            "characteristic goes together with higher odds of being reintegrated.",
        )
    return render(
        request,
        "surveys/admin/drivers.html",
        {
            "org": org,
            "definition": definition,
            "definitions": definitions,
            "result": result,
            "chart": chart,
            "min_n": drivers_mod.MIN_N,
        },
    )


# -- index definitions -------------------------------------------------------------------------
class DefinitionUpload(forms.Form):
    yaml_file = forms.FileField(label=_("Index definition (.yaml)"))


@refuse_as_403
def definitions(request):
    org = require_org(request)
    policy.require(request.user, "surveys.view_indexdefinition", org=org)
    upload = DefinitionUpload(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST":
        policy.require(request.user, "surveys.add_indexdefinition", org=org)
        if upload.is_valid():
            raw = upload.cleaned_data["yaml_file"].read(1024 * 1024)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors = [_("The definition must be UTF-8 text.")]
            else:
                try:
                    services.index_definition_save(actor=request.user, organisation=org, text=text)
                except ValidationError as exc:
                    errors = _errors(exc)
                else:
                    messages.success(request, _("Definition saved. Recompute to score it."))
                    return redirect("surveys_admin:definitions")
    return render(
        request,
        "surveys/admin/definitions.html",
        {
            "org": org,
            "definitions": selectors.definitions_for_org(org),
            "upload": upload,
            "errors": errors,
            "can_add": policy.has_perm(request.user, "surveys.add_indexdefinition", org=org),
            "can_recompute": policy.has_perm(request.user, "surveys.recompute_indexscore", org=org),
        },
    )


@require_POST
@refuse_as_403
def definition_recompute(request, indexdefinition_uuid):
    org = require_org(request)
    definition = get_object_or_404(IndexDefinition.objects.for_org(org), uuid=indexdefinition_uuid)
    created = services.index_scores_recompute(actor=request.user, definition=definition)
    messages.success(
        request, _("%(n)s submissions scored with %(d)s.") % {"n": created, "d": definition}
    )
    return redirect(reverse("surveys_admin:definitions"))
