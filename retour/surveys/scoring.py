"""Turn stored submissions into IndexScore rows with the vectorised engine."""

from __future__ import annotations

import pandas as pd

from .index.engine import score_frame
from .models import IndexDefinition, IndexScore


def answers_frame(answers: list[dict], questions: list[str]) -> pd.DataFrame:
    """One column per question; choice answers become categoricals (fast lookups)."""
    columns = {}
    for q in questions:
        values = [a.get(q) for a in answers]
        series = pd.Series(values, dtype="object")
        non_null = series.dropna()
        if len(non_null) and all(isinstance(v, str) for v in non_null):
            series = series.astype("category")
        columns[q] = series
    return pd.DataFrame(columns, index=range(len(answers)))


def build_scores(definition: IndexDefinition, submissions: list) -> list[IndexScore]:
    """Unsaved IndexScore rows for ``submissions`` under one definition version."""
    if not submissions:
        return []
    parsed = definition.parsed()
    frame = answers_frame([s.answers for s in submissions], parsed.questions)
    result = score_frame(parsed, frame)
    # Plain Python lists once per column: cheaper than indexing numpy per row.
    dims = {
        key: (
            [None if v != v else v for v in result.dimension_scores[key].tolist()],
            result.dimension_met[key].tolist(),
            result.dimension_missing[key].tolist(),
            result.dimension_reintegrated[key].tolist()
            if key in result.dimension_reintegrated
            else None,
        )
        for key in result.dimension_scores
    }
    composite = [None if v != v else v for v in result.composite.tolist()]  # NaN -> None
    overall = result.reintegrated.tolist()
    rows = []
    for i, submission in enumerate(submissions):
        rows.append(
            IndexScore(
                organisation_id=submission.organisation_id,
                submission=submission,
                definition=definition,
                case_id=submission.case_id,
                round_id=submission.round_id,
                reintegrated=overall[i],
                composite=composite[i],
                dimensions={
                    key: {
                        "score": score[i],
                        "met": met[i],
                        "missing": missing[i],
                        "reintegrated": None if reint is None else reint[i],
                    }
                    for key, (score, met, missing, reint) in dims.items()
                },
            )
        )
    return rows
