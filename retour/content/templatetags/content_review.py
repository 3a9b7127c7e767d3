"""The review bar of wagtail-localize's translation editor (see review.py)."""

from __future__ import annotations

from django import template

from ..review import translation_review_state

register = template.Library()


@register.inclusion_tag("content/admin/translation_review_bar.html", takes_context=True)
def translation_review_bar(context, translation, instance) -> dict:
    """Submit for review (editors), or approve and publish (reviewers)."""
    request = context["request"]
    state = translation_review_state(request.user, translation, instance.specific)
    state["csrf_token"] = context.get("csrf_token")
    return state
