"""Search latency with 20,000 generated indexed pages, against Wagtail's default
database search backend on the same data in the same run.

    .venv/bin/python bench/search_bench.py [--docs 20000] [--queries 300]

Uses a temporary SQLite file, or PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="retour-bench-search-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/search.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

DOMAIN = [
    "return",
    "voluntary",
    "programme",
    "ticket",
    "flight",
    "grant",
    "cash",
    "reintegration",
    "counselling",
    "appointment",
    "family",
    "children",
    "school",
    "housing",
    "rent",
    "work",
    "job",
    "training",
    "business",
    "medical",
    "treatment",
    "health",
    "documents",
    "passport",
    "identity",
    "nationality",
    "embassy",
    "airport",
    "luggage",
    "belongings",
    "interpreter",
    "lawyer",
    "legal",
    "advice",
    "appeal",
    "decision",
    "asylum",
    "application",
    "refusal",
    "deadline",
    "support",
    "victims",
    "trafficking",
    "shelter",
    "sleep",
    "tonight",
    "complaint",
    "service",
    "information",
    "verified",
    "organisation",
    "country",
    "region",
    "safety",
    "security",
    "province",
    "village",
    "city",
    "transport",
    "money",
    "travel",
    "help",
]
LOCALES = ["en"] * 10 + ["fr"] * 4 + ["ar"] * 3 + ["fa"] * 3


def make_vocab(rng: random.Random, size: int = 4000) -> list[str]:
    syllables = ["ka", "to", "ri", "ne", "sa", "mo", "lu", "ve", "di", "pa", "re", "zo", "an", "el"]
    words = set(DOMAIN)
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    vocab = list(words)
    rng.shuffle(vocab)
    return vocab


def zipf_words(rng: random.Random, vocab: list[str], n: int) -> str:
    # Zipf-like: low indexes much more frequent, like real text.
    return " ".join(vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] for _ in range(n))


def generate(n_docs: int, org):
    from retour.search.sources import SourceDoc

    rng = random.Random(20261123)
    vocab = make_vocab(rng)
    for i in range(n_docs):
        words = [rng.choice(DOMAIN) for _ in range(3)]
        yield (
            SourceDoc(
                source_key=f"bench:{i}",
                organisation=org,
                kind="short_answer" if i % 3 else "country_sheet",
                locale=LOCALES[i % len(LOCALES)],
                title=f"Sample {' '.join(words)} {zipf_words(rng, vocab, 4)}",
                url=f"/en/bench/{i}/",
                summary=zipf_words(rng, vocab, 25),
                body=zipf_words(rng, vocab, 80) + " " + " ".join(rng.choices(DOMAIN, k=10)),
                country=rng.choice(["AF", "IQ", "GE", ""]),
            ),
            vocab,
        )


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> None:
    from retour.core.actors import SystemActor

    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    # Wagtail's backend is much slower per query; a smaller sample keeps the run short.
    parser.add_argument("--baseline-queries", type=int, default=12)
    args = parser.parse_args()

    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from retour.orgs import services as org_services
    from retour.search import engine
    from retour.search.models import SearchDocument
    from retour.search.services import documents_sync

    t0 = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        # The production SQLite settings (config/settings/base.py): WAL, and
        # fsync at checkpoints only. A URL-configured database lacks them.
        with connection.cursor() as cur:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
    org = org_services.organisation_create(
        actor=SystemActor.cli("bench"), name="Bench org", slug="bench", type="ngo"
    )
    print(f"database: {connection.vendor}; migrate {time.monotonic() - t0:.1f}s")

    raw: dict[str, str] = {}
    batch: list = []
    vocab = make_vocab(random.Random(20261123))
    t0 = time.monotonic()
    for source, _vocab in generate(args.docs, org):
        raw[source.source_key] = f"{source.summary} {source.body}"
        batch.append(source)
        if len(batch) == 1000:
            documents_sync(sources=batch)
            batch = []
    if batch:
        documents_sync(sources=batch)
    if connection.vendor == "postgresql":
        # What `retour search_rebuild` does after a bulk index, and autovacuum in
        # production: fresh planner statistics (this machine runs autovacuum off).
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    ours_index_s = time.monotonic() - t0
    print(f"indexed {SearchDocument.objects.count()} documents (ours) in {ours_index_s:.1f}s")

    # Wagtail's default database backend over the very same rows: a proxy model
    # declaring search fields, indexed with the backend's bulk API.
    class WagtailBenchDoc(index.Indexed, SearchDocument):
        search_fields = [
            index.SearchField("title", boost=2),
            index.SearchField("raw_text"),
            index.FilterField("locale"),
        ]

        class Meta:
            proxy = True
            app_label = "search"

        def raw_text(self):
            return raw[self.source_key]

    # Wagtail wires the index_entries relation to indexed models when apps load;
    # this model is created after that, so wire it here (the PostgreSQL backend needs it).
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(WagtailBenchDoc, "index_entries")

    backend = get_search_backend()
    t0 = time.monotonic()
    docs = list(WagtailBenchDoc.objects.all())
    for i in range(0, len(docs), 1000):
        backend.add_bulk(WagtailBenchDoc, docs[i : i + 1000])
    wagtail_index_s = time.monotonic() - t0
    print(
        f"indexed {len(docs)} documents (Wagtail {type(backend).__name__}) in {wagtail_index_s:.1f}s"
    )

    rng = random.Random(7)
    queries = []
    for _ in range(args.queries):
        n = rng.choice([1, 2, 2, 3, 3, 4, 6])
        words = rng.sample(DOMAIN, min(n, 3)) + rng.sample(vocab[:300], max(0, n - 3))
        if rng.random() < 0.15:  # a typo in one word
            w = words[0]
            words[0] = w[:1] + w[2:] if len(w) > 4 else w
        queries.append(" ".join(words))

    cpu_times: dict = {}

    def run(fn, n: int, warm: int = 10, budget_s: float = 90.0) -> list[float]:
        for q in queries[:warm]:  # warm caches, vocabulary and the page cache
            fn(q)
        times, cpu = [], []
        started = time.monotonic()
        for q in queries[:n]:
            if time.monotonic() - started > budget_s:
                break  # keep the whole run near two minutes
            t, c = time.perf_counter(), time.process_time()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        cpu_times[fn] = cpu
        return times

    from retour.core import language

    language.warm_up()  # as `retour serve` does before forking its workers
    ours_fn = lambda q: engine.search(q, lang="en", limit=10)  # noqa: E731
    ours = run(ours_fn, len(queries))
    # Chat messages are longer than search-box queries: 10–14 content words,
    # all of them common here (each domain word is in about 17% of the pages).
    # No goal; reported so the worst case is seen, not hidden in the p95.
    long_rng = random.Random(11)
    long_queries = [" ".join(long_rng.sample(DOMAIN, long_rng.randint(10, 14))) for _ in range(40)]
    long_times = []
    for q in long_queries:
        t = time.perf_counter()
        engine.search(q, lang="en", limit=10)
        long_times.append((time.perf_counter() - t) * 1000)

    base_qs = WagtailBenchDoc.objects.filter(locale="en")
    theirs = run(lambda q: list(backend.search(q, base_qs)[:10]), args.baseline_queries, warm=1)

    print(f"{'backend':<34} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    rows = (
        (f"Retour engine, {len(ours)} queries", ours),
        (f"Wagtail database, {len(theirs)} queries", theirs),
        (f"Retour, {len(long_times)} long questions", long_times),
    )
    for name, t in rows:
        print(
            f"{name:<34} {statistics.median(t):>10.2f} {percentile(t, 0.95):>8.2f} {max(t):>8.2f}"
        )
    # The ratio compares the same queries (the first ones Wagtail had time for).
    ours_same = ours[: len(theirs)]
    p95_ours, p95_theirs = percentile(ours_same, 0.95), percentile(theirs, 0.95)
    print(
        f"ratio p95 ours / Wagtail on the same {len(theirs)} queries: "
        f"{p95_ours / p95_theirs:.3f}  "
        f"(median ratio {statistics.median(ours_same) / statistics.median(theirs):.3f})"
    )
    p95_all = percentile(ours, 0.95)
    # SQLite runs in this process, so CPU time is the latency on an idle core;
    # wall time also counts waiting for the CPU on a shared machine.
    cpu = cpu_times[ours_fn]
    print(
        f"Retour engine CPU time per query: median {statistics.median(cpu):.2f} ms, "
        f"p95 {percentile(cpu, 0.95):.2f} ms; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(f"goal p95 <= 25 ms with {args.docs} documents: {'met' if p95_all <= 25 else 'NOT met'}")


if __name__ == "__main__":
    main()
