"""Demo case records: 40 SAMPLE pseudonymous cases in org A, a few handed to org B.

Everything here is invented and labelled as such: case numbers start with
SAMPLE-, identities read "Sample Person NN", phone numbers use the reserved
"+00" prefix that no real number has. Idempotent: existing sample cases are kept.
"""

from __future__ import annotations

import datetime
import random

from retour.orgs.models import Role

from . import services
from .models import Case, ConsentPurpose, Stage, Vulnerability

COUNT = 40
COUNTRIES = [("AF", "Kabul"), ("IQ", "Erbil"), ("GE", "Kutaisi"), ("SO", "Mogadishu"),
             ("NG", "Lagos"), ("AM", "Gyumri"), ("ER", "Asmara"), ("UA", "Kharkiv")]  # fmt: skip
# Never a closed case (case_handover refuses one): stage i % 7 must not be 6.
HANDED_OVER = {5, 12, 19}


def _plan(i: int, rng: random.Random) -> dict:
    stage = Stage.values[i % 7]
    n = Stage.values.index(stage) + 1
    today = datetime.date(2026, 11, 1)
    opened = today - datetime.timedelta(days=400 - i * 7)
    fields = {
        "stage": Stage.COUNSELLING,
        "case_number": f"SAMPLE-{i:04d}",
        "country_of_return": COUNTRIES[i % len(COUNTRIES)][0],
        "region_of_return": COUNTRIES[i % len(COUNTRIES)][1],
        "opened_on": opened,
        "gender": rng.choice(["female", "male", "male", "undisclosed"]),
        "age_band": rng.choice(["18-24", "25-34", "25-34", "35-49", "50-64", "0-17"]),
        "notes": "SAMPLE case for the demo; not a real person.",
        "vulnerabilities": rng.sample(Vulnerability.values, k=rng.choice([0, 0, 1, 1, 2])),
        "is_sample": True,
        "identity": {
            "given_name": "Sample",
            "family_name": f"Person {i:02d}",
            "phone": f"+00 000 000 {i:03d}",
            "documents": [{"type": "sample document", "number": f"SAMPLE-DOC-{i:04d}"}],
            "address_after_return": "Sample address (demo)",
        },
    }
    if n >= 3:
        fields["departure_date"] = opened + datetime.timedelta(days=30)
        fields["arrival_date"] = opened + datetime.timedelta(days=31)
        fields["returned_to_community_of_origin"] = rng.random() < 0.6
    if n >= 4:
        fields["plan_budget"] = rng.choice([1000, 1500, 2000, 3000])
        fields["plan_currency"] = "EUR"
        fields["plan_summary"] = "SAMPLE plan: small business and training."
    return {"stage": stage, "n": n, "fields": fields}


def load(*, context) -> None:
    actor = context.user(Role.CASEWORKER, "a")
    rng = random.Random(6)  # deterministic: same sample data on every machine
    created = 0
    for i in range(1, COUNT + 1):
        plan = _plan(i, rng)
        number = plan["fields"]["case_number"]
        if Case.objects.filter(case_number=number, is_sample=True).exists():
            continue
        # Counselling consent at intake, before the identity is saved.
        case = services.case_create(
            actor=actor, organisation=context.org_a, counselling_consent="sample-1.0",
            **plan["fields"],
        )  # fmt: skip
        if i % 3:
            services.consent_record(
                actor=actor, case=case, purpose=ConsentPurpose.MONITORING, version="sample-1.0",
                given_on=case.opened_on,
            )  # fmt: skip
        if i % 4 == 0 or i in HANDED_OVER:
            services.consent_record(
                actor=actor, case=case, purpose=ConsentPurpose.DATA_SHARING, version="sample-1.0",
                given_on=case.opened_on, partner=context.org_b,
                scope=["profile", "vulnerabilities", "needs"],
            )  # fmt: skip
        day = case.opened_on
        for stage in Stage.values[1 : plan["n"]]:
            day = min(day + datetime.timedelta(days=20), datetime.date(2026, 11, 20))
            services.case_stage_set(
                actor=actor, case=case, stage=stage, occurred_on=day,
                final_report="SAMPLE final report: reintegration plan completed." if stage == Stage.CLOSED else None,
            )  # fmt: skip
        if i in HANDED_OVER:
            services.case_handover(
                actor=actor, case=case, to_organisation=context.org_b, reason="SAMPLE handover"
            )
        created += 1
    context.log(f"cases: {created} sample cases created ({COUNT} in total)")
