"""Aggregates over repeat groups (household rosters, visits) of one form.

Only counts and simple numeric summaries, with the same small-cell
suppression as the exports: a repeat row is about a person too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..models import SubmissionRepeat, SurveyForm
from .export import SUPPRESS_BELOW


@dataclass
class QuestionSummary:
    name: str
    label: str
    type: str
    answered: int = 0
    # select questions: [(choice label, count or "<5")]; numbers: mean/min/max
    choices: list[tuple[str, int | str]] = field(default_factory=list)
    mean: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass
class RepeatSummary:
    name: str
    label: str
    rows: int
    submissions: int
    per_submission: float
    questions: list[QuestionSummary]


def _shown(count: int) -> int | str:
    return f"<{SUPPRESS_BELOW}" if 0 < count < SUPPRESS_BELOW else count


def repeat_summaries(form: SurveyForm) -> list[RepeatSummary]:
    """One summary per repeat group of ``form``, from its stored repeat rows."""
    if not form.repeats:
        return []
    values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows: Counter = Counter()
    submissions: dict[str, set[int]] = defaultdict(set)
    stored = SubmissionRepeat.objects.filter(
        submission__form=form, organisation_id=form.organisation_id
    ).values_list("repeat", "submission_id", "answers")
    for repeat, submission_id, answers in stored.iterator(chunk_size=5000):
        rows[repeat] += 1
        submissions[repeat].add(submission_id)
        for name, value in answers.items():
            values[repeat][name].append(value)
    out = []
    for repeat in form.repeats:
        name = repeat["name"]
        summaries = [_question(q, values[name].get(q["name"], [])) for q in repeat["questions"]]
        n_sub = len(submissions[name])
        out.append(
            RepeatSummary(
                name=name,
                label=repeat.get("label") or name,
                rows=rows[name],
                submissions=n_sub,
                per_submission=rows[name] / n_sub if n_sub else 0.0,
                questions=[s for s in summaries if s is not None],
            )
        )
    return out


def _question(q: dict, answers: list) -> QuestionSummary | None:
    if q["type"] == "text":
        return None  # free text (names) is never summarised
    summary = QuestionSummary(q["name"], q["label"], q["type"], answered=len(answers))
    if q["type"] in ("select_one", "select_multiple"):
        counts: Counter = Counter()
        for value in answers:
            counts.update(value if isinstance(value, list) else [value])
        summary.choices = [(label or value, _shown(counts[value])) for value, label in q["choices"]]
    elif q["type"] in ("integer", "decimal"):
        numbers = [float(v) for v in answers if isinstance(v, (int, float))]
        if len(numbers) >= SUPPRESS_BELOW:
            summary.mean = sum(numbers) / len(numbers)
            summary.low, summary.high = min(numbers), max(numbers)
    return summary
