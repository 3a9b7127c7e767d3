"""Every role sees its organisation's jobs (what runs, who started it, how it ended)."""

from retour.orgs.models import Role

ROLE_PERMISSIONS = {role: ["jobs.view_job"] for role in Role}
