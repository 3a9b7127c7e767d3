"""Dissemination-gap analytics for one organisation (reads only).

Scope: questions answered by the organisation's own pages, plus unanswered
questions in the organisation's languages. Unanswered questions belong to no
organisation (nobody answered them); each organisation sees those it could
answer, i.e. those asked in a language it works in.

Speed at a million logged questions comes from exact daily rollups
(``QueryLogDailyCount``, ``QueryLogDailyQuestion``): closed days (before today)
are counted once by the scheduled ``search.gaps_rollup`` job (``rollup_refresh``,
every 15 minutes, and shortly after midnight for the day that just closed) and
read from the rollup. The page itself never counts: today, and any older day
that received rows after it was counted (or was not counted yet), are read from
the log itself. Every figure is therefore the same as a count over the raw log
(the tests compare them), only cheaper.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from retour.content.models import PageDailyReads

from .models import (
    Channel,
    QueryLog,
    QueryLogDailyCount,
    QueryLogDailyQuestion,
    QueryLogRollupDay,
    SearchDocument,
)

WINDOW_DAYS = 90
MIN_N = 20  # below this, rates are shown as "too few data"
CHANNEL_WEEKS = 12
# Days younger than this are still receiving questions: always read from the log
# (today only: the midnight run recounts the day that just closed, see recount).
ROLLUP_MIN_AGE_DAYS = 1
# Days one refresh counts at most (the rest is read from the log meanwhile). The
# job counts every missing day of the window at once: its first run after a
# large import pays one scan of the window, every later run counts a day or so.
ROLLUP_DAYS_PER_CALL = 400
ROLLUP_JOB = "search.gaps_rollup"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for k successes out of n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _scope(org) -> Q:
    """The organisation's questions: answered by its pages, or unanswered in its languages."""
    unanswered = Q(answered=False)
    if org.languages:
        unanswered &= Q(language__in=org.languages)
    return Q(answered_by=org) | unanswered


def scoped_logs(org, *, days: int = WINDOW_DAYS):
    since = timezone.localdate() - datetime.timedelta(days=days)
    return QueryLog.objects.filter(day__gte=since).filter(_scope(org))


# --- the rollup ------------------------------------------------------------------


def _oldest_kept(today: datetime.date) -> datetime.date:
    """Older days may have been pruned from the log (services.query_log_prune)."""
    keep = int(getattr(settings, "RETOUR_QUERY_LOG_DAYS", 400))
    return today - datetime.timedelta(days=keep)


def _roll_days(days: list[datetime.date], last_id: int, force: frozenset = frozenset()) -> int:
    """Count these days of the log (ids up to ``last_id``) into the rollup, in one
    transaction and a constant number of queries. Days another process is counting
    right now are left to it (their marks are locked or were just created); a day
    in ``force`` is counted again even if no row with a larger id arrived."""
    with transaction.atomic():
        marks = {
            m.day: m for m in QueryLogRollupDay.objects.select_for_update().filter(day__in=days)
        }
        todo = [d for d in days if d not in marks or marks[d].last_id < last_id or d in force]
        new = [QueryLogRollupDay(day=d, rows=0, last_id=-1) for d in todo if d not in marks]
        try:
            with transaction.atomic():
                QueryLogRollupDay.objects.bulk_create(new)
        except IntegrityError:
            return 0  # a concurrent refresh is counting some of these days
        if not todo:
            return 0
        _delete_days(QueryLogDailyCount, todo)
        _delete_days(QueryLogDailyQuestion, todo)
        rows = QueryLog.objects.filter(day__in=todo, pk__lte=last_id)
        counts = [
            QueryLogDailyCount(**r)
            for r in rows.values(
                "day", "language", "channel", "answered", "answered_by_id", "is_sample"
            ).annotate(n=Count("id"))
        ]
        QueryLogDailyCount.objects.bulk_create(counts, batch_size=2000)
        QueryLogDailyQuestion.objects.bulk_create(
            (
                QueryLogDailyQuestion(**r)
                for r in rows.filter(answered=False)
                .values("day", "language", "query")
                .annotate(n=Count("id"))
            ),
            batch_size=2000,
        )
        per_day: dict[datetime.date, int] = defaultdict(int)
        for c in counts:
            per_day[c.day] += c.n
        updated = QueryLogRollupDay.objects.filter(day__in=todo).select_for_update()
        now = timezone.now()
        changed = []
        for mark in updated:
            mark.rows, mark.last_id, mark.counted_at = per_day.get(mark.day, 0), last_id, now
            changed.append(mark)
        QueryLogRollupDay.objects.bulk_update(changed, ["rows", "last_id", "counted_at"])
    return len(todo)


