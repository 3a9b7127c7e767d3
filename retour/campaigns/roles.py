"""Default permissions of each role for the campaign registry.

Everyone in the network may read campaign records (they are shared); only the
owner's editors and administrators write them. Analysts see analytics, upload
survey results and add campaigns they evaluate (adding only: changing or
deleting a record stays with editors and administrators). Reference statistics (Eurostat) are platform data:
no organisation role loads them (``campaigns.manage_reference_data`` belongs
to the "Platform: reference data" group and superusers).
"""

from retour.orgs.models import Role

_READ = ["campaigns.view_campaign", "campaigns.view_surveystudy"]
_WRITE = [
    "campaigns.add_campaign",
    "campaigns.change_campaign",
    "campaigns.delete_campaign",
    "campaigns.import_campaigns",
]

ROLE_PERMISSIONS = {
    Role.ADMIN: [
        *_READ,
        *_WRITE,
        "campaigns.view_campaign_analytics",
        "campaigns.add_surveystudy",
        "campaigns.delete_surveystudy",
    ],
    Role.EDITOR: [*_READ, *_WRITE, "campaigns.view_campaign_analytics"],
    Role.ANALYST: [
        *_READ,
        "campaigns.add_campaign",
        "campaigns.view_campaign_analytics",
        "campaigns.add_surveystudy",
        "campaigns.delete_surveystudy",
    ],
    Role.REVIEWER: [*_READ],
    Role.CASEWORKER: [*_READ],
}
