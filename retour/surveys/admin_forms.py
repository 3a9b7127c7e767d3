"""Staff pages for XLSForms: upload (pyxform's reasons per sheet and row) and
one form's questions, repeat groups, case matching and repeat analytics.

Thin, as admin_views.py: parse input, check the policy, call a service.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from retour.core import limits
from retour.orgs import policy
from retour.orgs.scoped import refuse_as_403, require_org

from . import selectors, services
from .admin_views import _errors
from .analytics.repeats import repeat_summaries
from .models import SurveyForm
from .xlsform import case_key_questions


class XLSFormUpload(forms.Form):
    xlsform = forms.FileField(
        label=_("XLSForm (.xlsx, .xls or .csv)"),
        help_text=_(
            "The file you upload to KoboToolbox or ODK Central. Repeat groups and "
            "cascading selects (choice_filter) are supported."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.xlsm"}),
    )


def upload_xlsform(request, org, upload: XLSFormUpload):
    """(form, problems, errors) after a POST: the saved form, or why not."""
    f = upload.cleaned_data["xlsform"]
    if f.size > limits.MAX_UPLOAD_BYTES:
        return None, [], [_("The file is larger than 50 MB.")]
    try:
        form = services.survey_form_create(
            actor=request.user, organisation=org, data=f.read(), filename=f.name
        )
    except services.XLSFormRefused as exc:
        return None, exc.problems, []
    except ValidationError as exc:
        return None, [], _errors(exc)
    return form, [], []


@refuse_as_403
def survey_form_upload(request):
    org = require_org(request)
    policy.require(request.user, "surveys.add_surveyform", org=org)
    upload = XLSFormUpload(request.POST or None, request.FILES or None)
    problems, errors = [], []
    if request.method == "POST" and upload.is_valid():
        form, problems, errors = upload_xlsform(request, org, upload)
        if form is not None:
            messages.success(request, _("Form saved: %(title)s.") % {"title": form.title})
            return redirect("surveys_admin:form-detail", surveyform_uuid=form.uuid)
    status = 400 if (problems or errors or upload.errors) else 200
    return render(
        request,
        "surveys/admin/form_upload.html",
        {"org": org, "upload": upload, "problems": problems, "errors": errors},
        status=status,
    )


@refuse_as_403
def survey_forms(request):
    org = require_org(request)
    policy.require(request.user, "surveys.view_surveyform", org=org)
    upload = XLSFormUpload(request.POST or None, request.FILES or None)
    problems, errors = [], []
    if request.method == "POST":
        policy.require(request.user, "surveys.add_surveyform", org=org)
        if upload.is_valid():
            form, problems, errors = upload_xlsform(request, org, upload)
            if form is not None:
                messages.success(request, _("Form saved: %(title)s.") % {"title": form.title})
                return redirect("surveys_admin:form-detail", surveyform_uuid=form.uuid)
    return render(
        request,
        "surveys/admin/forms.html",
        {
            "org": org,
            "forms": selectors.forms_for_org(org),
            "upload": upload,
            "problems": problems,
            "errors": errors,
            "can_upload": policy.has_perm(request.user, "surveys.add_surveyform", org=org),
        },
        status=400 if (problems or errors) else 200,
    )


class MatchingForm(forms.Form):
    case_question = forms.ChoiceField(
        label=_("Question that names the case"),
        help_text=_("Any text, integer or hidden question; its answer is the case number."),
    )
    round_question = forms.ChoiceField(
        label=_("Question that names the round"),
        required=False,
        help_text=_("Leave empty to choose the round at each import."),
    )

    def __init__(self, *args, survey: SurveyForm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_question"].choices = [  # type: ignore[attr-defined]
            (q["name"], f"{q['name']} — {q['label']}") for q in case_key_questions(survey.questions)
        ]
        self.fields["round_question"].choices = [("", _("(none)"))] + [  # type: ignore[attr-defined]
            (q["name"], f"{q['name']} — {q['label']}") for q in survey.questions
        ]


@refuse_as_403
def survey_form_detail(request, surveyform_uuid):
    org = require_org(request)
    survey = get_object_or_404(selectors.forms_for_org(org), uuid=surveyform_uuid)
    policy.require(request.user, "surveys.view_surveyform", obj=survey)
    can_change = policy.has_perm(request.user, "surveys.add_surveyform", obj=survey)
    initial = {"case_question": survey.case_question, "round_question": survey.round_question}
    matching = MatchingForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST":
        policy.require(request.user, "surveys.add_surveyform", obj=survey)
        if matching.is_valid():
            try:
                services.survey_form_matching_set(
                    actor=request.user, form=survey, **matching.cleaned_data
                )
            except ValidationError as exc:
                for name, msgs in exc.message_dict.items():
                    matching.add_error(name if name in matching.fields else None, msgs)
            else:
                messages.success(request, _("Case and round matching saved."))
                return redirect("surveys_admin:form-detail", surveyform_uuid=survey.uuid)
    return render(
        request,
        "surveys/admin/form_detail.html",
        {
            "org": org,
            "survey": survey,
            "matching": matching,
            "can_change": can_change,
            "summaries": repeat_summaries(survey),
            "submissions": survey.submissions.count(),
        },
    )
