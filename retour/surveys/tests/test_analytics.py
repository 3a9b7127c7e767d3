"""Statistics by hand-checkable numbers, grouping, suppression and the drivers model."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from retour.surveys.analytics import drivers, export, rates
from retour.surveys.analytics.stats import mcnemar, wilson


def test_wilson_matches_published_values():
    # Newcombe (1998), Table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775.
    p, low, high = wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    assert p == pytest.approx(81 / 263)
    _, low, high = wilson(0, 10)
    assert low == 0 and round(high, 4) == 0.2775
    _, low, high = wilson(10, 10)
    assert high == pytest.approx(1) and round(low, 4) == 0.7225
    with pytest.raises(ValueError):
        wilson(0, 0)


def test_mcnemar_exact_and_difference():
    result = mcnemar(b=2, c=10, n=50)
    assert result["difference"] == pytest.approx(8 / 50)
    # Exact two-sided binomial p for 2 of 12 discordant pairs.
    assert result["p_value"] == pytest.approx(0.03857, abs=1e-4)
    assert result["low"] < result["difference"] < result["high"]
    assert mcnemar(b=0, c=0, n=20)["p_value"] == 1.0


def frame(rows):
    base = {
        "composite": None,
        "arrival_date": dt.date(2025, 2, 1),
        "gender": "male",
        "age_band": "25-34",
        "vulnerabilities": [],
        "assistance": [],
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_rates_use_latest_known_result_and_too_few():
    rows = []
    for i in range(12):
        rows.append(
            {"case_id": i, "months": 3, "reintegrated": 0, "country": "AF", "community": True}
        )
        # 12-month result: 9 of 12 reintegrated; one unknown falls back to month 3.
        r12 = -1 if i == 11 else (1 if i < 9 else 0)
        rows.append(
            {"case_id": i, "months": 12, "reintegrated": r12, "country": "AF", "community": True}
        )
    for i in range(100, 103):
        rows.append(
            {"case_id": i, "months": 3, "reintegrated": 1, "country": "IQ", "community": None}
        )
    f = frame(rows)
    by_country = {r.key: r for r in rates.rates_by(f, "country", min_n=10)}
    assert (by_country["AF"].n, by_country["AF"].k) == (12, 9)
    assert by_country["AF"].label == "Afghanistan"
    assert by_country["AF"].rate == pytest.approx(0.75)
    assert by_country["IQ"].too_few and by_country["IQ"].rate is None
    at3 = {r.key: r for r in rates.rates_by(f, "country", months=3, min_n=10)}
    assert at3["AF"].k == 0
    community = {r.key: r.n for r in rates.rates_by(f, "community", min_n=1)}
    assert community == {"true": 12, "none": 3}
    assert rates.unknown_count(f) == 1
    cohort = rates.rates_by(f, "cohort", min_n=1)
    assert [c.key for c in cohort] == ["2025-Q1"]


def test_paired_change_counts_only_people_in_both_rounds():
    rows = []
    for i in range(20):
        rows.append(
            {
                "case_id": i,
                "months": 3,
                "reintegrated": 1 if i < 5 else 0,
                "country": "AF",
                "community": True,
            }
        )
        rows.append(
            {
                "case_id": i,
                "months": 12,
                "reintegrated": 1 if i < 15 else 0,
                "country": "AF",
                "community": True,
            }
        )
    rows.append(
        {"case_id": 99, "months": 12, "reintegrated": 1, "country": "AF", "community": True}
    )
    change = rates.paired_change(frame(rows), 3, 12, min_n=10)
    assert change["n"] == 20
    assert change["table"] == {"yes_yes": 5, "yes_no": 0, "no_yes": 10, "no_no": 5}
    assert change["rate_before"] == 0.25 and change["rate_after"] == 0.75
    assert change["difference"] == pytest.approx(0.5)
    assert change["p_value"] < 0.01


def test_export_suppresses_small_cells():
    rs = [
        rates.Rate("AF", "Afghanistan", 40, 30, 0.75, 0.6, 0.86, False),
        rates.Rate("IQ", "Iraq", 3, 1, None, None, None, True),
        rates.Rate("NG", "Nigeria", 20, 18, 0.9, 0.7, 0.97, False),  # 2 not reintegrated
    ]
    rows = {r[0]: r for r in export.suppressed_rows(rs, "country")}
    assert rows["AF"][2:5] == [40, 30, 0.75]
    assert rows["IQ"][2:7] == ["<5", "", "", "", ""]
    assert rows["NG"][3:7] == ["", "", "", ""]  # 18 shown would reveal the 2
    text = export.to_csv(rs, "country", caption="x").decode()
    assert text.splitlines()[2].startswith("#country+code,#meta+label,")


def test_hxl_export_reads_back_with_libhxl(tmp_path):
    import hxl

    rs = [
        rates.Rate("AF", "Afghanistan", 40, 30, 0.75, 0.6, 0.86, False),
        rates.Rate("XX", "=HYPERLINK(1)", 40, 20, 0.5, 0.35, 0.65, False),
    ]
    path = tmp_path / "rates.csv"
    path.write_bytes(export.to_csv(rs, "country", caption="Rates by country. SAMPLE DATA."))
    rows = list(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    # Exactly the data rows: no caption or blank row read as data.
    assert [r.get("#country+code") for r in rows] == ["AF", "XX"]
    assert rows[0].get("#population+returnees+monitored+num") == "40"
    assert rows[1].get("#meta+label") == "'=HYPERLINK(1)"


def test_drivers_recovers_a_strong_association_and_warns():
    rng = np.random.default_rng(3)
    rows = []
    for i in range(400):
        community = bool(rng.random() < 0.5)
        p = 0.75 if community else 0.35
        rows.append(
            {
                "case_id": i,
                "months": 12,
                "reintegrated": int(rng.random() < p),
                "country": "AF",
                "community": community,
                "gender": "female" if rng.random() < 0.4 else "male",
            }
        )
    result = drivers.fit(frame(rows))
    assert result["fitted"]
    row = next(r for r in result["rows"] if r["key"] == "community_yes")
    assert row["low"] > 1.5  # true odds ratio is (0.75/0.25)/(0.35/0.65) = 5.6
    assert any("no variation" in w for w in result["warnings"])  # nobody has assistance
    small = drivers.fit(frame(rows[:20]))
    assert not small["fitted"] and "Too few people" in " ".join(small["warnings"])


def test_drivers_reports_separation():
    rows = [
        {
            "case_id": i,
            "months": 12,
            "reintegrated": int(i % 2 == 0),
            "country": "AF",
            "community": i % 2 == 0,
            "gender": "female" if i % 3 == 0 else "male",
        }
        for i in range(200)
    ]
    result = drivers.fit(frame(rows))
    assert not result["fitted"]
    assert any("eparation" in w or "could not be fitted" in w for w in result["warnings"])


def _with_unknowns():
    """20 people at 12 months: 10 reintegrated, 6 not, 4 unknown (answers missing)."""
    rows = []
    for i in range(20):
        result = 1 if i < 10 else (0 if i < 16 else -1)
        rows.append(
            {"case_id": i, "months": 12, "reintegrated": result, "country": "AF", "community": True}
        )
    return frame(rows)


def test_both_missing_data_policies_and_every_rate_says_which():
    data = _with_unknowns()
    excluded = rates.rates_by(data, "country", months=12, min_n=10)[0]
    assert (excluded.n, excluded.k, excluded.unknown) == (16, 10, 4)
    assert excluded.rate == pytest.approx(10 / 16) and excluded.missing == "exclude"
    literal = rates.rates_by(data, "country", months=12, min_n=10, missing="not_met")[0]
    assert (literal.n, literal.k, literal.unknown) == (20, 10, 4)
    assert literal.rate == pytest.approx(10 / 20) and literal.missing == "not_met"
    assert rates.overall(data, months=12, missing="not_met").n == 20
    with pytest.raises(ValueError):
        rates.rates_by(data, "country", missing="guess")


def test_a_person_with_only_unknown_results_is_counted_as_unknown():
    rows = [
        {"case_id": 1, "months": 3, "reintegrated": -1, "country": "AF", "community": True},
        {"case_id": 1, "months": 6, "reintegrated": -1, "country": "AF", "community": True},
        {"case_id": 2, "months": 3, "reintegrated": 1, "country": "AF", "community": True},
        {"case_id": 2, "months": 6, "reintegrated": -1, "country": "AF", "community": True},
    ]
    rate = rates.overall(frame(rows), min_n=1)
    # Person 2's latest *known* result counts; person 1 has none.
    assert (rate.n, rate.k, rate.unknown) == (1, 1, 1)


def test_exports_carry_unknowns_and_the_policy_with_small_cells_suppressed():
    data = _with_unknowns()
    rs = rates.rates_by(data, "country", months=12, min_n=10, missing="not_met")
    names, _tags = export.header_rows("country")
    row = dict(zip(names, export.suppressed_rows(rs, "country")[0], strict=True))
    assert row["unknown_result"] == "<5"  # 4 people: a small cell
    assert row["missing_data_policy"] == "not_met"
    text = export.to_csv(rs, "country", caption="x").decode()
    assert "#population+returnees+unknown+num" in text and "#meta+policy" in text
