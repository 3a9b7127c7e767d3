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
from functools import lru_cache
from typing import Any

from django.db import connection

DOC_TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
CHUNK = 500


# How much more a query term found in the title counts than one found only in
# the body. Kept in step with engine._rank (0.25 title coverage against 0.65
# coverage), so the PostgreSQL candidate score orders pages the way the
# reranker will.
TITLE_FACTOR = 0.25 / 0.65


@dataclass(frozen=True)
class QueryTerm:
    """One concept of the query: a stem and its thesaurus alternatives.

    ``weight`` is the concept's IDF weight and ``matches`` an upper bound of the
    documents containing any of its forms (the sum of their document counts in
    the reader's locale); backends may use both to avoid scoring every match.
    """

    forms: tuple[str, ...]
    weight: float = 1.0
    matches: int = 0


@dataclass(frozen=True)
class Filters:
    locales: Sequence[str] | None = None  # None: any locale
    exclude_locales: Sequence[str] = ()
    kinds: Sequence[str] | None = None
    country: str = ""  # "" = no filter; otherwise that country plus country-less pages


def facet(prefix: str, value: str) -> str:
    """A filter value as one FTS token (the unicode61 tokenizer splits on "_" and "-")."""
    return "zz" + prefix + ("".join(ch for ch in value.lower() if ch.isalnum()) or "none")


@lru_cache(maxsize=4096)  # a handful of (locale, kind, country) combinations
def facets_text(locale: str, kind: str, country: str) -> str:
    """A document's filter tokens, stored in its ``index_facets`` column."""
    return f"{facet('l', locale)} {facet('k', kind)} {facet('c', country)}"


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
    return " AND ".join(f"index_facets : ({c})" for c in clauses)


# The FTS5 table's columns, read from the document rows (external content).
_FTS_COLUMNS = "index_title, index_body, index_facets"


