"""Staff pages for survey servers (KoboToolbox, ODK Central): add, pull now, remove.

Admins configure servers (surveys.add_surveyform); whoever may import
(surveys.add_importjob) may pull. Credentials are write-only: never shown.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.orgs import policy
from retour.orgs.scoped import refuse_as_403, require_org

from . import selectors
from .models import ImportJob, ServerKind, SurveyServer
from .sources import services as source_services


class ServerForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    kind = forms.ChoiceField(choices=ServerKind.choices, label=_("Server"))
    base_url = forms.URLField(
        label=_("Server address"), help_text=_("e.g. https://kf.kobotoolbox.org")
    )
    remote_form = forms.CharField(
        max_length=200,
        label=_("Form on the server"),
        help_text=_("KoboToolbox: the project's asset uid. ODK Central: the form id."),
    )
    project_id = forms.CharField(max_length=20, required=False, label=_("ODK Central project id"))
    token = forms.CharField(
        required=False,
        label=_("API token (KoboToolbox) or app-user token (ODK Central)"),
        widget=forms.PasswordInput(render_value=False),
    )
    email = forms.EmailField(required=False, label=_("ODK Central web user email"))
    password = forms.CharField(
        required=False,
        label=_("ODK Central web user password"),
        widget=forms.PasswordInput(render_value=False),
    )
    form: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Survey form"))
    case_question = forms.CharField(
        max_length=100,
        required=False,
        label=_("Question that names the case"),
        help_text=_("Empty: the form's default."),
    )
    round_months = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Round"),
        choices=[("", _("From the form's round question")), (3, "3"), (6, "6"), (12, "12")],
    )
    pull_every_minutes = forms.IntegerField(
        required=False,
        min_value=5,
        label=_("Pull every … minutes"),
        help_text=_("Empty: only when someone presses Pull now."),
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = selectors.forms_for_org(org)

    def credentials(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == ServerKind.KOBO:
            return {"token": data["token"]}
        return {
            "app_user_token": data["token"],
            "email": data["email"],
            "password": data["password"],
        }


def _server_for(request, surveyserver_uuid) -> SurveyServer:
    org = require_org(request)
    server = get_object_or_404(
        SurveyServer.objects.for_org(org).select_related("form"), uuid=surveyserver_uuid
    )
    policy.require(request.user, "surveys.view_surveyform", obj=server)
    return server


@refuse_as_403
def servers(request):
    org = require_org(request)
    policy.require(request.user, "surveys.view_surveyform", org=org)
    form = ServerForm(request.POST or None, org=org)
    if request.method == "POST":
        policy.require(request.user, "surveys.add_surveyform", org=org)
        if form.is_valid():
            data = form.cleaned_data
            try:
                server = source_services.survey_server_create(
                    actor=request.user,
                    organisation=org,
                    name=data["name"],
                    kind=data["kind"],
                    base_url=data["base_url"],
                    remote_form=data["remote_form"],
                    project_id=data["project_id"],
                    form=data["form"],
                    credentials=form.credentials(),
                    case_question=data["case_question"] or None,
                    round_months=data["round_months"],
                    pull_every_minutes=data["pull_every_minutes"],
                )
            except ValidationError as exc:
                for name, msgs in exc.message_dict.items():
                    field = {"app_user_token": "token", "round_question": "round_months"}.get(
                        name, name
                    )
                    form.add_error(field if field in form.fields else None, msgs)
            else:
                messages.success(request, _("Server saved. Its credentials are stored encrypted."))
                return redirect("surveys_admin:server-detail", surveyserver_uuid=server.uuid)
    return render(
        request,
        "surveys/admin/servers.html",
        {
            "org": org,
            "servers": SurveyServer.objects.for_org(org).select_related("form"),
            "form": form,
            "can_add": policy.has_perm(request.user, "surveys.add_surveyform", org=org),
        },
        status=400 if form.errors else 200,
    )


@refuse_as_403
def server_detail(request, surveyserver_uuid):
    server = _server_for(request, surveyserver_uuid)
    return render(
        request,
        "surveys/admin/server_detail.html",
        {
            "org": server.organisation,
            "server": server,
            "pulls": ImportJob.objects.for_org(server.organisation).filter(server=server)[:20],
            "can_pull": policy.has_perm(request.user, "surveys.add_importjob", obj=server),
            "can_delete": policy.has_perm(request.user, "surveys.add_surveyform", obj=server),
        },
    )


@require_POST
@refuse_as_403
def server_pull(request, surveyserver_uuid):
    server = _server_for(request, surveyserver_uuid)
    policy.require(request.user, "surveys.add_importjob", obj=server)
    job = source_services.survey_server_pull_start(actor=request.user, server=server)
    return redirect("surveys_admin:import-job", importjob_uuid=job.uuid)


@require_POST
@refuse_as_403
def server_delete(request, surveyserver_uuid):
    server = _server_for(request, surveyserver_uuid)
    source_services.survey_server_delete(actor=request.user, server=server)
    messages.success(request, _("Server removed; what it imported stays."))
    return redirect("surveys_admin:servers")
