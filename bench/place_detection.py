"""Place detection on the independent question set v2 (bench/questions).

Every question of independent_v2.jsonl has a hand-written ``place`` (a city, a
country or nothing). A city the gazetteer knows is expected to be found by
``place.place_query_detect``; any other question must name no place. No
database: the countries with service points are the demo's (BE, NO).

    .venv/bin/python bench/place_detection.py [--show]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main(show: bool) -> dict:
    import django

    django.setup()
    from retour.search import place
    from retour.search.gazetteer import gazetteer

    gaz = gazetteer()
    served = frozenset({"BE", "NO"})
    counts = dict(questions=0, city_mentions=0, found=0, wrong_city=0, missed=0, false_place=0)
    with open(ROOT / "bench/questions/independent_v2.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        counts["questions"] += 1
        expected = gaz.lookup(row["place"]) if row.get("place") else []
        found = place.place_query_detect(row["q"], served=served).city
        if expected:
            counts["city_mentions"] += 1
            if found is None:
                counts["missed"] += 1
                outcome = "missed"
            elif found.geonameid in {c.geonameid for c in expected}:
                counts["found"] += 1
                outcome = ""
            else:
                counts["wrong_city"] += 1
                outcome = f"wrong: {found.name}"
        elif found is not None:
            counts["false_place"] += 1
            outcome = f"false place: {found.name}"
        else:
            outcome = ""
        if show and outcome:
            print(f"{row['id']:6} {row.get('place', ''):12} {outcome:24} {row['q'][:60]}")
    print(counts)
    return counts


if __name__ == "__main__":
    main("--show" in sys.argv)
