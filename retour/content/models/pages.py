"""The page types of the return information portal."""

from __future__ import annotations

import datetime

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from retour.orgs.validators import VALID_COUNTRIES, normalise_language

from ..blocks import (
    RICH_FEATURES,
    CountrySectionBlock,
    DecisionOptionBlock,
    OpeningHoursBlock,
    SectionKind,
)
from ..permissions import OrgPermissionsMixin
from .base import OwnedPage


def country_choices():
    """ISO 3166-1 alpha-2 choices, computed at runtime so migrations stay small."""
    names = {c.alpha_2: c.name for c in pycountry.countries}
    names["XK"] = "Kosovo"
    return sorted(names.items(), key=lambda item: item[1])


def validate_country(value: str) -> None:
    if value not in VALID_COUNTRIES:
        raise ValidationError(
            _("Unknown country code %(code)s: use an ISO 3166-1 alpha-2 code such as AF or IQ."),
            params={"code": value},
        )


def validate_country_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_('Enter a list of ISO 3166-1 alpha-2 codes, e.g. ["AF", "IQ"].'))
    for code in value:
        validate_country(code)


def validate_language_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_('Enter a list of ISO 639-1 codes, e.g. ["ar", "fa"].'))
    for code in value:
        if normalise_language(code) != code:
            raise ValidationError(_("Use lower-case two-letter ISO 639-1 codes."))


class ResidenceStatus(models.TextChoices):
    ASYLUM_PENDING = "asylum_pending", _("Asylum application pending")
    ASYLUM_REJECTED = "asylum_rejected", _("Asylum application rejected")
    IRREGULAR = "irregular", _("No residence permit")
    PERMIT = "permit", _("Holding a residence permit")
    DUBLIN = "dublin", _("Dublin procedure")


class ServiceKind(models.TextChoices):
    RETURN_COUNSELLING = "return_counselling", _("Return counselling")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HEALTH = "health", _("Health")
    SHELTER = "shelter", _("Shelter")
    DROP_IN = "drop_in", _("Drop-in")


class FamilyCondition(models.TextChoices):
    """Who may apply together. "Not stated" is kept apart from "anyone" so the
    questionnaire can say "check with a counsellor" instead of guessing."""

    NOT_STATED = "not_stated", _("Not stated")
    ANYONE = "anyone", _("People alone and families")
    ALONE_ONLY = "alone_only", _("Only people travelling alone")
    FAMILIES_ONLY = "families_only", _("Only families with children")


class HealthCondition(models.TextChoices):
    """What the programme says about medical needs (not stated: unknown)."""

    NOT_STATED = "not_stated", _("Not stated")
    SUPPORTED = "supported", _("Medical needs can be supported")
    NOT_SUPPORTED = "not_supported", _("Medical needs are not supported")
    REQUIRED = "required", _("Only for people with medical needs")


def _validate_choice_list(value, choices) -> None:
    if not isinstance(value, list) or any(v not in choices.values for v in value):
        raise ValidationError(
            _("Choose from: %(choices)s."), params={"choices": ", ".join(choices.values)}
        )


def validate_residence_statuses(value) -> None:
    _validate_choice_list(value, ResidenceStatus)


def validate_services(value) -> None:
    _validate_choice_list(value, ServiceKind)


def localized_children(page) -> list:
    """Live children in the reader's language, the source version where untranslated.

    Children are taken from the default-locale tree so a partly translated
    section still lists everything; two queries whatever the number of children.
    """
    default = page.get_translation_or_none(Locale.get_default()) or page
    children = list(default.get_children().live().specific().order_by("title"))
    try:
        active = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return children
    if active.pk == default.locale_id:
        return children
    translated = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(locale=active, translation_key__in=[c.translation_key for c in children])
        .specific()
    }
    return [translated.get(c.translation_key, c) for c in children]


