"""The EMN campaign registry, survey results and public reference statistics.

Campaign records are owned by the organisation that entered them (``OrgOwned``)
but readable across the network: that is the point of a shared registry.
Only the owner's editors and administrators change them (see roles.py and the
services, which call the policy with ``obj=campaign``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from retour.orgs.models import OrgOwned

from .choices import (
    Arm,
    AudienceGroup,
    CampaignStatus,
    Channel,
    DatePrecision,
    EvaluationLevel,
    Gender,
    Outcome,
    Provenance,
    ReachUnit,
    SurveyDesign,
    Wave,
)


class Campaign(OrgOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Identity and timing
    title = models.CharField(_("title (original language)"), max_length=400)
    title_language = models.CharField(max_length=3, blank=True, help_text=_("ISO 639 code"))
    implementing_organisation = models.CharField(max_length=300, blank=True)
    countries = models.JSONField(default=list, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    subnational_areas = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.UNKNOWN
    )
    # Dates as stated: the EMN answers often give only a month or a year, so the
    # precision is kept beside the date instead of inventing a day.
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    period_as_stated = models.TextField(blank=True)
    duration_months = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    # Cost: the total is what the source states; components itemise it.
    cost_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text=_("ISO 4217"))
    cost_is_estimate = models.BooleanField(default=False)
    cost_as_stated = models.TextField(blank=True)
    # Audience and language
    target_audience_as_stated = models.TextField(blank=True)
    languages = models.JSONField(default=list, blank=True, help_text=_("ISO 639 codes"))
    # People and intent
    implementing_partners = models.JSONField(default=list, blank=True)
    objectives = models.TextField(blank=True)
    key_messages = models.TextField(blank=True)
    # Channels: controlled vocabulary (validated in services) + the text as stated
    channels = models.JSONField(default=list, blank=True)
    channels_as_stated = models.TextField(blank=True)
    # Evaluation
    evaluation_level = models.PositiveSmallIntegerField(
        choices=EvaluationLevel.choices, default=EvaluationLevel.NONE
    )
    evaluation_methods = models.TextField(blank=True)
    effectiveness_as_stated = models.TextField(blank=True)
    perceived_success = models.TextField(blank=True)
    reception = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)
    # The campaign's own claim about administrative statistics, shown beside the data
    claim = models.TextField(blank=True)
    origin_country = models.CharField(max_length=2, blank=True)
    destination_countries = models.JSONField(default=list, blank=True)
    # Provenance
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.ENTERED
    )
    source_reference = models.CharField(max_length=400, blank=True)
    source_excerpt = models.TextField(blank=True)
    external_id = models.CharField(max_length=80, blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-actual_start", "title"]
        permissions = [
            ("import_campaigns", "Can import campaigns from a file"),
            ("view_campaign_analytics", "Can view portfolio analytics and impact estimates"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(evaluation_level__gte=0, evaluation_level__lte=5),
                name="campaign_evaluation_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(cost_total__isnull=True) | Q(cost_total__gte=0),
                name="campaign_cost_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(cost_total__isnull=True) | ~Q(currency=""),
                name="campaign_cost_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="campaign_actual_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="campaign_planned_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="campaign_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:120]

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end


class CostComponent(models.Model):
    """One itemised part of a campaign's cost, e.g. "II: 75.000 German Office"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="costs")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3)
    funder = models.CharField(max_length=200, blank=True)
    is_cofunding = models.BooleanField(default=False)
    is_estimate = models.BooleanField(default=False)
    range_low = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    range_high = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # A conversion is never silent: the original amount, the rate and its date stay.
    original_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    original_currency = models.CharField(max_length=3, blank=True)
    fx_rate = models.DecimalField(max_digits=14, decimal_places=6, null=True, blank=True)
    fx_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="cost_amount_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(range_low__isnull=True)
                | Q(range_high__isnull=True)
                | Q(range_high__gte=models.F("range_low")),
                name="cost_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(fx_rate__isnull=True)
                | (Q(fx_rate__gt=0) & Q(fx_date__isnull=False) & ~Q(original_currency="")),
                name="cost_conversion_states_rate_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or 'cost'}: {self.amount} {self.currency}"

    def get_organisation(self):
        return self.campaign.organisation


class AudienceSegment(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="audiences")
    group = models.CharField(max_length=30, choices=AudienceGroup.choices)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.ANY)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__in=AudienceGroup.values), name="audience_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values), name="audience_gender_valid"
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=models.F("age_min")),
                name="audience_age_band_ordered",
            ),
        ]

    def __str__(self) -> str:
        band = f" {self.age_min or ''}-{self.age_max or ''}" if self.age_min or self.age_max else ""
        return f"{self.get_group_display()}{band}"

    def get_organisation(self):
        return self.campaign.organisation


