"""While a page is in review, only the review publishes it.

Wagtail lets anyone holding publish permission publish a page whose workflow
is in progress: the page editor's "Publish" (and "Publish this version" on
the revisions page, the same view), the page listing's bulk "Publish" and the
admin API's publish action (``POST /admin/api/main/pages/<id>/action/publish/``).
By default (``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``) that cancels the running
workflow, so the review ends unrecorded and whatever the last draft holds
goes live unreviewed -- for a source page as for a translation. Here all
three are refused while the workflow is in progress, for reviewers,
administrators and the platform alike (the API with a 403): a reviewer
publishes with the workflow's "Approve and publish", which records the
review; or requests changes.

wagtail-localize's own publish paths (its editor's "Publish", "Sync translated
pages" with "Publish immediately") are refused in review.py.

Bulk "Unpublish", "Move" and "Delete" stay Wagtail's: none of them publishes
anything the reviewer has not seen, and the review carries on (or ends with
the page, which the audit records as ``page.deleted``); taking wrong
information offline must stay possible while its correction is in review.

Refusals are not audited: Retour's audit copies what Wagtail logs
(signals.py), and a refused action writes nothing.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework.exceptions import PermissionDenied as APIPermissionDenied
from wagtail.admin import messages
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page

from .review import page_in_review, pages_in_review

PUBLISH_IN_REVIEW = _lazy(
    "“%(title)s” is in review, so it was not published. A reviewer publishes it "
    "with “Approve and publish”, which records the review; or requests changes."
)


def refuse_editor_publish(request, page):
    """``before_edit_page``: the editor's "Publish" (``action-publish``) while in review.

    Runs before the view reads the form, so nothing is saved: the page, its
    draft and its review stay as they were. Wagtail answers an autosave (JSON)
    request blocked here with its own JSON error.
    """
    if request.method != "POST" or not request.POST.get("action-publish"):
        return None
    if not page_in_review(page.pk):
        return None
    messages.error(request, PUBLISH_IN_REVIEW % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_pages:edit", page.pk)


def hide_publish_in_review(menu_items, request, context):
    """``construct_page_action_menu``: no "Publish" button while in review.

    Wagtail offers it to publishers next to the review's own actions, with a
    warning that it cancels the workflow; the review's "Approve and publish"
    is the way to publish. Wagtail appends "and Publish" to the final task's
    approve label, which already says so: "Approve and publish and Publish".
    """
    page = context.get("page")
    if page is None or page.pk is None or context.get("view") == "create":
        return
    if page_in_review(page.pk):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    approve = _("Approve and publish")
    doubled = _("%(label)s and Publish") % {"label": approve}
    for item in menu_items:
        if item.name == "approve" and str(item.label) == doubled:
            item.label = approve


def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    """``before_bulk_action``: bulk "Publish" of pages any of which is in review.

    With "include descendants" it would also publish every draft below, in
    review or not, so those count too. The whole action is refused (nothing
    published), naming the pages in review, rather than publishing some:
    the user chose the set, and picks again.
    """
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    ids = [page.pk for page in objects]
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            ids.extend(page.get_descendants().not_live().values_list("pk", flat=True))
    in_review = pages_in_review(ids)
    if not in_review:
        return None
    titles = ", ".join(
        page.specific_deferred.get_admin_display_title()
        for page in Page.objects.filter(pk__in=in_review).order_by("path")
    )
    messages.error(
        request,
        _(
            "Nothing was published: in review, %(pages)s. A reviewer publishes "
            "a page in review with “Approve and publish”, which records the review."
        )
        % {"pages": titles},
    )
    return redirect(action_class_instance.next_url)


class _PublishUnlessInReview(PublishPageAPIAction):
    """The admin API's ``POST pages/<id>/action/publish/``: 403 while in review."""

    def execute(self, instance, data):
        if page_in_review(instance.pk):
            title = instance.specific_deferred.get_admin_display_title()
            raise APIPermissionDenied(str(PUBLISH_IN_REVIEW % {"title": title}))
        return super().execute(instance, data)


class PagesAdminAPI(PagesAdminAPIViewSet):
    """Wagtail's admin pages API with its "publish" action refusing pages in
    review (registered over Wagtail's in ``wagtail_hooks.py``)."""

    actions = {**PagesAdminAPIViewSet.actions, "publish": _PublishUnlessInReview}
