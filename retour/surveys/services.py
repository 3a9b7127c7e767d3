"""Writes for monitoring surveys and the reintegration index.

Every function is a ``@service`` (atomic, keyword-only), takes the acting
user (or a ``SystemActor``: a command, the demo loader, a job), checks it with
``policy.require_actor`` and records an
audit event in the same transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import logging
from collections.abc import Sequence

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from retour.cases.models import Case
from retour.core import audit
from retour.core.actors import Actor, is_user
from retour.core.audit import service
from retour.core.problems import Problem
from retour.orgs import policy

from . import bulk, imports, selectors
from .index import DefinitionError, parse_definition
from .index.definition import builtin_texts
from .models import (
    DEFAULT_ROUND_MONTHS,
    ImportJob,
    ImportStatus,
    IndexDefinition,
    IndexScore,
    MonitoringRound,
    RoundStatus,
    Submission,
    SubmissionSource,
    SurveyForm,
)
from .scoring import insert_scores, insert_scores_frame, polars_answers_frame
from .xlsform import CASE_KEY_TYPES, XLSFormError, clean_answer, parse_xlsform, prepare

logger = logging.getLogger(__name__)
BATCH = 2000
INTERNAL_ERROR = _("internal error; nothing was saved")


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- forms ------------------------------------------------------------------------------------
class XLSFormRefused(ValidationError):
    """pyxform (or ODK Validate) refused the form; ``problems`` say sheet, row and why."""

    def __init__(self, error: XLSFormError):
        self.problems = error.problems
        super().__init__({"xlsform": error.errors})


@service
def survey_form_create(
    *, actor: Actor, organisation, data: bytes, filename: str, is_sample: bool = False
) -> SurveyForm:
    """Store an XLSForm after pyxform accepts it. The same form_id and version
    with other content is refused: Kobo/ODK tell versions apart by that pair."""
    policy.require_actor(actor, "surveys.add_surveyform", org=organisation)
    try:
        parsed = parse_xlsform(data, filename=filename)
    except XLSFormError as exc:
        raise XLSFormRefused(exc) from exc
    existing = SurveyForm.objects.filter(
        organisation=organisation, form_id=parsed.form_id, version=parsed.version
    ).first()
    if existing is not None:
        if bytes(existing.xlsform) == data or (
            existing.questions == parsed.questions and existing.repeats == parsed.repeats
        ):
            return existing
        raise ValidationError(
            {
                "xlsform": [
                    f"form {parsed.form_id} version {parsed.version!r} exists with other "
                    "questions: change 'version' in the settings sheet"
                ]
            }
        )
    form = SurveyForm.objects.create(
        organisation=organisation,
        title=parsed.title[:200],
        form_id=parsed.form_id[:100],
        version=parsed.version[:40],
        xlsform=data,
        questions=parsed.questions,
        repeats=parsed.repeats,
        case_question=parsed.case_question,
        round_question=parsed.round_question,
        is_sample=is_sample,
        created_by=actor if is_user(actor) else None,
    )
    audit.record(
        actor=actor,
        action="surveyform.create",
        obj=form,
        detail={
            "questions": len(parsed.questions),
            "repeats": [r["name"] for r in parsed.repeats],
            "case_question": parsed.case_question,
            "warnings": parsed.warnings[:20],
        },
    )
    return form


@service
def survey_form_matching_set(
    *, actor: Actor, form: SurveyForm, case_question: str, round_question: str
) -> SurveyForm:
    """Change which questions name the case and the round by default for imports."""
    policy.require_actor(actor, "surveys.add_surveyform", obj=form)
    names = {q["name"]: q for q in form.questions}
    errors = {}
    if case_question not in names or names[case_question]["type"] not in CASE_KEY_TYPES:
        errors["case_question"] = f"{case_question!r} is not a text, integer or hidden question"
    if round_question and round_question not in names:
        errors["round_question"] = f"{round_question!r} is not a question of the form"
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(form, ("case_question", "round_question"))
    form.case_question, form.round_question = case_question, round_question
    form.save(update_fields=["case_question", "round_question"])
    audit.record(
        actor=actor,
        action="surveyform.matching",
        obj=form,
        detail={"changed": audit.changes(before, form, before)},
    )
    return form


# -- index definitions ----------------------------------------------------------------------------
@service
def index_definition_save(
    *, actor: Actor, organisation, text: str, is_builtin: bool = False
) -> IndexDefinition:
    """Store a definition version. Re-saving the same text is a no-op; other text
    under an existing version is refused, so stored scores keep their meaning."""
    policy.require_actor(actor, "surveys.add_indexdefinition", org=organisation)
    return _store_definition(
        actor=actor, organisation=organisation, text=text, is_builtin=is_builtin
    )


def _store_definition(
    *, actor: Actor, organisation, text: str, is_builtin: bool
) -> IndexDefinition:
    try:
        parsed = parse_definition(text)
    except DefinitionError as exc:
        raise ValidationError({"definition": exc.errors}) from exc
    existing = IndexDefinition.objects.filter(
        organisation=organisation, slug=parsed.slug, version=parsed.version
    ).first()
    if existing is not None:
        if existing.sha256 == parsed.sha256:
            return existing
        raise ValidationError(
            {
                "definition": [
                    f"version: {parsed.slug} version {parsed.version!r} already exists "
                    "with other content; give the new definition a new version"
                ]
            }
        )
    definition = IndexDefinition.objects.create(
        organisation=organisation,
        slug=parsed.slug,
        version=parsed.version,
        title=parsed.title[:200],
        method=parsed.method,
        yaml_text=text,
        sha256=parsed.sha256,
        is_builtin=is_builtin,
    )
    audit.record(actor=actor, action="indexdefinition.create", obj=definition)
    return definition


def index_definitions_ensure_builtin(*, actor: Actor, organisation) -> list[IndexDefinition]:
    """Store the shipped definitions for an organisation the first time it scores,
    and a newly shipped version of one it still uses as shipped.

    Part of scoring, so whoever may submit answers may trigger it: it adds the
    shipped text verbatim and never changes an organisation's own versions; once
    an organisation saved its own version of a slug, shipped updates of that
    slug are no longer added (its version stays current).
    """
    current = {d.slug: d for d in selectors.current_definitions(organisation)}
    added = []
    for slug, text in builtin_texts().items():
        mine = current.get(slug)
        if mine is None or (mine.is_builtin and mine.sha256 != _sha256(text)):
            if mine is not None and _shipped_version_stored(organisation, text):
                continue
            definition = _store_definition(
                actor=actor, organisation=organisation, text=text, is_builtin=True
            )
            if mine is not None:
                # An updated shipped version becomes current: score every stored
                # submission with it now, so its rates never cover only new ones.
                _score_pending(definition)
            added.append(definition)
    return added


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _shipped_version_stored(organisation, text: str) -> bool:
    parsed = parse_definition(text)
    return (
        IndexDefinition.objects.for_org(organisation)
        .filter(slug=parsed.slug, version=parsed.version)
        .exists()
    )


@service
def index_scores_recompute(
    *, actor: Actor, definition: IndexDefinition, replace: bool = False
) -> int:
    """Score every submission of the organisation under this definition version.

    Scores of other versions are never touched. Without ``replace`` only
    submissions lacking a score for this version are scored.
    """
    policy.require_actor(actor, "surveys.recompute_indexscore", obj=definition)
    if replace:
        IndexScore.objects.filter(definition=definition).delete()
    created = _score_pending(definition)
    audit.record(
        actor=actor,
        action="indexscore.recompute",
        obj=definition,
        detail={"scored": created, "replace": replace},
    )
    return created


def _score_pending(definition: IndexDefinition) -> int:
    """Score the organisation's submissions that have no score under this version."""
    done = IndexScore.objects.filter(definition=definition).values("submission_id")
    pending = Submission.objects.for_org(definition.organisation).exclude(pk__in=done)
    created = 0
    batch: list[Submission] = []
    for submission in pending.order_by("id").iterator(chunk_size=BATCH):
        batch.append(submission)
        if len(batch) >= BATCH * 5:
            created += insert_scores(definition, batch)
            batch = []
    return created + insert_scores(definition, batch)


