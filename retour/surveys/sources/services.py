"""Writes for survey servers: configure, pull (on demand or on schedule), remove.

A pull is an :class:`~retour.surveys.models.ImportJob` with ``server`` set,
run as a durable job (``surveys.pull`` in tasks.py). It fetches every
submission, checks them all like an uploaded export and saves all of them or
none; a submission already stored with the same version is left alone, an
edited one (new version, same server key, or a deprecatedID naming a stored
one) updates the stored row, and one rejected on the server is not imported.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from retour.core import audit
from retour.core.actors import Actor, is_user
from retour.core.audit import service
from retour.core.problems import Problem
from retour.orgs import policy

from .. import imports
from .. import records as server_records
from .. import services as survey_services
from ..models import ImportJob, ImportStatus, ServerKind, SubmissionSource, SurveyServer
from . import SourceError, source_for

logger = logging.getLogger(__name__)
SOURCE_OF_KIND = {
    ServerKind.KOBO: SubmissionSource.KOBO,
    ServerKind.ODK_CENTRAL: SubmissionSource.ODK,
}


def _credentials(kind: str, credentials: dict) -> dict:
    creds = {k: str(v).strip() for k, v in (credentials or {}).items() if str(v or "").strip()}
    if kind == ServerKind.KOBO:
        if not creds.get("token"):
            raise ValidationError({"token": "KoboToolbox needs the project's API token"})
        return {"token": creds["token"]}
    if creds.get("app_user_token"):
        return {"app_user_token": creds["app_user_token"]}
    if creds.get("email") and creds.get("password"):
        return {"email": creds["email"], "password": creds["password"]}
    raise ValidationError(
        {
            "app_user_token": "ODK Central needs an app-user token, or a web user's email and password"
        }
    )


@service
def survey_server_create(
    *,
    actor: Actor,
    organisation,
    name: str,
    kind: str,
    base_url: str,
    remote_form: str,
    form,
    credentials: dict,
    project_id: str = "",
    case_question: str | None = None,
    round_question: str | None = None,
    round_months: int | None = None,
    pull_every_minutes: int | None = None,
) -> SurveyServer:
    """Save a server to pull from; its credentials are stored encrypted and never audited."""
    policy.require_actor(actor, "surveys.add_surveyform", org=organisation)
    if form.organisation_id != organisation.pk:
        raise ValidationError({"form": "Unknown form"})
    if kind not in ServerKind.values:
        raise ValidationError({"kind": "Choose KoboToolbox or ODK Central"})
    if not base_url.startswith("https://") and not base_url.startswith("http://localhost"):
        raise ValidationError({"base_url": "Use the server's https:// address"})
    if kind == ServerKind.ODK_CENTRAL and not str(project_id).strip().isdigit():
        raise ValidationError({"project_id": "ODK Central's project id is a number"})
    if pull_every_minutes is not None and pull_every_minutes < 5:
        raise ValidationError({"pull_every_minutes": "Pull at most every 5 minutes"})
    case_question = form.case_question if case_question is None else case_question
    if round_question is None:
        round_question = "" if round_months is not None else form.round_question
    survey_services._check_matching(form, case_question, round_question, round_months)
    server = SurveyServer.objects.create(
        organisation=organisation,
        name=name[:200],
        kind=kind,
        base_url=base_url.rstrip("/"),
        remote_form=remote_form.strip()[:200],
        project_id=str(project_id).strip()[:20],
        credentials=_credentials(kind, credentials),
        form=form,
        case_question=case_question,
        round_question=round_question,
        round_months=round_months,
        pull_every_minutes=pull_every_minutes,
        created_by=actor if is_user(actor) else None,
    )
    audit.record(
        actor=actor,
        action="surveyserver.create",
        obj=server,
        detail={"kind": kind, "host": server.base_url.split("/")[2], "form": str(form.uuid)},
    )
    return server


@service
def survey_server_delete(*, actor: Actor, server: SurveyServer) -> None:
    """Forget a server and its credentials; what it imported stays."""
    policy.require_actor(actor, "surveys.add_surveyform", obj=server)
    audit.record(
        actor=actor, action="surveyserver.delete", obj=server, detail={"name": server.name}
    )
    server.delete()


def survey_server_pull_start(
    *, actor: Actor, server: SurveyServer, audited: bool = True
) -> ImportJob:
    """Create the pull's ImportJob and enqueue it as a durable job."""
    from retour.jobs import services as jobs_services

    from .. import tasks

    policy.require_actor(actor, "surveys.add_importjob", obj=server)
    job = survey_services.import_job_create(
        actor=actor,
        organisation=server.organisation,
        form=server.form,
        source=SOURCE_OF_KIND[ServerKind(server.kind)],
        filename=f"pull: {server.name}"[:200],
        case_question=server.case_question,
        round_question=server.round_question,
        round_months=server.round_months,
        server=server,
    )
    jobs_services.job_enqueue(
        actor=actor,
        task=tasks.server_pull,
        organisation=server.organisation,
        label=f"Pull from {server.name}"[:200],
        kwargs={"import_job": str(job.uuid)},
        audited=audited,
    )
    return job


def survey_server_pull_run(
    *, actor: Actor, job: ImportJob, client=None, progress=None
) -> ImportJob:
    """Fetch, check and save a pull; leave the job in its final state whatever happens."""
    server = job.server
    if server is None:  # the task checks this first; a direct caller gets a clear error
        raise ValueError("this import job has no survey server")
    policy.require_actor(actor, "surveys.add_importjob", obj=server)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    try:
        records = []
        for record in source_for(server, client=client).records():
            records.append(record)
            if progress is not None and len(records) % 1000 == 0:
                progress(len(records), 0, "fetching")
        export = server_records.records_table(records, repeats=job.form.repeats)
        survey_services.submissions_check_and_save(
            actor=actor, job=job, export=export, allow_updates=True, progress=progress
        )
    except survey_services.ImportRejected as exc:
        checked = exc.checked
        survey_services.import_job_refuse(
            actor=actor, job=job, errors=checked.errors, error_count=checked.error_count,
            total=checked.total,
        )  # fmt: skip
    except SourceError as exc:
        survey_services.import_job_refuse(
            actor=actor, job=job, errors=[imports.file_error(exc.problem)], error_count=1, total=0
        )
    except Exception:
        logger.exception("survey pull %s failed", job.uuid)
        survey_services.import_job_refuse(
            actor=actor, job=job,
            errors=[imports.file_error(Problem(survey_services.INTERNAL_ERROR))],
            error_count=1, total=0, status=ImportStatus.FAILED,
        )  # fmt: skip
    SurveyServer.objects.filter(pk=server.pk).update(last_pulled_at=timezone.now())
    job.refresh_from_db()
    return job


def servers_due(now: dt.datetime | None = None):
    """Servers with a schedule whose last pull is older than their interval."""
    now = now or timezone.now()
    due = []
    for server in SurveyServer.objects.filter(pull_every_minutes__isnull=False).filter(
        Q(last_pulled_at__isnull=True) | Q(last_pulled_at__lt=now - dt.timedelta(minutes=5))
    ):
        if server.last_pulled_at is None or server.last_pulled_at <= now - dt.timedelta(
            minutes=server.pull_every_minutes or 0
        ):
            due.append(server)
    return due
