"""Demo data for the campaign registry.

* The 24 campaigns of the Belgian EMN AHQ answer: REAL reference data, owned
  by org_a and marked "curated from EMN AHQ (Belgium)" (not sample).
* Eurostat first-time asylum applicants 2012-2016, the extract shipped in
  retour/campaigns/data/eurostat/ (real, public reference data).
* One survey study with clearly labelled SAMPLE numbers, so the survey pages
  have something to show. They are invented and say so.
"""

from __future__ import annotations

import random

from retour.core.actors import SystemActor

from .choices import Arm, Outcome, SurveyDesign, Wave
from .curated import bundled_eurostat, load_curated
from .models import Campaign, StatObservation, SurveyStudy

ACTOR = SystemActor.demo()
SAMPLE_TITLE = "SAMPLE survey (invented numbers, for demonstration only)"


def load(*, context) -> None:
    result = load_curated(actor=ACTOR, organisation=context.org_a)
    context.log(f"campaigns: curated EMN campaigns {result}")
    _load_eurostat(context)
    _load_sample_survey(context)


def _load_eurostat(context) -> None:
    from .services import statistics_file_import

    if StatObservation.objects.filter(dataset="migr_asyappctza").exists():
        context.log("campaigns: Eurostat statistics already loaded")
        return
    name, data = bundled_eurostat("migr_asyappctza")
    _, record = statistics_file_import(
        actor=ACTOR, data=data, file_name=name, dataset="migr_asyappctza"
    )
    context.log(
        f"campaigns: Eurostat migr_asyappctza {record.created} new, {record.updated} updated"
    )


def _load_sample_survey(context) -> None:
    from .services import survey_study_create

    campaign = (
        Campaign.objects.for_org(context.org_a).filter(external_id="emn-ahq-be-2017-15").first()
    )
    if (
        campaign is None
        or SurveyStudy.objects.filter(campaign=campaign, title=SAMPLE_TITLE).exists()
    ):
        return
    rng = random.Random(2026)
    responses = []
    for i in range(40):
        rid = f"sample-{i:03d}"
        for outcome in Outcome.values:
            pre = rng.randint(2, 7)
            responses.append(
                dict(respondent=rid, arm=Arm.CAMPAIGN, wave=Wave.PRE, outcome=outcome, value=pre)
            )
            if i < 34:  # six respondents lost to follow-up
                post = min(10, max(0, pre + rng.choice([-1, 0, 1, 1, 2])))
                responses.append(
                    dict(
                        respondent=rid,
                        arm=Arm.CAMPAIGN,
                        wave=Wave.POST,
                        outcome=outcome,
                        value=post,
                    )
                )
    survey_study_create(
        actor=ACTOR,
        campaign=campaign,
        title=SAMPLE_TITLE,
        design=SurveyDesign.PRE_POST_PAIRED,
        scale_min=0,
        scale_max=10,
        responses=responses,
        is_sample=True,
    )
    context.log("campaigns: sample survey study created (labelled SAMPLE)")
