"""Cross-organisation route builders: objects of org B carrying the canary."""

from __future__ import annotations

import datetime as dt

from retour.cases.models import ConsentPurpose
from retour.cases.tests.factories import CaseFactory, ConsentFactory
from retour.core.actors import SystemActor
from retour.surveys import services
from retour.surveys.index.definition import builtin_texts
from retour.surveys.models import ImportJob, MonitoringRound, SubmissionSource, SurveyForm
from retour.testing.routes import register_param

from .factories import sample_form
from .xlsforms import xlsform


@register_param("monitoringround_uuid")
def _round(tc):
    case = CaseFactory(
        organisation=tc.org_b, case_number=f"{tc.canary}-R", arrival_date=dt.date(2025, 1, 5)
    )
    ConsentFactory(case=case, purpose=ConsentPurpose.MONITORING)
    services.monitoring_rounds_schedule(actor=SystemActor.cli("test"), organisation=tc.org_b)
    return MonitoringRound.objects.filter(case=case).first().uuid


@register_param("importjob_uuid")
def _import_job(tc):
    form = sample_form(tc.org_b)
    return ImportJob.objects.create(
        organisation=tc.org_b,
        form=form,
        source=SubmissionSource.KOBO,
        filename=f"{tc.canary}.csv",
        errors=[{"row": 2, "reason": tc.canary}],
        error_count=1,
        status="rejected",
    ).uuid


@register_param("indexdefinition_uuid")
def _definition(tc):
    text = builtin_texts()["return-reintegration-2015"].replace(
        "title: Return and reintegration index (2015)", f"title: {tc.canary}"
    )
    return services.index_definition_save(
        actor=SystemActor.cli("test"), organisation=tc.org_b, text=text
    ).uuid


@register_param("surveyform_uuid")
def _survey_form(tc):
    data = xlsform(form_id=f"canary_{tc.canary}".replace("-", "_")[:60])
    form = services.survey_form_create(
        actor=SystemActor.cli("test"), organisation=tc.org_b, data=data, filename="f.xlsx"
    )
    SurveyForm.objects.filter(pk=form.pk).update(title=f"{tc.canary} form")
    return form.uuid


@register_param("surveyserver_uuid")
def _survey_server(tc):
    from retour.surveys.sources import services as source_services

    form = services.survey_form_create(
        actor=SystemActor.cli("test"),
        organisation=tc.org_b,
        data=xlsform(form_id="server_form"),
        filename="f.xlsx",
    )
    return source_services.survey_server_create(
        actor=SystemActor.cli("test"),
        organisation=tc.org_b,
        name=f"{tc.canary} server",
        kind="kobo",
        base_url="https://kf.kobo.example",
        remote_form=tc.canary,
        form=form,
        credentials={"token": tc.canary},
        round_months=3,
    ).uuid
