"""Score 1,000,000 survey responses under return-reintegration-2015.

Target (issue 6): <= 2 s on 2 cores, and >= 50x faster than a straightforward
per-row Python loop in the same run. The responses are synthetic (fixed seed)
and about 3% of answers are missing, so the unknown paths are exercised.

    .venv/bin/python bench/reintegration_bench.py [N]

The loop baseline is timed on the full N as well (it takes a while) unless
``--loop-sample`` is given, in which case it is timed on that many rows and
scaled linearly; the output says which.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import numpy as np
import pandas as pd

from retour.surveys.index import builtin
from retour.surveys.index.engine import score_answers, score_frame


def synthetic(definition, n: int, seed: int = 2015) -> pd.DataFrame:
    """Random answers drawn from each indicator's own answer set, as categoricals
    (select_one answers come from a known choice list, which is how the import
    loads them)."""
    rng = np.random.default_rng(seed)
    columns = {}
    for dim in definition.dimensions:
        for ind in dim.indicators:
            if ind.mapping is not None:
                choices = list(ind.mapping)
                codes = rng.integers(0, len(choices), n)
                codes[rng.random(n) < 0.03] = -1  # missing answers
                columns[ind.question] = pd.Categorical.from_codes(codes, categories=choices)
            else:
                values = rng.integers(0, 4, n).astype(float)
                values[rng.random(n) < 0.03] = np.nan
                columns[ind.question] = values
    return pd.DataFrame(columns)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1_000_000
    loop_sample = None
    for a in sys.argv[1:]:
        if a.startswith("--loop-sample="):
            loop_sample = int(a.split("=", 1)[1])
    definition = builtin("return-reintegration-2015")
    frame = synthetic(definition, n)

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = score_frame(definition, frame)
        runs.append(time.perf_counter() - t0)
    vector_s = min(runs)

    # The same, also materialising every per-dimension detail array (met and
    # missing counts, dimension scores), which score_frame derives lazily.
    full_runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        full = score_frame(definition, frame)
        for d in definition.dimensions:
            _ = (full.dimension_met[d.key], full.dimension_missing[d.key])
            _ = full.dimension_scores[d.key]
        full_runs.append(time.perf_counter() - t0)
    full_s = min(full_runs)

    # Baseline: the straightforward loop, one dict per response.
    m = loop_sample or n
    records = frame.iloc[:m].astype(object).where(frame.iloc[:m].notna(), None).to_dict("records")
    t0 = time.perf_counter()
    loop = [score_answers(definition, r)["reintegrated"] for r in records]
    loop_s = (time.perf_counter() - t0) * (n / m)
    agree = np.array_equal(np.asarray(loop, dtype=np.int8), result.reintegrated[:m])

    rate = (result.reintegrated == 1).mean()
    print(f"responses: {n:,}")
    print(
        f"vectorised score_frame: {vector_s:.3f} s (best of 3; runs {', '.join(f'{r:.3f}' for r in runs)})"
    )
    print(
        f"  with every dimension detail materialised: {full_s:.3f} s "
        f"({loop_s / full_s:.0f}x faster than the loop)"
    )
    label = "measured" if m == n else f"timed on {m:,} rows, scaled x{n / m:.0f}"
    print(f"per-row Python loop: {loop_s:.2f} s ({label})")
    print(f"speed-up: {loop_s / vector_s:.0f}x (target >= 50x); within 2 s: {vector_s <= 2.0}")
    print(f"loop and vectorised results agree on {m:,} rows: {agree}")
    print(f"share reintegrated (synthetic data): {rate:.3f}")


if __name__ == "__main__":
    main()
