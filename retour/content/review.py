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

The rest of the module is the review of wagtail-localize translations: the
"Submit for review" step its editor lacks, strings kept read-only while a
review runs, and the reviewer's "Request changes" (see the sections below).
"""

from __future__ import annotations

import contextlib
import functools
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState

logger = logging.getLogger(__name__)

# (URL namespace, name) of the views that perform a workflow action on POST.
WORKFLOW_URLS = {("wagtailadmin_pages", "edit"), ("wagtailadmin_pages", "workflow_action")}


class ReviewInconsistent(Exception):
    """The action would leave the page approved but not published: roll back."""


def _states(page_id: int):
    return _states_of([str(page_id)])


def _states_of(object_ids: list[str]):
    page_type = ContentType.objects.get_for_model(Page)
    return WorkflowState.objects.filter(base_content_type=page_type, object_id__in=object_ids)


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
    """Wrap, in place, the URL patterns named in WORKFLOW_URLS (recursively),
    wagtail-localize's "Sync translated pages" (UPDATE_TRANSLATIONS_URL), its
    string writes (STRING_WRITE_URLS) and the views that end a synced
    translation (END_TRANSLATION_URLS); the edit view also refuses the
    translation editor's "Publish" while in review."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            wrap_workflow_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif (namespace, getattr(pattern, "name", None)) in WORKFLOW_URLS:
            pattern.callback = atomic_workflow_view(pattern.callback)
            if (namespace, pattern.name) == EDIT_URL:
                pattern.callback = refuse_publish_while_in_review(pattern.callback)
        elif (namespace, getattr(pattern, "name", None)) == UPDATE_TRANSLATIONS_URL:
            pattern.callback = publish_only_if_allowed(pattern.callback)
        elif (namespace, getattr(pattern, "name", None)) in STRING_WRITE_URLS:
            pattern.callback = refuse_while_in_review(pattern.callback)
        elif page_of := END_TRANSLATION_URLS.get((namespace or "", getattr(pattern, "name", ""))):
            pattern.callback = refuse_ending_while_in_review(pattern.callback, page_of)


UPDATE_TRANSLATIONS_URL = ("wagtail_localize", "update_translations")


def _may_publish_every_translation(user, source_id: int) -> bool:
    from wagtail_localize.models import Translation

    for translation in Translation.objects.filter(source_id=source_id, enabled=True):
        try:
            target = translation.get_target_instance()
        except Exception:  # not created yet: the sync would create and publish it
            target = None
        if not isinstance(target, Page) or not target.permissions_for_user(user).can_publish():
            return False
    return True


