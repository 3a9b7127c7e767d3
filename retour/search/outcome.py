"""Answer, choices or none: what the engine's ranked hits mean for the asker.

The engine ranks pages and scores each one (IDF-weighted coverage of the
question, see engine.py). A fixed cut on that score cannot tell "one page is
clearly best" from "a few are plausible" from "nothing fits", and the same
score means different things in Persian and in English (different stemmers,
stop words and amounts of content). So the cut is calibrated per language on
labelled questions (bench/calibrate.py) and shipped in calibration.json:

- answer:  the top hit's confidence is at least ``answer_min`` AND it leads
           the next hit's score by at least ``answer_margin``;
- choices: the top hit's confidence is at least ``choices_min``; the hits
           within ``choices_spread`` of the top score are offered (2–4);
           a lone page below the answer bar is not offered on its own;
- none:    otherwise: say so, and point to a counsellor / service point.

Languages without enough labelled questions use the "*" (global) entry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .engine import Hit

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
MIN_CHOICES, MAX_CHOICES = 2, 4
GLOBAL = "*"


class Outcome(models.TextChoices):
    ANSWER = "answer", "answer"
    CHOICES = "choices", "choices"
    NONE = "none", "none"


@dataclass(frozen=True)
class Thresholds:
    answer_min: float = 0.75
    answer_margin: float = 0.15
    choices_min: float = 0.5
    choices_spread: float = 0.2

    @classmethod
    def from_dict(cls, data: dict) -> Thresholds:
        return cls(**{k: float(data[k]) for k in cls.__dataclass_fields__ if k in data})


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    hits: tuple[Hit, ...]  # one (answer), 2–4 (choices) or none
    language: str  # the calibration entry that decided ("*" = global fallback)


@lru_cache(maxsize=4)
def load(path: Path = CALIBRATION_FILE) -> dict[str, Thresholds]:
    """The shipped calibration, read once per process. A missing or broken
    file falls back to the conservative defaults rather than failing searches."""
    try:
        data = json.loads(path.read_text())
        table = {lang: Thresholds.from_dict(v) for lang, v in data["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        table = {}
    table.setdefault(GLOBAL, Thresholds())
    return table


def thresholds_for(lang: str, table: dict[str, Thresholds] | None = None) -> tuple[str, Thresholds]:
    table = table if table is not None else load()
    if lang in table:
        return lang, table[lang]
    return GLOBAL, table[GLOBAL]


def features(hits: Sequence[Hit]) -> dict[str, float]:
    """What the decision looks at; also what bench/calibrate.py records."""
    c1 = hits[0].confidence if hits else 0.0
    s1 = hits[0].score if hits else 0.0
    s2 = hits[1].score if len(hits) > 1 else 0.0
    return {"confidence": c1, "margin": s1 - s2, "score": s1}


def decide_with(hits: Sequence[Hit], t: Thresholds) -> tuple[Outcome, tuple[Hit, ...]]:
    f = features(hits)
    if not hits or f["confidence"] < t.choices_min:
        return Outcome.NONE, ()
    if f["confidence"] >= t.answer_min and f["margin"] >= t.answer_margin:
        return Outcome.ANSWER, (hits[0],)
    close = [
        h
        for h in hits[:MAX_CHOICES]
        if h.score >= f["score"] - t.choices_spread and h.confidence >= t.choices_min / 2
    ]
    if len(close) < MIN_CHOICES:
        if len(hits) < MIN_CHOICES:
            # One page, not sure enough to be THE answer, and nothing to choose
            # from: chat would show it as the one card, which reads as an
            # answer. On the tuning set every such reply was wrong (6 of 6).
            return Outcome.NONE, ()
        # The runner-up is far behind but the leader is not sure enough to be
        # THE answer: offer the leader with the next one so the asker decides.
        close = list(hits[:MIN_CHOICES])
    return Outcome.CHOICES, tuple(close)


def decide(hits: Sequence[Hit], *, lang: str) -> Decision:
    entry, t = thresholds_for(lang)
    outcome, chosen = decide_with(hits, t)
    return Decision(outcome=outcome, hits=chosen, language=entry)
