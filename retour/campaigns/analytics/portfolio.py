"""Portfolio analytics over campaign records (numpy on flat arrays).

Honesty rules built in:

* Money is never summed across currencies: every total is per currency.
* Cost per person is computed only where reach is counted in persons; the
  largest person count of a campaign is used (channels overlap, so adding
  them would double count), which makes the figure an upper bound on cost.
  Every other campaign is listed with the reason it has no figure.
* A campaign in several countries is kept under the combination ("MK+XK")
  rather than split by an invented key.
* Spend by channel is the spend of campaigns *using* the channel: campaigns
  use several, so the rows are not additive (and we say so).
* Years are the start year; costs are not spread over the campaign's span.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from ..choices import Channel, EvaluationLevel, ReachUnit


@dataclass
class CostPerPerson:
    uuid: str
    title: str
    cost: float
    currency: str
    persons: int
    is_minimum: bool
    value: float


@dataclass
class Flagged:
    uuid: str
    title: str
    reason: str


@dataclass
class LevelShare:
    level: int
    label: str
    count: int
    share: float
    low: float
    high: float


@dataclass
class Portfolio:
    n: int
    n_with_cost: int
    totals: dict[str, float]
    by_country: dict[str, list[tuple[str, float, int]]]
    by_year: dict[str, list[tuple[str, float, int]]]
    by_channel: dict[str, list[tuple[str, float, int]]]
    cost_per_person: list[CostPerPerson]
    flagged: list[Flagged]
    levels: list[LevelShare]
    channel_levels: list[tuple[str, list[int]]]  # (channel label, counts per level)
    notes: list[str] = field(default_factory=list)


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _grouped_sum(keys: np.ndarray, values: np.ndarray) -> list[tuple[str, float, int]]:
    if keys.size == 0:
        return []
    uniq, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=values, minlength=uniq.size)
    counts = np.bincount(inverse, minlength=uniq.size)
    order = np.argsort(-sums, kind="stable")
    return [(str(uniq[i]), float(sums[i]), int(counts[i])) for i in order]


def fetch_rows(queryset):
    """Two flat queries: campaigns and their person-unit reach maxima."""
    from ..models import ReachFigure

    rows = list(
        queryset.values_list(
            "id",
            "uuid",
            "title",
            "cost_total",
            "currency",
            "countries",
            "actual_start",
            "planned_start",
            "channels",
            "evaluation_level",
        )
    )
    ids = [r[0] for r in rows]
    reach: dict[int, dict] = defaultdict(lambda: {"persons": 0, "min": False, "units": set()})
    chunk = 900  # stay under SQLite's variable limit
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        for cid, value, unit, is_min in ReachFigure.objects.filter(
            campaign_id__in=part
        ).values_list("campaign_id", "value", "unit", "is_minimum"):
            entry = reach[cid]
            entry["units"].add(unit)
            if unit == ReachUnit.PERSONS and value > entry["persons"]:
                entry["persons"], entry["min"] = value, is_min
    return rows, reach


def portfolio(queryset) -> Portfolio:
    rows, reach = fetch_rows(queryset)
    return compute(rows, reach)


def compute(rows, reach) -> Portfolio:
    n = len(rows)
    cost = np.array([float(r[3]) if r[3] is not None else np.nan for r in rows], dtype=float)
    currency = np.array([r[4] or "" for r in rows], dtype=object)
    has_cost = ~np.isnan(cost)
    country_key = np.array(["+".join(sorted(r[5] or [])) or "—" for r in rows], dtype=object)
    year = np.array(
        [str((r[6] or r[7]).year) if (r[6] or r[7]) else "unknown" for r in rows], dtype=object
    )
    levels = np.array([r[9] for r in rows], dtype=np.int64)

    totals, by_country, by_year, by_channel = {}, {}, {}, {}
    channel_names = dict(Channel.choices)
    for cur in sorted(set(currency[has_cost].tolist())):
        mask = has_cost & (currency == cur)
        totals[cur] = float(cost[mask].sum())
        by_country[cur] = _grouped_sum(country_key[mask], cost[mask])
        by_year[cur] = sorted(_grouped_sum(year[mask], cost[mask]))
        # Explode channels once for this currency's rows.
        idx = np.flatnonzero(mask)
        ch_keys, ch_vals = [], []
        for i in idx:
            for ch in rows[i][8] or []:
                ch_keys.append(str(channel_names.get(ch, ch)))
                ch_vals.append(cost[i])
        by_channel[cur] = _grouped_sum(np.array(ch_keys, dtype=object), np.array(ch_vals))

    cpp, flagged = [], []
    for i, r in enumerate(rows):
        info = reach.get(r[0])
        if not has_cost[i]:
            flagged.append(Flagged(str(r[1]), r[2], "no cost stated"))
        elif info is None or not info["units"]:
            flagged.append(Flagged(str(r[1]), r[2], "no reach figure"))
        elif info["persons"] <= 0:
            units = ", ".join(sorted(info["units"]))
            flagged.append(Flagged(str(r[1]), r[2], f"reach counted in {units}, not in persons"))
        else:
            cpp.append(
                CostPerPerson(
                    str(r[1]),
                    r[2],
                    float(cost[i]),
                    str(currency[i]),
                    info["persons"],
                    info["min"],
                    float(cost[i]) / info["persons"],
                )
            )
    cpp.sort(key=lambda x: x.value)

    counts = np.bincount(levels, minlength=len(EvaluationLevel)) if n else np.zeros(6, int)
    shares = []
    for level in EvaluationLevel:
        k = int(counts[level.value])
        low, high = wilson(k, n)
        shares.append(
            LevelShare(level.value, str(level.label), k, k / n if n else math.nan, low, high)
        )

    matrix: dict[str, np.ndarray] = {}
    for i, r in enumerate(rows):
        for ch in r[8] or []:
            row = matrix.setdefault(ch, np.zeros(len(EvaluationLevel), dtype=np.int64))
            row[levels[i]] += 1
    channel_levels = [
        (str(channel_names.get(ch, ch)), matrix[ch].tolist())
        for ch in Channel.values
        if ch in matrix
    ]
    notes = [
        "Totals are per currency; amounts in different currencies are never added up.",
        "Multi-country campaigns are shown under the combination of their countries.",
        "Spend by channel counts each campaign under every channel it used: rows overlap "
        "and do not add up to the total.",
        "Cost per person uses the largest person count reported for a campaign; where that "
        'count is a minimum ("more than"), the cost per person is an upper bound.',
    ]
    return Portfolio(
        n=n,
        n_with_cost=int(has_cost.sum()),
        totals=totals,
        by_country=by_country,
        by_year=by_year,
        by_channel=by_channel,
        cost_per_person=cpp,
        flagged=flagged,
        levels=shares,
        channel_levels=channel_levels,
        notes=notes,
    )


def as_decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))