def publish_only_if_allowed(view):
    """wagtail-localize's "Sync translated pages" offers "Publish immediately" to
    anyone holding submit_translation and publishes every translation without
    asking whether they may publish: an editor's way around review. Without
    publish permission on every translated page, the sync is applied and the
    tick is dropped (the translations are then submitted for review as usual).

    With it, the tick is dropped too and Retour publishes after the sync, each
    page under its row lock, every translation but those in review: publishing
    one would cancel its workflow (Wagtail's default) and put the source's new
    strings live without the review the reviewer has not made yet. Those are
    named in a message; they are published when approved.
    """
    if getattr(view, "_retour_publish_guard", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST" or not request.POST.get("publish_translations"):
            return view(request, *args, **kwargs)
        source_id = int(kwargs["translation_source_id"])
        request.POST = request.POST.copy()
        request.POST.pop("publish_translations")
        if not _may_publish_every_translation(request.user, source_id):
            messages.warning(
                request,
                _(
                    "You may not publish these translations: they were updated, "
                    "not published. Submit them for review."
                ),
            )
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if response.status_code != 302:
            return response  # the form was refused: nothing was synced
        left = _publish_translations_not_in_review(request.user, source_id)
        if left:
            messages.warning(
                request,
                _(
                    "Not published, because they are in review: %(pages)s. "
                    "A reviewer publishes them by approving."
                )
                % {"pages": ", ".join(left)},
            )
        return response

    wrapper._retour_publish_guard = True  # type: ignore[attr-defined,unused-ignore]
    return wrapper


def _publish_translations_not_in_review(user, source_id: int) -> list[str]:
    """What wagtail-localize's sync does with "Publish immediately", page by
    page, skipping the pages in review; returns those ("title (language)")."""
    from wagtail_localize.models import Translation

    left = []
    translations = Translation.objects.filter(source_id=source_id, enabled=True)
    for translation in translations.select_related("target_locale"):
        page_id = _target_page_id(translation.pk)
        with transaction.atomic():
            if page_id is not None:
                # The lock submit_translation takes: no submission slips in between.
                Page.objects.select_for_update().filter(pk=page_id).values_list("pk").first()
                if page_in_review(page_id):
                    page = Page.objects.get(pk=page_id)
                    language = translation.target_locale.get_display_name()
                    left.append(f"{page.get_admin_display_title()} ({language})")
                    continue
            with contextlib.suppress(ValidationError):  # as wagtail-localize's sync
                translation.save_target(user=user, publish=True)
    return left


# -- Strings under review are read-only -----------------------------------------
#
# A reviewer approves a revision built from the strings at submission; while
# the review runs, a string saved in wagtail-localize's editor would change
# the page's next submission, and the reviewer would be looking at text that
# is no longer the editor's. So while the page's workflow is in progress no
# one changes its strings -- the editor who submitted it, other editors, and
# reviewers too: what was reviewed is what gets published. A reviewer who
# wants a change requests it (the workflow then needs changes, and the
# strings are editable again). The editor's page shows them read-only
# (templatetags/content_review.py); these are the server-side refusals.

# wagtail-localize's views that write a translation's strings or overrides
# (``translation_id`` in their URL): one string saved or cleared, one
# synchronised value (image, link...) overridden or reset, a PO file
# imported, every missing string machine-translated.
STRING_WRITE_URLS = {
    ("wagtail_localize", "edit_string_translation"),
    ("wagtail_localize", "edit_override"),
    ("wagtail_localize", "upload_pofile"),
    ("wagtail_localize", "machine_translate"),
}

IN_REVIEW_NOTICE = _lazy(
    "This translation is in review; it can be changed after a reviewer approves "
    "or requests changes."
)


def page_in_review(page_id: int) -> bool:
    """A reviewer is deciding on the page (its workflow is in progress, not
    sent back for changes)."""
    return _states(page_id).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def pages_in_review(page_ids) -> set[int]:
    """Those of ``page_ids`` a reviewer is deciding on, in one query."""
    states = _states_of([str(pk) for pk in page_ids])
    return {
        int(pk)
        for pk in states.filter(status=WorkflowState.STATUS_IN_PROGRESS).values_list(
            "object_id", flat=True
        )
    }


def _target_page_id(translation_id: int) -> int | None:
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(pk=translation_id).select_related("source").first()
    if translation is None:
        return None
    try:
        target = translation.get_target_instance()
    except Exception:  # not created yet: nothing to review
        return None
    return target.pk if isinstance(target, Page) else None


def _forbidden(request, reason):
    """A 403 page. Raising PermissionDenied would not do: Wagtail's admin turns
    it into a redirect to the dashboard, and the translation editor's script
    reads any answer but 200/201 as "not saved" anyway."""
    return permission_denied(request, PermissionDenied(str(reason)))


def refuse_while_in_review(view):
    """403 for a string write of a translation whose page is in review.

    The check and the write run in one transaction holding the page's row,
    which :func:`submit_translation` also locks: a string saved during a
    submission lands before it (and is in the reviewed revision) or is refused.
    """
    if getattr(view, "_retour_review_lock", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        page_id = _target_page_id(int(kwargs["translation_id"]))
        if page_id is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            Page.objects.select_for_update().filter(pk=page_id).values_list("pk").first()
            if page_in_review(page_id):
                return _forbidden(request, IN_REVIEW_NOTICE)
            return view(request, *args, **kwargs)

    wrapper._retour_review_lock = True  # type: ignore[attr-defined,unused-ignore]
    return wrapper


# -- No publishing or ending a translation around its review -------------------
#
# While a reviewer decides, what they approve is what gets published, and the
# approval is what the page's history records. wagtail-localize's editor has
# its own "Publish in <language>" for roles holding publish_page: it rebuilds
# the page from the strings and publishes it, which by Wagtail's default
# cancels the running workflow, so the review ends unrecorded. And "Stop
# Synced translation" / "Convert to alias" end the translation under review
# (the latter also overwrites the page with the source's content). All three
# are refused while the page is in review, for reviewers too: approving from
# the review bar publishes; requesting changes hands the page back.

EDIT_URL = ("wagtailadmin_pages", "edit")

PUBLISH_REFUSED = _lazy(
    "This translation is in review. A reviewer publishes it with “Approve and "
    "publish” in the review bar, which records the review; or requests changes."
)
ENDING_REFUSED = _lazy(
    "This translation is in review: it cannot be stopped or converted to an "
    "alias until a reviewer approves it or requests changes."
)


def _refused(request, reason, page_id: int):
    """403 with the reason, in the admin: these are form posts, the user reads the answer."""
    from django.template.response import TemplateResponse

    return TemplateResponse(
        request,
        "content/admin/refused_in_review.html",
        {"reason": reason, "page_id": page_id},
        status=403,
    )


def _while_not_in_review(request, page_id: int, reason, view, args, kwargs):
    """The view, under the page's row lock (as submit_translation takes it),
    unless the page is in review: then a 403 saying why."""
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=page_id).values_list("pk").first()
        if page_in_review(page_id):
            return _refused(request, reason, page_id)
        return view(request, *args, **kwargs)


def refuse_publish_while_in_review(view):
    """The page edit view: the translation editor's "Publish" (a POST with
    ``action=publish``, handled by wagtail-localize's before_edit_page hook)
    is refused while the page is in review. Outside review Wagtail's rights
    apply (editors lack publish_page; wagtail-localize checks it)."""
    if getattr(view, "_retour_publish_lock", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST" or request.POST.get("action") != "publish":
            return view(request, *args, **kwargs)
        page_id = int(kwargs["page_id"])
        return _while_not_in_review(request, page_id, PUBLISH_REFUSED, view, args, kwargs)

    wrapper._retour_publish_lock = True  # type: ignore[attr-defined,unused-ignore]
    return wrapper


def _page_of_translation(kwargs) -> int | None:
    return _target_page_id(int(kwargs["translation_id"]))


def _page_of_page(kwargs) -> int | None:
    return int(kwargs["page_id"])


# wagtail-localize's views that end a page's synced translation: "Stop Synced
# translation" (disables it) and "Convert to alias" (its confirmation too).
END_TRANSLATION_URLS = {
    ("wagtail_localize", "stop_translation"): _page_of_translation,
    ("wagtail_localize", "convert_to_alias"): _page_of_page,
}


def refuse_ending_while_in_review(view, page_of):
    """403 for stopping a translation, or converting it to an alias, while in review."""
    if getattr(view, "_retour_ending_lock", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        page_id = page_of(kwargs)
        if page_id is None:
            return view(request, *args, **kwargs)
        return _while_not_in_review(request, page_id, ENDING_REFUSED, view, args, kwargs)

    wrapper._retour_ending_lock = True  # type: ignore[attr-defined,unused-ignore]
    return wrapper


# -- Submitting a wagtail-localize translation for review ----------------------
#
# wagtail-localize replaces the page editor of a translated page with its
# translation editor. Strings are saved as the translator types, but the
# editor's only way to turn them into the page is "Publish", offered to roles
# holding publish_page; and Wagtail's "Submit for moderation" lives in the
# page editor the translation editor replaces. This is that missing step,
# made of wagtail-localize's and Wagtail's own calls: ``save_target(publish=
# False)`` builds a draft revision from the strings, then the page's workflow
# starts (or resumes after "request changes"), exactly as the page editor's
# submit action does. The reviewer's approval publishes that revision.


def untranslated_texts(translation) -> tuple[int, int]:
    """(untranslated, total) reader-facing strings of ``translation``.

    wagtail-localize's ``get_progress`` also counts the slug (and SEO fields),
    which a translation may keep: they fall back to the source's.
    """
    from wagtail_localize.models import StringSegment, StringTranslation

    from .translation_status import SKIPPED_FIELDS

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    )
    segments = StringSegment.objects.filter(source_id=translation.source_id)
    total = missing = 0
    for path, is_translated in segments.annotate(done=Exists(translated)).values_list(
        "context__path", "done"
    ):
        if path.split(".")[0] in SKIPPED_FIELDS:
            continue
        total += 1
        missing += not is_translated
    return missing, total


def translation_review_state(user, translation, page) -> dict:
    """What the translation editor's review bar shows ``user`` for ``page``."""
    perms = page.permissions_for_user(user)
    missing, total = untranslated_texts(translation)
    workflow_state = page.current_workflow_state
    task_state = page.current_workflow_task_state
    task = page.current_workflow_task
    actions = {name for name, _label, _modal in task.get_actions(page, user)} if task else set()
    needs_changes = bool(
        workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    )
    # The reviewer's "request changes": the rejected task state and its comment.
    rejected = workflow_state.current_task_state if needs_changes and workflow_state else None
    return {
        "translation": translation,
        "page": page,
        "missing": missing,
        "total": total,
        "in_review": bool(workflow_state) and not needs_changes,
        "needs_changes": needs_changes,
        "workflow_state": workflow_state,
        # Wagtail's own test: a workflow, the page not locked, none in progress.
        "can_submit": needs_changes or (perms.can_submit_for_moderation() and not workflow_state),
        "can_publish": perms.can_publish(),
        "can_approve": task_state is not None and "approve" in actions,
        "can_request_changes": task_state is not None and "reject" in actions,
        "task_state": task_state,
        "rejected": rejected,
        "strings_locked": bool(workflow_state) and not needs_changes,
    }


def _save_draft_revision(translation, page, user):
    """The strings as a new draft revision, leaving what readers see untouched.

    ``save_target`` writes the translated fields onto the page row itself, and
    for a live page that row is what Wagtail serves: an edit would be public
    before any review. Wagtail's page editor saves a live page's row only on
    publish (``form.save(commit=not page.live)``); so, for a live page, the
    published content goes back onto the row and the new revision stays a
    draft, as after "Save draft" in the page editor.
    """
    live_revision = page.live_revision if page.live else None
    translation.save_target(user=user, publish=False)
    if live_revision is None:
        return
    draft = Page.objects.get(pk=page.pk).specific
    restored = live_revision.as_object()
    restored.latest_revision = draft.latest_revision
    restored.draft_title = draft.draft_title
    restored.has_unpublished_changes = True
    # The revision holds the page as it was saved, before it was published:
    # without these the row would no longer name its live revision.
    restored.live_revision_id = live_revision.pk
    restored.last_published_at = draft.last_published_at
    restored.save(clean=False)


def _target_page(user, translation_id: int):
    """The translation's page, or 404 (another organisation's, missing, not a page)."""
    from wagtail_localize.models import Translation

    from . import access

    # Another organisation's translation looks missing, as everywhere in the admin.
    access.check_kwargs(user, {"t": access._translation}, {"t": translation_id})
    translation = Translation.objects.filter(pk=translation_id, enabled=True).first()
    page = translation.get_target_instance() if translation is not None else None
    if not isinstance(page, Page) or not page.permissions_for_user(user).can_edit():
        raise Http404
    return translation, page.specific


@require_POST
def submit_translation(request, translation_id: int):
    """POST: the translation's strings become a revision submitted for review."""
    translation, page = _target_page(request.user, translation_id)
    edit_url = redirect("wagtailadmin_pages:edit", page.pk)
    with transaction.atomic():
        # One submission at a time (a double click starts one workflow).
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk").first()
        state = translation_review_state(request.user, translation, page)
        if not state["can_submit"]:
            messages.warning(
                request, _("This translation is already awaiting review, or cannot be submitted.")
            )
            return edit_url
        if state["missing"]:
            # Approving it would publish the source's words in their place.
            messages.error(
                request,
                _(
                    "%(missing)d of %(total)d texts are not translated yet. "
                    "Translate them before submitting for review."
                )
                % {"missing": state["missing"], "total": state["total"]},
            )
            return edit_url
        _save_draft_revision(translation, page, request.user)
        page = Page.objects.get(pk=page.pk).specific
        if state["needs_changes"]:
            state["workflow_state"].resume(request.user)
        else:
            page.get_workflow().start(page, request.user)
    messages.success(
        request,
        _("'%(title)s' in %(language)s has been submitted for review.")
        % {
            "title": page.get_admin_display_title(),
            "language": translation.target_locale.get_display_name(),
        },
    )
    return edit_url


# -- Requesting changes -------------------------------------------------------


@require_POST
def request_translation_changes(request, translation_id: int):
    """POST (``comment``, ``task_state``): the reviewer sends the translation back.

    Wagtail's own "reject" action of the running task (Wagtail logs it as
    ``wagtail.workflow.reject`` with the comment; signals.py copies that entry
    into Retour's audit as ``page.review_rejected``). The workflow then needs
    changes: the strings are editable again and the editor resubmits.
    """
    _translation, page = _target_page(request.user, translation_id)
    edit_url = redirect("wagtailadmin_pages:edit", page.pk)
    comment = (request.POST.get("comment") or "").strip()
    with transaction.atomic():
        # The same locks as approve (atomic_workflow_view): one decision per review.
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk").first()
        running = (
            _states(page.pk).select_for_update().filter(status=WorkflowState.STATUS_IN_PROGRESS)
        )
        workflow_state = running.first()
        task_state = workflow_state.current_task_state if workflow_state else None
        if (
            task_state is None
            or task_state.status != TaskState.STATUS_IN_PROGRESS
            or str(task_state.pk) != request.POST.get("task_state")
        ):
            messages.warning(
                request, _("This review has already been decided; nothing was changed.")
            )
            return edit_url
        task = task_state.task.specific
        if "reject" not in {name for name, _label, _modal in task.get_actions(page, request.user)}:
            return _forbidden(request, _("Only a reviewer of this page may request changes."))
        if not comment:
            messages.error(request, _("Say what should change: the comment is required."))
            return edit_url
        task.on_action(task_state.specific, request.user, "reject", comment=comment)
    messages.success(
        request,
        _("Changes requested: '%(title)s' is back with its editor.")
        % {"title": page.get_admin_display_title()},
    )
    return edit_url