class ReachFigure(models.Model):
    """Reach of one channel (or of the whole campaign when channel is blank)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reach")
    channel = models.CharField(max_length=30, choices=Channel.choices, blank=True)
    value = models.PositiveIntegerField()
    unit = models.CharField(max_length=12, choices=ReachUnit.choices)
    is_minimum = models.BooleanField(default=False, help_text=_('stated as "at least"/"more than"'))
    is_estimate = models.BooleanField(default=False)
    how_counted = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit__in=ReachUnit.values), name="reach_unit_valid"),
            models.CheckConstraint(
                condition=Q(channel="") | Q(channel__in=Channel.values), name="reach_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"

    def get_organisation(self):
        return self.campaign.organisation


# --- pre/post surveys ---------------------------------------------------------


class SurveyStudy(OrgOwned):
    """Questionnaire results about one campaign: per respondent or aggregated with N."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="studies")
    title = models.CharField(max_length=200)
    design = models.CharField(max_length=30, choices=SurveyDesign.choices)
    # Scale bounds for the normalised gain (Hake): (post - pre) / (max - pre).
    scale_min = models.FloatField(default=0)
    scale_max = models.FloatField(default=1)
    planned_n = models.PositiveIntegerField(null=True, blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(design__in=SurveyDesign.values), name="surveystudy_design_valid"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="surveystudy_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyResponse(models.Model):
    """One respondent's score on one outcome in one wave."""

    study = models.ForeignKey(SurveyStudy, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=64, help_text=_("pseudonymous id"))
    arm = models.CharField(max_length=12, choices=Arm.choices, default=Arm.CAMPAIGN)
    wave = models.CharField(max_length=4, choices=Wave.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["study", "respondent", "wave", "outcome"], name="surveyresponse_unique"
            ),
            models.CheckConstraint(condition=Q(wave__in=Wave.values), name="surveyresponse_wave"),
            models.CheckConstraint(condition=Q(arm__in=Arm.values), name="surveyresponse_arm"),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="surveyresponse_outcome"
            ),
        ]
        indexes = [models.Index(fields=["study", "outcome"])]

    def __str__(self) -> str:
        return f"{self.respondent} {self.wave} {self.outcome}: {self.value}"

    def get_organisation(self):
        return self.study.organisation


class SurveyAggregate(models.Model):
    """Aggregated results: mean and SD with N, per arm, wave and outcome."""

    study = models.ForeignKey(SurveyStudy, on_delete=models.CASCADE, related_name="aggregates")
    arm = models.CharField(max_length=12, choices=Arm.choices, default=Arm.CAMPAIGN)
    wave = models.CharField(max_length=4, choices=Wave.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    n = models.PositiveIntegerField()
    mean = models.FloatField()
    sd = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["study", "arm", "wave", "outcome"], name="surveyaggregate_unique"
            ),
            models.CheckConstraint(condition=Q(n__gt=0), name="surveyaggregate_n_positive"),
            models.CheckConstraint(condition=Q(sd__gte=0), name="surveyaggregate_sd_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.arm} {self.wave} {self.outcome}: n={self.n}"

    def get_organisation(self):
        return self.study.organisation


# --- public reference statistics (not tenant-owned) -----------------------------


class StatObservation(models.Model):
    """One Eurostat value: dataset × reporting country × citizenship × year.

    Public reference data shared by everyone, hence not OrgOwned. Countries are
    ISO 3166 alpha-2 codes; aggregates keep Eurostat-style codes (``EU28``,
    ``TOTAL``, ``EXT_EU28``, ``STLS``, ``UNK``…) and ``is_aggregate`` so they
    are never mistaken for a country.
    """

    dataset = models.CharField(max_length=40)
    geo = models.CharField(max_length=12)
    citizen = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(null=True, blank=True, help_text=_("empty = not available"))
    flag = models.CharField(max_length=8, blank=True)
    geo_is_aggregate = models.BooleanField(default=False)
    citizen_is_aggregate = models.BooleanField(default=False)
    source = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset", "geo", "citizen", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "geo", "citizen", "year"], name="statobservation_unique"
            ),
        ]
        # Impact estimates read one origin across destinations (citizen) and
        # every origin in one destination (geo): one index for each.
        indexes = [
            models.Index(fields=["dataset", "citizen", "year"]),
            models.Index(fields=["dataset", "geo", "year"], name="statobs_dataset_geo_year"),
        ]
        # A platform permission: every organisation's impact estimates read these
        # rows, so no organisation role may hold it (orgs.policy.has_platform_perm
        # ignores organisation groups). Granted to the "Platform: reference data"
        # group and to superusers.
        permissions = [("manage_reference_data", "Can load platform reference data (Eurostat)")]

    def __str__(self) -> str:
        return f"{self.dataset} {self.geo}←{self.citizen} {self.year}: {self.value}"


class ReferenceImport(models.Model):
    """One load of a Eurostat file: who loaded what, when, and what it changed.

    Platform data like the observations it wrote (not OrgOwned); shown on the
    statistics page so every organisation can see where its figures come from.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    datasets = models.JSONField(default=list)
    layout = models.CharField(max_length=20, blank=True)
    rows = models.PositiveIntegerField(help_text=_("observations read from the file"))
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    unmapped = models.PositiveIntegerField(default=0, help_text=_("names left out, not guessed"))
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(created__lte=models.F("rows")) & Q(updated__lte=models.F("rows")),
                name="referenceimport_counts_within_rows",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]}) by {self.actor_label}"
