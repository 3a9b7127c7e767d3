"""Turn stored submissions into IndexScore rows with the vectorised engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.db import connection
from django.utils import timezone

from .index.engine import score_frame
from .models import IndexDefinition, IndexScore


def answers_frame(answers: list[dict], questions: list[str]) -> pd.DataFrame:
    """One column per question; choice answers become categoricals (fast lookups)."""
    columns = {q: _object_column([a.get(q) for a in answers]) for q in questions}
    return pd.DataFrame(columns, index=range(len(answers)))


def _object_column(values: list) -> pd.Series:
    series = pd.Series(values, dtype="object")
    non_null = series.dropna()
    if len(non_null) and all(isinstance(v, str) for v in non_null):
        series = series.astype("category")
    return series


def polars_answers_frame(frame, questions: list[str]) -> pd.DataFrame:
    """``answers_frame`` of a column-wise checked table (columnar.py): the same
    object columns, from the polars columns instead of a dict per row."""
    import polars as pl

    n = frame.height
    columns = {}
    for q in questions:
        if q not in frame.columns:
            columns[q] = _object_column([None] * n)
            continue
        column = frame[q]
        if column.dtype == pl.Utf8 and column.null_count() < n:
            # Text throughout: the categorical _object_column would make, without
            # asking every value its type.
            columns[q] = _categorical(column)
        else:
            columns[q] = _object_column(column.to_list())
    return pd.DataFrame(columns, index=range(n))


def _categorical(column) -> pd.Series:
    """``pd.Series(column.to_list(), dtype="category")`` for a polars text column,
    built from codes: the categories are the distinct values sorted (polars
    sorts UTF-8 bytes, which is code-point order, as Python sorts str)."""
    uniques = column.drop_nulls().unique().sort()
    codes = uniques.search_sorted(column.fill_null(uniques[0])).to_numpy().astype(np.int64)
    codes[column.is_null().to_numpy()] = -1
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(uniques.to_list())))


def _nullable(values: np.ndarray) -> list:
    return [None if v != v else v for v in values.tolist()]  # NaN -> None


def _dimensions_json(result) -> list[str]:
    """Each row's ``dimensions`` object as JSON, built column-wise (polars):
    {key: {"score", "met", "missing", "reintegrated"}} in dimension order."""
    import polars as pl

    n = len(result.composite)
    structs = []
    for key in result.dimension_scores:
        reint = result.dimension_reintegrated.get(key)
        fields = [
            pl.Series("score", result.dimension_scores[key], dtype=pl.Float64, nan_to_null=True),
            pl.Series("met", result.dimension_met[key], dtype=pl.Int64),
            pl.Series("missing", result.dimension_missing[key], dtype=pl.Int64),
            pl.Series("reintegrated", reint, dtype=pl.Int64)
            if reint is not None
            else pl.Series("reintegrated", [None] * n, dtype=pl.Int64),
        ]
        structs.append(pl.DataFrame(fields).to_struct(key))
    if not structs:
        return ["{}"] * n
    frame = pl.DataFrame(structs).select(pl.struct(pl.all()).struct.json_encode())
    return frame.to_series().to_list()


def score_columns(definition: IndexDefinition, frame: pd.DataFrame):
    """(reintegrated, composite, dimensions JSON) lists, one entry per row of ``frame``."""
    result = score_frame(definition.parsed(), frame)
    return result.reintegrated.tolist(), _nullable(result.composite), _dimensions_json(result)


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


def insert_scores(definition: IndexDefinition, submissions: list) -> int:
    """Score ``submissions`` (saved, with primary keys) and insert the rows."""
    if not submissions:
        return 0
    frame = answers_frame([s.answers for s in submissions], definition.parsed().questions)
    keys = [(s.organisation_id, s.pk, s.case_id, s.round_id) for s in submissions]
    return insert_scores_frame(definition, keys, frame)


def insert_scores_frame(definition: IndexDefinition, keys: list[tuple], frame: pd.DataFrame) -> int:
    """Score the rows of an answers ``frame``; ``keys`` are their (organisation,
    submission, case, round) ids, row for row.

    Large imports write hundreds of thousands of scores: plain INSERTs (COPY on
    PostgreSQL, see ``bulk.insert_rows``) skip building a model instance per
    row, which is most of bulk_create's cost. Values are adapted by the
    connection's own operations (JSON becomes jsonb on PostgreSQL, text on SQLite).
    """
    if not keys:
        return 0
    from .bulk import insert_rows, json_param

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    overall, composite, dimensions = score_columns(definition, frame)
    as_json = json_param()
    definition_id = definition.pk
    params = [
        (org, pk, definition_id, case, round_, reintegrated, comp, as_json(dims), now)
        for (org, pk, case, round_), reintegrated, comp, dims in zip(
            keys, overall, composite, dimensions, strict=True
        )
    ]
    insert_rows(IndexScore, SCORE_FIELDS, params)
    return len(params)
