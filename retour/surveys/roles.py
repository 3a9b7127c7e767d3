"""Default permissions of each role for monitoring surveys and the index.

Caseworkers run the monitoring (rounds, web entry, imports) and see the
aggregated results; analysts (M&E officers) upload XLSForms, import Kobo/ODK
submission exports, read and export aggregated analytics and manage index
definitions. Importing shows an analyst the file's problems (file, row,
reason) but never lists per-person answers; web entry against a case's round
stays with caseworkers. Nobody gets per-person answers through analytics.
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
        "surveys.add_surveyform",
        "surveys.add_importjob",
        "surveys.view_importjob",
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