def _score_new(organisation, submissions: list[Submission] | bulk.Saved, actor: Actor) -> int:
    if not len(submissions):
        return 0
    index_definitions_ensure_builtin(actor=actor, organisation=organisation)
    rows = submissions.rows if isinstance(submissions, bulk.Saved) else submissions
    fast = submissions.fast if isinstance(submissions, bulk.Saved) else None
    created = 0
    organisation_id = organisation.pk
    for definition in selectors.current_definitions(organisation):
        created += insert_scores(definition, rows)
        if fast is not None and fast.positions:
            assert isinstance(submissions, bulk.Saved)  # for mypy: fast comes with it
            frame = polars_answers_frame(fast.taken(), definition.parsed().questions)
            keys = [
                (organisation_id, pk, case_id, round_id)
                for pk, case_id, round_id in zip(
                    submissions.fast_ids, fast.case_ids, fast.round_ids, strict=True
                )
            ]
            created += insert_scores_frame(definition, keys, frame)
    return created


# -- rounds ------------------------------------------------------------------------------------
@service
def monitoring_rounds_schedule(
    *, actor: Actor, organisation, months=DEFAULT_ROUND_MONTHS, is_sample: bool = False
) -> dict:
    """Plan rounds N months after arrival for every case with an arrival date and an
    active monitoring consent; cancel planned rounds whose consent was withdrawn."""
    policy.require_actor(actor, "surveys.change_monitoringround", org=organisation)
    consented = selectors.monitoring_consent_case_ids(organisation)
    cases = (
        Case.objects.for_org(organisation)
        .filter(pk__in=consented, arrival_date__isnull=False)
        .values_list("id", "arrival_date")
    )
    existing = set(
        MonitoringRound.objects.for_org(organisation).values_list("case_id", "months_after_arrival")
    )
    new = [
        MonitoringRound(
            organisation=organisation,
            case_id=case_id,
            months_after_arrival=m,
            due_on=add_months(arrival, m),
            is_sample=is_sample,
        )
        for case_id, arrival in cases
        for m in months
        if (case_id, m) not in existing
    ]
    MonitoringRound.objects.bulk_create(new, BATCH)
    cancelled = (
        MonitoringRound.objects.for_org(organisation)
        .filter(status=RoundStatus.SCHEDULED)
        .exclude(case_id__in=consented)
        .update(status=RoundStatus.CANCELLED)
    )
    result = {"scheduled": len(new), "cancelled": cancelled}
    audit.record(
        actor=actor,
        action="monitoringround.schedule",
        organisation=organisation,
        object_type="surveys.monitoringround",
        detail=result,
    )
    return result


