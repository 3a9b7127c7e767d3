"""Default permissions of each role for the content portal.

Page editing itself is governed by Wagtail page permissions (GroupPagePermission,
granted to the org groups in services.page_permissions_sync) and media by
collection permissions (GroupCollectionPermission on the organisation's own
collection); these model permissions add the org scope the policy checks.

``wagtail_localize.submit_translation`` is a plain Django permission that
wagtail-localize checks with ``user.has_perm``; *which* pages a holder may
translate is decided by the page policy (retour/content/permissions.py): the
translate views fetch pages through it and the admin guard answers 404 for
another organisation's page.
"""

from retour.orgs.models import Role

ROLE_PERMISSIONS = {
    Role.ADMIN: [
        "content.edit_owned_page",
        "content.review_owned_page",
        "content.view_content_dashboard",
        "wagtail_localize.submit_translation",
    ],
    Role.EDITOR: [
        "content.edit_owned_page",
        "content.view_content_dashboard",
        "wagtail_localize.submit_translation",
    ],
    Role.REVIEWER: [
        "content.edit_owned_page",
        "content.review_owned_page",
        "content.view_content_dashboard",
        "wagtail_localize.submit_translation",
    ],
}

# Wagtail page permissions per role (on every language root; the page policy in
# permissions.py narrows them to the group's own organisation). Editors cannot publish: their pages go live
# through the OrgReviewTask workflow, approved by a reviewer of the owning org
# (Wagtail publishes the approved revision as the reviewer, so reviewers hold
# publish_page).
PAGE_PERMISSIONS = {
    Role.ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.EDITOR: ["add_page", "change_page"],
    Role.REVIEWER: ["add_page", "change_page", "publish_page", "lock_page"],
}

# Wagtail image/document permissions per role, on the organisation's own collection.
_MEDIA = ["add_image", "change_image", "choose_image", "add_document", "change_document"]
COLLECTION_PERMISSIONS = {
    Role.ADMIN: [*_MEDIA, "choose_document", "delete_image", "delete_document"],
    Role.EDITOR: [*_MEDIA, "choose_document"],
    Role.REVIEWER: [*_MEDIA, "choose_document"],
}
