"""Did the numbers move after a campaign, relative to comparisons?

Treated series: first-time applicants from the campaign's origin in its
destination. Two comparisons, as the EMN answers themselves hint at:

* the same origin to the other destinations (EU-28 minus the destination);
* the other origins to the same destination (all citizenships minus the origin).

Estimator: difference-in-differences on log counts,
``δ = mean(g_post) − mean(g_pre)`` with ``g_t = ln T_t − ln C_t``; the 95 %
interval uses the year-to-year spread of g before the campaign (t with
n_pre − 1 df). Also: an interrupted time series on the treated series
alone (change against its own pre-campaign trend), placebo campaigns in the
pre-period and a pre-trend check.

We refuse to call anything an effect, and say why, when the series has fewer
than ``MIN_PRE`` years before the campaign, when a comparison is missing, or
when the pre-campaign gap between treated and comparison is trending.
Annual data 2012–2016 is short: most campaigns in the registry will be
refused, and that is the honest answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

MIN_PRE = 3  # years: fewer leaves no way to estimate noise or check parallel trends
PRETREND_P = 0.10
PRETREND_SLOPE = 0.10  # log points a year (~10 %/year) counts as diverging
EU28 = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "GB",
    ]
)
DEFAULT_DATASET = "migr_asyappctza"


@dataclass
class Series:
    label: str
    values: dict[int, float | None]

    def points(self, years) -> list[tuple[str, float | None]]:
        return [(str(y), self.values.get(y)) for y in years]


@dataclass
class Change:
    before_year: int
    after_year: int
    before: float | None
    after: float | None

    @property
    def pct(self) -> float | None:
        if self.before in (None, 0) or self.after is None:
            return None
        return (self.after - self.before) / self.before * 100


@dataclass
class Comparison:
    name: str
    series: Series
    raw_change: Change
    estimate: float | None = None  # log points
    ci: tuple[float, float] | None = None
    n_pre: int = 0
    n_post: int = 0
    pretrend_slope: float | None = None
    pretrend_p: float | None = None
    placebos: list[tuple[int, float]] = field(default_factory=list)
    refused: bool = True
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float | None:
        return None if self.estimate is None else (math.exp(self.estimate) - 1) * 100

    @property
    def ci_pct(self) -> tuple[float, float] | None:
        if self.ci is None:
            return None
        return ((math.exp(self.ci[0]) - 1) * 100, (math.exp(self.ci[1]) - 1) * 100)

    @property
    def word(self) -> str:
        return "estimated effect" if not self.refused else "difference in change (not an effect)"


@dataclass
class ITS:
    estimate: float | None = None  # mean log gap actual vs projected trend, post years
    ci: tuple[float, float] | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float | None:
        return None if self.estimate is None else (math.exp(self.estimate) - 1) * 100

    @property
    def ci_pct(self):
        if self.ci is None:
            return None
        return ((math.exp(self.ci[0]) - 1) * 100, (math.exp(self.ci[1]) - 1) * 100)


@dataclass
class Impact:
    dataset: str
    origin: str
    destination: str
    first_post_year: int
    years: list[int]
    treated: Series
    raw_change: Change
    comparisons: list[Comparison]
    its: ITS
    verdict: str
    reasons: list[str]
    claim: str = ""


def _log(v: float | None) -> float | None:
    # +0.5 keeps a zero count usable (Eurostat rounds small counts to 0 or 5).
    return None if v is None or v < 0 else math.log(v + 0.5)


def _minus(total: dict, part: dict, years) -> tuple[dict[int, float | None], list[int]]:
    """``total − part`` by year; negative results (inconsistent data) become gaps."""
    out: dict[int, float | None] = {}
    bad = []
    for y in years:
        if total.get(y) is None:
            continue
        value = total[y] - (part.get(y) or 0)
        if value < 0:
            bad.append(y)
            out[y] = None
        else:
            out[y] = value
    return out, bad


def _gap(treated: dict, comparison: dict, years) -> dict[int, float]:
    out = {}
    for y in years:
        t, c = _log(treated.get(y)), _log(comparison.get(y))
        if t is not None and c is not None:
            out[y] = t - c
    return out


def did(
    gap: dict[int, float], first_post: int
) -> tuple[float, tuple[float, float] | None, int, int]:
    pre = np.array([v for y, v in sorted(gap.items()) if y < first_post])
    post = np.array([v for y, v in sorted(gap.items()) if y >= first_post])
    if pre.size == 0 or post.size == 0:
        return (math.nan, None, int(pre.size), int(post.size))
    estimate = float(post.mean() - pre.mean())
    if pre.size < 2:
        return (estimate, None, int(pre.size), int(post.size))
    sd = float(pre.std(ddof=1))
    se = sd * math.sqrt(1 / pre.size + 1 / post.size)
    t = float(stats.t.ppf(0.975, pre.size - 1))
    return (estimate, (estimate - t * se, estimate + t * se), int(pre.size), int(post.size))


def pretrend(gap: dict[int, float], first_post: int) -> tuple[float | None, float | None]:
    pts = [(y, v) for y, v in sorted(gap.items()) if y < first_post]
    if len(pts) < 3:
        return (None, None)
    x = np.array([p[0] for p in pts], dtype=float)
    y = np.array([p[1] for p in pts], dtype=float)
    result = stats.linregress(x, y)
    return (float(result.slope), float(result.pvalue))


def its(treated: dict, years, first_post: int) -> ITS:
    pre = [
        (y, _log(treated.get(y))) for y in years if y < first_post and treated.get(y) is not None
    ]
    post = [
        (y, _log(treated.get(y))) for y in years if y >= first_post and treated.get(y) is not None
    ]
    result = ITS()
    if len(pre) < MIN_PRE:
        result.reasons.append(
            f"only {len(pre)} year(s) before the campaign; a trend needs at least {MIN_PRE}"
        )
        return result
    if not post:
        result.reasons.append("no data after the campaign")
        return result
    x = np.array([p[0] for p in pre], float)
    y = np.array([p[1] for p in pre], float)
    fit = stats.linregress(x, y)
    xp = np.array([p[0] for p in post], float)
    yp = np.array([p[1] for p in post], float)
    predicted = fit.intercept + fit.slope * xp
    gap = float((yp - predicted).mean())
    resid = y - (fit.intercept + fit.slope * x)
    dof = len(pre) - 2
    if dof < 1:
        result.estimate = gap
        result.reasons.append("too few years to put an interval on the trend")
        return result
    s = math.sqrt(float((resid**2).sum()) / dof)
    xbar, sxx = x.mean(), float(((x - x.mean()) ** 2).sum())
    # Prediction error of the mean of the post years' projections plus their noise.
    var = s**2 * (1 / len(post) + 1 / len(pre) + ((xp.mean() - xbar) ** 2) / sxx)
    t = float(stats.t.ppf(0.975, dof))
    result.estimate, result.ci = gap, (gap - t * math.sqrt(var), gap + t * math.sqrt(var))
    return result


def estimate(
    panel: dict[str, dict[int, float | None]],
    *,
    origin: str,
    destination: str,
    first_post_year: int,
    dataset: str = DEFAULT_DATASET,
    claim: str = "",
) -> Impact:
    """``panel`` holds four series by year: treated, origin_all (EU-28 total for the
    origin), destination_all (all citizenships in the destination) and, when the
    destination is outside the EU-28, nothing else is needed."""
    treated = panel.get("treated", {})
    years = sorted({y for series in panel.values() for y, v in series.items() if v is not None})
    comps: list[tuple[str, dict[int, float | None], list[int]]] = []
    origin_all, dest_all = panel.get("origin_all", {}), panel.get("destination_all", {})
    in_eu = destination in EU28
    other_dest, bad_dest = _minus(origin_all, treated if in_eu else {}, years)
    other_orig, bad_orig = _minus(dest_all, treated, years)
    comps.append((f"same origin ({origin}) → other EU-28 destinations", other_dest, bad_dest))
    comps.append((f"other origins → same destination ({destination})", other_orig, bad_orig))

    before = first_post_year - 1
    raw = Change(before, first_post_year, treated.get(before), treated.get(first_post_year))
    comparisons = []
    for name, series, bad_years in comps:
        comp = Comparison(
            name=name,
            series=Series(name, series),
            raw_change=Change(
                before, first_post_year, series.get(before), series.get(first_post_year)
            ),
        )
        if bad_years:
            comp.notes.append(
                "left out "
                + ", ".join(map(str, bad_years))
                + ": the total is smaller than the treated series (inconsistent or rounded data)"
            )
        if not series or all(v is None for v in series.values()):
            comp.reasons.append(
                f"no data for the comparison ({name}): there is nothing to compare with"
            )
            comparisons.append(comp)
            continue
        gap = _gap(treated, series, years)
        comp.estimate, comp.ci, comp.n_pre, comp.n_post = did(gap, first_post_year)
        if math.isnan(comp.estimate):
            comp.estimate = None
        pre_years = [y for y in gap if y < first_post_year]
        if comp.n_post == 0:
            comp.reasons.append("no data after the campaign")
        if comp.n_pre < MIN_PRE:
            comp.reasons.append(
                f"the series is too short: {comp.n_pre} year(s) before the campaign "
                f"({', '.join(map(str, pre_years)) or 'none'}); at least {MIN_PRE} are needed "
                "to tell a real change from ordinary year-to-year movement and to check that "
                "the two series moved in parallel before"
            )
        comp.pretrend_slope, comp.pretrend_p = pretrend(gap, first_post_year)
        if comp.pretrend_slope is not None and (
            (comp.pretrend_p is not None and comp.pretrend_p < PRETREND_P)
            or abs(comp.pretrend_slope) > PRETREND_SLOPE
        ):
            comp.reasons.append(
                "before the campaign the two series were already drifting apart "
                f"({(math.exp(comp.pretrend_slope) - 1) * 100:+.0f} % a year, p = "
                f"{comp.pretrend_p:.2f}), so a later difference cannot be credited to the campaign"
            )
        # Placebo campaigns: pretend it started in a pre year, using only earlier years.
        for fake in pre_years:
            sub = {y: v for y, v in gap.items() if y < first_post_year}
            if len([y for y in sub if y < fake]) >= 2:
                est, _, _, _ = did({y: v for y, v in sub.items()}, fake)
                comp.placebos.append((fake, est))
        if comp.placebos and comp.estimate is not None and not comp.reasons:
            biggest = max(abs(p[1]) for p in comp.placebos)
            if abs(comp.estimate) <= biggest:
                comp.reasons.append(
                    "a placebo campaign in a year without one shows a difference at least as "
                    "large, so this difference is within the series' usual movement"
                )
        comp.refused = bool(comp.reasons)
        comparisons.append(comp)

    its_result = its(treated, years, first_post_year)
    reasons = []
    if not treated or all(v is None for v in treated.values()):
        reasons.append(f"no data for {origin} → {destination} in {dataset}")
    usable = [c for c in comparisons if not c.refused]
    if usable and not reasons:
        inconclusive = [c for c in usable if c.ci and c.ci[0] <= 0 <= c.ci[1]]
        verdict = (
            "An effect estimate is possible against "
            + " and ".join(c.name for c in usable)
            + (
                "; its 95 % interval includes no change."
                if len(inconclusive) == len(usable)
                else "."
            )
        )
    else:
        verdict = (
            "Not an effect: the data cannot separate the campaign from everything else that "
            "changed. Raw changes are shown for information only."
        )
        for c in comparisons:
            reasons += [f"{c.name}: {r}" for r in c.reasons]
    return Impact(
        dataset=dataset,
        origin=origin,
        destination=destination,
        first_post_year=first_post_year,
        years=years,
        treated=Series(f"{origin} → {destination}", treated),
        raw_change=raw,
        comparisons=comparisons,
        its=its_result,
        verdict=verdict,
        reasons=reasons,
        claim=claim,
    )


# --- getting the panel ---------------------------------------------------------


GROUP_AGGREGATES = frozenset(
    {"TOTAL", "EU28", "EU27", "EU27_2020", "EU15", "EXT_EU28", "EXT_EU27_2020", "EFTA", "EA19"}
)


def panel_from_db(
    *, dataset: str, origin: str, destination: str
) -> dict[str, dict[int, float | None]]:
    from django.db.models import Q

    from ..models import StatObservation

    rows = (
        StatObservation.objects.filter(dataset=dataset)
        .filter(Q(geo=destination) | Q(geo="EU28", citizen=origin))
        .values_list("geo", "citizen", "year", "value")
    )
    return _panel(rows, origin, destination)


def _panel(rows, origin: str, destination: str):
    """Treated, origin → EU-28, and everyone → destination.

    Tables without a "Total" citizenship (migr_asyappctza) get the destination's
    total as the sum of every citizenship, stateless and unknown included;
    group aggregates (EU-28, Extra-EU…) are left out so nobody counts twice.
    """
    panel: dict[str, dict[int, float | None]] = {"treated": {}, "origin_all": {}}
    stated_total: dict[int, float | None] = {}
    summed: dict[int, float | None] = {}
    for geo, citizen, year, value in rows:
        if geo == "EU28" and citizen == origin:
            panel["origin_all"][year] = value
        if geo != destination:
            continue
        if citizen == origin:
            panel["treated"][year] = value
        if citizen == "TOTAL":
            stated_total[year] = value
        elif citizen not in GROUP_AGGREGATES and value is not None:
            summed[year] = (summed.get(year) or 0) + value
    panel["destination_all"] = stated_total or summed
    return panel


def panel_from_arrays(geo, citizen, year, value, *, origin: str, destination: str):
    """The same selection over numpy arrays (used for large in-memory tables)."""
    is_dest = geo == destination
    pick = is_dest | ((geo == "EU28") & (citizen == origin))
    rows = zip(
        geo[pick].tolist(),
        citizen[pick].tolist(),
        year[pick].tolist(),
        [None if np.isnan(v) else float(v) for v in value[pick]],
        strict=True,
    )
    return _panel(rows, origin, destination)


def default_first_post_year(campaign) -> int | None:
    """The first full calendar year after the campaign began (a start after June
    counts from the next year)."""
    start = campaign.actual_start or campaign.planned_start
    if start is None:
        return None
    return start.year if start.month <= 6 else start.year + 1
