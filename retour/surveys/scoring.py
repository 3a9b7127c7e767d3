"""Turn stored submissions into IndexScore rows with the vectorised engine."""

from __future__ import annotations

import pandas as pd
from django.db import connection
from django.utils import timezone

from retour.core.sql import column

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


def _score_rows(definition: IndexDefinition, submissions: list):
    """(submission, reintegrated, composite, dimensions) per submission."""
    parsed = definition.parsed()
    frame = answers_frame([s.answers for s in submissions], parsed.questions)
    result = score_frame(parsed, frame)
    # Plain Python lists once per column: cheaper than indexing numpy per row.
    dims = {
        key: (
            [None if v != v else v for v in result.dimension_scores[key].tolist()],  # NaN
            result.dimension_met[key].tolist(),
            result.dimension_missing[key].tolist(),
            result.dimension_reintegrated[key].tolist()
            if key in result.dimension_reintegrated
            else None,
        )
        for key in result.dimension_scores
    }
    composite = [None if v != v else v for v in result.composite.tolist()]
    overall = result.reintegrated.tolist()
    for i, submission in enumerate(submissions):
        yield (
            submission,
            overall[i],
            composite[i],
            {
                key: {
                    "score": score[i],
                    "met": met[i],
                    "missing": missing[i],
                    "reintegrated": None if reint is None else reint[i],
                }
                for key, (score, met, missing, reint) in dims.items()
            },
        )


SCORE_FIELDS = (
    "organisation",
    "submission",
    "definition",
    "case",
    "round",
    "reintegrated",
    "composite",
    "dimensions",
    "computed_at",
)


def insert_scores(definition: IndexDefinition, submissions: list, batch: int = 5000) -> int:
    """Score ``submissions`` (saved, with primary keys) and insert the rows.

    Large imports write hundreds of thousands of scores; a plain parameterised
    INSERT with executemany skips building a model instance per row, which
    is most of bulk_create's cost. Values are adapted by the connection's own
    operations (JSON becomes jsonb on PostgreSQL, text on SQLite).
    """
    if not submissions:
        return 0
    meta = IndexScore._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(column(IndexScore, name)) for name in SCORE_FIELDS)
    # Only identifiers from the model's own metadata are interpolated; values
    # are parameters.
    placeholders = ", ".join(["%s"] * len(SCORE_FIELDS))
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    encoder = meta.get_field("dimensions").encoder
    params = [
        (
            s.organisation_id,
            s.pk,
            definition.pk,
            s.case_id,
            s.round_id,
            reintegrated,
            composite,
            connection.ops.adapt_json_value(dims, encoder),
            now,
        )
        for s, reintegrated, composite, dims in _score_rows(definition, submissions)
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), batch):
            cursor.executemany(sql, params[start : start + batch])
    return len(params)
