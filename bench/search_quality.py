"""Search quality on the demo content: recall@1, recall@3 and MRR per language.

Builds a fresh temporary SQLite database (or uses DATABASE_URL), loads the
portal's demo content and the search demo (sample translations), then runs
every question of bench/questions/labelled.jsonl through the engine.

    .venv/bin/python bench/search_quality.py [--show-misses]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="retour-bench-quality-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/quality.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

QUESTIONS = ROOT / "bench" / "questions"
# labelled.jsonl: the main set (written before the engine was tuned).
# heldout.jsonl: written after the thesaurus was added, never used for tuning.
SETS = ("labelled", "heldout")


def setup_demo() -> None:
    from retour.content import demo as content_demo
    from retour.core.actors import SystemActor
    from retour.core.demo import DemoContext
    from retour.orgs import services as org_services
    from retour.orgs.models import Organisation
    from retour.search import demo as search_demo

    call_command("migrate", interactive=False, verbosity=0)
    orgs = []
    for slug, name in (("sample-a", "Sample counselling (bench)"), ("sample-b", "Sample partner")):
        org = Organisation.objects.filter(slug=slug).first() or org_services.organisation_create(
            actor=SystemActor.cli("bench"), name=name, slug=slug, type="ngo", is_sample=True
        )
        orgs.append(org)
    context = DemoContext(org_a=orgs[0], org_b=orgs[1], admin=None)
    with transaction.atomic():
        content_demo.load(context=context)
    with transaction.atomic():
        search_demo.load(context=context)


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def evaluate(path: Path, show_misses: bool) -> dict:
    from retour.search import engine

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    per_lang: dict[str, list[int | None]] = defaultdict(list)
    misses = []
    for row in rows:
        hits = engine.search(row["q"], lang=row["lang"], limit=10).hits
        slugs = [slug_of(h.document.url) for h in hits]
        rank = slugs.index(row["expected"]) + 1 if row["expected"] in slugs else None
        per_lang[row["lang"]].append(rank)
        if rank != 1:
            misses.append((row["lang"], row["q"], row["expected"], rank, slugs[:3]))
    summary = {}
    everything = [r for ranks in per_lang.values() for r in ranks]
    for lang, ranks in [*sorted(per_lang.items()), ("all", everything)]:
        n = len(ranks)
        summary[lang] = {
            "n": n,
            "recall@1": sum(1 for r in ranks if r == 1) / n,
            "recall@3": sum(1 for r in ranks if r and r <= 3) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
        }
    if show_misses:
        for miss in misses:
            print("MISS", *miss)
    return summary


def main() -> None:
    t0 = time.monotonic()
    setup_demo()
    setup_s = time.monotonic() - t0
    print(f"database: {django.db.connection.vendor}; setup {setup_s:.1f}s")
    for name in SETS:
        path = QUESTIONS / f"{name}.jsonl"
        if not path.exists():
            continue
        t1 = time.monotonic()
        summary = evaluate(path, "--show-misses" in sys.argv)
        print(f"\n{name}.jsonl (eval {time.monotonic() - t1:.1f}s)")
        print(f"{'lang':<5} {'n':>4} {'recall@1':>9} {'recall@3':>9} {'MRR':>6}")
        for lang, m in summary.items():
            print(
                f"{lang:<5} {m['n']:>4} {m['recall@1']:>9.3f} {m['recall@3']:>9.3f} {m['mrr']:>6.3f}"
            )
        goal_all = summary["all"]["recall@3"] >= 0.85
        goal_each = all(m["recall@3"] >= 0.75 for k, m in summary.items() if k != "all")
        print(
            f"goal recall@3 >= 0.85 overall: {'met' if goal_all else 'NOT met'}; "
            f">= 0.75 in every language: {'met' if goal_each else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