# -- web entry ---------------------------------------------------------------------------------
@service
def submission_create(
    *,
    actor: Actor,
    round: MonitoringRound,
    form: SurveyForm,
    answers: dict,
    source=SubmissionSource.WEB,
) -> Submission:
    """Save one person's answers to one round, after checking them against the form."""
    policy.require_actor(actor, "surveys.add_submission", obj=round)
    if form.organisation_id != round.organisation_id:
        raise ValidationError({"form": "The form belongs to another organisation"})
    round = MonitoringRound.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.SCHEDULED:
        raise ValidationError({"round": f"This round is {round.get_status_display().lower()}"})
    if not selectors.has_monitoring_consent(round.case):
        raise ValidationError({"round": "No active consent to monitoring surveys for this case"})
    # The round, not the person typing, decides which case and round these are.
    answers = {**answers, form.case_question or "case_number": round.case.case_number}
    if form.round_question:
        answers[form.round_question] = f"m{round.months_after_arrival}"
    cleaned, errors = {}, {}
    for q in prepare(form.questions):
        value, error = clean_answer(q, answers.get(q["name"]))
        if error:
            errors[q["name"]] = error
        elif value is not None:
            cleaned[q["name"]] = value
    if errors:
        raise ValidationError(errors)
    submitted = cleaned.get("interview_date") or timezone.localdate().isoformat()
    submission = Submission.objects.create(
        organisation=round.organisation,
        form=form,
        case=round.case,
        round=round,
        answers=cleaned,
        source=source,
        submitted_on=dt.date.fromisoformat(submitted),
        is_sample=source == SubmissionSource.SAMPLE,
    )
    before = audit.snapshot(round, ("status", "completed_on"))
    round.status = RoundStatus.COMPLETED
    round.completed_on = submission.submitted_on
    round.save(update_fields=["status", "completed_on"])
    _score_new(round.organisation, [submission], actor)
    # What changed on the round, old and new; never the answers (free text).
    detail = {"round": str(round.uuid), "changed": audit.changes(before, round, before)}
    audit.record(actor=actor, action="submission.create", obj=submission, detail=detail)
    return submission


