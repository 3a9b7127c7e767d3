"""One place that turns the answer engine's ranked results into what chat offers.

The engine (search/answers.py) ranks reviewed pages and gives each a
confidence. Chat either answers with the best one, offers a few as choices
when they are close, or hands the question to a counsellor. Retuning how
confident is "confident" means changing this module only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retour.search import answers, engine

MAX_CHOICES = 3
# The best page is answered directly when it leads the next one by this much
# confidence; otherwise the close ones are offered as choices.
CLEAR_LEAD = 0.2


@dataclass
class Decision:
    outcome: answers.AnswerOutcome
    hits: list[engine.Hit] = field(default_factory=list)

    @property
    def single(self) -> engine.Hit | None:
        return self.hits[0] if len(self.hits) == 1 else None

    @property
    def several(self) -> bool:
        return len(self.hits) > 1

    @property
    def none(self) -> bool:
        return not self.hits


def decide(q: str, *, lang: str, channel: str) -> Decision:
    """Ask the engine and decide; raises engine.QueryError for unusable questions."""
    outcome = answers.answer(q, lang=lang, channel=channel)
    plausible = [h for h in outcome.answers if h.confidence >= engine.GOOD_ENOUGH]
    if len(plausible) > 1 and plausible[0].confidence - plausible[1].confidence >= CLEAR_LEAD:
        plausible = plausible[:1]
    return Decision(outcome=outcome, hits=plausible[:MAX_CHOICES])
