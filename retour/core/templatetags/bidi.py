"""Isolating text of unknown direction inside translated sentences.

An organisation called "Sample Counselling (demo)" inside an Arabic sentence
is reordered by the Unicode bidi algorithm: the brackets jump to the wrong
side. <bdi> isolates the inserted name so the sentence reads correctly in
either direction.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value) -> str:
    return format_html("<bdi>{}</bdi>", value)