# -- imports -----------------------------------------------------------------------------------
SavedSubmission = bulk.SavedSubmission


class ImportRejected(Exception):
    def __init__(self, checked: imports.CheckedRows):
        self.checked = checked
        super().__init__(f"{checked.error_count} row(s) refused")


def progress_key(job_uuid) -> str:
    return f"surveys:import:{job_uuid}"


def _check_matching(form: SurveyForm, case_question: str, round_question: str, round_months):
    """The chosen case and round questions must be questions of the form."""
    names = {q["name"]: q for q in form.questions}
    errors = {}
    if case_question not in names or names[case_question]["type"] not in CASE_KEY_TYPES:
        errors["case_question"] = (
            f"{case_question or '(none)'!r} is not a text, integer or hidden question of the form"
        )
    if round_question and round_question not in names:
        errors["round_question"] = f"{round_question!r} is not a question of the form"
    if not round_question and round_months is None:
        errors["round_question"] = "choose the question naming the round, or one round"
    if round_months is not None and not 1 <= round_months <= 120:
        errors["round_months"] = "a round is 1 to 120 months after arrival"
    if errors:
        raise ValidationError(errors)


@service
def import_job_create(
    *,
    actor: Actor,
    organisation,
    form: SurveyForm,
    source: str,
    filename: str,
    case_question: str | None = None,
    round_question: str | None = None,
    round_months: int | None = None,
    server=None,
) -> ImportJob:
    """Record an import. ``case_question`` (default: the form's) is any text,
    integer or hidden question holding the case number or case uuid; the round
    comes from ``round_question`` or, without one, is ``round_months``."""
    policy.require_actor(actor, "surveys.add_importjob", org=organisation)
    if form.organisation_id != organisation.pk:
        raise ValidationError({"form": "Unknown form"})
    if source not in (SubmissionSource.KOBO, SubmissionSource.ODK):
        raise ValidationError({"source": "Choose KoboToolbox or ODK"})
    case_question = form.case_question if case_question is None else case_question
    if round_question is None:
        round_question = "" if round_months is not None else form.round_question
    _check_matching(form, case_question, round_question, round_months)
    job = ImportJob.objects.create(
        organisation=organisation,
        form=form,
        source=source,
        filename=filename[:200],
        case_question=case_question,
        round_question=round_question,
        round_months=round_months,
        server=server,
        created_by=actor if is_user(actor) else None,
    )
    audit.record(
        actor=actor,
        action="importjob.create",
        obj=job,
        detail={"case_question": case_question, "round": round_question or round_months},
    )
    return job


