"""Which return programmes may fit a person's situation, from their published conditions.

The public questionnaire (views.support) and nothing else calls this. It reads
the machine-readable conditions of live, public, voluntary-return programme
pages and sorts each into "fits", "might fit: check with a counsellor" (a
condition the page does not state, or one the reader chose not to answer) or
"does not fit" (left out). It is never a decision: the page says so.

Answers are plain values passed in and dropped after the call; nothing here
writes to the database, the cache, the session or a log.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from babel import UnknownLocaleError
from babel.numbers import format_currency
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from .models import (
    FamilyCondition,
    HealthCondition,
    Purpose,
    ReturnProgrammePage,
)
from .selectors import _swap_prefix


class Household(models.TextChoices):
    """Who travels with the person (the questionnaire's family question)."""

    ALONE = "alone", gettext_lazy("Alone")
    PARTNER = "partner", gettext_lazy("With a partner, no children")
    CHILDREN = "children", gettext_lazy("With children")


class Fit(enum.IntEnum):
    # Ordered so the overall verdict is the worst condition (min).
    NO = 0
    UNKNOWN = 1
    YES = 2


@dataclass(frozen=True)
class Answers:
    """What the reader told us; "" means not answered ("I don't know")."""

    nationality: str = ""
    status: str = ""
    host_country: str = ""
    household: str = ""
    health_needs: str = ""  # "yes", "no" or ""


@dataclass
class Verdict:
    fit: Fit
    # Codes of the conditions a counsellor must check (unknown ones): CONDITION_LABELS.
    to_check: list[str] = field(default_factory=list)
    # Codes of things worth knowing about a fitting programme: NOTE_TEXTS.
    notes: list[str] = field(default_factory=list)

    def to_check_labels(self) -> list[str]:
        return [str(CONDITION_LABELS[code]) for code in self.to_check]

    def note_texts(self) -> list[str]:
        return [str(NOTE_TEXTS[code]) for code in self.notes]


@dataclass
class Suggestion:
    page: ReturnProgrammePage
    url: str  # under the reader's language prefix (a fallback page says so itself)
    verdict: Verdict
    fallback: bool  # shown in another language than the reader's
    stale: bool  # past its review-by date: listed with a notice
    amount: str  # formatted, "" when the page states none
    child_amount: str


@dataclass
class Suggestions:
    fits: list[Suggestion]
    maybe: list[Suggestion]


# -- one condition at a time ----------------------------------------------------
def _in_list(answer: str, allowed: list[str], *, empty_means_any: bool) -> Fit:
    if not allowed:
        return Fit.YES if empty_means_any else Fit.UNKNOWN
    if not answer:
        return Fit.UNKNOWN
    return Fit.YES if answer in allowed else Fit.NO


def _family(answer: str, condition: str) -> Fit:
    if condition == FamilyCondition.ANYONE:
        return Fit.YES
    if condition == FamilyCondition.NOT_STATED or not answer:
        return Fit.UNKNOWN
    if condition == FamilyCondition.ALONE_ONLY:
        return Fit.YES if answer == Household.ALONE else Fit.NO
    if condition == FamilyCondition.FAMILIES_ONLY:
        return Fit.YES if answer == Household.CHILDREN else Fit.NO
    return Fit.UNKNOWN


def _health(answer: str, condition: str) -> Fit:
    if condition == HealthCondition.REQUIRED:
        return {"yes": Fit.YES, "no": Fit.NO}.get(answer, Fit.UNKNOWN)
    if answer != "yes" or condition != HealthCondition.NOT_STATED:
        # Without medical needs, what a programme says about them does not matter;
        # "not supported" does not exclude anyone (a note says so instead).
        return Fit.YES
    return Fit.UNKNOWN


# The questionnaire's answer names double as the condition codes (API, to_check).
CONDITION_LABELS = {
    "nationality": gettext_lazy("nationality"),
    "status": gettext_lazy("residence status"),
    "host_country": gettext_lazy("the country where you live now"),
    "household": gettext_lazy("family"),
    "health_needs": gettext_lazy("medical needs"),
}


def programme_verdict(page: ReturnProgrammePage, answers: Answers) -> Verdict:
    """How ``page``'s published conditions compare with ``answers``."""
    checks = {
        # The model documents an empty nationality list as "any nationality".
        "nationality": _in_list(
            answers.nationality, page.eligible_nationalities, empty_means_any=True
        ),
        "status": _in_list(answers.status, page.eligible_residence_statuses, empty_means_any=False),
        "host_country": _in_list(answers.host_country, page.host_countries, empty_means_any=False),
        "household": _family(answers.household, page.family_condition),
        "health_needs": _health(answers.health_needs, page.health_condition),
    }
    verdict = Verdict(
        fit=min(checks.values()), to_check=[c for c, f in checks.items() if f == Fit.UNKNOWN]
    )
    if answers.health_needs == "yes" and page.health_condition == HealthCondition.NOT_SUPPORTED:
        verdict.notes.append("medical_needs_not_covered")
    return verdict


NOT_A_DECISION = gettext_lazy("This is not a decision; talk to a counsellor.")

NOTE_TEXTS = {
    "medical_needs_not_covered": gettext_lazy(
        "This programme says it does not cover medical needs."
    ),
}


# -- the catalogue ---------------------------------------------------------------
def open_programmes(today: datetime.date) -> models.QuerySet[ReturnProgrammePage]:
    """Live, public, voluntary-return programmes that are valid and still open today.

    Unpublished pages and pages under a view restriction are never offered;
    enforcement pages are kept apart from voluntary-return information.
    """
    return (
        ReturnProgrammePage.objects.live()
        .public()
        .filter(purpose=Purpose.VOLUNTARY_RETURN, valid_from__lte=today)
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today))
        .filter(models.Q(deadline_date__isnull=True) | models.Q(deadline_date__gte=today))
        .select_related("locale", "organisation")
    )


