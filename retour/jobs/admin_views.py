"""Staff pages: the organisation's jobs, one job with its progress, the schedules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from retour.orgs.scoped import Column, ListFilter, OrgListView, current_org

from . import selectors
from .models import Job, JobStatus


def _kind_choices(view: OrgListView) -> list[tuple[str, Any]]:
    # Every registered task kind (retour.jobs.runtime.KINDS), named as stored.
    from .runtime import KINDS

    return [(kind, kind) for kind in sorted(KINDS)]


class JobListView(OrgListView):
    """The organisation's jobs (platform jobs too for superusers), newest first."""

    model = Job
    permission = "jobs.view_job"
    superuser_without_org = True
    template_name = "jobs/admin/list.html"
    search_fields = ("label", "started_by")
    sort_fields = {"queued": "created_at", "finished": "finished_at", "status": "status"}
    default_sort = "-queued"
    columns = (
        Column(_("Job")),
        Column(_("Status"), "status"),
        Column(_("Progress")),
        Column(_("Started by")),
        Column(_("Queued"), "queued"),
        Column(_("Finished"), "finished"),
    )
    filters = (
        ListFilter("status", _("Status"), JobStatus.choices, lambda qs, v: qs.filter(status=v)),
        ListFilter("kind", _("Kind"), _kind_choices, lambda qs, v: qs.filter(kind=v)),
    )

    def get_base_queryset(self) -> QuerySet[Job]:
        org = None if self.platform_only else self.org
        return selectors.jobs_visible(self.request.user, org)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"title": _("Jobs"), "icon": "cogs"})
        return context


def job_detail(request: HttpRequest, job_uuid) -> HttpResponse:
    job = selectors.job_for(request.user, current_org(request), job_uuid)
    return render(
        request,
        "jobs/admin/detail.html",
        {"job": job, "progress": selectors.progress_of(job), "error": selectors.error_of(job)},
    )


def job_progress(request: HttpRequest, job_uuid) -> JsonResponse:
    job = selectors.job_for(request.user, current_org(request), job_uuid)
    return JsonResponse(selectors.progress_of(job))


def schedule_list(request: HttpRequest) -> HttpResponse:
    # Schedules run platform-wide work (every organisation's retention, the
    # digest): only superusers see them.
    if not request.user.is_superuser:
        # An explicit 403, not Wagtail's redirect-with-message.
        return HttpResponseForbidden()
    return render(request, "jobs/admin/schedules.html", {"rows": selectors.schedule_rows()})
