"""Demo assistance items and referrals on the SAMPLE cases (amounts are sample values)."""

from __future__ import annotations

import datetime
import random

from retour.cases.models import Case, Stage
from retour.orgs.models import Role

from . import services
from .models import AssistanceItem, AssistanceType

CASE_PREFIX = "SAMPLE-00"
STAGE_TO_ITEMS = {Stage.PLAN: 1, Stage.ASSISTANCE: 2, Stage.MONITORING: 2, Stage.CLOSED: 3}


def load(*, context) -> None:
    rng = random.Random(9)
    items = referrals = 0
    for org_key, org in (("a", context.org_a), ("b", context.org_b)):
        actor = context.user(Role.CASEWORKER, org_key)
        # Only the cases demo's own SAMPLE-00NN cases; the surveys demo equips its own.
        cases = (
            Case.objects.for_org(org)
            .filter(is_sample=True, case_number__startswith=CASE_PREFIX)
            .order_by("case_number")
        )
        for case in cases:
            if AssistanceItem.objects.filter(case=case).exists():
                continue  # already loaded
            n = STAGE_TO_ITEMS.get(case.stage, 0)
            for k in range(n):
                kind = rng.choice(AssistanceType.values)
                cash_like = kind in ("cash", "business", "in_kind")
                item = services.assistance_item_create(
                    actor=actor, case=case, type=kind,
                    description=f"SAMPLE {kind.replace('_', ' ')} support",
                    amount=rng.choice([250, 500, 800, 1200]) if cash_like else None,
                    currency="EUR" if cash_like else "",
                    planned_on=case.opened_on + datetime.timedelta(days=60 + 10 * k),
                    provider="Sample provider (demo)", is_sample=True,
                )  # fmt: skip
                items += 1
                if case.stage in (Stage.MONITORING, Stage.CLOSED) or (
                    k == 0 and case.stage == Stage.ASSISTANCE
                ):
                    planned = item.planned_on
                    assert planned is not None  # planned just above
                    services.assistance_item_deliver(
                        actor=actor, item=item,
                        delivered_on=min(planned + datetime.timedelta(days=20), datetime.date(2026, 11, 20)),
                        evidence_reference="SAMPLE receipt (demo)",
                    )  # fmt: skip
            partner = context.org_b if org_key == "a" else context.org_a
            has_sharing = case.consents.filter(
                purpose="data_sharing", partner=partner, withdrawn_at__isnull=True
            ).exists()
            if has_sharing and case.stage >= Stage.ARRIVAL and not case.referrals.exists():
                services.referral_create(
                    actor=actor, case=case, to_organisation=partner,
                    assistance_type=rng.choice(["medical", "psychosocial", "housing"]),
                    note="SAMPLE referral: needs follow-up after arrival.", is_sample=True,
                    sent_on=case.arrival_date or case.opened_on,
                )  # fmt: skip
                referrals += 1
    context.log(f"reintegration: {items} sample assistance items, {referrals} sample referrals")
