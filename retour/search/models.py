"""The search index and the query log behind the dissemination-gap analytics.

``SearchDocument`` is a denormalised copy of one published page in one locale.
It is rebuilt from content (see sources.py) on publish/unpublish and by
``manage.py search_reindex``; it is never edited by hand. The full-text part
lives next to it: an FTS5 table on SQLite, a generated ``tsvector`` column with
a GIN index on PostgreSQL (both created in migration 0002).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from retour.orgs.models import Organisation, OrgOwned


class DocumentKind(models.TextChoices):
    SHORT_ANSWER = "short_answer", _("Short answer")
    COUNTRY_SHEET = "country_sheet", _("Country information")
    PROGRAMME = "programme", _("Programme")
    EXPLAINER = "explainer", _("Decision explainer")
    SERVICE_POINT = "service_point", _("Service point")
    PAGE = "page", _("Page")


class Channel(models.TextChoices):
    WEB = "web", _("Website search")
    API = "api", _("Answer API")
    TELEGRAM = "telegram", _("Telegram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    RAPIDPRO = "rapidpro", _("RapidPro / TextIt")
    SMS = "sms", _("SMS")
    LOCAL = "local", _("Local test chat")


class SearchDocument(OrgOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Where it came from: "<app_label>.<model>:<pk>", unique per indexed object.
    source_key = models.CharField(max_length=120, unique=True)
    page_id = models.PositiveIntegerField(null=True, blank=True)
    translation_key = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, db_index=True)
    locale = models.CharField(max_length=12, db_index=True)
    country = models.CharField(max_length=2, blank=True, db_index=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)  # the reviewed short answer text, shown verbatim
    url = models.CharField(max_length=500)
    revision_id = models.PositiveIntegerField(null=True, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True)
    # Service points: {"lat":…, "lon":…, "city":…, "languages":[…], "services":[…],
    # "opening_hours": {"mon": [["09:00","17:00"]], …}}; empty for other kinds.
    meta = models.JSONField(default=dict, blank=True)
    # Normalised, stemmed terms (text.index_text); the FTS index reads these.
    index_title = models.TextField(blank=True)
    index_body = models.TextField(blank=True)
    # Locale, kind and country as tokens (backends.facets_text): SQLite's FTS5
    # table filters on them inside the index, reading them from this row.
    index_facets = models.TextField(blank=True, editable=False)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="searchdoc_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_by__isnull=True)
                | models.Q(last_verified__isnull=True)
                | models.Q(review_by__gte=models.F("last_verified")),
                name="searchdoc_review_after_verified",
            ),
        ]
        indexes = [models.Index(fields=["locale", "kind", "country"], name="searchdoc_filters")]

    def __str__(self) -> str:
        return f"{self.title} [{self.locale}]"

    @property
    def is_stale(self) -> bool:
        return self.review_by is not None and self.review_by < timezone.localdate()


class SearchTerm(models.Model):
    """Vocabulary of the index with document frequencies: IDF weights for the
    confidence score and candidates for typo correction, the same on both
    database backends."""

    # Per locale: IDF within the language searched, and typo corrections that
    # stay in the reader's language ("pasport" → "passport", not Dutch "paspoort").
    locale = models.CharField(max_length=12, default="")
    term = models.CharField(max_length=100)
    doc_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "term"], name="searchterm_unique_locale_term")
        ]

    def __str__(self) -> str:
        return self.term


class QueryLog(models.Model):
    """One search or question, with no personal data.

    Stored: the normalised query, language, channel, filters, outcome. Not
    stored: who asked, their sender id, IP, or the time of day (only the day),
    so a row cannot be tied back to a chat conversation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    day = models.DateField(default=timezone.localdate, db_index=True)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    language = models.CharField(max_length=12, db_index=True)
    country = models.CharField(max_length=2, blank=True)
    kind_filter = models.CharField(max_length=20, blank=True)
    query = models.CharField(max_length=500)
    answered = models.BooleanField(default=False)
    result_count = models.PositiveIntegerField(default=0)
    confidence = models.FloatField(null=True, blank=True)
    other_language = models.BooleanField(default=False)
    top_document = models.ForeignKey(
        SearchDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organisation whose content answered; unanswered questions have none.
    answered_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_document = models.ForeignKey(
        SearchDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="opens"
    )
    # Generated by `retour demo`; analytics say how many sample rows they include.
    is_sample = models.BooleanField(default=False)

    class Meta:
        permissions = [("view_gaps", "Can view dissemination-gap analytics")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="querylog_channel_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(answered=False) | models.Q(result_count__gt=0),
                name="querylog_answered_has_results",
            ),
        ]
        indexes = [
            models.Index(fields=["answered", "language"], name="querylog_gap"),
            # The gap analytics' freshness check: rows of a rolled-up day added after
            # its rollup (id above the day's watermark) are found by one index seek.
            models.Index(fields=["day", "id"], name="querylog_day_id"),
            # Opens from search of a page within the window (stale pages table).
            models.Index(fields=["opened_document", "day"], name="querylog_opened_day"),
        ]

    def __str__(self) -> str:
        return f"{self.query[:40]} ({self.language}, {self.channel})"