def import_lookups(*, organisation, form: SurveyForm) -> imports.Lookups:
    """Cases, consents, rounds and stored submissions, each read in one query."""
    cases = dict(Case.objects.for_org(organisation).values_list("case_number", "id"))

    def case_uuids() -> dict[str, int]:
        return {
            str(case_uuid): pk
            for case_uuid, pk in Case.objects.for_org(organisation).values_list("uuid", "id")
        }

    known, known_remote = {}, {}
    for pk, round_id, external_id, remote_key, version in Submission.objects.filter(
        form=form
    ).values_list("id", "round_id", "external_id", "remote_key", "remote_version"):
        entry = imports.Known(pk, round_id, version)
        if external_id:
            known[external_id] = entry
        if remote_key:
            known_remote[remote_key] = entry
    return imports.Lookups(
        cases=cases,
        case_uuids=imports.LazyMap(case_uuids),
        consented=selectors.monitoring_consent_case_ids(organisation),
        rounds={
            (case_id, months): (round_id, status)
            for round_id, case_id, months, status in MonitoringRound.objects.for_org(
                organisation
            ).values_list("id", "case_id", "months_after_arrival", "status")
        },
        known=known,
        known_remote=known_remote,
    )


def _matching(job: ImportJob) -> imports.Matching:
    return imports.Matching(
        case_question=job.case_question or job.form.case_question or "case_number",
        round_question=job.round_question,
        round_months=job.round_months,
    )


def submissions_import(*, actor: Actor, job: ImportJob, data: bytes, progress=None) -> int:
    """Check every row of an uploaded export, then save all of them, or raise
    ImportRejected (nothing saved).

    Reading and checking (most of the time at 100,000 rows) happen outside any
    transaction: on SQLite a transaction holds the one write lock, and logins
    must not wait behind an import. Only the save is one short transaction
    (:func:`submissions_save`), so the import stays all-or-nothing.

    ``progress(done, total, phase)`` is called now and then; the web UI shows it
    through the job's progress bar, the CLI feeds tqdm.
    """
    policy.require_actor(actor, "surveys.add_importjob", org=job.organisation)
    export = imports.read_export_full(
        data, job.filename, repeat_names=[r["name"] for r in job.form.repeats]
    )
    if not isinstance(export.rows, Sequence):  # a CSV read row by row
        export.rows = list(export.rows)
    return submissions_check_and_save(actor=actor, job=job, export=export, progress=progress)


def submissions_check_and_save(
    *, actor: Actor, job: ImportJob, export: imports.Export, allow_updates=False, progress=None
) -> int:
    """Check an export (a file's or a server pull's) and save it all, or raise ImportRejected."""
    organisation, form = job.organisation, job.form
    policy.require_actor(actor, "surveys.add_importjob", org=organisation)
    if not isinstance(export.rows, Sequence):  # a streamed export is read once, then counted
        export.rows = list(export.rows)
    total = len(export.rows)

    def report(done, phase="checking"):
        if progress is not None:
            progress(done, total, phase)

    report(0)
    checked = imports.check_rows(
        export=export,
        questions=form.questions,
        repeats=form.repeats,
        matching=_matching(job),
        lookups=import_lookups(organisation=organisation, form=form),
        allow_updates=allow_updates,
        progress=report,
    )
    nothing = not checked.ready_count and not (checked.unchanged or checked.skipped)
    if checked.error_count or (nothing and not allow_updates):
        if not checked.error_count:
            checked.fail(1, Problem(_("the file has no submissions")))
        raise ImportRejected(checked)
    return submissions_save(actor=actor, job=job, checked=checked, report=report)


@service
def submissions_save(*, actor: Actor, job: ImportJob, checked: imports.CheckedRows, report) -> int:
    """Save checked rows, score them and mark the job done: all in one transaction."""
    organisation, form = job.organisation, job.form
    saved = bulk.save_submissions(
        organisation=organisation,
        form=form,
        ready=checked.ready,
        source=job.source,
        report=report,
        fast=checked.fast,
    )
    report(len(saved), "scoring")
    _score_new(organisation, saved, actor)
    job.status = ImportStatus.DONE
    job.total_rows = checked.total
    job.updated_rows = checked.updates
    job.imported_rows = len(saved) - checked.updates
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "total_rows", "imported_rows", "updated_rows", "finished_at"])
    audit.record(
        actor=actor,
        action="submission.import",
        obj=job,
        detail={
            "rows": checked.total,
            "imported": job.imported_rows,
            "updated": job.updated_rows,
            "unchanged": checked.unchanged,
            "skipped_rejected": checked.skipped,
            "source": job.source,
        },
    )
    return len(saved)


