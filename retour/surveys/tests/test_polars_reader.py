"""Polars reads a CSV export only when it gives the cells Python's csv module gives.

``limits.csv_reader`` (the csv module, ``strict=False``) is the reference;
``limits.csv_frame`` may read a file only when it is plainly well formed, and
must then give the same cells. An import through either reader stores the
same rows and scores, and refuses a bad file with the same errors and rows.
"""

from __future__ import annotations

import csv
import io
from unittest import mock

from django.db import transaction
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from retour.core import limits
from retour.orgs.models import Role
from retour.surveys import services
from retour.surveys.models import IndexScore, Submission, SubmissionSource
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form
from .test_exact_import import TRICKY, kobo_csv

PIECES = ["a", "b", " ", "ب", "«", "é", '"', '""', ",", ";", "\t", "\n", "\r\n", "\r", ""]


def python_rows(text: str) -> list[list[str]]:
    return list(limits.csv_reader(text, "x.csv"))  # the delimiter from the header


def polars_rows(text: str, delimiter: str):
    frame = limits.csv_frame(text, text.encode(), delimiter)
    return None if frame is None else [list(r) for r in frame.iter_rows()]


@st.composite
def csv_files(draw):
    """A file as spreadsheets and Kobo write it, sometimes with one character
    changed (a stray quote, separator or line break)."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(2, 4))
    cell = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=5))
    # The header decides the delimiter (limits.sniff_delimiter): keep it plain.
    rows[0] = [f"h{i}" for i in range(width)]
    out = io.StringIO(newline="")
    quoting = draw(st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]))
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=ending).writerows(rows)
    text = out.getvalue()
    header = text.index("\n") + 1  # the header line stays as written
    if len(text) > header + 1 and draw(st.booleans()):
        at = draw(st.integers(header, len(text) - 1))
        text = (
            text[:at]
            + draw(st.sampled_from(['"', delimiter, "\n", "\r", "x", ""]))
            + text[at + 1 :]
        )
    return text, delimiter, rows


class PolarsReaderTests(SimpleTestCase):
    @settings(max_examples=400, deadline=None)
    @given(csv_files())
    def test_polars_gives_the_csv_modules_cells_or_declines(self, case):
        text, delimiter, _rows = case
        self.assertEqual(limits.sniff_delimiter(text), delimiter)
        read = polars_rows(text, delimiter)
        if read is not None:
            self.assertEqual(read, python_rows(text), repr(text))

    @settings(max_examples=200, deadline=None)
    @given(csv_files())
    def test_every_well_formed_file_is_read_by_polars(self, case):
        # Not vacuous: unchanged files (without a lone CR in a cell) take the fast path.
        _text, delimiter, rows = case
        written = io.StringIO(newline="")
        csv.writer(written, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        clean = written.getvalue()
        if "\r" in clean.replace("\r\n", ""):
            return
        self.assertEqual(polars_rows(clean, delimiter), rows)

    def test_malformed_files_are_left_to_the_csv_module(self):
        for text in (
            'h1,h2\na"b,c\n',  # a quote inside an unquoted cell
            'h1,h2\n"a"b,c\n',  # text after a closing quote
            'h1,h2\n"abc,d\n',  # a quote never closed
            "h1,h2\ra,b\r",  # lone CRs as line breaks
            "h1,h2\na,b,c\n",  # a row wider than the header
            "h1,h2\na\n",  # a shorter one
            "h1,h2\na,b\n\n",  # a blank line
            "h1\na\n",  # one column
            "h1,h2\na\0,b\n",  # NUL
        ):
            with self.subTest(text=text):
                self.assertIsNone(limits.csv_frame(text, text.encode(), ","))

    def test_limits_are_left_to_the_csv_module(self):
        # The cell and column limits name the row: csv_reader does it.
        big = "h1,h2\n1," + "x" * (limits.MAX_CELL_CHARS + 1) + "\n"
        self.assertIsNone(limits.csv_frame(big, big.encode(), ","))
        narrow = limits.Limits(max_columns=2)
        wide = "h1,h2,h3\n1,2,3\n"
        self.assertIsNone(limits.csv_frame(wide, wide.encode(), ",", narrow))
        self.assertIsNotNone(limits.csv_frame(wide, wide.encode(), ","))

    def test_kobo_exports_with_tricky_text_are_read_by_polars(self):
        rows = [{"a": t, "b": f"x{i}", "c": ""} for i, t in enumerate(TRICKY)]
        for sep in (",", ";"):
            data = kobo_csv(rows, sep)  # BOM, every cell quoted, CRLF
            text = data.decode("utf-8-sig")
            frame = limits.csv_frame(text, data, sep)
            self.assertIsNotNone(frame)
            self.assertEqual([list(r) for r in frame.iter_rows()], python_rows(text))


class SameStoredRowsTests(TenantTestCase):
    """The same file imported through polars and through the csv module."""

    def setUp(self):
        self.form = sample_form(self.org_a)
        self.cases = [monitored_case(self.org_a) for _ in range(6)]

    def export(self, bad: bool = False) -> bytes:
        rows = []
        for i, case in enumerate(self.cases):
            answers = {
                f"grp_econ/{k}" if k.startswith("econ") else k: v for k, v in GOOD_ANSWERS.items()
            }
            answers["econ_income_sources"] = str(i % 4)
            rows.append(
                {
                    "start": "2026-05-01T10:00:00",
                    "case_number": "NO-SUCH-CASE" if bad and i == 4 else case.case_number,
                    "round": "m3",
                    **answers,
                    "psy_wellbeing": "many" if bad and i == 2 else answers["psy_wellbeing"],
                    "remarks": TRICKY[i % len(TRICKY)],  # multiline cells: row != line
                    "_uuid": f"uuid-{i}",
                    "_submission_time": "2026-05-02T08:15:30",
                }
            )
        return kobo_csv(rows, ";")

    def run_import(self, data: bytes, *, polars: bool):
        actor = self.user(Role.CASEWORKER)
        job = services.import_job_create(
            actor=actor,
            organisation=self.org_a,
            form=self.form,
            source=SubmissionSource.KOBO,
            filename="kobo.csv",
        )
        reader = limits.csv_frame if polars else (lambda *args, **kwargs: None)
        with mock.patch.object(limits, "csv_frame", wraps=reader) as used:
            job = services.import_job_run(actor=actor, job=job, data=data)
        self.assertEqual(used.call_count, 1)
        return job

    def stored(self) -> tuple[list, list]:
        submissions = Submission.objects.for_org(self.org_a).order_by("round_id")
        scores = IndexScore.objects.filter(submission__in=submissions)
        return (
            list(
                submissions.values_list(
                    "case_id", "round_id", "form_id", "answers", "source", "external_id",
                    "remote_key", "remote_version", "review_state", "attachments",
                    "submitted_on", "is_sample",
                )
            ),
            list(
                scores.order_by("round_id", "definition__slug").values_list(
                    # The definitions are stored by the first import, rolled back: by
                    # slug and version, as ids are not reused on PostgreSQL.
                    "case_id", "round_id", "definition__slug", "definition__version",
                    "reintegrated", "composite", "dimensions",
                )
            ),
        )  # fmt: skip

    def both(self, data: bytes):
        results = []
        for polars in (True, False):
            with transaction.atomic():
                job = self.run_import(data, polars=polars)
                results.append((job.status, job.errors, job.error_count, self.stored()))
                transaction.set_rollback(True)
        return results

    def test_every_stored_cell_is_the_same(self):
        (status, errors, _n, stored), (status_csv, errors_csv, _m, stored_csv) = self.both(
            self.export()
        )
        self.assertEqual(status, "done", errors)
        self.assertEqual((status, errors), (status_csv, errors_csv))
        self.assertEqual(len(stored[0]), len(self.cases))
        self.assertEqual(len(stored[1]), 2 * len(self.cases))
        self.assertEqual(stored, stored_csv)
        remarks = sorted(answers["remarks"] for _c, _r, _f, answers, *_rest in stored[0])
        self.assertEqual(remarks, sorted(TRICKY[i % len(TRICKY)] for i in range(6)))

    def test_a_refused_file_gives_the_same_errors_and_rows(self):
        (status, errors, count, stored), (status_csv, errors_csv, count_csv, _s) = self.both(
            self.export(bad=True)
        )
        self.assertEqual(status, "rejected")
        self.assertEqual((status, errors, count), (status_csv, errors_csv, count_csv))
        # Spreadsheet rows (the header is row 1), not physical lines.
        self.assertEqual([e["row"] for e in errors], [4, 6])
        self.assertEqual(stored, ([], []))


class AnswersFrameTests(SimpleTestCase):
    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.fixed_dictionaries(
                {
                    "a": st.one_of(st.none(), st.sampled_from(["yes", "no", "é", "ب", "Z", ""])),
                    "b": st.one_of(st.none(), st.integers(-3, 3)),
                    "c": st.one_of(st.none(), st.text(max_size=3)),
                }
            ),
            min_size=1,
            max_size=30,
        )
    )
    def test_the_polars_answers_frame_is_the_dict_one(self, rows):
        import pandas as pd
        import polars as pl

        from retour.surveys.scoring import answers_frame, polars_answers_frame

        frame = pl.DataFrame(rows, schema={"a": pl.Utf8, "b": pl.Int64, "c": pl.Utf8}, orient="row")
        answers = [{k: v for k, v in r.items() if v is not None} for r in rows]
        questions = ["a", "b", "c", "missing"]
        pd.testing.assert_frame_equal(
            polars_answers_frame(frame, questions), answers_frame(answers, questions)
        )