class QueryLogRollupDay(models.Model):
    """One day of the query log whose counts are in the rollup tables below.

    Written only by ``analytics.rollup_refresh``, and only for days at least two
    days old (today's questions are still arriving). ``last_id`` is the largest
    QueryLog id when the day was counted: a row of that day with a larger id was
    added later (an import with an explicit day), so the day is read from the log
    again until the next refresh recounts it. The rollup is a cache: deleting
    all three tables loses nothing.
    """

    day = models.DateField(unique=True)
    rows = models.PositiveIntegerField()
    last_id = models.BigIntegerField()
    counted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.day}: {self.rows} questions"


class QueryLogDailyCount(models.Model):
    """Questions per day × language × channel × outcome × answering organisation."""

    day = models.DateField()
    language = models.CharField(max_length=12)
    channel = models.CharField(max_length=12)
    answered = models.BooleanField()
    # Same deletion rule as QueryLog.answered_by, so the rollup stays equal to the log.
    answered_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField()
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["day", "language"], name="querylog_rollup_count_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.language} {self.channel}: {self.n}"


class QueryLogDailyQuestion(models.Model):
    """Unanswered questions per day × language × normalised question."""

    day = models.DateField()
    language = models.CharField(max_length=12)
    query = models.CharField(max_length=500)
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["day", "language"], name="querylog_rollup_question_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.language}: {self.query[:40]} ({self.n})"


class Concept(ClusterableModel):
    """One idea people ask about ("passport", "how much"), with the words for it
    in every launch language: formal, colloquial and transliterated (Arabizi,
    Finglish). Platform-wide language knowledge, not organisation data: it holds
    no tenant content and every organisation's questions go through it, so only
    platform staff (superusers) edit it, as a Wagtail snippet.

    The engine reads every concept once per process (concepts.py) and reloads
    when one is saved or deleted; a question term matches the page terms of
    every language of its concept, so a Russian question finds an English page.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("A short English label, e.g. passport.")
    )
    note = models.TextField(_("note for editors"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("note"),
        InlinePanel("terms", label=_("Words"), heading=_("Words in each language")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("search concept")
        verbose_name_plural = _("search concepts")

    def __str__(self) -> str:
        return self.name


class ConceptTerm(models.Model):
    """One word or phrase for a concept in one language. A phrase ("how much")
    is recognised in a question when all its words are there; only single words
    are looked up in pages."""

    concept = ParentalKey(Concept, on_delete=models.CASCADE, related_name="terms")
    language = models.CharField(_("language"), max_length=12, choices=settings.LANGUAGES)
    text = models.CharField(_("word or phrase"), max_length=80)

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta:
        ordering = ["language", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language", "text"], name="conceptterm_unique"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="conceptterm_text_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text}"
