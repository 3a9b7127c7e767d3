"""Drivers view: logistic regression of "reintegrated" on case characteristics.

Associational, not causal: people who got assistance differ in many ways from
those who did not, and the model only adjusts for what is in it.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .data import one_per_person

# (column, label): each a 0/1 characteristic; the reference is its absence.
PREDICTORS = [
    ("community_yes", "Returned to the community of origin"),
    ("any_vulnerability", "At least one vulnerability recorded"),
    ("female", "Gender: female"),
    ("age_35_plus", "Age band 35 or older"),
    ("any_assistance", "Delivered reintegration assistance recorded"),
    ("months_12_plus", "Result from a round 12 or more months after arrival"),
]
MIN_N = 30
MIN_EVENTS_PER_PREDICTOR = 10


def design(people: pd.DataFrame) -> pd.DataFrame:
    x = pd.DataFrame(index=people.index)
    x["community_yes"] = people["community"].map(lambda v: 1.0 if v is True else 0.0)
    x["any_vulnerability"] = people["vulnerabilities"].map(lambda v: 1.0 if v else 0.0)
    x["female"] = (people["gender"] == "female").astype(float)
    x["age_35_plus"] = people["age_band"].isin(["35-49", "50-64", "65+"]).astype(float)
    x["any_assistance"] = people["assistance"].map(lambda v: 1.0 if v else 0.0)
    x["months_12_plus"] = (people["months"] >= 12).astype(float)
    return x


def fit(frame: pd.DataFrame) -> dict:
    """Odds ratios with 95% CIs, plus the warnings a reader must see."""
    import statsmodels.api as sm

    people = one_per_person(frame)
    n = len(people)
    result: dict[str, Any] = {"n": n, "events": 0, "rows": [], "warnings": [], "fitted": False}
    if n == 0:
        result["warnings"].append("No scored results yet.")
        return result
    y = (people["reintegrated"] == 1).astype(float).to_numpy()
    events = int(min(y.sum(), n - y.sum()))
    result["events"] = int(y.sum())
    x = design(people)
    dropped = [label for col, label in PREDICTORS if x[col].nunique() < 2]
    x = x[[c for c, _ in PREDICTORS if x[c].nunique() >= 2]]
    if dropped:
        result["warnings"].append(
            "Left out (no variation in the data): " + "; ".join(dropped) + "."
        )
    if n < MIN_N:
        result["warnings"].append(
            f"Too few people (n = {n}, fewer than {MIN_N}): no model is fitted."
        )
        return result
    if x.shape[1] == 0 or events == 0:
        result["warnings"].append("Everyone has the same result: nothing to model.")
        return result
    if events < MIN_EVENTS_PER_PREDICTOR * x.shape[1]:
        result["warnings"].append(
            f"Small sample: {events} people in the smaller outcome group for {x.shape[1]} "
            f"characteristics (fewer than {MIN_EVENTS_PER_PREDICTOR} per characteristic); "
            "estimates are unstable."
        )
    exog = sm.add_constant(x, has_constant="add")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = sm.Logit(y, exog).fit(disp=0, maxiter=100)
        except Exception as exc:
            result["warnings"].append(
                f"The model could not be fitted ({exc.__class__.__name__}); this usually "
                "means separation or collinear characteristics."
            )
            return result
    messages = " ".join(str(w.message) for w in caught).lower()
    params, bse = model.params, model.bse
    separated = (
        "separation" in messages
        or not np.all(np.isfinite(bse))
        or (np.abs(params) > 10).any()
        or (bse > 20).any()
    )
    if separated:
        result["warnings"].append(
            "Separation: some characteristic predicts the outcome (almost) perfectly, so its "
            "odds ratio is not estimable. Estimates are not shown."
        )
        return result
    if "converge" in messages or not model.mle_retvals.get("converged", True):
        result["warnings"].append("The fit did not converge; treat the estimates with caution.")
    ci = model.conf_int(alpha=0.05)
    labels = dict(PREDICTORS)
    for col in x.columns:
        result["rows"].append(
            {
                "key": col,
                "label": labels[col],
                "odds_ratio": math.exp(params[col]),
                "low": math.exp(ci.loc[col, 0]),
                "high": math.exp(ci.loc[col, 1]),
                "p_value": float(model.pvalues[col]),
                "exposed": int(x[col].sum()),
            }
        )
    result["fitted"] = True
    result["pseudo_r2"] = float(model.prsquared)
    return result