def _where(filters: Filters, alias: str = "d") -> tuple[str, list]:
    sql: list[str] = []
    params: list[Any] = []
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
    """FTS5 table keyed by the document id (rowid); bm25 with the title weighted up.

    An external-content table: FTS5 keeps only the index and reads the terms
    from the document rows, so they are stored once (the bench's index was
    half the size and a third faster to write). The price is order: a row's
    old terms are removed from the index *before* the row changes or goes
    (``remove``), because FTS5 deletes by the values the row holds."""

    vendor = "sqlite"

    def sync(self, ids: Iterable[int]) -> None:
        """Index rows ``ids``, which hold their new terms. A row indexed before
        must have gone through ``remove`` before it changed."""
        ids = list(ids)
        with connection.cursor() as cur:
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i : i + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                # Entries under an id whose row was deleted behind the index's back
                # (a test flush, a cascade) cannot be removed by value: rebuild.
                cur.execute(f"SELECT 1 FROM {FTS_TABLE}_docsize WHERE id IN ({marks})", chunk)
                if cur.fetchone() is not None:
                    self.rebuild()
                    return
                cur.execute(
                    f"INSERT INTO {FTS_TABLE}(rowid, {_FTS_COLUMNS}) "
                    f"SELECT id, {_FTS_COLUMNS} FROM {DOC_TABLE} WHERE id IN ({marks})",
                    chunk,
                )

    def remove(self, ids: Iterable[int]) -> None:
        """Take rows ``ids`` out of the index, by the terms they hold now."""
        ids = list(ids)
        with connection.cursor() as cur:
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i : i + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(
                    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_FTS_COLUMNS}) "
                    f"SELECT 'delete', id, {_FTS_COLUMNS} FROM {DOC_TABLE} "
                    f"WHERE id IN ({marks})",
                    chunk,
                )

    def rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")

    def optimise(self) -> None:
        # Merge the index segments a bulk load leaves behind into one b-tree.
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")

    def candidates(
        self,
        query: Sequence[QueryTerm],
        filters: Filters,
        limit: int = 50,
        population: int = 0,  # unused: FTS5 ranks all matches in C, fast enough
    ) -> list[tuple[int, float]]:
        terms = list(dict.fromkeys(form for group in query for form in group.forms))
        if not terms:
            return []
        # Terms are \w+ tokens, but quote them anyway so FTS5 never parses an
        # operator (AND/OR/NOT/NEAR) out of user input.
        words = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        match = f"{{index_title index_body}} : ({words})"
        facets = _facet_match(filters)
        if facets:
            match = f"{match} AND {facets}"
        if filters.exclude_locales:
            excluded = " OR ".join(f'"{facet("l", v)}"' for v in filters.exclude_locales)
            match = f"{match} NOT index_facets : ({excluded})"
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

    def optimise(self) -> None:
        # After a bulk (re)index the planner's statistics are stale until
        # autovacuum runs, and without them it filters every row of the locale
        # instead of using the GIN index.
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {DOC_TABLE}")

    def candidates(
        self,
        query: Sequence[QueryTerm],
        filters: Filters,
        limit: int = 50,
        population: int = 0,
    ) -> list[tuple[int, float]]:
        """The ``limit`` best documents by IDF-weighted concept coverage (a
        concept found in the title counts more), without scoring every document
        that merely contains one common word.

        Scoring all matches of a broad OR query costs a heap visit per match:
        thousands of rows for "return ticket help". But a page can score at
        most ``(1 + TITLE_FACTOR) × the weight of the concepts it contains``. So,
        like the MaxScore/WAND algorithms, pick a threshold θ, let GIN find only
        the pages whose concepts could reach θ (an OR of the minimal sets of
        concepts that weigh enough), and score those. If ``limit`` of them score
        θ or more, no page outside the set can displace them: the answer is the
        one that scoring every match would give. If not, lower θ and retry; the
        second try at the latest uses the ``limit``-th score seen, which always
        settles it, unless fewer than ``limit`` pages reach it at all.

        ``population`` (documents in the index) lets the first θ be guessed from
        the concepts' document counts; without it the first try is stricter.
        """
        groups = _merge_synonyms(query)
        if not groups:
            return []
        match, title = self._tsqueries(groups)
        keep = [i for i, m in enumerate(match) if m]
        groups = [groups[i] for i in keep]
        match, title = [match[i] for i in keep], [title[i] for i in keep]
        if not groups:
            return []
        weights = [g.weight for g in groups]
        # Long questions score thousands of rows, so the per-row work counts:
        # the title test runs only where the concept matched at all (most rows
        # miss most concepts), and float8 arithmetic is about twice as fast as
        # the numeric that a bare Python float parameter would give.
        score_sql = " + ".join(
            "CASE WHEN d.search_tsv @@ %s::tsquery THEN %s::float8"
            " + (d.search_tsv @@ %s::tsquery)::int * %s::float8 ELSE 0 END"
            for _ in groups
        )
        score_params: list = []
        for w, m, t in zip(weights, match, title, strict=True):
            score_params += [m, w, t, w * TITLE_FACTOR]
        where, where_params = _where(filters)
        sql = (
            f"SELECT d.id, {score_sql} AS r FROM {DOC_TABLE} d "
            f"WHERE d.search_tsv @@ %s::tsquery{where} ORDER BY r DESC, d.id LIMIT %s"
        )
        # When every page matching any concept is a candidate and those are a
        # large share of the index (a long question of common words), the GIN
        # cover only repeats the scoring's own tests: score the rows and keep
        # r > 0. For rarer words the index finds the few matches faster.
        broad = population > 0 and 3 * sum(g.matches for g in groups) >= population
        sql_all = (
            f"SELECT id, r FROM (SELECT d.id, {score_sql} AS r FROM {DOC_TABLE} d "
            f"WHERE TRUE{where}) s WHERE r > 0 ORDER BY r DESC, id LIMIT %s"
        )
        if len(groups) == 1:
            return self._single(groups[0].weight, match[0], title[0], where, where_params, limit)
        full = 1 + TITLE_FACTOR
        # Long questions: only the heaviest concepts shape the cover. The light
        # ones can add at most `light` to a page's score, which the need allows for.
        heavy = weights[:MAX_CONCEPTS]
        light = sum(weights[MAX_CONCEPTS:])
        theta = _first_threshold(groups[:MAX_CONCEPTS], limit, population)
        while True:
            need = theta / full - light
            # At or below this need, every page matching any concept is a candidate.
            everything = need <= 0 or (not light and need <= heavy[-1] + 1e-9)
            if everything:
                cover = " | ".join(f"({m})" for m in match)
            else:
                sets = _minimal_sets(heavy, need)
                while len(sets) > MAX_CLAUSES:
                    # Many similar concepts ("at least 4 of these 10") make a
                    # cover GIN evaluates slowly. A lower need gives fewer,
                    # shorter sets whose pages include all of the exact cover:
                    # more pages scored, the same answer.
                    need -= heavy[-1]
                    sets = _minimal_sets(heavy, need)
                cover = " | ".join(
                    "(" + " & ".join(f"({match[i]})" for i in subset) + ")" for subset in sets
                )
                # A cover of single concepts over common words takes nearly every
                # page anyway; scoring all matches instead is exact and cheaper.
                everything = broad and all(len(subset) == 1 for subset in sets)
            with connection.cursor() as cur:
                if everything and broad:
                    cur.execute(sql_all, [*score_params, *where_params, limit])
                else:
                    cur.execute(sql, [*score_params, cover, *where_params, limit])
                rows = [(row[0], float(row[1])) for row in cur.fetchall()]
            if everything or (len(rows) == limit and rows[-1][1] >= theta - 1e-9):
                return rows
            # Enough pages but not all reaching θ: the limit-th score is a
            # threshold that the pages already seen satisfy, so the next try ends.
            theta = rows[-1][1] if len(rows) == limit else theta / 4

    @staticmethod
    def _single(
        weight: float, match: str, title: str, where: str, params: list, limit: int
    ) -> list[tuple[int, float]]:
        """One concept ("cash", with its synonyms) has two possible scores: in
        the title or only in the text. All pages at one score are tied, so any
        ``limit`` of them are an exact answer, and a LIMIT without ORDER BY lets
        PostgreSQL stop at the first ``limit`` instead of scoring every match."""
        rows: list[tuple[int, float]] = []
        tiers = (
            ("d.search_tsv @@ %s::tsquery", [title], weight * (1 + TITLE_FACTOR)),
            (
                "d.search_tsv @@ %s::tsquery AND NOT d.search_tsv @@ %s::tsquery",
                [match, title],
                weight,
            ),
        )
        for tier, tier_params, score in tiers:
            sql = f"SELECT d.id FROM {DOC_TABLE} d WHERE {tier}{where} LIMIT %s"
            with connection.cursor() as cur:
                cur.execute(sql, [*tier_params, *params, limit - len(rows)])
                rows += [(row[0], score) for row in cur.fetchall()]
            if len(rows) >= limit:
                break
        return rows

    @staticmethod
    def _tsqueries(groups: Sequence[QueryTerm]) -> tuple[list[str], list[str]]:
        """Each concept as a tsquery (any of its forms), and the same restricted
        to the title (weight A), normalised by PostgreSQL's own parser so a form
        is split exactly as to_tsvector split the indexed text. The texts then
        travel as constants the planner can estimate and match in the index.
        Forms not seen before cost one round trip; the parser's answer for a
        given text never changes, so it is remembered for the process."""
        if len(_PARSED) > 50_000:
            _PARSED.clear()  # a bound on memory; refilling costs a round trip
        forms = list(dict.fromkeys(f for g in groups for f in g.forms))
        new = [f for f in forms if f not in _PARSED]
        if new:
            quoted = ["'" + f.replace("\\", "\\\\").replace("'", "''") + "'" for f in new]
            selects = ", ".join(["to_tsquery('simple', %s)::text"] * (2 * len(new)))
            with connection.cursor() as cur:
                cur.execute(f"SELECT {selects}", [*quoted, *(q + ":A" for q in quoted)])
                row = cur.fetchone()
            for i, f in enumerate(new):
                _PARSED[f] = (row[i], row[len(new) + i])
        plain = {f: _PARSED[f][0] for f in forms}
        in_title = {f: _PARSED[f][1] for f in forms}

        def any_of(parts: Iterable[str]) -> str:
            return " | ".join(f"({p})" for p in dict.fromkeys(parts) if p)

        return (
            [any_of(plain[f] for f in g.forms) for g in groups],
            [any_of(in_title[f] for f in g.forms) for g in groups],
        )


