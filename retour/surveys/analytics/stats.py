"""Small, well-known statistics, written out so they can be checked by hand."""

from __future__ import annotations

import math

from scipy import stats as sp

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float, float]:
    """Proportion k/n with its Wilson score interval (good for small n and 0 or n)."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def mcnemar(b: int, c: int, n: int, z: float = Z95) -> dict:
    """Paired change in a proportion between two rounds of the same people.

    ``b``: reintegrated before, not after; ``c``: not before, reintegrated after;
    ``n``: people with a known result in both rounds. The difference (after -
    before) is (c - b) / n, with a Wald interval for paired proportions; the
    p-value is McNemar's exact (binomial) test on the discordant pairs.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    diff = (c - b) / n
    var = (b + c) - (c - b) ** 2 / n
    se = math.sqrt(max(var, 0.0)) / n
    p_value = 1.0 if b + c == 0 else float(sp.binomtest(min(b, c), b + c, 0.5).pvalue)
    return {
        "difference": diff,
        "low": max(-1.0, diff - z * se),
        "high": min(1.0, diff + z * se),
        "p_value": min(1.0, p_value),
        "discordant": b + c,
    }