# Days asked about in one statement (SQLite allows 500 parts in a compound SELECT).
_DIRTY_CHUNK = 200


def _dirty_days(marks: dict[datetime.date, int]) -> set[datetime.date]:
    """Counted days that received rows after they were counted: one index seek each.

    One ``day = ? AND id > ?`` probe per day, each ``LIMIT 1``, joined by UNION ALL.
    The same test as one OR of the days reads the whole log on SQLite: past a few
    dozen OR terms its planner gives up the (day, id) index for a scan (90 days of
    a 1,000,000-row log: 4 s against 2 ms, bench/gaps_bench.py).
    """
    if not marks:
        return set()
    quote = connection.ops.quote_name
    probe = (
        f"SELECT * FROM (SELECT {quote('day')} FROM {quote(QueryLog._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('day')} = %s AND {quote('id')} > %s LIMIT 1) AS d{{n}}"
    )
    items = sorted(marks.items())
    dirty: set[datetime.date] = set()
    for start in range(0, len(items), _DIRTY_CHUNK):
        chunk = items[start : start + _DIRTY_CHUNK]
        sql = " UNION ALL ".join(probe.format(n=n) for n in range(len(chunk)))
        params: list[Any] = []
        for day, last_id in chunk:
            params += [connection.ops.adapt_datefield_value(day), last_id]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for (day,) in cursor.fetchall():
                dirty.add(datetime.date.fromisoformat(day) if isinstance(day, str) else day)
    return dirty


def _marks(since: datetime.date, today: datetime.date) -> dict[datetime.date, int]:
    return dict(
        QueryLogRollupDay.objects.filter(day__gte=since, day__lte=today).values_list(
            "day", "last_id"
        )
    )


def _todo(
    since: datetime.date, today: datetime.date, marks: dict[datetime.date, int], dirty: set
) -> list[datetime.date]:
    """Closed days not counted yet (empty days too: their mark says so), and stale ones."""
    until = today - datetime.timedelta(days=ROLLUP_MIN_AGE_DAYS)
    closed = {since + datetime.timedelta(days=i) for i in range((until - since).days + 1)}
    return sorted((closed - set(marks)) | dirty, reverse=True)


def _delete_days(model: type[models.Model], days: list[datetime.date]) -> None:
    # One statement, no per-row fetch: nothing refers to rollup rows.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {model._meta.db_table} WHERE day IN ("  # noqa: S608
            + ", ".join(["%s"] * len(days))
            + ")",
            days,
        )


def rollup_refresh(
    *,
    since: datetime.date,
    max_days: int | None = ROLLUP_DAYS_PER_CALL,
    recount: tuple[datetime.date, ...] = (),
) -> int:
    """Count the closed days since ``since`` that are missing from the rollup, or stale.

    ``recount`` days are counted again however they look: the day that just
    closed, once its last questions are surely committed (a row committed after
    the count with a smaller id than the count's largest would go unseen).
    Incremental, idempotent and safe to run concurrently (a day is counted under
    its row lock). Returns how many days were counted.
    """
    today = timezone.localdate()
    since = max(since, _oldest_kept(today))
    marks = _marks(since, today)
    until = today - datetime.timedelta(days=ROLLUP_MIN_AGE_DAYS)
    force = frozenset(d for d in recount if since <= d <= until)
    todo = sorted(set(_todo(since, today, marks, _dirty_days(marks))) | force, reverse=True)
    return _roll(todo[:max_days], force)


def gaps_since(today: datetime.date) -> datetime.date:
    """The first day the gaps page reads: the channel chart's weeks reach back a
    little further than the window."""
    start = today - datetime.timedelta(days=today.weekday() + 7 * (CHANNEL_WEEKS - 1))
    return min(start, today - datetime.timedelta(days=WINDOW_DAYS))


def last_rollup_at() -> datetime.datetime | None:
    """When the rollup was last brought up to date: the last finished run of the
    scheduled job, or the newest count (a run that found nothing new counts nothing)."""
    from retour.jobs.models import Job, JobStatus

    ran = Job.objects.filter(kind=ROLLUP_JOB, status=JobStatus.SUCCEEDED).aggregate(
        m=Max("finished_at")
    )["m"]
    counted = QueryLogRollupDay.objects.aggregate(m=Max("counted_at"))["m"]
    return max((t for t in (ran, counted) if t is not None), default=None)


