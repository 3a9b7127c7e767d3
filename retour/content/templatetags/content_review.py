"""The review bar of wagtail-localize's translation editor (see review.py)."""

from __future__ import annotations

import json

from django import template

from ..review import page_in_review, translation_review_state

register = template.Library()


@register.inclusion_tag("content/admin/translation_review_bar.html", takes_context=True)
def translation_review_bar(context, translation, instance) -> dict:
    """Submit for review (editors), approve or request changes (reviewers)."""
    request = context["request"]
    state = translation_review_state(request.user, translation, instance.specific)
    state["csrf_token"] = context.get("csrf_token")
    return state


@register.simple_tag
def translation_editor_props(props: str, instance) -> str:
    """wagtail-localize's editor props, read-only while the page is in review.

    The editor has one read-only mode, for a locked page (``object.isLocked``):
    no "Edit"/"Translate" buttons, no PO upload, no machine translation. In
    review it is that mode; the page is not locked, so no "Unlock" either.
    The server refuses the writes anyway (review.refuse_while_in_review).
    Its own "Publish" and "Convert to alias" are hidden too: a reviewer
    publishes with the review bar's approve (the server refuses both,
    review.refuse_publish_while_in_review and refuse_ending_while_in_review).
    """
    if not page_in_review(instance.pk):
        return props
    data = json.loads(props)
    data["object"]["isLocked"] = True
    data["perms"]["canPublish"] = False
    data["links"]["convertToAliasUrl"] = None
    if not instance.locked:
        data["perms"]["canUnlock"] = False
    return json.dumps(data)
