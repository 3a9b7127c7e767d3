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
    assert set(texts) == {"return-reintegration-2015", "rss-composite"}
    rss = builtin("rss-composite")
    assert "Equal weights" in rss.weights_label
    assert {d.key for d in rss.dimensions} == {"economic", "social", "psychosocial"}
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
    d = builtin("rss-composite")
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


@pytest.mark.parametrize("slug", ["return-reintegration-2015", "rss-composite"])
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
