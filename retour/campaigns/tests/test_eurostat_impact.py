"""Eurostat import in both layouts and the honest impact estimate."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase

from retour.campaigns import eurostat
from retour.campaigns.analytics import impact
from retour.campaigns.curated import BUNDLED_EUROSTAT, EUROSTAT_DIR, bundled_eurostat
from retour.campaigns.models import StatObservation
from retour.campaigns.services import statistics_import
from retour.core.actors import SystemActor

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data" / "eurostat"

TSV = (
    "citizen,sex,unit,age,geo\\time\t2016 \t2015 \t2014 \t2013 \t2012 \n"
    "AM,T,PER,TOTAL,BE\t135 \t120 \t120 \t200 \t275 \n"
    "AM,T,PER,TOTAL,EU28\t7745 \t4385 \t4795 \t4080 \t4110 d\n"
    "AM,F,PER,TOTAL,BE\t60 \t50 \t: \t90 \t100 \n"
    "XK,T,PER,TOTAL,BE\t: \t1000 p\t500 \t400 \t300 \n"
)


class ParserTests(SimpleTestCase):
    def test_sdmx_tsv_codes_years_as_columns(self):
        result = eurostat.parse(TSV, dataset="migr_asyappctza")
        self.assertEqual(result.layout, "sdmx-tsv")
        rows = {(o["geo"], o["citizen"], o["year"]): o for o in result.observations}
        self.assertEqual(rows[("BE", "AM", 2012)]["value"], 275)
        self.assertEqual(rows[("EU28", "AM", 2012)]["flag"], "d")
        self.assertTrue(rows[("EU28", "AM", 2012)]["geo_is_aggregate"])
        self.assertIsNone(rows[("BE", "XK", 2016)]["value"])  # ":" is missing, not zero
        self.assertEqual(rows[("BE", "XK", 2015)]["flag"], "p")
        self.assertEqual(len(result.observations), 15)  # the SEX=F series is not the headline

    def test_sdmx_tsv_with_an_unknown_dimension_is_refused(self):
        # "applicant" is not a dimension the parser knows: keeping both series
        # would let "all applicants" (560) pass for first-time applicants (405).
        text = "applicant,citizen,geo\\time\t2016 \nALL,AM,BE\t560 \nFIRST,AM,BE\t405 \n"
        with self.assertRaisesMessage(eurostat.LayoutRejected, "dimension(s) applicant unknown"):
            eurostat.parse(text)

    def test_bundled_extract_equals_the_published_file(self):
        # The shipped copy must be the Eurostat file itself, byte for byte.
        for dataset, gz_name in BUNDLED_EUROSTAT.items():
            original = SHARED / gz_name.removesuffix(".gz")
            self.assertTrue((EUROSTAT_DIR / gz_name).exists(), gz_name)
            if original.exists():  # shared/ exists in CI, not on a user's machine
                self.assertEqual(bundled_eurostat(dataset)[1], original.read_bytes())

    def test_current_bulk_layout_with_freq_and_time_period(self):
        text = (
            "freq,unit,citizen,sex,age,asyl_app,geo\\TIME_PERIOD\t2012 \t2013 \n"
            "A,PER,AM,T,TOTAL,NASY_APP,BE\t275 \t200 \n"
            "A,PER,AM,T,TOTAL,ASY_APP,BE\t300 \t250 \n"
            "A,PER,AM,T,TOTAL,NASY_APP,EL\t: c\t10 \n"
        )
        rows = {(o["geo"], o["year"]): o for o in eurostat.parse(text).observations}
        self.assertEqual(rows[("BE", 2013)]["value"], 200)  # first-time applicants only
        self.assertIsNone(rows[("GR", 2012)]["value"])  # EL is Greece; ": c" is missing
        self.assertEqual(rows[("GR", 2012)]["flag"], "c")
        self.assertEqual(len(rows), 4)

    def test_browser_csv_names_separators_and_aggregates(self):
        text = (
            '"TIME","GEO","CITIZEN","UNIT","Value","Flag and Footnotes"\n'
            '"2013","European Union (28 countries)","Armenia","Person","4,080",""\n'
            '"2013","Belgium","Kosovo (under United Nations Security Council Resolution 1244/99)",'
            '"Person","1,215",""\n'
            '"2013","Belgium","Former Yugoslav Republic of Macedonia, the","Person",":",""\n'
            '"2013","Belgium","Extra-EU28 (2013-2020)","Person","20,000",""\n'
        )
        result = eurostat.parse(text.encode("cp1252"), dataset="x")
        rows = {(o["geo"], o["citizen"]): o for o in result.observations}
        self.assertEqual(rows[("EU28", "AM")]["value"], 4080)
        self.assertEqual(rows[("BE", "XK")]["value"], 1215)
        self.assertIsNone(rows[("BE", "MK")]["value"])
        self.assertTrue(rows[("BE", "EXT_EU28")]["citizen_is_aggregate"])
        self.assertFalse(rows[("BE", "XK")]["citizen_is_aggregate"])

    def test_unknown_layout_rejected_saying_what_was_expected(self):
        with self.assertRaises(eurostat.LayoutRejected) as ctx:
            eurostat.parse("country;year;count\nBE;2012;5\n")
        self.assertIn("data-browser CSV", str(ctx.exception))
        self.assertIn("SDMX-TSV", str(ctx.exception))
        with self.assertRaises(eurostat.LayoutRejected):
            eurostat.parse("freq,geo\\TIME_PERIOD\t2012-Q1\nA,BE\t5\n")


class ArmeniaExampleTests(TestCase):
    """The issue's example, read from the real file in ../shared."""

    @classmethod
    def setUpTestData(cls):
        name, data = bundled_eurostat("migr_asyappctza")
        parsed = eurostat.parse(data, dataset="migr_asyappctza")
        wanted = [o for o in parsed.observations if o["geo"] in ("BE", "EU28")]
        statistics_import(
            actor=SystemActor.cli("test"),
            observations=wanted,
            file_name=name,
            sha256=hashlib.sha256(data).hexdigest(),
        )

    def value(self, geo, year):
        return StatObservation.objects.get(
            dataset="migr_asyappctza", geo=geo, citizen="AM", year=year
        ).value

    def test_values_as_published(self):
        self.assertEqual((self.value("BE", 2012), self.value("BE", 2013)), (275, 200))
        self.assertEqual((self.value("EU28", 2012), self.value("EU28", 2013)), (4110, 4080))

    def test_second_armenian_claim_against_eu28(self):
        # "Within Europe the numbers of asylum seekers dropped with 8% in 2015 in
        # comparison to 2014": EU-28 first-time applicants from Armenia 4,795 → 4,385.
        before, after = self.value("EU28", 2014), self.value("EU28", 2015)
        self.assertEqual((before, after), (4795, 4385))
        self.assertAlmostEqual((after - before) / before * 100, -8.55, places=2)

    def test_short_series_is_refused_with_plain_reasons(self):
        panel = impact.panel_from_db(dataset="migr_asyappctza", origin="AM", destination="BE")
        result = impact.estimate(
            panel, origin="AM", destination="BE", first_post_year=2013, claim="dropped 30%"
        )
        self.assertAlmostEqual(result.raw_change.pct, (200 - 275) / 275 * 100)
        same_origin = result.comparisons[0]
        # Other EU-28 destinations: (4080 − 200) vs (4110 − 275)
        self.assertEqual(same_origin.raw_change.before, 4110 - 275)
        self.assertEqual(same_origin.raw_change.after, 4080 - 200)
        self.assertTrue(all(c.refused for c in result.comparisons))
        self.assertTrue(result.verdict.startswith("Not an effect"))
        self.assertIn("too short: 1 year(s) before the campaign (2012)", " ".join(result.reasons))
        self.assertIsNone(result.its.estimate)


