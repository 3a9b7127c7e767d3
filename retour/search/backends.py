# SQL here is built only from module constants and "%s" placeholders; every user
# value travels as a query parameter, hence the file-wide S608 exemption.
# ruff: noqa: S608
"""Full-text candidate retrieval, one interface over SQLite FTS5 and PostgreSQL.

The backends only match pre-normalised terms (see text.py) and return
candidate ids with a raw relevance score; ranking and confidence are computed
in engine.py the same way for both, so results do not depend on the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

DOC_TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
CHUNK = 500


@dataclass(frozen=True)
class Filters:
    locales: Sequence[str] | None = None  # None: any locale
    exclude_locales: Sequence[str] = ()
    kinds: Sequence[str] | None = None
    country: str = ""  # "" = no filter; otherwise that country plus country-less pages


def facet(prefix: str, value: str) -> str:
    """A filter value as one FTS token (the unicode61 tokenizer splits on "_" and "-")."""
    return "zz" + prefix + ("".join(ch for ch in value.lower() if ch.isalnum()) or "none")


def _facet_match(filters: Filters) -> str:
    """Filters as FTS5 column-filtered clauses: the full-text index intersects
    them with the query terms, so no join or row scan is needed to filter."""
    clauses = []
    if filters.locales is not None:
        clauses.append(" OR ".join(f'"{facet("l", v)}"' for v in filters.locales) or '"zzlnone"')
    if filters.kinds:
        clauses.append(" OR ".join(f'"{facet("k", v)}"' for v in filters.kinds))
    if filters.country:
        clauses.append(f'"{facet("c", filters.country)}" OR "zzcnone"')
    return " AND ".join(f"facets : ({c})" for c in clauses)


# SQL computing the facet tokens of a document row (alias d), kept in step with facet().
FACETS_SQL = (
    "'zzl' || lower(replace(replace(d.locale, '-', ''), '_', '')) || "
    "' zzk' || replace(d.kind, '_', '') || "
    "' zzc' || CASE WHEN d.country = '' THEN 'none' ELSE lower(d.country) END"
)


def _where(filters: Filters, alias: str = "d") -> tuple[str, list]:
    sql, params = [], []
    if filters.locales is not None:
        sql.append(f"{alias}.locale IN ({', '.join(['%s'] * len(filters.locales))})")
        params.extend(filters.locales)
    if filters.exclude_locales:
        sql.append(f"{alias}.locale NOT IN ({', '.join(['%s'] * len(filters.exclude_locales))})")
        params.extend(filters.exclude_locales)
    if filters.kinds:
        sql.append(f"{alias}.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params.extend(filters.kinds)
    if filters.country:
        sql.append(f"({alias}.country = %s OR {alias}.country = '')")
        params.append(filters.country)
    return (" AND " + " AND ".join(sql)) if sql else "", params


class SQLiteBackend:
    """FTS5 table keyed by the document id (rowid); bm25 with the title weighted up."""

    vendor = "sqlite"

    def sync(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        with connection.cursor() as cur:
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i : i + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
                cur.execute(
                    f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) "
                    f"SELECT d.id, d.index_title, d.index_body, {FACETS_SQL} "
                    f"FROM {DOC_TABLE} d WHERE d.id IN ({marks})",
                    chunk,
                )

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        with connection.cursor() as cur:
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i : i + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)

    def rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {FTS_TABLE}")
            cur.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) "
                f"SELECT d.id, d.index_title, d.index_body, {FACETS_SQL} FROM {DOC_TABLE} d"
            )

    def candidates(
        self, terms: Sequence[str], filters: Filters, limit: int = 50
    ) -> list[tuple[int, float]]:
        if not terms:
            return []
        # Terms are \w+ tokens, but quote them anyway so FTS5 never parses an
        # operator (AND/OR/NOT/NEAR) out of user input.
        words = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        match = f"{{title body}} : ({words})"
        facets = _facet_match(filters)
        if facets:
            match = f"{match} AND {facets}"
        if filters.exclude_locales:
            excluded = " OR ".join(f'"{facet("l", v)}"' for v in filters.exclude_locales)
            match = f"{match} NOT facets : ({excluded})"
        # One FTS5 query, no join: FTS5 keeps only the best `limit` rows by rank.
        sql = (
            f"SELECT rowid, bm25({FTS_TABLE}, 4.0, 1.0, 0.0) AS r FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY r LIMIT %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [match, limit])
            # bm25() is "lower is better"; flip it so every backend answers
            # "higher is better".
            return [(row[0], -float(row[1])) for row in cur.fetchall()]


class PostgresBackend:
    """Generated tsvector column (simple config over our own stems) + GIN index."""

    vendor = "postgresql"

    def sync(self, ids: Iterable[int]) -> None:  # the generated column follows the row
        return None

    def remove(self, ids: Iterable[int]) -> None:
        return None

    def rebuild(self) -> None:
        return None

    def candidates(
        self, terms: Sequence[str], filters: Filters, limit: int = 50
    ) -> list[tuple[int, float]]:
        if not terms:
            return []
        # websearch_to_tsquery never raises on user input; quoted single words
        # become single lexemes, joined by OR.
        query = " or ".join('"' + t.replace('"', " ") + '"' for t in terms)
        where, params = _where(filters)
        sql = (
            f"SELECT d.id, ts_rank_cd(d.search_tsv, q, 1) AS r "
            f"FROM {DOC_TABLE} d, websearch_to_tsquery('simple', %s) q "
            f"WHERE d.search_tsv @@ q{where} ORDER BY r DESC LIMIT %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [query, *params, limit])
            return [(row[0], float(row[1])) for row in cur.fetchall()]


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()


# DDL used by migration 0002, kept here so backend and schema live together.
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, facets, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
POSTGRES_CREATE = [
    f"ALTER TABLE {DOC_TABLE} ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(index_title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(index_body, '')), 'B')) STORED",
    f"CREATE INDEX IF NOT EXISTS searchdoc_tsv_gin ON {DOC_TABLE} USING GIN (search_tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS searchdoc_tsv_gin",
    f"ALTER TABLE {DOC_TABLE} DROP COLUMN IF EXISTS search_tsv",
]
