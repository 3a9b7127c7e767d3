"""Default permissions of each role for the content portal.

Page editing itself is governed by Wagtail page permissions (GroupPagePermission,
granted to the org groups in services.page_permissions_sync); these model
permissions add the org scope the policy checks.
"""

from retour.orgs.models import Role

ROLE_PERMISSIONS = {
    Role.ADMIN: [
        "content.edit_owned_page",
        "content.review_owned_page",
        "content.view_content_dashboard",
    ],
    Role.EDITOR: ["content.edit_owned_page", "content.view_content_dashboard"],
    Role.REVIEWER: [
        "content.edit_owned_page",
        "content.review_owned_page",
        "content.view_content_dashboard",
    ],
}

# Wagtail page permissions per role (on the tree root; access.py narrows them
# to the group's own organisation). Editors cannot publish: their pages go live
# through the OrgReviewTask workflow, approved by a reviewer of the owning org
# (Wagtail publishes the approved revision as the reviewer, so reviewers hold
# publish_page).
PAGE_PERMISSIONS = {
    Role.ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.EDITOR: ["add_page", "change_page"],
    Role.REVIEWER: ["add_page", "change_page", "publish_page", "lock_page"],
}