class ImpactRuleTests(SimpleTestCase):
    years = range(2008, 2017)

    def panel(self, treated, other):
        origin_all = {y: treated[y] + other[y] for y in self.years}
        return {"treated": treated, "origin_all": origin_all, "destination_all": {}}

    def test_parallel_series_with_a_drop_gives_an_estimate(self):
        wiggle = [0, 8, -5, 4, -6, 3, -2, 5, -4]
        treated = {y: 1000 + w for y, w in zip(self.years, wiggle, strict=True)}
        other = {y: 5000 + 3 * w for y, w in zip(self.years, wiggle, strict=True)}
        for y in range(2013, 2017):
            treated[y] = treated[y] // 2
        result = impact.estimate(
            self.panel(treated, other), origin="AM", destination="BE", first_post_year=2013
        )
        comp = result.comparisons[0]
        self.assertFalse(comp.refused, comp.reasons)
        self.assertEqual(comp.word, "estimated effect")
        self.assertLess(comp.ci_pct[1], 0)
        self.assertAlmostEqual(comp.pct, -50, delta=5)
        # The second comparison has no data at all: refused, saying so.
        self.assertTrue(result.comparisons[1].refused)
        self.assertIn("nothing to compare with", result.comparisons[1].reasons[0])

    def test_diverging_pre_trend_is_refused(self):
        treated = {y: 1000 * (1.3 ** (y - 2008)) for y in self.years}
        other = {y: 5000 for y in self.years}
        result = impact.estimate(
            self.panel(treated, other), origin="AM", destination="BE", first_post_year=2013
        )
        comp = result.comparisons[0]
        self.assertTrue(comp.refused)
        self.assertIn("drifting apart", " ".join(comp.reasons))
        self.assertEqual(comp.word, "difference in change (not an effect)")
