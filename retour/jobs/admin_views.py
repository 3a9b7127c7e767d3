"""Staff pages: the organisation's jobs, one job with its progress, the schedules."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render

from retour.orgs import policy

from . import selectors


def _org(request: HttpRequest):
    org = getattr(request, "org", None)
    if not org:
        return None
    return org._wrapped if hasattr(org, "_wrapped") else org


def job_list(request: HttpRequest) -> HttpResponse:
    org = _org(request)
    if org is None and not request.user.is_superuser:
        raise Http404
    if org is not None:
        policy.require(request.user, "jobs.view_job", org=org)
    page = Paginator(selectors.jobs_visible(request.user, org), 50).get_page(request.GET.get("p"))
    return render(request, "jobs/admin/list.html", {"org": org, "page": page})


def job_detail(request: HttpRequest, job_uuid) -> HttpResponse:
    job = selectors.job_for(request.user, _org(request), job_uuid)
    return render(
        request, "jobs/admin/detail.html", {"job": job, "progress": selectors.progress_of(job)}
    )


def job_progress(request: HttpRequest, job_uuid) -> JsonResponse:
    job = selectors.job_for(request.user, _org(request), job_uuid)
    return JsonResponse(selectors.progress_of(job))


def schedule_list(request: HttpRequest) -> HttpResponse:
    # Schedules run platform-wide work (every organisation's retention, the
    # digest): only superusers see them.
    if not request.user.is_superuser:
        # An explicit 403, not Wagtail's redirect-with-message.
        return HttpResponseForbidden()
    return render(request, "jobs/admin/schedules.html", {"rows": selectors.schedule_rows()})