def _roll(days: list[datetime.date], force: frozenset = frozenset()) -> int:
    if not days:
        return 0
    old = list(
        QueryLogRollupDay.objects.filter(day__lt=_oldest_kept(timezone.localdate())).values_list(
            "day", flat=True
        )
    )
    if old:  # days the log no longer keeps are not shown either
        for model in (QueryLogRollupDay, QueryLogDailyCount, QueryLogDailyQuestion):
            _delete_days(model, old)
    last_id = QueryLog.objects.aggregate(m=Max("id"))["m"] or 0
    return _roll_days(days, last_id, force)


@dataclass(frozen=True)
class Days:
    """Which days of a window are read from the rollup, which from the log."""

    since: datetime.date
    rolled: list[datetime.date]
    raw: list[datetime.date]


def window_days(*, days: int, refresh: bool = False) -> Days:
    """The window's days: counted ones from the rollup, the rest from the log.

    Pages never refresh (the scheduled job does); ``refresh`` rolls up the
    missing closed days first, for a caller that wants to pay for it."""
    today = timezone.localdate()
    since = today - datetime.timedelta(days=days)
    kept = max(since, _oldest_kept(today))
    marks = _marks(kept, today)
    dirty = _dirty_days(marks)
    if refresh and _roll(_todo(kept, today, marks, dirty)[:ROLLUP_DAYS_PER_CALL]):
        marks = _marks(kept, today)
        dirty = _dirty_days(marks)
    rolled = set(marks) - dirty
    every = {since + datetime.timedelta(days=i) for i in range((today - since).days + 1)}
    return Days(since, sorted(rolled), sorted(every - rolled))


@dataclass(frozen=True)
class DayCount:
    day: datetime.date
    language: str
    channel: str
    answered: bool
    is_sample: bool
    n: int


def day_counts(org, days: Days) -> list[DayCount]:
    """The organisation's questions per day × language × channel × outcome."""
    fields = ("day", "language", "channel", "answered", "is_sample")
    scope = _scope(org)
    rolled = (
        QueryLogDailyCount.objects.filter(day__in=days.rolled)
        .filter(scope)
        .values(*fields)
        .annotate(total=Sum("n"))
    )
    raw = (
        QueryLog.objects.filter(day__in=days.raw)
        .filter(scope)
        .values(*fields)
        .annotate(total=Count("id"))
    )
    out = []
    for rows in (rolled, raw) if days.rolled else (raw,):
        for r in rows:
            day = r["day"]
            day = day.date() if isinstance(day, datetime.datetime) else day
            out.append(
                DayCount(
                    day, r["language"], r["channel"], r["answered"], r["is_sample"], r["total"]
                )
            )
    return out


def _day_params(days: list[datetime.date]) -> tuple[str, list[datetime.date]]:
    if not days:
        return "1 = 0", []
    return "day IN (" + ", ".join(["%s"] * len(days)) + ")", list(days)


