from retour.orgs.models import Role

# Gap analytics help whoever writes, reviews or studies content; caseworkers
# have no use for them.
ROLE_PERMISSIONS = {
    Role.ADMIN: ["search.view_gaps"],
    Role.EDITOR: ["search.view_gaps"],
    Role.REVIEWER: ["search.view_gaps"],
    Role.ANALYST: ["search.view_gaps"],
}
