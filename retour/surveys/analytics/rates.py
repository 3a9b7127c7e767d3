"""Reintegration rates by group, with counts, Wilson 95% CIs and "too few data"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pycountry
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from retour.cases.models import Vulnerability

from .stats import Z95, mcnemar, wilson

# Below this many people a rate is not shown ("too few data").
MIN_N = getattr(settings, "RETOUR_SURVEYS_MIN_N", 10)

DIMENSIONS = {
    "country": "Country of return",
    "cohort": "Return cohort (quarter of arrival)",
    "assistance": "Assistance type received",
    "vulnerability": "Vulnerability",
    "community": "Returned to the community of origin",
}


# How a person whose result is unknown (answers missing) enters a rate. Both are
# offered for every definition, and every rate says which one it used.
class Missing:
    EXCLUDE = "exclude"
    NOT_MET = "not_met"


MISSING_POLICIES = {
    Missing.EXCLUDE: _("Unknown results left out of the denominator"),
    Missing.NOT_MET: _("Missing answers counted as not met (the literal rule)"),
}


@dataclass
class Rate:
    key: str
    label: str
    n: int
    k: int
    rate: float | None
    low: float | None
    high: float | None
    too_few: bool
    # Weighted indices: mean composite score with a normal-approximation 95% CI.
    mean: float | None = None
    mean_low: float | None = None
    mean_high: float | None = None
    # People in the group whose result is unknown, and how they were counted.
    unknown: int = 0
    missing: str = Missing.EXCLUDE


def _country(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code or "")
    return country.name if country else (code or "Unknown")


def _cohort(day) -> str:
    if day is None or pd.isna(day):
        return "Unknown"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _groups(people: pd.DataFrame, by: str):
    """Yield (key, label, subset). People may fall in several groups (vulnerability,
    assistance): each group's rate is then over the people in it."""
    if by == "country":
        for code, sub in people.groupby("country", sort=True):
            yield code, _country(code), sub
    elif by == "cohort":
        cohorts = people["arrival_date"].map(_cohort)
        for key in sorted(cohorts.unique()):
            yield key, key, people[cohorts == key]
    elif by == "community":
        labels = {True: "Yes", False: "No", None: "Not known"}
        values = people["community"].map(lambda v: None if pd.isna(v) else bool(v))
        for value in (True, False, None):
            sub = people[values.map(lambda v, value=value: v is value)]
            if len(sub):
                yield str(value).lower(), labels[value], sub
    elif by == "vulnerability":
        none = people[people["vulnerabilities"].map(len) == 0]
        if len(none):
            yield "none", "No vulnerability recorded", none
        for kind, vulnerability in Vulnerability.choices:
            sub = people[people["vulnerabilities"].map(lambda v, kind=kind: kind in v)]
            if len(sub):
                yield kind, str(vulnerability), sub
    elif by == "assistance":
        none = people[people["assistance"].map(len) == 0]
        if len(none):
            yield "none", "No delivered assistance recorded", none
        kinds = sorted({k for v in people["assistance"] for k in v})
        for kind in kinds:
            sub = people[people["assistance"].map(lambda v, kind=kind: kind in v)]
            yield kind, kind.replace("_", " ").capitalize(), sub
    else:
        raise ValueError(f"unknown grouping {by!r}")


def people_results(frame: pd.DataFrame, months: int | None = None) -> pd.DataFrame:
    """One row per person surveyed: their known result (latest, or at ``months``),
    or, when they have none, an unknown one (``reintegrated`` < 0)."""
    rows = frame if months is None else frame[frame["months"] == months]
    known = (rows["reintegrated"] >= 0).astype(int)
    # Sorted so that each person's last row is their latest known result if any.
    ordered = rows.assign(_known=known).sort_values(["case_id", "_known", "months"])
    return ordered.drop_duplicates("case_id", keep="last").drop(columns="_known")


def _rate(key: str, label: str, sub: pd.DataFrame, *, min_n: int, missing: str) -> Rate:
    if missing not in MISSING_POLICIES:
        raise ValueError(f"unknown missing-data policy {missing!r}")
    unknown = int((sub["reintegrated"] < 0).sum())
    k = int((sub["reintegrated"] == 1).sum())
    n = len(sub) - unknown if missing == Missing.EXCLUDE else len(sub)
    extra: dict[str, Any] = {"unknown": unknown, "missing": missing}
    if n >= min_n:
        p, low, high = wilson(k, n)
        known = sub[sub["reintegrated"] >= 0]
        return Rate(key, label, n, k, p, low, high, False, *_mean_ci(known), **extra)
    return Rate(key, label, n, k, None, None, None, True, **extra)


def rates_by(
    frame: pd.DataFrame,
    by: str,
    *,
    months: int | None = None,
    min_n: int = MIN_N,
    missing: str = Missing.EXCLUDE,
):
    """One Rate per group, over each person's result (latest, or at ``months``)."""
    people = people_results(frame, months)
    return [
        _rate(str(key), label, sub, min_n=min_n, missing=missing)
        for key, label, sub in _groups(people, by)
    ]


def _mean_ci(sub: pd.DataFrame) -> tuple[float | None, float | None, float | None]:
    values = pd.to_numeric(sub["composite"], errors="coerce").dropna()
    if len(values) < 2:
        return None, None, None
    mean = float(values.mean())
    half = Z95 * float(values.std(ddof=1)) / len(values) ** 0.5
    return mean, max(0.0, mean - half), min(1.0, mean + half)


def overall(
    frame: pd.DataFrame,
    *,
    months: int | None = None,
    min_n: int = MIN_N,
    missing: str = Missing.EXCLUDE,
) -> Rate:
    rate = _rate("all", "All", people_results(frame, months), min_n=min_n, missing=missing)
    rate.mean = rate.mean_low = rate.mean_high = None  # the overall line shows the rate only
    return rate


def unknown_count(frame: pd.DataFrame) -> int:
    """Rounds whose result is unknown because answers were missing."""
    return int((frame["reintegrated"] < 0).sum()) if len(frame) else 0


def paired_change(frame: pd.DataFrame, before: int, after: int, *, min_n: int = MIN_N) -> dict:
    """The same people at two rounds: 2×2 counts, McNemar and the difference's CI."""
    known = frame[frame["reintegrated"] >= 0]
    a = known[known["months"] == before].drop_duplicates("case_id").set_index("case_id")
    b = known[known["months"] == after].drop_duplicates("case_id").set_index("case_id")
    both = a[["reintegrated"]].join(b[["reintegrated"]], how="inner", lsuffix="_a", rsuffix="_b")
    n = len(both)
    yes_yes = int(((both.reintegrated_a == 1) & (both.reintegrated_b == 1)).sum())
    yes_no = int(((both.reintegrated_a == 1) & (both.reintegrated_b == 0)).sum())
    no_yes = int(((both.reintegrated_a == 0) & (both.reintegrated_b == 1)).sum())
    no_no = n - yes_yes - yes_no - no_yes
    result = {
        "before": before,
        "after": after,
        "n": n,
        "table": {"yes_yes": yes_yes, "yes_no": yes_no, "no_yes": no_yes, "no_no": no_no},
        "too_few": n < min_n,
    }
    if n >= min_n:
        result["rate_before"] = (yes_yes + yes_no) / n
        result["rate_after"] = (yes_yes + no_yes) / n
        result.update(mcnemar(yes_no, no_yes, n))
    return result
