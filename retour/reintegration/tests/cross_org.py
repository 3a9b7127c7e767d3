"""Cross-organisation builders for the route walker: org B's assistance and referrals."""

from retour.cases.tests.factories import CaseFactory
from retour.reintegration.tests.factories import AssistanceItemFactory, ReferralFactory
from retour.testing.routes import register_param


@register_param("assistance_item_uuid")
def _assistance(tc):
    case = CaseFactory(organisation=tc.org_b, case_number=f"{tc.canary}-a")
    return AssistanceItemFactory(case=case, description=tc.canary).uuid


@register_param("referral_uuid")
def _referral(tc):
    case = CaseFactory(organisation=tc.org_b, case_number=f"{tc.canary}-r")
    return ReferralFactory(case=case, note=tc.canary, service_point_name=tc.canary).uuid
