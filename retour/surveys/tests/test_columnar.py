"""The column-wise check of a CSV export gives what the row-by-row check gives.

``xlsform.clean_answer`` and ``imports.check_rows`` row by row are the
reference; the fast path (columnar.py) may only decide cells it is sure of.
These tests feed both the same cells, including the ones that trip naive
parsers (Arabic-Indic digits, non-breaking and other Unicode spaces, "5.0",
impossible dates), and compare answers, errors and their order.
"""

from __future__ import annotations

import datetime as dt
import json

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from retour.surveys import columnar, imports
from retour.surveys.xlsform import clean_answer, prepare

CHOICES = [["yes", "Yes"], ["no", "No"], ["1", "One"], ["dont_know", "Don't know"]]
QUESTIONS = prepare(
    [
        {"name": "case_number", "type": "text", "required": True},
        {"name": "round", "type": "text", "required": False},
        {"name": "interview_date", "type": "date", "required": False},
        {"name": "remarks", "type": "text", "required": False},
        {"name": "children", "type": "integer", "required": False},
        {"name": "income", "type": "decimal", "required": False},
        {"name": "employed", "type": "select_one", "required": True, "choices": CHOICES},
        {"name": "sources", "type": "select_multiple", "required": False, "choices": CHOICES},
    ]
)
# Pieces that make up cells: plain values and what breaks naive parsing.
PIECES = [
    "0", "7", "12", "+", "-", ".", ",", " ", "\t", "\n", "\r\n", "\xa0", "\u2003", "\x1c",
    "yes", "no", "1", "dont_know", "maybe", "2024-01-31", "2024-02-30", "0000-01-01",
    "T10:15:00", "١٢", "٣", "e5", "nan", "inf", "_", '"', "é", "زندگی", "5.0", "99999999999999999999",
]  # fmt: skip
cells = st.one_of(
    st.none(),
    st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
    st.text(max_size=6),
)


def _python(question: dict, cell):
    value, error = clean_answer(question, cell)
    return ("error", error) if error else ("ok", value)


class CleanColumnsTests(SimpleTestCase):
    @settings(max_examples=60, deadline=None)
    @given(st.lists(cells, min_size=1, max_size=40), st.booleans())
    def test_every_fast_cell_is_what_clean_answer_gives(self, column, required):
        for question in QUESTIONS:
            q = {**question, "required": required}
            cleaned = columnar.clean_columns([(q, 0)], {0: column})
            texts = columnar.answers_json(cleaned.frame).to_list()
            for cell, slow, text in zip(column, cleaned.slow, texts, strict=True):
                if slow:
                    continue  # left to clean_answer itself
                kind, value = _python(q, cell)
                self.assertEqual(kind, "ok", (q["type"], cell))
                got = json.loads(text).get(q["name"])
                self.assertEqual(got, value, (q["type"], cell))
                self.assertIs(type(got), type(value), (q["type"], cell))

    def test_plain_cells_take_the_fast_path(self):
        column = ["3", "-2", "2024-05-01T10:00:00", "yes", "1 no yes", "12,5"]
        kinds = ["integer", "integer", "date", "select_one", "select_multiple", "decimal"]
        for cell, kind in zip(column, kinds, strict=True):
            q = next(q for q in QUESTIONS if q["type"] == kind)
            cleaned = columnar.clean_columns([(q, 0)], {0: [cell]})
            self.assertEqual(cleaned.slow, [False], (kind, cell))
        q = next(q for q in QUESTIONS if q["type"] == "select_multiple")
        text = columnar.answers_json(columnar.clean_columns([(q, 0)], {0: ["1 no 1"]}).frame)
        self.assertEqual(json.loads(text[0]), {"sources": ["1", "no"]})

    def test_unsure_cells_go_to_the_slow_path(self):
        q = next(q for q in QUESTIONS if q["type"] == "integer")
        for cell in ["5.0", "١٢", "\xa05", "99999999999999999999", "five"]:
            cleaned = columnar.clean_columns([(q, 0)], {0: [cell]})
            self.assertEqual(cleaned.slow, [True], cell)

    def test_free_text_is_the_raw_cell(self):
        q = next(q for q in QUESTIONS if q["name"] == "remarks")
        cell = '  he said "no",\r\nthen left\u200f '
        text = columnar.answers_json(columnar.clean_columns([(q, 0)], {0: [cell]}).frame)
        self.assertEqual(json.loads(text[0]), {"remarks": cell})


HEADERS = [
    "start", "case_number", "round", "interview_date", "grp/remarks", "children", "income",
    "employed", "sources", "_uuid", "_submission_time",
]  # fmt: skip


def _lookups() -> imports.Lookups:
    cases = {f"C-{i}": i for i in range(1, 9)}
    rounds = {}
    for case_id in cases.values():
        for months in (3, 6, 12):
            status = "completed" if (case_id, months) == (2, 6) else "scheduled"
            rounds[(case_id, months)] = (case_id * 100 + months, status)
    return imports.Lookups(
        cases=cases,
        consented=set(cases.values()) - {3},
        rounds=rounds,
        known={"uuid:known-1": imports.Known(777, 806)},
    )