def in_reader_language(pages: Iterable[ReturnProgrammePage], lang: str) -> list:
    """One page per programme: the reader's language, else the default language,
    else whichever exists (the result then says it is in another language)."""
    default = Locale.get_default().language_code
    best: dict = {}

    def rank(page: ReturnProgrammePage) -> int:
        code = page.locale.language_code
        return 0 if code == lang else 1 if code == default else 2

    for page in pages:
        current = best.get(page.translation_key)
        if current is None or rank(page) < rank(current):
            best[page.translation_key] = page
    return sorted(best.values(), key=lambda p: p.title.casefold())


def _money(amount: Decimal | None, currency: str, lang: str) -> str:
    if amount is None or not currency:
        return ""
    try:
        return format_currency(amount, currency, locale=lang)
    except (UnknownLocaleError, ValueError):
        return format_currency(amount, currency, locale="en")


def suggest(
    answers: Answers, *, lang: str | None = None, today: datetime.date | None = None
) -> Suggestions:
    """The programmes that fit ``answers`` and those a counsellor should check."""
    today = today or timezone.localdate()
    lang = (lang or settings.LANGUAGE_CODE).split("-")[0]
    fits: list[Suggestion] = []
    maybe: list[Suggestion] = []
    for page in in_reader_language(open_programmes(today), lang):
        verdict = programme_verdict(page, answers)
        if verdict.fit == Fit.NO:
            continue
        item = Suggestion(
            page=page,
            url=_swap_prefix(page.url or "", lang) if page.url else "",
            verdict=verdict,
            fallback=page.locale.language_code != lang,
            stale=page.is_stale(today),
            amount=_money(page.cash_grant_amount, page.cash_grant_currency, lang),
            child_amount=_money(page.cash_grant_per_child, page.cash_grant_currency, lang),
        )
        (fits if verdict.fit == Fit.YES else maybe).append(item)
    return Suggestions(fits=fits, maybe=maybe)
