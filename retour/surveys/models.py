"""Monitoring surveys, rounds, submissions and reintegration-index scores.

Rows that belong to a case carry the case's organisation (``OrgOwned``), so
every staff view can scope them with ``for_org(request.org)``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retour.core.crypto import EncryptedJSONField
from retour.orgs.models import OrgOwned

# Default monitoring schedule: months after arrival (issue 6).
DEFAULT_ROUND_MONTHS = (3, 6, 12)


class SurveyForm(OrgOwned):
    """One XLSForm, as uploaded, and its parsed questions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    # form_id and version from the XLSForm settings sheet, as Kobo/ODK know it.
    form_id = models.CharField(max_length=100)
    version = models.CharField(max_length=40, blank=True)
    xlsform = models.BinaryField(help_text=_("The uploaded XLSForm workbook, unchanged."))
    # [{"name", "path", "type", "label", "required", "choices": [[value, label], ...],
    #   "hidden"?, "choice_filter"?, "filter_terms"?, "choice_attrs"?}] outside repeats
    questions = models.JSONField(default=list)
    # [{"name", "path", "label", "parent", "questions": [...]}]: one per repeat group
    repeats = models.JSONField(default=list, blank=True)
    # Defaults for imports (each import may choose others): the question that
    # names the case (any text/integer/hidden one) and the one naming the round.
    case_question = models.CharField(max_length=100, blank=True)
    round_question = models.CharField(max_length=100, blank=True)
    is_sample = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "form_id", "version"], name="surveyform_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.form_id} {self.version})".strip()


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")
    # Consent withdrawn: the round stays on record but is never surveyed.
    CANCELLED = "cancelled", _("Cancelled (consent withdrawn)")


class MonitoringRound(OrgOwned):
    """A planned post-return survey of one case, N months after arrival."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="monitoring_rounds"
    )
    months_after_arrival = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=RoundStatus.choices, default=RoundStatus.SCHEDULED
    )
    completed_on = models.DateField(null=True, blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        permissions = [("view_overdue", "Can see the overdue monitoring rounds")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "months_after_arrival"], name="round_unique_per_case_month"
            ),
            models.CheckConstraint(
                condition=models.Q(months_after_arrival__gte=1, months_after_arrival__lte=120),
                name="round_months_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=RoundStatus.COMPLETED, completed_on__isnull=False)
                | (~models.Q(status=RoundStatus.COMPLETED) & models.Q(completed_on__isnull=True)),
                name="round_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "due_on"], name="round_due")]

    def __str__(self) -> str:
        return f"{self.case} +{self.months_after_arrival} months"


class SubmissionSource(models.TextChoices):
    WEB = "web", _("Web entry")
    KOBO = "kobo", _("KoboToolbox")
    ODK = "odk", _("ODK")
    SAMPLE = "sample", _("Sample data")


class Submission(OrgOwned):
    """Answers of one person to one survey round."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(SurveyForm, on_delete=models.PROTECT, related_name="submissions")
    # Named relations (not "+") so a case handover moves these rows too.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="survey_submissions"
    )
    round = models.OneToOneField(
        MonitoringRound, on_delete=models.CASCADE, related_name="submission"
    )
    # Question name -> cleaned answer (str, int, float, list of str, ISO date).
    answers = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=SubmissionSource.choices)
    # Kobo _uuid / ODK instanceID, so a re-imported export is recognised.
    external_id = models.CharField(max_length=100, blank=True)
    # A server's stable identity of the submission across edits (Kobo "_id",
    # ODK Central "__id") and the version last imported (Kobo "_uuid" changes
    # on each edit; ODK "__system.updatedAt"): a re-pulled edit updates the row.
    remote_key = models.CharField(max_length=100, blank=True)
    remote_version = models.CharField(max_length=64, blank=True)
    # Kobo _validation_status.uid / ODK __system.reviewState, as last pulled.
    review_state = models.CharField(max_length=40, blank=True)
    # [{"filename", "mimetype", "question"}]: what the server holds; files are not copied.
    attachments = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    submitted_on = models.DateField()
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "external_id"],
                condition=~models.Q(external_id=""),
                name="submission_unique_external_id",
            ),
            models.UniqueConstraint(
                fields=["form", "remote_key"],
                condition=~models.Q(remote_key=""),
                name="submission_unique_remote_key",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=SubmissionSource.values),
                name="submission_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"submission {self.uuid}"


