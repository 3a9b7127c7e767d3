"""The dissemination-gaps admin page at 1,000,000 logged questions (issue 14).

Times the gaps admin page (``search_admin:gaps`` through Django's test Client,
as a signed-in analyst with a verified second factor: middleware, every
analytics query, template, charts): first the page before the scheduled
rollup job has run (it never counts: every day is read from the log), then the
job's first run after the import (``search.gaps_rollup``, in the worker: it
counts the window's closed days, once) and a second run (nothing new: the
15-minute cost), then the page as every view sees it once the job keeps up
(today read from the log, the rest from the rollup), against a baseline in the
same run on the same table:
one plain SQLite ``GROUP BY language, answered`` over the window, i.e. the
cheapest single scan that any language-by-outcome breakdown must pay. The
ratio page / baseline says how many such scans the page costs. duckdb over the
same rows (read once into memory, not timed) is printed as a second reference.

    .venv/bin/python bench/gaps_bench.py            # 1,000,000 rows
    GAPS_ROWS=100000 .venv/bin/python bench/gaps_bench.py

Temporary SQLite file, all migrations, generated rows with a fixed seed:
days spread over the last 120 days (so a quarter falls outside the 90-day
window), 8 languages, 7 channels, about 55 % answered (by the bench
organisation, a second one, or others), questions drawn Zipf-like from
30,000 distinct normalised questions.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django
from django.conf import settings

# GAPS_DB=path keeps the generated database there and reuses it on the next run
# (migrations are then applied again, so a new index is built on the old rows).
DB = Path(os.environ.get("GAPS_DB") or Path(tempfile.mkdtemp(prefix="gaps-bench-")) / "b.sqlite3")
REUSE = DB.exists()
settings.DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DB)}
django.setup()

import datetime as dt  # noqa: E402
import uuid  # noqa: E402

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

N_ROWS = int(os.environ.get("GAPS_ROWS", "1000000"))
N_QUESTIONS = 30_000
LANGUAGES = ["en", "fr", "ar", "fa", "ru", "nl", "ps", "ti"]
CHANNELS = ["web", "api", "telegram", "whatsapp", "rapidpro", "sms", "local"]
REPEAT = 5


CPU: dict[str, float] = {}


def timed(func, repeat: int = REPEAT, label: str = "") -> tuple[float, float, object]:
    """(best, median) seconds over ``repeat`` calls, after one warm-up call.

    The best CPU time of this process (``time.process_time``) is kept under
    ``CPU[label]``: on a shared machine the wall clock measures the load, while
    the CPU seconds of an in-process, single-threaded page are what a quiet
    machine's wall clock would show (SQLite reads from the page cache)."""
    result = func()
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if label:
        CPU[label] = min(cpu)
    return min(times), statistics.median(times), result


