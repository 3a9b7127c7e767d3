"""SAMPLE survey answers for the demo and tests, from a fixed random seed.

The probabilities below are invented to make the demo pages show something
(a little better for people back in their community of origin, a little
better at 12 months than at 3). They describe no real population.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

YES_NO = ("yes", "no")


def _rng(seed: int, case_number: str, months: int) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{case_number}:{months}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def sample_answers(
    *, seed: int, case_number: str, months: int, community: bool | None, interview: dt.date
) -> dict:
    rng = _rng(seed, case_number, months)
    # A per-person "doing well" propensity, shared across that person's rounds.
    person = _rng(seed, case_number, 0).random()
    base = 0.35 + 0.3 * person + (0.1 if community else 0.0) + 0.02 * months

    def yes(p: float) -> str:
        return "yes" if rng.random() < min(max(p, 0.02), 0.98) else "no"

    def pick(options, p_good: float):
        good, bad = options
        return rng.choice(good) if rng.random() < min(max(p_good, 0.02), 0.98) else rng.choice(bad)

    answers = {
        "case_number": case_number,
        "round": f"m{months}",
        "interview_date": interview.isoformat(),
        "econ_employed": yes(base),
        "econ_income_sources": rng.choice([0, 1, 1, 2, 3]) if rng.random() < base + 0.2 else 0,
        "econ_situation": pick((("same", "better", "much_better"), ("worse", "much_worse")), base),
        "econ_debt": pick((("none", "manageable"), ("unmanageable",)), base + 0.1),
        "econ_housing": pick((("own", "rent", "family"), ("temporary", "none")), base + 0.15),
        "soc_local_network": yes(base + 0.1),
        "soc_transnational": yes(0.5),
        "soc_participation": pick((("sometimes", "often"), ("never",)), base),
        "soc_perception": pick((("neutral", "positive"), ("negative",)), base + 0.1),
        "soc_membership": yes(base - 0.15),
        "safe_home": pick((("safe", "somewhat_safe"), ("unsafe",)), base + 0.25),
        "safe_community": pick((("safe", "somewhat_safe"), ("unsafe",)), base + 0.15),
        "safe_trust_gov": pick((("some", "high"), ("none",)), base - 0.05),
        "safe_justice": yes(base),
        "safe_harassed": "no" if rng.random() < base + 0.2 else "yes",
        "psy_wellbeing": max(1, min(5, round(1 + 4 * base + rng.uniform(-1, 1)))),
        "psy_belonging": yes(base + 0.05),
    }
    # A few missing answers, as in real monitoring (exercises "unknown").
    if rng.random() < 0.05:
        answers.pop(rng.choice(["econ_debt", "soc_membership", "safe_justice"]))
    return answers
