"""Approve-and-publish as one atomic step.

Wagtail performs a workflow action in several writes without a lock: the
edit view checks that a task is in progress, saves the form and a revision,
then reads ``page.current_workflow_task`` *again* and calls ``on_action`` on
it. Two posts at once (a double click, two reviewers) both pass the check; the
second then finds the workflow finished and fails with ``'NoneType' object has
no attribute 'on_action'`` (a 500), and any failure after the task state was
saved can leave a page approved but not published.

:func:`wrap_workflow_urls` wraps, in place, the two admin URLs that perform a
workflow action (the page edit view's "action-workflow-action" post and
``workflow_action``) so that each such post

* runs in one transaction holding a lock on the page's in-progress workflow
  state (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
  already serialises writers), so concurrent posts run one after the other;
* is answered with a message and a redirect, not a 500, when the review has
  already finished (the second post of a double click) or fails;
* is rolled back unless the result is consistent: a workflow that ended
  approved must have published the revision it approved.
"""

from __future__ import annotations

import functools
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState

logger = logging.getLogger(__name__)

# (URL namespace, name) of the views that perform a workflow action on POST.
WORKFLOW_URLS = {("wagtailadmin_pages", "edit"), ("wagtailadmin_pages", "workflow_action")}


class ReviewInconsistent(Exception):
    """The action would leave the page approved but not published: roll back."""


def _states(page_id: int):
    page_type = ContentType.objects.get_for_model(Page)
    return WorkflowState.objects.filter(base_content_type=page_type, object_id=str(page_id))


def _is_workflow_post(request, kwargs) -> bool:
    if request.method != "POST":
        return False
    # The edit view saves a draft on a plain post; only its workflow action is ours.
    return "task_state_id" in kwargs or bool(request.POST.get("action-workflow-action"))


def _check_published(page_id: int, state_ids: list[int]) -> None:
    """A workflow this post approved must have published the page's latest
    revision (what Wagtail's ``publish_workflow_state`` publishes)."""
    approved = WorkflowState.objects.filter(pk__in=state_ids, status=WorkflowState.STATUS_APPROVED)
    if not approved.exists():
        return
    page = Page.objects.get(pk=page_id)
    latest = page.get_latest_revision()
    if not page.live or latest is None or page.live_revision_id != latest.pk:
        raise ReviewInconsistent(f"page {page_id} approved without publishing its latest revision")


def atomic_workflow_view(view):
    if getattr(view, "_retour_atomic_review", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_workflow_post(request, kwargs):
            return view(request, *args, **kwargs)
        page_id = int(kwargs["page_id"])
        edit_url = redirect("wagtailadmin_pages:edit", page_id)
        try:
            with transaction.atomic():
                # Lock the page first, then its running workflow: every
                # publication of this page waits for the other to finish.
                Page.objects.select_for_update().filter(pk=page_id).values_list("pk").first()
                running = list(
                    _states(page_id)
                    .select_for_update()
                    .filter(status=WorkflowState.STATUS_IN_PROGRESS)
                    .values_list("pk", flat=True)
                )
                task_state_id = kwargs.get("task_state_id")
                finished = not running or (
                    task_state_id is not None
                    and not TaskState.objects.filter(
                        pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS
                    ).exists()
                )
                if finished:
                    messages.warning(
                        request, _("This review has already been decided; nothing was changed.")
                    )
                    return edit_url
                response = view(request, *args, **kwargs)
                if response.status_code >= 500:
                    raise ReviewInconsistent(f"workflow view answered {response.status_code}")
                _check_published(page_id, running)
                return response
        except (Http404, PermissionDenied):
            raise  # Wagtail's own refusals keep their answer
        except Exception:
            # Everything this post wrote was rolled back with the transaction.
            logger.exception("workflow action on page %s failed and was rolled back", page_id)
            messages.error(
                request,
                _("The review action could not be completed, and nothing was changed. Try again."),
            )
            return edit_url

    wrapper._retour_atomic_review = True  # type: ignore[attr-defined,unused-ignore]
    return wrapper


def wrap_workflow_urls(patterns, namespace: str | None = None) -> None:
    """Wrap, in place, the URL patterns named in WORKFLOW_URLS (recursively)."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            wrap_workflow_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif (namespace, getattr(pattern, "name", None)) in WORKFLOW_URLS:
            pattern.callback = atomic_workflow_view(pattern.callback)
