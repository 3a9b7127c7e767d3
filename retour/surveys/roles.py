"""Default permissions of each role for monitoring surveys and the index.

Caseworkers run the monitoring (rounds, web entry, imports) and see the
aggregated results; analysts read and export aggregated analytics and manage
index definitions. Nobody gets per-person answers through analytics.
"""

from retour.orgs.models import Role

ROLE_PERMISSIONS = {
    Role.CASEWORKER: [
        "surveys.view_surveyform",
        "surveys.view_monitoringround",
        "surveys.change_monitoringround",
        "surveys.view_overdue",
        "surveys.add_submission",
        "surveys.add_importjob",
        "surveys.view_importjob",
        "surveys.view_analytics",
    ],
    Role.ANALYST: [
        "surveys.view_surveyform",
        "surveys.view_analytics",
        "surveys.export_analytics",
        "surveys.view_indexdefinition",
        "surveys.add_indexdefinition",
        "surveys.recompute_indexscore",
    ],
    Role.ADMIN: [
        "surveys.view_surveyform",
        "surveys.add_surveyform",
        "surveys.view_indexdefinition",
        "surveys.add_indexdefinition",
    ],
}