@service
def sample_submissions_create(*, actor: Actor, organisation, form, ready: list[dict]) -> int:
    """Save generated SAMPLE answers (demo only), scored like any other."""
    policy.require_actor(actor, "surveys.add_submission", org=organisation)
    saved = bulk.save_submissions(
        organisation=organisation,
        form=form,
        ready=ready,
        source=SubmissionSource.SAMPLE,
        is_sample=True,
    )
    _score_new(organisation, saved, actor)
    audit.record(
        actor=actor,
        action="submission.sample_create",
        organisation=organisation,
        object_type="surveys.submission",
        detail={"created": len(saved)},
    )
    return len(saved)


@service
def import_job_refuse(
    *,
    actor: Actor,
    job: ImportJob,
    errors: list[dict],
    error_count: int,
    total: int,
    status=ImportStatus.REJECTED,
) -> ImportJob:
    """Record why an import saved nothing (runs after the import rolled back)."""
    job.status = status
    job.errors = errors[: imports.MAX_REPORTED_ERRORS]
    job.error_count = error_count
    job.total_rows = total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "error_count", "total_rows", "finished_at"])
    audit.record(
        actor=actor, action="submission.import_refused", obj=job, detail={"errors": error_count}
    )
    return job


def import_job_run(*, actor: Actor, job: ImportJob, data: bytes, progress=None) -> ImportJob:
    """Run an import and leave the job in its final state, whatever happens."""

    def cached(done, total, phase):
        cache.set(progress_key(job.uuid), {"done": done, "total": total, "phase": phase}, 60 * 60)
        if progress is not None:
            progress(done, total, phase)

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    try:
        submissions_import(actor=actor, job=job, data=data, progress=cached)
    except ImportRejected as exc:
        import_job_refuse(
            actor=actor,
            job=job,
            errors=exc.checked.errors,
            error_count=exc.checked.error_count,
            total=exc.checked.total,
        )
    except imports.ExportError as exc:
        import_job_refuse(
            actor=actor,
            job=job,
            errors=[imports.file_error(exc.problem)],
            error_count=1,
            total=0,
        )
    except Exception:
        logger.exception("survey import %s failed", job.uuid)
        import_job_refuse(
            actor=actor,
            job=job,
            errors=[imports.file_error(Problem(INTERNAL_ERROR))],
            error_count=1,
            total=0,
            status=ImportStatus.FAILED,
        )
    finally:
        cache.delete(progress_key(job.uuid))
    job.refresh_from_db()
    return job


# -- retention ---------------------------------------------------------------------------------
@service
def submission_answers_pseudonymise(*, actor: Actor, case) -> int:
    """Drop free-text answers (remarks may name people) from a case's submissions.

    Called when the case is pseudonymised (see signals.py): scored, coded
    answers stay for statistics; typed text does not.
    """
    changed = 0
    for submission in Submission.objects.filter(case=case).select_related("form"):
        text = {q["name"] for q in submission.form.questions if q["type"] == "text"}
        text -= {"case_number", submission.form.case_question}
        kept = {k: v for k, v in submission.answers.items() if k not in text}
        if kept != submission.answers:
            submission.answers = kept
            submission.save(update_fields=["answers"])
            changed += 1
        # Repeat rows (a household roster) hold names more often than anything.
        repeat_text = {
            (r["name"], q["name"])
            for r in submission.form.repeats
            for q in r["questions"]
            if q["type"] == "text"
        }
        for row in submission.repeat_rows.all():
            kept = {k: v for k, v in row.answers.items() if (row.repeat, k) not in repeat_text}
            if kept != row.answers:
                row.answers = kept
                row.save(update_fields=["answers"])
                changed += 1
    if changed:
        audit.record(
            actor=actor,
            action="submission.pseudonymise",
            obj=case,
            detail={"submissions": changed},
        )
    return changed