class HomePage(OrgPermissionsMixin, Page):
    """The root of one language tree (one per locale)."""

    intro = RichTextField(features=RICH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "content.CountryIndexPage",
        "content.ProgrammeIndexPage",
        "content.DecisionExplainerPage",
        "content.ServicePointIndexPage",
        "content.ShortAnswerIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "content/homepage.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = localized_children(self)
        return context

    def route(self, request, path_components):
        """Serve the original when a page is missing in the reader's language.

        The reader keeps their language in the URL and the interface; the page
        itself carries a clear "not yet available in your language" label.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            default = self.get_translation_or_none(Locale.get_default())
            if not path_components or default is None or default.pk == self.pk:
                raise
            return default.specific.route(request, path_components)


class _IndexPage(OrgPermissionsMixin, Page):
    """A structural listing page, managed by platform administrators."""

    intro = RichTextField(features=RICH_FEATURES, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = localized_children(self)
        return context


class CountryIndexPage(_IndexPage):
    subpage_types = ["content.CountrySheetPage"]
    template = "content/indexpage.html"


class ProgrammeIndexPage(_IndexPage):
    subpage_types = ["content.ReturnProgrammePage"]
    template = "content/indexpage.html"


class ServicePointIndexPage(_IndexPage):
    subpage_types = ["content.ServicePointPage"]
    template = "content/indexpage.html"


class ShortAnswerIndexPage(_IndexPage):
    subpage_types = ["content.ShortAnswerPage"]
    template = "content/indexpage.html"


class CountrySheetPage(OwnedPage):
    """Country of return sheet: one per ISO 3166 country and language."""

    REVIEW_DAYS = 90

    country = models.CharField(
        max_length=2,
        choices=country_choices,
        validators=[validate_country],
        verbose_name=_("country"),
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    sections = StreamField(
        [("section", CountrySectionBlock())], blank=True, verbose_name=_("sections")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("country"),
        FieldPanel("summary"),
        FieldPanel("sections"),
        *OwnedPage.trust_panels,
    ]
    parent_page_types = ["content.CountryIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("country of return sheet")

    def clean(self):
        super().clean()
        kinds = [s.value["kind"] for s in self.sections]
        duplicates = sorted({k for k in kinds if kinds.count(k) > 1})
        if duplicates:
            raise ValidationError(
                {
                    "sections": _("Each section may appear once; repeated: %s")
                    % ", ".join(duplicates)
                }
            )

    def section_list(self):
        """Sections in the canonical order, with their display label."""
        order = {kind: i for i, kind in enumerate(SectionKind.values)}
        items = sorted(self.sections, key=lambda s: order.get(s.value["kind"], 99))
        return [(SectionKind(s.value["kind"]).label, s.value) for s in items]


class ReturnProgrammePage(OwnedPage):
    """An assisted voluntary return programme, machine-readable."""

    REVIEW_DAYS = 90
    # A currency code is data, not text: the same in every language.
    override_translatable_fields = [
        *OwnedPage.override_translatable_fields,
        SynchronizedField("cash_grant_currency"),
    ]

    operator = models.CharField(max_length=200, verbose_name=_("run by"))
    funders = models.CharField(max_length=300, blank=True, verbose_name=_("funded by"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    eligible_nationalities = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_country_list],
        verbose_name=_("eligible nationalities"),
        help_text=_('ISO 3166-1 alpha-2 codes, e.g. ["AF", "IQ"]; empty means any.'),
    )
    eligible_residence_statuses = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_residence_statuses],
        verbose_name=_("eligible residence statuses"),
        help_text=_("Any of: %s. Empty means not stated: readers are asked to check.")
        % ", ".join(ResidenceStatus.values),
    )
    host_countries = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_country_list],
        verbose_name=_("where applicants must be living"),
        help_text=_(
            'ISO 3166-1 alpha-2 codes of the countries one can apply from, e.g. ["BE"]; '
            "empty means not stated."
        ),
    )
    family_condition = models.CharField(
        max_length=20,
        choices=FamilyCondition.choices,
        default=FamilyCondition.NOT_STATED,
        verbose_name=_("families and children"),
    )
    health_condition = models.CharField(
        max_length=20,
        choices=HealthCondition.choices,
        default=HealthCondition.NOT_STATED,
        verbose_name=_("medical needs"),
    )
    application_deadline = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("application deadline"),
        help_text=_('In words, e.g. "apply before you travel"; the date goes below.'),
    )
    deadline_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("apply by (date)"),
        help_text=_("Last day to apply. After it the programme is no longer suggested."),
    )
    covers_ticket = models.BooleanField(default=False, verbose_name=_("covers the ticket"))
    cash_grant_amount = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        verbose_name=_("cash grant amount"),
    )
    cash_grant_currency = models.CharField(
        max_length=3, blank=True, verbose_name=_("cash grant currency (ISO 4217)")
    )
    cash_grant_per_child = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        verbose_name=_("extra cash grant per accompanying child"),
        help_text=_("In the currency above."),
    )
    in_kind_support = models.TextField(blank=True, verbose_name=_("in-kind reintegration support"))
    vulnerable_extras = models.TextField(
        blank=True, verbose_name=_("extra support for vulnerable groups")
    )
    how_to_apply = RichTextField(features=RICH_FEATURES, blank=True, verbose_name=_("how to apply"))
    valid_from = models.DateField(verbose_name=_("valid from"))
    valid_until = models.DateField(null=True, blank=True, verbose_name=_("valid until"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("operator"), FieldPanel("funders")], heading=_("Who runs and funds it")
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligible_nationalities"),
                FieldPanel("eligible_residence_statuses"),
                FieldPanel("host_countries"),
                FieldPanel("family_condition"),
                FieldPanel("health_condition"),
                FieldPanel("application_deadline"),
                FieldPanel("deadline_date"),
            ],
            heading=_("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("covers_ticket"),
                FieldPanel("cash_grant_amount"),
                FieldPanel("cash_grant_currency"),
                FieldPanel("cash_grant_per_child"),
                FieldPanel("in_kind_support"),
                FieldPanel("vulnerable_extras"),
            ],
            heading=_("What it covers"),
        ),
        FieldPanel("how_to_apply"),
        MultiFieldPanel(
            [FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("Validity")
        ),
        *OwnedPage.trust_panels,
    ]
    parent_page_types = ["content.ProgrammeIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("return programme")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="programme_valid_period",
            ),
            models.CheckConstraint(
                condition=models.Q(cash_grant_amount__isnull=True)
                | (models.Q(cash_grant_amount__gte=0) & ~models.Q(cash_grant_currency="")),
                name="programme_grant_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(cash_grant_per_child__isnull=True)
                | (models.Q(cash_grant_per_child__gte=0) & ~models.Q(cash_grant_currency="")),
                name="programme_child_grant_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(family_condition__in=FamilyCondition.values),
                name="programme_family_condition_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(health_condition__in=HealthCondition.values),
                name="programme_health_condition_valid",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot be before its start.")
        if self.cash_grant_amount is not None or self.cash_grant_per_child is not None:
            currency = (self.cash_grant_currency or "").upper()
            if pycountry.currencies.get(alpha_3=currency) is None:
                errors["cash_grant_currency"] = _("Enter an ISO 4217 currency code such as EUR.")
            self.cash_grant_currency = currency
        if errors:
            raise ValidationError(errors)

    def residence_status_labels(self) -> list[str]:
        """The eligible statuses as the reader reads them (never the stored codes)."""
        from ..names import choice_labels

        return choice_labels(self.eligible_residence_statuses, ResidenceStatus)

    def is_current(self, today: datetime.date) -> bool:
        return self.valid_from <= today and (self.valid_until is None or today <= self.valid_until)


class DecisionExplainerPage(OwnedPage):
    """Understanding your decision: why applications are rejected and what next."""

    REVIEW_DAYS = 180

    summary = models.TextField(blank=True, verbose_name=_("summary"))
    body = RichTextField(features=RICH_FEATURES, blank=True, verbose_name=_("explanation"))
    options = StreamField([("option", DecisionOptionBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("options"),
        *OwnedPage.trust_panels,
    ]
    parent_page_types = ["content.HomePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("decision explainer")


class ServicePointPage(OwnedPage):
    """A counselling or help point in the directory."""

    REVIEW_DAYS = 180

    provider = models.CharField(max_length=200, verbose_name=_("organisation running it"))
    description = models.TextField(blank=True)
    street = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=100)
    country = models.CharField(
        max_length=2, choices=country_choices, validators=[validate_country], default="BE"
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opening_hours = StreamField([("hours", OpeningHoursBlock())], blank=True)
    languages = models.JSONField(
        default=list, blank=True, validators=[validate_language_list], help_text='e.g. ["ar", "fr"]'
    )
    services = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_services],
        help_text=_("Any of: %s") % ", ".join(ServiceKind.values),
    )
    anonymous = models.BooleanField(default=False, verbose_name=_("you can come anonymously"))
    no_appointment = models.BooleanField(default=False, verbose_name=_("no appointment needed"))
    phone = models.CharField(max_length=40, blank=True)
    whatsapp = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("provider"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Address"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("languages"),
        FieldPanel("services"),
        MultiFieldPanel(
            [FieldPanel("anonymous"), FieldPanel("no_appointment")], heading=_("Access")
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("whatsapp"), FieldPanel("email")],
            heading=_("How to reach it"),
        ),
        *OwnedPage.trust_panels,
    ]
    parent_page_types = ["content.ServicePointIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("service point")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="servicepoint_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="servicepoint_longitude_range",
            ),
        ]

    def service_labels(self):
        return [str(ServiceKind(s).label) for s in self.services if s in ServiceKind.values]


class ShortAnswerPage(OwnedPage):
    """A question with a short answer, backed by fuller pages. Search and chat use these."""

    REVIEW_DAYS = 180

    answer = models.TextField(
        max_length=700,
        verbose_name=_("short answer"),
        help_text=_("Plain text, at most 700 characters: it is also sent in chat channels."),
    )
    backing_pages = StreamField(
        [("page", PageChooserBlock())],
        blank=True,
        verbose_name=_("pages that back this answer"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("answer"),
        FieldPanel("backing_pages"),
        *OwnedPage.trust_panels,
    ]
    parent_page_types = ["content.ShortAnswerIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("short answer")

    @property
    def question(self) -> str:
        return self.title

    def backing(self):
        """The live backing pages, in the reader's locale where a translation exists."""
        pages = []
        for block in self.backing_pages:
            page = block.value
            if page is None or not page.live:
                continue
            pages.append(page.localized)
        return pages
