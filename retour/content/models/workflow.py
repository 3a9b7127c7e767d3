"""Review by the owning organisation: a Wagtail workflow task scoped by org.

Wagtail's GroupApprovalTask lets any member of the chosen groups approve any
page. Here a reviewer may only act on pages of an organisation in which they
hold ``content.review_owned_page``, decided by the one permission policy.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from retour.orgs import policy

REVIEW_PERM = "content.review_owned_page"


def _organisation(obj):
    specific = getattr(obj, "specific_deferred", obj)
    return getattr(specific, "organisation", None)


class OrgReviewTask(Task):
    """Approval by a reviewer of the organisation that owns the page."""

    def _may_review(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        org = _organisation(obj)
        return org is not None and policy.has_perm(user, REVIEW_PERM, org=org)

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        if self._may_review(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        orgs = list(policy.orgs_with_perm(user, REVIEW_PERM).values_list("pk", flat=True))
        if not orgs:
            return TaskState.objects.none()
        from .base import OwnedPage

        page_ids = OwnedPage.objects.filter(organisation_id__in=orgs).values_list("pk", flat=True)
        # object_id is a string column holding the page's primary key.
        return states.filter(
            workflow_state__object_id__in=[str(pk) for pk in page_ids],
        )

    @classmethod
    def get_description(cls):
        return _("A reviewer of the organisation that owns the page approves it")

    class Meta:
        verbose_name = _("organisation review task")
        verbose_name_plural = _("organisation review tasks")
