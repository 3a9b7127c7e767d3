"""Fast ranking probe over the tuning sets: the engine only, no HTTP, no chat.

Issue 12 (recall work). bench/answer_quality.py runs the three real paths and
takes minutes per set; this asks ``answers.answer``'s engine call (the answer
kinds, limit 6, the calibrated decision) and the web search's call (every
kind, limit 10) directly, so a concept-list or engine change can be judged on
all tuning questions in seconds. It reports, per set and language: recall@1
of the API-like call (top hit right and the decision is not "none"), recall@3
and recall@10 of the web-like call, and answers given on questions labelled
none. Final numbers come from answer_quality.py, not from here.

    DATABASE_URL=sqlite:///… BENCH_REUSE_DB=1 .venv/bin/python bench/recall_probe.py
        [--sets v2 v3 v4 labelled] [--misses] [--json PATH]

Only the tuning sets are known to it (v2–v9 and labelled.jsonl); v10 is held out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answer_quality as aq

from retour.search import answers, engine, outcome

Q = aq.ROOT / "bench" / "questions"
SETS = {
    "v2": (Q / "independent_v2.jsonl", Q / "independent_v2_labels.jsonl"),
    "v3": (Q / "independent_v3.jsonl", Q / "independent_v3_labels.jsonl"),
    "v4": (Q / "independent_v4.jsonl", Q / "independent_v4_labels.jsonl"),
    # Held-out sets become tuning sets once they have been run and looked at.
    **{
        v: (Q / f"independent_{v}.jsonl", Q / f"independent_{v}_labels.jsonl")
        for v in ("v5", "v6", "v7", "v8", "v9")
    },
    "labelled": (Q / "labelled.jsonl", None),
}


def rows_of(name: str) -> list[dict]:
    questions, labels = SETS[name]
    if labels is None:
        return [
            {"id": f"l{i}", "lang": r["lang"], "q": r["q"], "expected_slugs": [r["expected"]]}
            for i, r in enumerate(aq._jsonl(questions))
        ]
    by_id = {r["id"]: r for r in aq._jsonl(labels)}
    return [{**r, **by_id[r["id"]]} for r in aq._jsonl(questions)]


def probe(row: dict, pages: aq.Pages) -> dict:
    expected = pages.expected(row["expected_slugs"])
    api = engine.search(row["q"], lang=row["lang"], kinds=answers.ANSWER_KINDS, limit=6)
    decision = api.decision
    web = engine.search(row["q"], lang=row["lang"], limit=10)

    def rank(hits) -> int | None:
        keys = [h.document.translation_key for h in hits]
        return next((i for i, k in enumerate(keys, 1) if k in expected), None)

    given = list(decision.hits)
    return {
        "id": row["id"],
        "lang": row["lang"],
        "q": row["q"],
        "answerable": bool(expected),
        "api1": bool(expected) and rank(given) == 1,
        "api_rank": rank(api.hits),
        "mode": str(decision.outcome),
        "web_rank": rank(web.hits),
        "wrong": decision.outcome == outcome.Outcome.ANSWER and rank(given) != 1,
        "top": [h.document.title for h in api.hits[:3]],
        "expected": row.get("expected_titles") or row["expected_slugs"],
    }


def summary(results: list[dict]) -> dict:
    ans = [r for r in results if r["answerable"]]
    none = [r for r in results if not r["answerable"]]
    n = len(ans) or 1
    return {
        "n": len(ans),
        "api_r1": sum(r["api1"] for r in ans) / n,
        "web_r3": sum(1 for r in ans if r["web_rank"] and r["web_rank"] <= 3) / n,
        "web_r10": sum(1 for r in ans if r["web_rank"]) / n,
        "none": len(none),
        "wrong_none": sum(r["wrong"] for r in none),
        "wrong_ans": sum(r["wrong"] for r in ans),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["v2", "v3", "v4", "labelled"])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    aq.setup_demo()
    pages = aq.Pages()
    everything = {}
    cpu = time.process_time()
    for name in args.sets:
        results = [probe(row, pages) for row in rows_of(name)]
        everything[name] = results
        by_lang = defaultdict(list)
        for r in results:
            by_lang[r["lang"]].append(r)
        s = summary(results)
        print(
            f"{name:<9} n={s['n']:>3} api_r1 {s['api_r1']:.3f} web_r3 {s['web_r3']:.3f} "
            f"web_r10 {s['web_r10']:.3f} wrong_on_none {s['wrong_none']}/{s['none']} "
            f"wrong_on_answerable {s['wrong_ans']}"
        )
        print(
            "   "
            + " ".join(
                f"{lang}:{summary(rs)['api_r1']:.2f}/{summary(rs)['web_r3']:.2f}"
                for lang, rs in sorted(by_lang.items())
            )
        )
        if args.misses:
            for r in results:
                if (r["answerable"] and not r["api1"]) or r["wrong"]:
                    print(
                        f"  MISS {name} {r['id']:<7} {r['lang']} api={r['api_rank']} "
                        f"web={r['web_rank']} {r['mode']:<7} {r['q'][:70]!r} -> "
                        f"{r['top'][:2]} want {r['expected'][:2]}"
                    )
    total = [r for rs in everything.values() for r in rs]
    s = summary(total)
    print(
        f"ALL       n={s['n']:>3} api_r1 {s['api_r1']:.3f} web_r3 {s['web_r3']:.3f} "
        f"web_r10 {s['web_r10']:.3f} wrong_on_none {s['wrong_none']}/{s['none']} "
        f"wrong_on_answerable {s['wrong_ans']}; CPU {time.process_time() - cpu:.1f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