def top_unanswered(
    org, *, per_language: int = 10, days: Days | None = None
) -> dict[str, list[dict]]:
    """The most asked unanswered questions, per language (at most 500 looked at)."""
    days = days or window_days(days=WINDOW_DAYS)
    rolled_sql, rolled_params = _day_params(days.rolled)
    raw_sql, raw_params = _day_params(days.raw)
    lang_sql, lang_params = "", list[str]()
    if org.languages:
        lang_sql = " AND language IN (" + ", ".join(["%s"] * len(org.languages)) + ")"
        lang_params = [str(code) for code in org.languages]
    # One grouped query over both sources, so the limit applies to the exact totals.
    # Table names come from the models; every value is a parameter.
    sql = (
        "SELECT language, query, SUM(n) AS total FROM ("  # noqa: S608
        f"SELECT language, query, n FROM {QueryLogDailyQuestion._meta.db_table} "
        f"WHERE {rolled_sql}{lang_sql} "
        "UNION ALL "
        f"SELECT language, query, 1 AS n FROM {QueryLog._meta.db_table} "
        f"WHERE {raw_sql} AND answered = %s{lang_sql}"
        ") AS logged GROUP BY language, query ORDER BY total DESC, query LIMIT 500"
    )
    params: list[datetime.date | str | bool] = [
        *rolled_params,
        *lang_params,
        *raw_params,
        False,
        *lang_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    grouped: dict[str, list[dict]] = defaultdict(list)
    for language, query, n in rows:
        if len(grouped[language]) < per_language:
            grouped[language].append({"language": language, "query": query, "n": int(n)})
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


def coverage(org, counts: list[DayCount] | None = None) -> list[Coverage]:
    """Published pages of the organisation per locale against demand in that language.

    Sorted with the worst-covered languages first: most demand per page.
    """
    if counts is None:
        counts = day_counts(org, window_days(days=WINDOW_DAYS))
    since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
    pages = dict(
        SearchDocument.objects.for_org(org)
        .values_list("locale")
        .annotate(n=Count("id"))
        .values_list("locale", "n")
    )
    demand: dict[str, dict[str, int]] = {}
    for c in counts:
        if c.day < since:
            continue
        d = demand.setdefault(c.language, {"n": 0, "unanswered": 0})
        d["n"] += c.n
        d["unanswered"] += 0 if c.answered else c.n
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


def channel_usage(
    org, *, weeks: int = CHANNEL_WEEKS, counts: list[DayCount] | None = None
) -> tuple[list[str], dict[str, list[int]]]:
    """(week labels, {channel: counts per week}) for the last ``weeks`` weeks."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    if counts is None:
        counts = day_counts(org, window_days(days=(today - start).days))
    labels = [(start + datetime.timedelta(weeks=i)) for i in range(weeks)]
    series: dict[str, list[int]] = {}
    for c in counts:
        if c.day < start or c.day > today:
            continue
        week = (c.day - start).days // 7
        series.setdefault(c.channel, [0] * weeks)[week] += c.n
    names = dict(Channel.choices)
    named = {str(names.get(k, k)): v for k, v in sorted(series.items())}
    return [d.isoformat() for d in labels], named


def sample_count(org, counts: list[DayCount] | None = None) -> int:
    if counts is None:
        counts = day_counts(org, window_days(days=WINDOW_DAYS))
    since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
    return sum(c.n for c in counts if c.is_sample and c.day >= since)


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


def chat_gaps(
    org, *, days: int = WINDOW_DAYS, counts: list[DayCount] | None = None
) -> list[ChatGap]:
    """Unanswered chat questions and rumours marked by counsellors, by language × channel.

    Rumours (from the registered counters) are the organisation's own; unanswered
    questions are scoped as everywhere here (the organisation's languages).
    """
    since = timezone.localdate() - datetime.timedelta(days=days)
    if counts is None:
        counts = day_counts(org, window_days(days=days))
    cells: dict[tuple[str, str], ChatGap] = {}
    for c in counts:
        if c.answered or c.channel not in CHAT_CHANNELS or c.day < since:
            continue
        key = (c.language, c.channel)
        cells.setdefault(key, ChatGap(c.language, c.channel, 0, 0)).unanswered += c.n
    for counter in _RUMOUR_COUNTERS.values():
        for (language, channel), n in counter(org, since).items():
            cells.setdefault((language, channel), ChatGap(language, channel, 0, 0)).rumours += n
    return sorted(
        cells.values(), key=lambda g: (-(g.unanswered + g.rumours), g.language, g.channel)
    )


@dataclass(frozen=True)
class Gaps:
    """Everything the gaps page shows, from one rollup read."""

    unanswered: dict[str, list[dict]]
    coverage: list[Coverage]
    weeks: list[str]
    series: dict[str, list[int]]
    chat: list[ChatGap]
    sample_count: int
    # When the scheduled job last brought the rollup up to date (None: never), and
    # how many closed days are read from the log because it has not counted them.
    rolled_at: datetime.datetime | None = None
    uncounted_days: int = 0


def gaps(org) -> Gaps:
    today = timezone.localdate()
    # Read only: today (and days not counted yet) come from the log, one bounded
    # scan of today's questions once the job keeps up.
    days = window_days(days=(today - gaps_since(today)).days)
    counts = day_counts(org, days)
    since = today - datetime.timedelta(days=WINDOW_DAYS)
    window = Days(
        since, [d for d in days.rolled if d >= since], [d for d in days.raw if d >= since]
    )
    weeks, series = channel_usage(org, counts=counts)
    return Gaps(
        unanswered=top_unanswered(org, days=window),
        coverage=coverage(org, counts),
        weeks=weeks,
        series=series,
        chat=chat_gaps(org, counts=counts),
        sample_count=sample_count(org, counts),
        rolled_at=last_rollup_at(),
        uncounted_days=len(days.raw) - ROLLUP_MIN_AGE_DAYS,
    )
