"""One place that turns the answer engine's ranked results into what chat offers.

The engine (search/answers.py) ranks reviewed pages; search/outcome.py decides,
with thresholds calibrated per language (search/calibration.json), whether one
page is clearly best (answer), a few are plausible (choices, numbered on SMS,
quick replies where the channel has them) or nothing fits (hand the question
to a counsellor). Retuning how confident is "confident" means re-running
bench/calibrate.py, not changing this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retour.search import answers, engine
from retour.search.outcome import Outcome

MAX_CHOICES = 4


@dataclass
class Decision:
    outcome: answers.AnswerOutcome
    hits: list[engine.Hit] = field(default_factory=list)

    @property
    def single(self) -> engine.Hit | None:
        return self.hits[0] if self.outcome.kind == Outcome.ANSWER and self.hits else None

    @property
    def several(self) -> bool:
        # Choices, even of one page ("is it this?"): the asker confirms.
        return self.outcome.kind == Outcome.CHOICES and bool(self.hits)

    @property
    def none(self) -> bool:
        return not self.hits


def decide(q: str, *, lang: str, channel: str) -> Decision:
    """Ask the engine and decide; raises engine.QueryError for unusable questions."""
    outcome = answers.answer(q, lang=lang, channel=channel)
    return Decision(outcome=outcome, hits=outcome.answers[:MAX_CHOICES])