rows = st.lists(
    st.tuples(
        st.sampled_from(["C-1", "C-2", "C-3", "C-4", "c-5", "C-6", "C-7", " C-8 ", "C-99", ""]),
        st.sampled_from(["m3", "m6", "12", "٦", "", "later"]),
        st.sampled_from(["2024-05-01", "", "2024-13-01", " 2024-05-02"]),
        cells,
        st.sampled_from(["", "2", "5.0", "x"]),
        st.sampled_from(["", "1.5", "2,25", "abc"]),
        st.sampled_from(["yes", "no", " yes ", "maybe", ""]),
        st.sampled_from(["", "yes no", "1 1", "yes\xa0no", "bad"]),
        st.sampled_from(["", "u-1", "u-2", "known-1", "u-1 "]),
        st.sampled_from(["", "2025-01-01T10:00:00", "garbage"]),
    ),
    min_size=1,
    max_size=25,
)


def _table(sample) -> list[list]:
    return [
        ["2025-01-01T09:00:00", c, r, d, t, ch, inc, emp, src, u, sub]
        for c, r, d, t, ch, inc, emp, src, u, sub in sample
    ]


def _check(table: list[list], plain: bool, allow_updates=False) -> imports.CheckedRows:
    export = imports.Export(list(HEADERS), [list(r) for r in table], plain_text=plain)
    return imports.check_rows(
        export=export,
        questions=QUESTIONS,
        repeats=[],
        matching=imports.Matching(case_question="case_number", round_question="round"),
        lookups=_lookups(),
        allow_updates=allow_updates,
    )


def _ready(out: imports.CheckedRows) -> list[tuple]:
    """Every ready row as (row position, answers, case, round, id, date, edit of)."""
    taken = []
    if out.fast is not None and out.fast.positions:
        texts = columnar.answers_json(out.fast.frame[out.fast.positions]).to_list()
        taken += [
            (pos, json.loads(text), case, round_id, ext, day, None)
            for pos, text, case, round_id, ext, day in zip(
                out.fast.positions,
                texts,
                out.fast.case_ids,
                out.fast.round_ids,
                out.fast.external_ids,
                out.fast.submitted,
                strict=True,
            )
        ]
    for i, r in enumerate(out.ready):
        # Through JSON, as it is stored (a tuple of choices becomes a list).
        answers = json.loads(json.dumps(r["answers"]))
        taken.append(
            (
                r.get("position", i),
                answers,
                r["case_id"],
                r["round_id"],
                r["external_id"],
                r["submitted_on"],
                r["update_of"],
            )
        )
    return sorted(taken, key=lambda t: t[0])


class CheckRowsColumnWiseTests(SimpleTestCase):
    @settings(max_examples=80, deadline=None)
    @given(rows, st.booleans())
    def test_same_rows_errors_and_counts_as_row_by_row(self, sample, allow_updates):
        table = _table(sample)
        slow = _check(table, plain=False, allow_updates=allow_updates)
        fast = _check(table, plain=True, allow_updates=allow_updates)
        self.assertEqual(fast.errors, slow.errors)
        self.assertEqual(
            (fast.total, fast.error_count, fast.unchanged, fast.skipped, fast.ready_count),
            (slow.total, slow.error_count, slow.unchanged, slow.skipped, slow.ready_count),
        )
        slow_ready = [(i, *rest) for i, (_pos, *rest) in enumerate(_ready(slow))]
        fast_ready = [(i, *rest) for i, (_pos, *rest) in enumerate(_ready(fast))]
        self.assertEqual(fast_ready, slow_ready)

    def test_a_clean_table_is_checked_column_wise(self):
        table = _table(
            [
                ("C-1", "m3", "2024-05-01", "fine", "2", "1.5", "yes", "yes no", "u-1", ""),
                ("C-4", "m6", "", "", "", "", "no", "", "u-2", "2025-01-01T10:00:00"),
            ]
        )
        out = _check(table, plain=True)
        self.assertEqual((out.error_count, len(out.ready)), (0, 0))
        assert out.fast is not None
        self.assertEqual(out.fast.positions, [0, 1])
        self.assertEqual(out.fast.round_ids, [103, 406])
        self.assertEqual(out.fast.submitted, [dt.date(2024, 5, 1), dt.date(2025, 1, 1)])

    def test_errors_name_the_row_and_reason_as_before(self):
        table = _table(
            [
                ("C-1", "m3", "", "", "5.0", "", "yes", "", "", ""),  # fine: 5.0 is 5
                ("C-2", "m6", "", "", "", "", "yes", "", "", ""),  # round completed
                ("C-3", "m3", "", "", "", "", "maybe", "", "", ""),  # bad choice
                ("C-1", "m3", "", "", "", "", "no", "", "", ""),  # second answer
            ]
        )
        out = _check(table, plain=True)
        self.assertEqual([e["row"] for e in out.errors], [3, 4, 5])
        self.assertIn("already completed", out.errors[0]["reason"])
        self.assertIn("employed: unknown choice 'maybe'", out.errors[1]["reason"])
        self.assertIn("a second answer to that round", out.errors[2]["reason"])
        self.assertEqual(out.errors, _check(table, plain=False).errors)
