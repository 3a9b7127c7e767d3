"""Dissemination-gap analytics for one organisation (reads only).

Scope: questions answered by the organisation's own pages, plus unanswered
questions in the organisation's languages. Unanswered questions belong to no
organisation (nobody answered them); each organisation sees those it could
answer, i.e. those asked in a language it works in.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from retour.content.models import PageDailyReads

from .models import Channel, QueryLog, SearchDocument

WINDOW_DAYS = 90
MIN_N = 20  # below this, rates are shown as "too few data"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for k successes out of n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def scoped_logs(org, *, days: int = WINDOW_DAYS):
    since = timezone.localdate() - datetime.timedelta(days=days)
    unanswered = Q(answered=False)
    if org.languages:
        unanswered &= Q(language__in=org.languages)
    return QueryLog.objects.filter(day__gte=since).filter(Q(answered_by=org) | unanswered)


def top_unanswered(org, *, per_language: int = 10) -> dict[str, list[dict]]:
    rows = (
        scoped_logs(org)
        .filter(answered=False)
        .values("language", "query")
        .annotate(n=Count("id"))
        .order_by("-n", "query")[:500]
    )
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if len(grouped[row["language"]]) < per_language:
            grouped[row["language"]].append(row)
    return dict(sorted(grouped.items(), key=lambda kv: -sum(r["n"] for r in kv[1])))


@dataclass
class Coverage:
    language: str
    name: str
    pages: int
    questions: int
    unanswered: int

    @property
    def unanswered_rate(self) -> float | None:
        return self.unanswered / self.questions if self.questions else None

    @property
    def ci(self) -> tuple[float, float]:
        return wilson(self.unanswered, self.questions)

    @property
    def too_few(self) -> bool:
        return self.questions < MIN_N

    @property
    def pages_per_100_questions(self) -> float | None:
        return 100 * self.pages / self.questions if self.questions else None


def coverage(org) -> list[Coverage]:
    """Published pages of the organisation per locale against demand in that language.

    Sorted with the worst-covered languages first: most demand per page.
    """
    pages = dict(
        SearchDocument.objects.for_org(org)
        .values_list("locale")
        .annotate(n=Count("id"))
        .values_list("locale", "n")
    )
    demand = {
        row["language"]: row
        for row in scoped_logs(org)
        .values("language")
        .annotate(n=Count("id"), unanswered=Count("id", filter=Q(answered=False)))
    }
    names = dict(settings.LANGUAGES)
    rows = []
    for code in sorted(set(pages) | set(demand)):
        d = demand.get(code, {})
        rows.append(
            Coverage(
                language=code,
                name=names.get(code, code),
                pages=pages.get(code, 0),
                questions=d.get("n", 0),
                unanswered=d.get("unanswered", 0),
            )
        )
    rows.sort(key=lambda c: (c.pages / c.questions if c.questions else math.inf, -c.questions))
    return rows


@dataclass
class StalePage:
    document: SearchDocument
    reads: int  # from the portal's read counter
    opens: int  # opened from search results


def _portal_reads(page_ids: list[int], since: datetime.date) -> dict[int, int]:
    rows = (
        PageDailyReads.objects.filter(page_id__in=page_ids, day__gte=since)
        .values("page_id")
        .annotate(n=Sum("count"))
    )
    return {r["page_id"]: r["n"] for r in rows}


def stale_most_read(org, *, limit: int = 15) -> list[StalePage]:
    today = timezone.localdate()
    since = today - datetime.timedelta(days=WINDOW_DAYS)
    docs = list(
        SearchDocument.objects.for_org(org)
        .filter(review_by__lt=today)
        .defer("index_title", "index_body", "meta")
        .annotate(n_opens=Count("opens", filter=Q(opens__day__gte=since)))
        .order_by("review_by")[:500]
    )
    reads = _portal_reads([d.page_id for d in docs if d.page_id], since)
    result = [
        StalePage(
            document=d,
            reads=reads.get(d.page_id, 0),
            opens=d.n_opens,
        )
        for d in docs
    ]
    result.sort(key=lambda s: (-s.reads, -s.opens, s.document.title))
    return result[:limit]


def channel_usage(org, *, weeks: int = 12) -> tuple[list[str], dict[str, list[int]]]:
    """(week labels, {channel: counts per week}) for the last ``weeks`` weeks."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = (
        scoped_logs(org, days=7 * weeks + 7)
        .filter(day__gte=start)
        .annotate(week=TruncWeek("day"))
        .values("week", "channel")
        .annotate(n=Count("id"))
    )
    labels = [(start + datetime.timedelta(weeks=i)) for i in range(weeks)]
    index = {d: i for i, d in enumerate(labels)}
    series: dict[str, list[int]] = {}
    for row in rows:
        week = row["week"]
        if isinstance(week, datetime.datetime):
            week = week.date()
        if week not in index:
            continue
        series.setdefault(row["channel"], [0] * weeks)[index[week]] += row["n"]
    names = dict(Channel.choices)
    named = {str(names.get(k, k)): v for k, v in sorted(series.items())}
    return [d.isoformat() for d in labels], named


def sample_count(org) -> int:
    return scoped_logs(org).filter(is_sample=True).count()


CHAT_CHANNELS = (Channel.TELEGRAM, Channel.WHATSAPP, Channel.RAPIDPRO, Channel.SMS, Channel.LOCAL)


@dataclass
class ChatGap:
    language: str
    channel: str
    unanswered: int
    rumours: int


# Rumours are marked by counsellors in the chat app, which builds on search, so
# search never imports it: an app counting rumours registers a counter in its
# AppConfig.ready() (channels: retour/channels/apps.py).
# counter(org, since) -> {(language, channel): number of rumours since that day}
RumourCounter = Callable[[Any, datetime.date], dict[tuple[str, str], int]]
_RUMOUR_COUNTERS: dict[str, RumourCounter] = {}


def register_rumour_counter(name: str, counter: RumourCounter) -> None:
    """Add ``counter``'s rumours to ``chat_gaps``; the same name again replaces it."""
    _RUMOUR_COUNTERS[name] = counter


def chat_gaps(org, *, days: int = WINDOW_DAYS) -> list[ChatGap]:
    """Unanswered chat questions and rumours marked by counsellors, by language × channel.

    Rumours (from the registered counters) are the organisation's own; unanswered
    questions are scoped as everywhere here (the organisation's languages).
    """
    since = timezone.localdate() - datetime.timedelta(days=days)
    cells: dict[tuple[str, str], ChatGap] = {}
    unanswered = (
        scoped_logs(org, days=days)
        .filter(answered=False, channel__in=CHAT_CHANNELS)
        .values("language", "channel")
        .annotate(n=Count("id"))
    )
    for row in unanswered:
        key = (row["language"], row["channel"])
        cells[key] = ChatGap(row["language"], row["channel"], row["n"], 0)
    for counter in _RUMOUR_COUNTERS.values():
        for (language, channel), n in counter(org, since).items():
            cells.setdefault((language, channel), ChatGap(language, channel, 0, 0)).rumours += n
    return sorted(
        cells.values(), key=lambda g: (-(g.unanswered + g.rumours), g.language, g.channel)
    )
