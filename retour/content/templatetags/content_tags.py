"""Template helpers for public pages: the language picker and reader labels."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

from ..selectors import _swap_prefix

register = template.Library()


@register.inclusion_tag("content/_language_picker.html", takes_context=True)
def language_picker(context):
    """Links to the same page in every launch language (no JavaScript needed)."""
    links = context.get("language_links")
    if not links:
        request = context.get("request")
        path = request.path if request is not None else "/"
        current = translation.get_language()
        links = [
            {
                "code": code,
                "name": name,
                "url": _swap_prefix(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    return {"links": links}


@register.filter
def text_dir(code: str) -> str:
    return "rtl" if (code or "").split("-")[0] in settings.RTL_LANGUAGES else "ltr"


@register.filter
def country_names(codes) -> str:
    """``["AF", "IQ"]`` → "Afghanistan, Iraq" in the reader's language."""
    from ..names import country_names as names

    return ", ".join(names([codes] if isinstance(codes, str) else codes))


@register.filter
def language_names(codes) -> str:
    """``["ar", "fa"]`` → "Arabic, Persian" (العربية… for an Arabic reader)."""
    from ..names import language_names as names

    return ", ".join(names(codes))


@register.filter
def weekday(code: str) -> str:
    """``"mo"`` → "Monday" / "lundi" / "الاثنين"."""
    from ..names import weekday_name

    return weekday_name(code)