class SubmissionRepeat(OrgOwned):
    """One row of a repeat group (a household member, a visit) of a submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="repeat_rows")
    repeat = models.CharField(max_length=100)  # the repeat group's name in the form
    # Position in the submission: "2" (second row), "2.1" (first row of a
    # repeat nested in the second); parent_key is "" directly under the submission.
    key = models.CharField(max_length=60)
    parent_key = models.CharField(max_length=60, blank=True)
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["submission_id", "repeat", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "repeat", "key"], name="repeat_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.repeat}[{self.key}]"


class IndexMethod(models.TextChoices):
    THRESHOLD = "threshold", _("Indicators met / not met, threshold per dimension")
    WEIGHTED = "weighted", _("Weighted composite score in [0, 1]")


class IndexDefinition(OrgOwned):
    """One version of an index definition, stored when an organisation uses it.

    The YAML text is kept verbatim: scores point at the exact version they
    were computed with, and a new version never rewrites them.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=10, choices=IndexMethod.choices)
    yaml_text = models.TextField()
    sha256 = models.CharField(max_length=64)
    is_builtin = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug", "-created_at"]
        permissions = [("recompute_indexscore", "Can recompute index scores")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug", "version"], name="indexdef_unique_version"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=IndexMethod.values), name="indexdef_method_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"

    def parsed(self):
        from .index.definition import parse_definition_cached

        return parse_definition_cached(self.yaml_text)

    @property
    def summary(self) -> str:
        """How it classifies and weighs, in one line for staff pages."""
        parsed = self.parsed()
        if parsed.method == "threshold":
            rules = ", ".join(
                f"{d.label} ≥ {d.at_least}/{len(d.indicators)}" for d in parsed.dimensions
            )
            return (
                f"Indicators met or not; reintegrated in a dimension when {rules}; overall when "
                f"in all. {parsed.missing_rule}"
            )
        weights = parsed.weights_label or "weights as entered"
        return (
            f"Weighted composite in [0, 1] ({weights}); reintegrated when the composite is at "
            f"least {parsed.composite_at_least}. {parsed.missing_rule}"
        )


class Reintegrated(models.IntegerChoices):
    YES = 1, _("Reintegrated")
    NO = 0, _("Not reintegrated")
    UNKNOWN = -1, _("Unknown (missing answers)")


class IndexScore(OrgOwned):
    """The score of one submission under one definition version."""

    # No index of its own: score_unique_per_definition (submission, definition)
    # serves every lookup by submission, and each index is a write per score.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="scores", db_index=False
    )
    definition = models.ForeignKey(IndexDefinition, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="index_scores")
    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="scores")
    reintegrated = models.SmallIntegerField(choices=Reintegrated.choices)
    composite = models.FloatField(null=True, blank=True)
    # {dimension: {"score", "met", "missing", "reintegrated"}}
    dimensions = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-computed_at", "-id"]
        permissions = [
            ("view_analytics", "Can view aggregated reintegration analytics"),
            ("export_analytics", "Can export aggregated reintegration analytics"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "definition"], name="score_unique_per_definition"
            ),
            models.CheckConstraint(
                condition=models.Q(reintegrated__in=[-1, 0, 1]), name="score_reintegrated_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(composite__isnull=True)
                | models.Q(composite__gte=0, composite__lte=1),
                name="score_composite_unit_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition}: {self.get_reintegrated_display()}"


class ServerKind(models.TextChoices):
    KOBO = "kobo", _("KoboToolbox (API v2)")
    ODK_CENTRAL = "odk_central", _("ODK Central (OData)")


class SurveyServer(OrgOwned):
    """A KoboToolbox project or ODK Central form whose submissions Retour pulls.

    Credentials (a Kobo API token; an ODK app-user token or a web user's email
    and password) are encrypted with the field keys (retour/core/crypto.py)
    and never shown again once saved.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ServerKind.choices)
    base_url = models.URLField(max_length=300)
    # Kobo: the asset uid; ODK Central: the xmlFormId (with project_id).
    remote_form = models.CharField(max_length=200)
    project_id = models.CharField(max_length=20, blank=True)
    credentials = EncryptedJSONField(default=dict, blank=True)
    form = models.ForeignKey(SurveyForm, on_delete=models.PROTECT, related_name="servers")
    case_question = models.CharField(max_length=100)
    round_question = models.CharField(max_length=100, blank=True)
    round_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # Pulled by the surveys-pull schedule when due; None: on demand only.
    pull_every_minutes = models.PositiveIntegerField(null=True, blank=True)
    last_pulled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ServerKind.values), name="surveyserver_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(pull_every_minutes__isnull=True)
                | models.Q(pull_every_minutes__gte=5),
                name="surveyserver_pull_interval",
            ),
            models.CheckConstraint(
                condition=~models.Q(round_question="") | models.Q(round_months__isnull=False),
                name="surveyserver_round_mapped",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected: nothing saved")
    FAILED = "failed", _("Failed: nothing saved")


class ImportJob(OrgOwned):
    """One upload of a Kobo/ODK export. All rows are saved, or none."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(SurveyForm, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=SubmissionSource.choices)
    filename = models.CharField(max_length=200)
    # How rows find their case and round, chosen when importing.
    case_question = models.CharField(max_length=100, blank=True)
    round_question = models.CharField(max_length=100, blank=True)
    round_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # Set for a pull from a server (sources/); empty for an uploaded file.
    server = models.ForeignKey(
        "surveys.SurveyServer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_rows = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    # [{"row": 7, "reason": "..."}], capped; the count is in error_count.
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="importjob_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"import {self.filename} ({self.get_status_display()})"
