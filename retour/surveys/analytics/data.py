"""One table of scored rounds with the case characteristics analytics group by."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from retour.cases.models import CaseVulnerability
from retour.reintegration.models import AssistanceItem, AssistanceStatus

from ..models import IndexScore

COLUMNS = [
    "case_id",
    "months",
    "reintegrated",
    "composite",
    "country",
    "arrival_date",
    "community",
    "gender",
    "age_band",
]


def assistance_by_case(case_ids) -> dict[int, set[str]]:
    """Delivered assistance types per case (surveys build on reintegration)."""
    out: dict[int, set[str]] = defaultdict(set)
    qs = AssistanceItem.objects.filter(
        case_id__in=list(case_ids), status=AssistanceStatus.DELIVERED
    )
    for case_id, kind in qs.values_list("case_id", "type"):
        out[case_id].add(kind)
    return out


def scored_rounds(organisation, definition) -> pd.DataFrame:
    """Every score of ``definition`` in the organisation, one row per round."""
    rows = (
        IndexScore.objects.for_org(organisation)
        .filter(definition=definition)
        .values_list(
            "case_id",
            "round__months_after_arrival",
            "reintegrated",
            "composite",
            "case__country_of_return",
            "case__arrival_date",
            "case__returned_to_community_of_origin",
            "case__gender",
            "case__age_band",
        )
    )
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    if frame.empty:
        frame["vulnerabilities"] = []
        frame["assistance"] = []
        return frame
    ids = frame["case_id"].unique().tolist()
    vulns: dict[int, set[str]] = defaultdict(set)
    for case_id, kind in CaseVulnerability.objects.filter(case_id__in=ids).values_list(
        "case_id", "kind"
    ):
        vulns[case_id].add(kind)
    assistance = assistance_by_case(ids)
    frame["vulnerabilities"] = [sorted(vulns.get(c, ())) for c in frame["case_id"]]
    frame["assistance"] = [sorted(assistance.get(c, ())) for c in frame["case_id"]]
    return frame


def one_per_person(frame: pd.DataFrame, months: int | None = None) -> pd.DataFrame:
    """A person's result at ``months``, or their latest known result when None."""
    known = frame[frame["reintegrated"] >= 0]
    if months is not None:
        return known[known["months"] == months].drop_duplicates("case_id", keep="last")
    return known.sort_values(["case_id", "months"]).drop_duplicates("case_id", keep="last")
