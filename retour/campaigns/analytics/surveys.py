"""Pre/post questionnaire analysis: change, or effect only with a comparison.

Wording is part of the result: without a comparison group the difference
between before and after is a *change* (it includes everything else that
happened meanwhile); only a design with a comparison group (difference-in-
differences) or randomised arms yields an *effect*.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from ..choices import Arm, Outcome, SurveyDesign, Wave

Z95 = 1.959964
MIN_N = 5  # per cell; below this we report counts and say "too few data"


@dataclass
class OutcomeResult:
    outcome: str
    label: str  # "change", "effect", "level only", "too few data"
    test: str = ""
    n_pre: int = 0
    n_post: int = 0
    n_paired: int = 0
    n_comparison: int = 0
    attrition: float | None = None
    mean_pre: float | None = None
    mean_post: float | None = None
    difference: float | None = None
    ci: tuple[float, float] | None = None
    p: float | None = None
    effect_size_name: str = ""
    effect_size: float | None = None
    effect_size_ci: tuple[float, float] | None = None
    normalised_gain: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome))


@dataclass
class Cell:
    n: int
    mean: float
    sd: float

    @property
    def var(self) -> float:
        return self.sd**2


def _cell(values) -> Cell | None:
    arr = np.asarray(values, float)
    if arr.size == 0:
        return None
    return Cell(int(arr.size), float(arr.mean()), float(arr.std(ddof=1)) if arr.size > 1 else 0.0)


def _gain(pre: float | None, post: float | None, scale_max: float) -> float | None:
    if pre is None or post is None or scale_max - pre <= 0:
        return None
    return (post - pre) / (scale_max - pre)


def _hedges(c1: Cell, c2: Cell) -> tuple[float, tuple[float, float]] | None:
    """Standardised mean difference (c2 − c1) with its approximate 95 % CI."""
    n1, n2 = c1.n, c2.n
    if n1 < 2 or n2 < 2:
        return None
    pooled = math.sqrt(((n1 - 1) * c1.var + (n2 - 1) * c2.var) / (n1 + n2 - 2))
    if pooled == 0:
        return None
    d = (c2.mean - c1.mean) / pooled
    g = d * (1 - 3 / (4 * (n1 + n2) - 9))
    se = math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    return g, (g - Z95 * se, g + Z95 * se)


def _welch(c1: Cell, c2: Cell):
    """Difference c2 − c1 with Welch CI and p."""
    se = math.sqrt(c1.var / c1.n + c2.var / c2.n)
    diff = c2.mean - c1.mean
    if se == 0:
        return diff, None, None
    df = (c1.var / c1.n + c2.var / c2.n) ** 2 / (
        (c1.var / c1.n) ** 2 / max(c1.n - 1, 1) + (c2.var / c2.n) ** 2 / max(c2.n - 1, 1)
    )
    t = stats.t.ppf(0.975, df)
    p = 2 * stats.t.sf(abs(diff / se), df)
    return diff, (diff - t * se, diff + t * se), float(p)


def analyse(study) -> list[OutcomeResult]:
    """Results per outcome for a SurveyStudy (per-respondent rows win over aggregates)."""
    responses = list(study.responses.values_list("respondent", "arm", "wave", "outcome", "value"))
    if responses:
        return analyse_responses(responses, design=study.design, scale_max=study.scale_max)
    aggregates = {
        (a.arm, a.wave, a.outcome): Cell(a.n, a.mean, a.sd) for a in study.aggregates.all()
    }
    return analyse_aggregates(aggregates, design=study.design, scale_max=study.scale_max)


def analyse_responses(rows, *, design: str, scale_max: float) -> list[OutcomeResult]:
    data: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    for respondent, arm, wave, outcome, value in rows:
        data[(outcome, arm, wave)][respondent] = value
    results = []
    for outcome in Outcome.values:
        pre = data.get((outcome, Arm.CAMPAIGN, Wave.PRE), {})
        post = data.get((outcome, Arm.CAMPAIGN, Wave.POST), {})
        cpre = data.get((outcome, Arm.COMPARISON, Wave.PRE), {})
        cpost = data.get((outcome, Arm.COMPARISON, Wave.POST), {})
        if not (pre or post):
            continue
        r = OutcomeResult(outcome=outcome, label="change", n_pre=len(pre), n_post=len(post))
        r.mean_pre = float(np.mean(list(pre.values()))) if pre else None
        r.mean_post = float(np.mean(list(post.values()))) if post else None
        r.normalised_gain = _gain(r.mean_pre, r.mean_post, scale_max)
        paired_ids = sorted(set(pre) & set(post))
        r.n_paired = len(paired_ids)
        # Attrition only means something when the same people were meant to answer twice.
        if pre and design != SurveyDesign.PRE_POST_UNPAIRED:
            r.attrition = 1 - r.n_paired / len(pre)
        if design == SurveyDesign.POST_ONLY or not pre:
            _level_only(r, _cell(list(post.values())))
        elif design in (SurveyDesign.PRE_POST_COMPARISON, SurveyDesign.RANDOMISED):
            _with_comparison(r, design, pre, post, cpre, cpost)
        elif design == SurveyDesign.PRE_POST_PAIRED:
            if r.n_paired < MIN_N:
                r.label = "too few data"
                r.notes.append(
                    f"{r.n_paired} respondents answered both waves; at least {MIN_N} are needed"
                )
            else:
                a = np.array([pre[i] for i in paired_ids])
                b = np.array([post[i] for i in paired_ids])
                diff = b - a
                r.test = "paired t-test"
                res = stats.ttest_rel(b, a)
                r.p = float(res.pvalue) if not math.isnan(res.pvalue) else None
                r.difference = float(diff.mean())
                sd = float(diff.std(ddof=1))
                if sd > 0:
                    t = stats.t.ppf(0.975, diff.size - 1)
                    se = sd / math.sqrt(diff.size)
                    r.ci = (r.difference - t * se, r.difference + t * se)
                    dz = r.difference / sd
                    se_dz = math.sqrt(1 / diff.size + dz * dz / (2 * diff.size))
                    r.effect_size_name = "Cohen's d_z (paired)"
                    r.effect_size, r.effect_size_ci = dz, (dz - Z95 * se_dz, dz + Z95 * se_dz)
        else:  # unpaired pre/post
            _unpaired(r, _cell(list(pre.values())), _cell(list(post.values())))
        results.append(r)
    return results


def _level_only(r: OutcomeResult, post: Cell | None) -> None:
    r.label = "level only"
    r.notes.append(
        "No baseline: the level after the campaign is shown; neither a change nor an effect can be computed."
    )
    if post and post.n > 1:
        half = stats.t.ppf(0.975, post.n - 1) * post.sd / math.sqrt(post.n)
        r.ci = (post.mean - half, post.mean + half)


def _unpaired(r: OutcomeResult, pre: Cell | None, post: Cell | None) -> None:
    if pre is None or post is None or pre.n < MIN_N or post.n < MIN_N:
        r.label = "too few data"
        r.notes.append(f"each wave needs at least {MIN_N} respondents")
        return
    r.test = "Welch t-test (independent samples)"
    r.difference, r.ci, r.p = _welch(pre, post)
    hedges = _hedges(pre, post)
    if hedges:
        r.effect_size_name = "Hedges' g"
        r.effect_size, r.effect_size_ci = hedges


def _with_comparison(r, design, pre, post, cpre, cpost) -> None:
    r.n_comparison = len(cpost)
    if not cpost:
        r.notes.append("The design names a comparison group but no comparison data was uploaded.")
        _unpaired(r, _cell(list(pre.values())), _cell(list(post.values())))
        r.label = "change" if r.label != "too few data" else r.label
        return
    if design == SurveyDesign.RANDOMISED and not cpre:
        a, b = _cell(list(cpost.values())), _cell(list(post.values()))
        if a is None or b is None or a.n < MIN_N or b.n < MIN_N:
            r.label = "too few data"
            return
        r.test = "Welch t-test, campaign vs control arm after"
        r.difference, r.ci, r.p = _welch(a, b)
        hedges = _hedges(a, b)
        if hedges:
            r.effect_size_name = "Hedges' g (arms)"
            r.effect_size, r.effect_size_ci = hedges
        r.label = "effect"
        return
    # Difference-in-differences on change scores where respondents are paired.
    t_ids, c_ids = set(pre) & set(post), set(cpre) & set(cpost)
    if len(t_ids) >= MIN_N and len(c_ids) >= MIN_N:
        a = _cell([cpost[i] - cpre[i] for i in c_ids])
        b = _cell([post[i] - pre[i] for i in t_ids])
        assert a is not None and b is not None  # MIN_N or more values each
        r.test = "difference-in-differences (Welch t-test on change scores)"
        r.difference, r.ci, r.p = _welch(a, b)
        hedges = _hedges(a, b)
        if hedges:
            r.effect_size_name = "Hedges' g (change scores)"
            r.effect_size, r.effect_size_ci = hedges
    else:
        cells = [_cell(list(x.values())) for x in (pre, post, cpre, cpost)]
        present = [c for c in cells if c is not None and c.n >= MIN_N]
        if len(present) < len(cells):
            r.label = "too few data"
            return
        _did_cells(r, *present)
    r.label = "effect"
    if design == SurveyDesign.PRE_POST_COMPARISON:
        r.notes.append(
            "Non-randomised comparison: the effect assumes both groups would have changed alike."
        )


def _did_cells(r, pre: Cell, post: Cell, cpre: Cell, cpost: Cell) -> None:
    r.test = "difference-in-differences of means (normal approximation)"
    r.difference = (post.mean - pre.mean) - (cpost.mean - cpre.mean)
    se = math.sqrt(sum(c.var / c.n for c in (pre, post, cpre, cpost)))
    if se > 0:
        r.ci = (r.difference - Z95 * se, r.difference + Z95 * se)
        r.p = float(2 * stats.norm.sf(abs(r.difference / se)))
        pooled = math.sqrt((pre.var + cpre.var) / 2)
        if pooled > 0:
            d = r.difference / pooled
            r.effect_size_name = "standardised DiD (baseline SD)"
            r.effect_size = d
            r.effect_size_ci = (r.ci[0] / pooled, r.ci[1] / pooled)


def analyse_aggregates(cells: dict, *, design: str, scale_max: float) -> list[OutcomeResult]:
    results = []
    for outcome in Outcome.values:
        pre = cells.get((Arm.CAMPAIGN, Wave.PRE, outcome))
        post = cells.get((Arm.CAMPAIGN, Wave.POST, outcome))
        cpre = cells.get((Arm.COMPARISON, Wave.PRE, outcome))
        cpost = cells.get((Arm.COMPARISON, Wave.POST, outcome))
        if not (pre or post):
            continue
        r = OutcomeResult(
            outcome=outcome,
            label="change",
            n_pre=pre.n if pre else 0,
            n_post=post.n if post else 0,
            mean_pre=pre.mean if pre else None,
            mean_post=post.mean if post else None,
        )
        r.normalised_gain = _gain(r.mean_pre, r.mean_post, scale_max)
        if pre and post and design == SurveyDesign.PRE_POST_PAIRED:
            r.attrition = max(0.0, 1 - post.n / pre.n)
        if design == SurveyDesign.POST_ONLY or not pre:
            _level_only(r, post)
        elif design in (SurveyDesign.PRE_POST_COMPARISON, SurveyDesign.RANDOMISED) and cpost:
            r.n_comparison = cpost.n
            if post is None:  # a baseline but nothing after the campaign: nothing to compare
                r.label = "too few data"
            elif design == SurveyDesign.RANDOMISED and not cpre:
                r.test = "Welch t-test, campaign vs control arm after"
                r.difference, r.ci, r.p = _welch(cpost, post)
                hedges = _hedges(cpost, post)
                if hedges:
                    r.effect_size_name = "Hedges' g (arms)"
                    r.effect_size, r.effect_size_ci = hedges
                r.label = "effect"
            elif cpre:
                _did_cells(r, pre, post, cpre, cpost)
                r.label = "effect"
            else:
                r.notes.append(
                    "No baseline for the comparison group: difference-in-differences needs it."
                )
                _unpaired(r, pre, post)
        else:
            if design == SurveyDesign.PRE_POST_PAIRED:
                r.notes.append(
                    "Aggregated results carry no pairing: analysed as independent samples, "
                    "which gives a wider (conservative) interval."
                )
            _unpaired(r, pre, post)
        results.append(r)
    return results
