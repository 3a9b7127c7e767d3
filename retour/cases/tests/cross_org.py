"""Cross-organisation builders for the route walker: objects of org B carrying the canary."""

from retour.cases.models import ConsentPurpose
from retour.cases.tests.factories import CaseFactory, CaseIdentityFactory, ConsentFactory
from retour.testing.routes import register_param, register_route


def _case_b(tc, suffix: str = ""):
    case = CaseFactory(
        organisation=tc.org_b, case_number=f"{tc.canary}{suffix}"[:40], notes=tc.canary
    )
    CaseIdentityFactory(case=case, given_name=tc.canary)
    return case


@register_param("case_uuid")
def _case(tc):
    return _case_b(tc).uuid


@register_route("cases_admin:consent-withdraw")
def _consent_withdraw(tc):
    case = _case_b(tc, "-consent")
    consent = ConsentFactory(case=case, purpose=ConsentPurpose.COUNSELLING)
    return {"case_uuid": case.uuid, "consent_uuid": consent.uuid}