# form -> (tsquery text, the same restricted to titles); see _tsqueries.
_PARSED: dict[str, tuple[str, str]] = {}


def reset_caches() -> None:
    """Forget what the process remembered (tests counting queries start here)."""
    _PARSED.clear()


# At most this many concepts (the heaviest) shape the cover: the minimal sets
# of more would make a tsquery too long to be worth it.
MAX_CONCEPTS = 10
# ... and at most this many sets of them (see PostgresBackend.candidates).
MAX_CLAUSES = 40


def _merge_synonyms(query: Sequence[QueryTerm]) -> list[QueryTerm]:
    """Concepts with the same forms ("cash", "money" and "grant" all expand to
    the same synonyms) match the same pages: one concept with their summed
    weight scores every page the same and keeps the cover small. Heaviest first."""
    merged: dict[frozenset[str], QueryTerm] = {}
    for concept in query:
        if not concept.forms:
            continue
        key = frozenset(concept.forms)
        seen = merged.get(key)
        merged[key] = (
            QueryTerm(forms=seen.forms, weight=seen.weight + concept.weight, matches=seen.matches)
            if seen
            else concept
        )
    return sorted(merged.values(), key=lambda c: -c.weight)


def _minimal_sets(weights: Sequence[float], need: float) -> list[tuple[int, ...]]:
    """Index sets whose weights sum to at least ``need`` while none of their
    members can be dropped (weights sorted in descending order)."""
    out: list[tuple[int, ...]] = []
    suffix = [0.0] * (len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + weights[i]

    def walk(start: int, chosen: tuple[int, ...], total: float) -> None:
        for i in range(start, len(weights)):
            if total + suffix[i] < need - 1e-9:
                return  # even taking everything left cannot reach it
            if total + weights[i] >= need - 1e-9:
                # Sorted descending, weights[i] is the lightest member: the set
                # without it fell short, so the set is minimal.
                out.append((*chosen, i))
            else:
                walk(i + 1, (*chosen, i), total + weights[i])

    walk(0, (), 0.0)
    return out


def _first_threshold(groups: Sequence[QueryTerm], limit: int, population: int) -> float:
    """A first θ for PostgresBackend.candidates: the highest score that, if
    concepts occurred independently, about twice ``limit`` pages would reach
    in their text alone. Only a guess: the loop corrects it."""
    weights = [g.weight for g in groups]
    total = sum(weights)
    if population <= 0:
        return total  # every concept in the text: strict, but usually settles in two tries
    shares = [min(1.0, g.matches / population) for g in groups]
    # Expected pages per reachable score, by dynamic programming over concepts.
    # Scores are kept to a resolution of 1/20 of the lightest weight: a guess
    # needs no more, and it bounds the work.
    step = min(weights) / 20
    dist: dict[int, float] = {0: 1.0}
    for w, p in zip(weights, shares, strict=True):
        nxt: dict[int, float] = {}
        units = round(w / step)
        for score, prob in dist.items():
            nxt[score] = nxt.get(score, 0.0) + prob * (1 - p)
            nxt[score + units] = nxt.get(score + units, 0.0) + prob * p
        dist = nxt
    expected = 0.0
    for score in sorted(dist, reverse=True):
        expected += dist[score] * population
        if expected >= 2 * limit:
            return score * step
    return 0.0


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()


# DDL of the full-text structures (migration 0013 for SQLite; 0002 for PostgreSQL),
# kept here so backend and schema live together.
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_FTS_COLUMNS}, "
    f"content='{DOC_TABLE}', content_rowid='id', "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
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