def insert_logs(org_ids: list[int], doc_ids: list[int]) -> float:
    """Generate the rows with numpy and insert them with one executemany (setup only)."""
    rng = np.random.default_rng(14)
    today = timezone.localdate()
    days = [(today - dt.timedelta(days=i)).isoformat() for i in range(120)]
    day = rng.integers(0, 120, N_ROWS)
    lang = rng.choice(len(LANGUAGES), N_ROWS, p=[0.3, 0.15, 0.15, 0.12, 0.1, 0.08, 0.05, 0.05])
    chan = rng.choice(len(CHANNELS), N_ROWS, p=[0.35, 0.1, 0.15, 0.2, 0.1, 0.05, 0.05])
    qnum = np.minimum(rng.zipf(1.3, N_ROWS), N_QUESTIONS) - 1
    answered = rng.random(N_ROWS) < 0.55
    # Answered rows: half by the bench organisation, the rest by two others.
    owner_pick = rng.random(N_ROWS)
    top = rng.integers(0, len(doc_ids), N_ROWS)
    opened = rng.random(N_ROWS) < 0.2
    sample = rng.random(N_ROWS) < 0.01
    conf = rng.random(N_ROWS)
    rows = []
    for i in range(N_ROWS):
        a = bool(answered[i])
        owner = (
            (
                org_ids[0]
                if owner_pick[i] < 0.5
                else org_ids[1]
                if owner_pick[i] < 0.7
                else org_ids[2]
            )
            if a
            else None
        )
        doc = doc_ids[top[i]] if a else None
        rows.append(
            (
                uuid.UUID(int=i + 1).hex,
                days[day[i]],
                CHANNELS[chan[i]],
                LANGUAGES[lang[i]],
                "",
                "",
                f"question number {qnum[i]} about return",
                a,
                3 if a else 0,
                float(conf[i]) if a else None,
                False,
                doc,
                owner,
                doc if (a and opened[i]) else None,
                bool(sample[i]),
            )
        )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany(
            "INSERT INTO search_querylog (uuid, day, channel, language, country, kind_filter, "
            "query, answered, result_count, confidence, other_language, top_document_id, "
            "answered_by_id, opened_document_id, is_sample) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return time.perf_counter() - start


def main() -> None:
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"migrate {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as cur:
        cur.execute("PRAGMA synchronous = OFF")

    from retour.orgs.models import Organisation, Role
    from retour.search.tests.factories import make_document
    from retour.testing.factories import OrganisationFactory, member

    if REUSE:
        org = Organisation.objects.get(slug="bench")
        n = connection.cursor().execute("SELECT COUNT(*) FROM search_querylog").fetchone()[0]
        print(f"reusing {DB} ({n:,} rows; rollup emptied, so the job counts it again)")
        from retour.search.models import (
            QueryLogDailyCount,
            QueryLogDailyQuestion,
            QueryLogRollupDay,
        )

        for model in (QueryLogRollupDay, QueryLogDailyCount, QueryLogDailyQuestion):
            model.objects.all()._raw_delete(connection.alias)
        measure(org, n)
        return
    org = OrganisationFactory.create(name="Bench org", slug="bench", languages=LANGUAGES[:5])
    other = OrganisationFactory.create(name="Other org", slug="other")
    third = OrganisationFactory.create(name="Third org", slug="third")
    docs = [
        make_document(
            organisation=org if i % 3 else other,
            title=f"Page {i}",
            locale=LANGUAGES[i % 5],
            review_by=dt.date(2020, 1, 1) if i % 4 == 0 else None,
            last_verified=dt.date(2019, 6, 1) if i % 4 == 0 else None,
        )
        for i in range(300)
    ]
    t0 = time.perf_counter()
    insert_s = insert_logs([org.pk, other.pk, third.pk], [d.pk for d in docs])
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(
        f"inserted {N_ROWS:,} query log rows (executemany {insert_s:.1f} s, "
        f"with generation {time.perf_counter() - t0:.1f} s)"
    )
    member(organisation=org, role=Role.ANALYST, username="bench-analyst")
    measure(org, N_ROWS)


def measure(org, n_rows: int) -> None:
    from django.contrib.auth import get_user_model

    from retour.testing.base import TenantMixin

    client = Client()
    TenantMixin.sign_in(client, get_user_model().objects.get(username="bench-analyst"))
    url = reverse("search_admin:gaps")

    def page() -> bytes:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content

    since = (timezone.localdate() - dt.timedelta(days=90)).isoformat()

    def baseline() -> list:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT language, answered, COUNT(*) FROM search_querylog "
                "WHERE day >= %s GROUP BY language, answered",
                [since],
            )
            return cur.fetchall()

    from retour.search import analytics

    start = time.perf_counter()
    page()
    cold = time.perf_counter() - start
    print(f"view before the rollup job ran (reads the log, counts nothing): {cold * 1000:.0f} ms")
    since_day = analytics.gaps_since(timezone.localdate())
    for label in ("first run after the import", "next run (nothing new)"):
        start = time.perf_counter()
        days = analytics.rollup_refresh(since=since_day, max_days=None)
        print(
            f"rollup job, {label}: {days} days counted in "
            f"{(time.perf_counter() - start) * 1000:.0f} ms (in the worker, not a page)"
        )
    page_best, page_median, body = timed(page, label="page")
    base_best, base_median, _ = timed(baseline, label="baseline")
    print(
        f"gaps page, {n_rows:,} logged questions: best {page_best * 1000:.0f} ms, median "
        f"{page_median * 1000:.0f} ms (target <= 1000 ms), {len(body):,} bytes of HTML"
    )
    print(
        f"baseline, one SQLite GROUP BY language, answered over the window: best "
        f"{base_best * 1000:.0f} ms, median {base_median * 1000:.0f} ms; "
        f"ratio page / baseline {page_best / base_best:.2f} (best), "
        f"{page_median / base_median:.2f} (median)"
    )
    print(
        f"CPU time of this process, best of {REPEAT}: page {CPU['page'] * 1000:.0f} ms, "
        f"baseline {CPU['baseline'] * 1000:.0f} ms, ratio {CPU['page'] / CPU['baseline']:.2f}"
    )
    try:
        import duckdb
    except ImportError:
        print(f"load: {os.getloadavg()}")
        return
    import pandas as pd

    with connection.cursor() as cur:
        cur.execute("SELECT language, answered, day FROM search_querylog")
        frame = pd.DataFrame(cur.fetchall(), columns=["language", "answered", "day"])
    duck = duckdb.connect()
    duck.register("logs", frame)
    d_best, d_median, _ = timed(
        lambda: duck.execute(
            "SELECT language, answered, COUNT(*) FROM logs WHERE day >= ? "
            "GROUP BY language, answered",
            [since],
        ).fetchall()
    )
    print(
        f"reference, duckdb in memory, same GROUP BY: best {d_best * 1000:.1f} ms, "
        f"median {d_median * 1000:.1f} ms"
    )
    print(f"load: {os.getloadavg()}")


if __name__ == "__main__":
    main()
