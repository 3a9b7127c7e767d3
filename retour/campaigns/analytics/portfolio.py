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

import json
import math
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


@dataclass
class Rows:
    """Flat columns of the campaigns being analysed (one entry per campaign)."""

    ids: np.ndarray
    uuids: list[str]
    titles: list[str]
    cost: np.ndarray
    currency: np.ndarray
    countries: list[list[str]]
    year: np.ndarray
    channels: list[list[str]]
    level: np.ndarray


@dataclass
class Reach:
    persons: dict[int, tuple[int, bool]]  # campaign id -> (largest person count, is_minimum)
    units: dict[int, set[str]]


def fetch_rows(queryset) -> tuple[Rows, Reach]:
    """Two flat queries. JSON lists come back as text and are decoded in one
    ``json.loads`` call; the start year is computed by the database."""
    from django.db.models import TextField
    from django.db.models.functions import Cast, Coalesce, ExtractYear

    from ..models import ReachFigure

    data = list(
        queryset.order_by()
        .annotate(
            _countries=Cast("countries", TextField()),
            _channels=Cast("channels", TextField()),
            _year=Coalesce(ExtractYear("actual_start"), ExtractYear("planned_start")),
        )
        .values_list(
            "id",
            "uuid",
            "title",
            "cost_total",
            "currency",
            "_countries",
            "_year",
            "_channels",
            "evaluation_level",
        )
    )
    cols = list(zip(*data, strict=True)) if data else [()] * 9
    rows = Rows(
        ids=np.array(cols[0], dtype=np.int64),
        uuids=[str(u) for u in cols[1]],
        titles=list(cols[2]),
        cost=np.array([np.nan if c is None else float(c) for c in cols[3]], dtype=float),
        currency=np.array(cols[4], dtype=object),
        countries=json.loads("[" + ",".join(c or "[]" for c in cols[5]) + "]"),
        year=np.array([-1 if y is None else y for y in cols[6]], dtype=np.int64),
        channels=json.loads("[" + ",".join(c or "[]" for c in cols[7]) + "]"),
        level=np.array(cols[8], dtype=np.int64),
    )
    reach_rows = list(
        ReachFigure.objects.filter(campaign__in=queryset.order_by().values("pk")).values_list(
            "campaign_id", "value", "unit", "is_minimum"
        )
    )
    persons: dict[int, tuple[int, bool]] = {}
    units: dict[int, set[str]] = {}
    for cid, value, unit, is_min in reach_rows:
        units.setdefault(cid, set()).add(unit)
        if unit == ReachUnit.PERSONS and value > persons.get(cid, (0, False))[0]:
            persons[cid] = (value, is_min)
    return rows, Reach(persons, units)


def portfolio(queryset) -> Portfolio:
    rows, reach = fetch_rows(queryset)
    return compute(rows, reach)


def compute(rows: Rows, reach: Reach) -> Portfolio:
    n = int(rows.ids.size)
    cost, currency, level = rows.cost, rows.currency, rows.level
    has_cost = ~np.isnan(cost)
    country_key = np.array(["+".join(sorted(c)) or "—" for c in rows.countries], dtype=object)
    year = np.array([str(y) if y >= 0 else "unknown" for y in rows.year.tolist()], dtype=object)
    # Evaluate translated labels once, not per row.
    channel_names = {value: str(label) for value, label in Channel.choices}
    lengths = np.array([len(c) for c in rows.channels], dtype=np.int64)
    flat_channels = np.array([ch for c in rows.channels for ch in c], dtype=object)
    owner = np.repeat(np.arange(n), lengths)

    totals, by_country, by_year, by_channel = {}, {}, {}, {}
    for cur in sorted(set(currency[has_cost].tolist())):
        mask = has_cost & (currency == cur)
        totals[cur] = float(cost[mask].sum())
        by_country[cur] = _grouped_sum(country_key[mask], cost[mask])
        by_year[cur] = sorted(_grouped_sum(year[mask], cost[mask]))
        in_cur = mask[owner] if owner.size else np.zeros(0, bool)
        grouped = _grouped_sum(flat_channels[in_cur], cost[owner[in_cur]])
        by_channel[cur] = [(channel_names.get(k, k), v, c) for k, v, c in grouped]

    cpp, flagged = [], []
    for i in range(n):
        cid = int(rows.ids[i])
        uuid, title = rows.uuids[i], rows.titles[i]
        if not has_cost[i]:
            flagged.append(Flagged(uuid, title, "no cost stated"))
        elif cid not in reach.units:
            flagged.append(Flagged(uuid, title, "no reach figure"))
        elif cid not in reach.persons:
            units = ", ".join(sorted(reach.units[cid]))
            flagged.append(Flagged(uuid, title, f"reach counted in {units}, not in persons"))
        else:
            persons, is_min = reach.persons[cid]
            value = float(cost[i]) / persons
            cpp.append(
                CostPerPerson(uuid, title, float(cost[i]), str(currency[i]), persons, is_min, value)
            )
    cpp.sort(key=lambda x: x.value)

    counts = np.bincount(level, minlength=len(EvaluationLevel)) if n else np.zeros(6, int)
    shares = []
    for lv in EvaluationLevel:
        k = int(counts[lv.value])
        low, high = wilson(k, n)
        shares.append(LevelShare(lv.value, str(lv.label), k, k / n if n else math.nan, low, high))

    channel_levels = []
    if flat_channels.size:
        levels_flat = level[owner]
        for ch in Channel.values:
            sel = flat_channels == ch
            if sel.any():
                row = np.bincount(levels_flat[sel], minlength=len(EvaluationLevel))
                channel_levels.append((channel_names[ch], row.tolist()))
    notes = [
        "Totals are per currency; amounts in different currencies are never added up.",
        "Multi-country campaigns are shown under the combination of their countries.",
        "Spend by channel counts each campaign under every channel it used: rows overlap "
        "and do not add up to the total.",
        "Cost per person uses the largest person count reported for a campaign; where that "
        'count is a minimum ("more than"), the cost per person is an upper bound.',
        "Years are start years; costs are not spread over the campaign's span.",
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
