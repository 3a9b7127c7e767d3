"""Content import and export in the admin, for the request's organisation.

An upload is checked at once (a ZIP of an export: size, members, names; see
``upload.py``), then imported by a durable job (``content.import_upload``):
the page shows its progress and, when the import is rejected, every problem
of every file (file, field or path, reason); nothing is written unless every
file is valid. Pages may only be the organisation's own. The export is a ZIP
of the organisation's pages, as ``retour content export`` writes them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.core import limits
from retour.jobs import selectors as job_selectors
from retour.jobs import services as job_services
from retour.jobs.models import Job
from retour.orgs import policy
from retour.orgs.scoped import OrgView, current_org

from . import portability, tasks, upload

# Importing publishes pages (as an export records them live), so it takes the
# permission to approve the organisation's pages: admins and reviewers.
IMPORT_PERMISSION = "content.review_owned_page"
EXPORT_PERMISSION = "content.edit_owned_page"
KIND = "content.import_upload"


class UploadForm(forms.Form):
    archive = forms.FileField(
        label=_("Export archive (.zip)"),
        help_text=_("A ZIP of the folder “retour content export” writes (manifest.json, pages/)."),
    )


class ContentImportView(OrgView):
    permission = IMPORT_PERMISSION
    template_name = "content/admin/import.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["jobs"] = Job.objects.filter(organisation=self.org, kind=KIND).order_by(
            "-created_at"
        )[:10]
        context["can_export"] = self.can(EXPORT_PERMISSION)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        archive = form.cleaned_data["archive"]
        if archive.size > limits.MAX_UPLOAD_BYTES:
            form.add_error("archive", _("The file is larger than 50 MB."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = archive.read()
        try:
            upload.check(data, archive.name)
        except upload.UploadRejected as exc:
            form.add_error("archive", str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        job = job_services.job_enqueue(
            actor=self.actor,
            task=tasks.content_import_upload,
            organisation=self.org,
            label=f"Content import {archive.name}"[:200],
            kwargs={"organisation_uuid": str(self.org.uuid)},
            payload=data,
        )
        return redirect("content_import_job", job_uuid=job.uuid)


class ContentImportJobView(OrgView):
    permission = IMPORT_PERMISSION
    template_name = "content/admin/import_job.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only this organisation's imports: another's job is a 404.
        job = get_object_or_404(
            Job.objects.filter(organisation=self.org, kind=KIND), uuid=self.kwargs["job_uuid"]
        )
        problems = (job.result or {}).get("problems", [])
        context.update(
            {
                "job": job,
                "progress": job_selectors.progress_of(job),
                "problems": problems,
                "problem_count": (job.result or {}).get("problem_count") or len(problems),
            }
        )
        return context


class ContentExportView(OrgView):
    permission = EXPORT_PERMISSION

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with tempfile.TemporaryDirectory(prefix="retour-export-") as tmp:
            portability.export(Path(tmp), organisation=self.org)
            data = upload.pack(Path(tmp))
        stamp = timezone.localdate().isoformat()
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="content-{self.org.slug}-{stamp}.zip"'
        )
        response["Cache-Control"] = "no-store"
        return response


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[Any]:
    return [
        path("content/import/", ContentImportView.as_view(), name="content_import"),
        path(
            "content/import/<uuid:job_uuid>/",
            ContentImportJobView.as_view(),
            name="content_import_job",
        ),
        path("content/export/", ContentExportView.as_view(), name="content_export"),
    ]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policy.has_perm(request.user, IMPORT_PERMISSION, org=current_org(request))


@hooks.register("register_admin_menu_item")
def import_menu_item() -> MenuItem:
    return _ImportMenuItem(
        _("Content import/export"), reverse("content_import"), icon_name="upload", order=260
    )
