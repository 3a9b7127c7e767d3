"""The index: YAML validation with paths, scoring rules, and loop == vectorised."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retour.surveys.index import DefinitionError, builtin, parse_definition
from retour.surveys.index.definition import builtin_texts
from retour.surveys.index.engine import UNKNOWN, score_answers, score_frame

MET = {
    "econ_employed": "yes",
    "econ_income_sources": 2,
    "econ_situation": "better",
    "econ_debt": "none",
    "econ_housing": "rent",
    "soc_local_network": "yes",
    "soc_transnational": "yes",
    "soc_participation": "often",
    "soc_perception": "positive",
    "soc_membership": "yes",
    "safe_home": "safe",
    "safe_community": "safe",
    "safe_trust_gov": "high",
    "safe_justice": "yes",
    "safe_harassed": "no",
}
NOT_MET = {
    "econ_employed": "no",
    "econ_income_sources": 0,
    "econ_situation": "worse",
    "econ_debt": "unmanageable",
    "econ_housing": "none",
}


def test_builtins_are_valid():
    texts = builtin_texts()
    assert set(texts) == {"return-reintegration-2015", "equal-weight-composite"}
    composite = builtin("equal-weight-composite")
    assert "Equal weights" in composite.weights_label
    assert {d.key for d in composite.dimensions} == {"economic", "social", "psychosocial"}
    # A placeholder must not pass for IOM's Reintegration Sustainability Survey score.
    assert "not IOM's RSS" in composite.title
    assert "rss" not in composite.slug
    assert [d.min_answered for d in composite.dimensions] == [4, 4, 4]
    koser = builtin("return-reintegration-2015")
    assert [len(d.indicators) for d in koser.dimensions] == [5, 5, 5]
    assert all(d.at_least == 3 for d in koser.dimensions)


def test_error_names_the_path_of_the_bad_key():
    text = builtin_texts()["return-reintegration-2015"].replace(
        'map: {"yes": 1, "no": 0}\n      - key: transnational_networks',
        'map: {"yes": "maybe", "no": 0}\n      - key: transnational_networks',
    )
    with pytest.raises(DefinitionError) as info:
        parse_definition(text)
    assert any(e.startswith("dimensions[1].indicators[0].map.yes") for e in info.value.errors)


def test_error_for_rule_above_indicator_count_and_unknown_key():
    text = builtin_texts()["return-reintegration-2015"].replace(
        "rule: {at_least: 3}", "rule: {at_least: 6}", 1
    )
    with pytest.raises(DefinitionError) as info:
        parse_definition(text)
    assert info.value.errors[0].startswith("dimensions[0].rule.at_least")
    with pytest.raises(DefinitionError) as info:
        parse_definition(text.replace("method: threshold", "method: threshold\nweight_s: 1"))
    assert any("weight_s" in e for e in info.value.errors)


def test_bad_yaml_names_the_line():
    with pytest.raises(DefinitionError) as info:
        parse_definition("slug: x\n  bad: [\n")
    assert info.value.errors[0].startswith("line ")


def test_three_of_five_rule():
    d = builtin("return-reintegration-2015")
    assert score_answers(d, MET)["reintegrated"] == 1
    answers = {**MET, **NOT_MET}
    result = score_answers(d, answers)
    assert result["dimensions"]["economic"]["met"] == 0
    assert result["dimensions"]["economic"]["reintegrated"] == 0
    assert result["reintegrated"] == 0
    # Exactly 3 of 5 met is enough; 2 is not.
    three = {**MET, "econ_employed": "no", "econ_debt": "unmanageable"}
    assert score_answers(d, three)["dimensions"]["economic"]["reintegrated"] == 1
    two = {**three, "econ_housing": "none"}
    assert score_answers(d, two)["dimensions"]["economic"]["reintegrated"] == 0


def test_missing_answers_unknown_unless_settled():
    d = builtin("return-reintegration-2015")
    # Three met and two missing: settled, reintegrated.
    partial = {k: v for k, v in MET.items() if k not in ("econ_debt", "econ_housing")}
    assert score_answers(d, partial)["dimensions"]["economic"]["reintegrated"] == 1
    # Two met, one missing: could go either way -> unknown.
    unsettled = {**MET, "econ_employed": "no", "econ_debt": "unmanageable"}
    del unsettled["econ_housing"]
    assert score_answers(d, unsettled)["dimensions"]["economic"]["reintegrated"] == UNKNOWN
    assert score_answers(d, unsettled)["reintegrated"] == UNKNOWN
    # One dimension "not" settles the overall answer even beside an unknown one.
    assert (
        score_answers(
            d,
            {
                **unsettled,
                **{"safe_home": "unsafe", "safe_community": "unsafe", "safe_trust_gov": "none"},
            },
        )["reintegrated"]
        == 0
    )


def test_missing_as_not_met():
    text = builtin_texts()["return-reintegration-2015"].replace(
        "missing: unknown", "missing: not_met"
    )
    d = parse_definition(text)
    unsettled = {**MET, "econ_employed": "no", "econ_debt": "unmanageable"}
    del unsettled["econ_housing"]
    assert score_answers(d, unsettled)["dimensions"]["economic"]["reintegrated"] == 0


def test_weighted_composite_in_unit_interval():
    d = builtin("equal-weight-composite")
    best = {
        **MET,
        "psy_wellbeing": 5,
        "psy_belonging": "yes",
        "econ_situation": "much_better",
        "econ_housing": "own",
    }
    result = score_answers(d, best)
    assert result["composite"] == pytest.approx(1.0)
    worst = {**best, **NOT_MET, "econ_situation": "much_worse"}
    assert 0 <= score_answers(d, worst)["composite"] < 1
    # Equal weights: the composite is the mean of the three dimension scores.
    r = score_answers(d, worst)
    dims = [v["score"] for v in r["dimensions"].values()]
    assert r["composite"] == pytest.approx(sum(dims) / 3)
    assert score_answers(d, {})["reintegrated"] == UNKNOWN


def test_composite_reweights_when_enough_answers():
    d = builtin("equal-weight-composite")
    full = {**MET, "psy_wellbeing": 5, "psy_belonging": "yes"}
    # One of five missing in a dimension: the mean of the four answered ones.
    one_missing = {k: v for k, v in full.items() if k != "econ_situation"}
    economic = score_answers(d, one_missing)["dimensions"]["economic"]
    assert economic["missing"] == 1
    # employment 1, income 1, debt 1, housing (rent) 0.75 -> 3.75 / 4
    assert economic["score"] == pytest.approx(3.75 / 4)
    assert score_answers(d, one_missing)["reintegrated"] == 1
    # An unmappable answer is missing too, not zero.
    bogus = {**full, "econ_situation": "dunno"}
    assert score_answers(d, bogus)["dimensions"]["economic"]["score"] == pytest.approx(3.75 / 4)
    # Two of five missing: the dimension and so the composite are unknown.
    two_missing = {k: v for k, v in one_missing.items() if k != "econ_debt"}
    result = score_answers(d, two_missing)
    assert result["dimensions"]["economic"]["score"] is None
    assert result["composite"] is None
    assert result["reintegrated"] == UNKNOWN
    assert "at least 4 of 5 are answered, reweighted" in d.missing_rule


def test_min_answered_is_checked():
    text = builtin_texts()["equal-weight-composite"]
    with pytest.raises(DefinitionError) as info:
        parse_definition(text.replace("    min_answered: 4", "    min_answered: 6", 1))
    assert info.value.errors[0].startswith("dimensions[0].min_answered: 6 is more than")
    koser = builtin_texts()["return-reintegration-2015"].replace(
        "rule: {at_least: 3}", "rule: {at_least: 3}\n    min_answered: 4", 1
    )
    with pytest.raises(DefinitionError) as info:
        parse_definition(koser)
    assert "only a weighted index reweights" in info.value.errors[0]


@pytest.mark.parametrize("slug", ["return-reintegration-2015", "equal-weight-composite"])
@pytest.mark.parametrize("categorical", [True, False])
def test_vectorised_equals_loop(slug, categorical):
    d = builtin(slug)
    rng = np.random.default_rng(7)
    n = 400
    columns = {}
    for dim in d.dimensions:
        for ind in dim.indicators:
            if ind.mapping is not None:
                choices = [*ind.mapping, "bogus", None]
                values = [choices[i] for i in rng.integers(0, len(choices), n)]
                s = pd.Series(values, dtype="object")
                columns[ind.question] = s.astype("category") if categorical else s
            else:
                v = rng.integers(-1, 7, n).astype(float)
                v[rng.random(n) < 0.1] = np.nan
                columns[ind.question] = v
    frame = pd.DataFrame(columns)
    fast = score_frame(d, frame)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for i, record in enumerate(records):
        slow = score_answers(d, record)
        row = fast.row(i)
        assert row["reintegrated"] == slow["reintegrated"], (i, record)
        for key, dim in slow["dimensions"].items():
            assert row["dimensions"][key]["met"] == dim["met"]
            assert row["dimensions"][key]["missing"] == dim["missing"]
            if dim["score"] is None:
                assert row["dimensions"][key]["score"] is None
            else:
                assert row["dimensions"][key]["score"] == pytest.approx(dim["score"])
        if slow["composite"] is not None:
            assert row["composite"] == pytest.approx(slow["composite"])
