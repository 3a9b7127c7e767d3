"""The shared base of every content page: ownership, review-by dates, tags.

Pages cannot inherit ``OrgOwned`` (it would replace Wagtail's PageManager), so
ownership lives on :class:`OwnedPage`, a concrete (multi-table) page base. A
concrete base rather than an abstract mixin lets the dashboard, the digest,
the export and the admin guard query "all pages of organisation X" in one
query instead of one per page type.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Collection, Page
from wagtail_localize.fields import SynchronizedField

from retour.orgs.models import Organisation

from ..permissions import OrgPermissionsMixin

# Days before a page is due for review when the editor does not choose a date.
DEFAULT_REVIEW_DAYS = 180
# A page is "soon stale" this many days before its review-by date.
SOON_STALE_DAYS = 14


class Purpose(models.TextChoices):
    """Voluntary-return information is kept apart from enforcement messages."""

    VOLUNTARY_RETURN = "voluntary_return", _("Voluntary return and support")
    ENFORCEMENT = "enforcement", _("Enforcement (forced return, detention)")


class OwnedPageForm(WagtailAdminPageForm):
    """Limits the owner to organisations where the editor may edit content."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        user = getattr(self, "for_user", None)
        if field is not None and user is not None and not user.is_superuser:
            from retour.orgs import policy

            field.queryset = policy.orgs_with_perm(user, "content.edit_owned_page")
            if field.queryset.count() == 1 and not self.instance.organisation_id:
                self.initial["organisation"] = field.queryset.first().pk
        # "Minor edit" describes one publication, not the page: always start unticked.
        if "minor_edit" in self.fields:
            self.initial["minor_edit"] = False


class OwnedPage(OrgPermissionsMixin, Page):
    """Every content page is owned by one organisation and reviewed on a schedule."""

    REVIEW_DAYS = DEFAULT_REVIEW_DAYS

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="content_pages",
        verbose_name=_("owning organisation"),
        help_text=_("Readers see which organisation stands behind this page."),
    )
    purpose = models.CharField(
        max_length=20,
        choices=Purpose.choices,
        default=Purpose.VOLUNTARY_RETURN,
        verbose_name=_("purpose"),
    )
    is_sample = models.BooleanField(
        default=False,
        verbose_name=_("sample content"),
        help_text=_("Illustrative demo content: the page says so to every reader."),
    )
    last_verified = models.DateField(
        default=datetime.date.today, verbose_name=_("last verified on")
    )
    review_by = models.DateField(
        blank=True,
        verbose_name=_("review by"),
        help_text=_("Left empty, it defaults to a period that depends on the page type."),
    )
    # Translation status. ``content_changed_at`` moves on every non-minor
    # publication of a source page; a translation published before it is outdated.
    minor_edit = models.BooleanField(
        default=False,
        verbose_name=_("minor edit"),
        help_text=_("Typo or layout fix: translations stay marked as current."),
    )
    content_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    translated_at = models.DateTimeField(null=True, blank=True, editable=False)
    machine_translated = models.BooleanField(
        default=False,
        verbose_name=_("machine-translated, not yet reviewed"),
    )

    is_creatable = False
    base_form_class = OwnedPageForm
    # Each translation keeps its own review state; only the owner follows the source.
    override_translatable_fields = [
        SynchronizedField("machine_translated", overridable=True),
        SynchronizedField("minor_edit", overridable=True),
        SynchronizedField("last_verified", overridable=True),
        SynchronizedField("review_by", overridable=True),
    ]

    trust_panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("purpose"),
                FieldPanel("last_verified"),
                FieldPanel("review_by"),
                FieldPanel("is_sample"),
                FieldPanel("minor_edit"),
                FieldPanel("machine_translated"),
            ],
            heading=_("Ownership, review and translation"),
        )
    ]

    class Meta:
        verbose_name = _("content page")
        permissions = [
            ("edit_owned_page", "Can edit the organisation's content pages"),
            ("review_owned_page", "Can approve the organisation's content pages"),
            ("view_content_dashboard", "Can see the content freshness dashboard"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=Purpose.values), name="ownedpage_purpose_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_by__gte=models.F("last_verified")),
                name="ownedpage_review_after_verified",
            ),
        ]

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.review_by and self.last_verified and self.review_by < self.last_verified:
            raise ValidationError(
                {"review_by": _("The review-by date cannot be before the last-verified date.")}
            )

    def save(self, *args, **kwargs):
        if self.review_by is None:
            base = self.last_verified or timezone.localdate()
            self.review_by = base + datetime.timedelta(days=self.REVIEW_DAYS)
        return super().save(*args, **kwargs)

    # -- freshness -------------------------------------------------------------
    def is_stale(self, today: datetime.date | None = None) -> bool:
        return self.review_by < (today or timezone.localdate())

    def is_soon_stale(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return today <= self.review_by <= today + datetime.timedelta(days=SOON_STALE_DAYS)

    def get_template(self, request, *args, **kwargs):
        return f"content/{self._meta.model_name}.html"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import page_trust_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_trust_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from ..rendering import serve_cached

        return serve_cached(self, request, super().serve, *args, **kwargs)


def default_locale_code() -> str:
    return settings.LANGUAGE_CODE


class OrganisationCollection(models.Model):
    """The Wagtail collection holding one organisation's images and documents.

    Its org groups get GroupCollectionPermissions on it (services.
    organisation_collection_sync), so Wagtail's own per-collection permissions
    keep each organisation's media out of the others' listings and choosers.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="media_collection"
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="retour_organisation"
    )

    def __str__(self) -> str:
        return f"{self.organisation}: {self.collection}"


class PageDailyReads(models.Model):
    """How often a page was read on one day. No personal data, just a counter."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="daily_reads")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="pagedailyreads_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.count}"
