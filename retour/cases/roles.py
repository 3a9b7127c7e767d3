"""Default permissions of each role for case records.

Only caseworkers read or change identifying fields. Analysts see pseudonymous
cases (for M&E) but never identities; admins manage retention, not people.
"""

from retour.orgs.models import Role

_PSEUDONYMOUS_READ = ["cases.view_case"]

ROLE_PERMISSIONS = {
    Role.CASEWORKER: [
        "cases.view_case",
        "cases.add_case",
        "cases.change_case",
        "cases.view_identity",
        "cases.change_identity",
        "cases.manage_consent",
        "cases.handover_case",
        "cases.export_case",
        "cases.erase_case",
    ],
    Role.ANALYST: _PSEUDONYMOUS_READ,
    Role.ADMIN: [*_PSEUDONYMOUS_READ, "cases.view_retentionperiod", "cases.change_retentionperiod"],
}
