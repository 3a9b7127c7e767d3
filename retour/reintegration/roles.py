"""Default permissions for assistance and referrals.

Caseworkers plan, deliver and refer. Answering a referral received is a
caseworker task too (of the receiving organisation; the policy checks that).
Analysts read pseudonymous assistance rows for M&E.
"""

from retour.orgs.models import Role

ROLE_PERMISSIONS = {
    Role.CASEWORKER: [
        "reintegration.view_assistanceitem",
        "reintegration.add_assistanceitem",
        "reintegration.change_assistanceitem",
        "reintegration.deliver_assistanceitem",
        "reintegration.view_referral",
        "reintegration.add_referral",
        "reintegration.answer_referral",
        "reintegration.override_referral_consent",
    ],
    Role.ANALYST: ["reintegration.view_assistanceitem"],
}
