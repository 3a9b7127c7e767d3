"""Rich text sanitising for imported content.

Wagtail's editor only stores what its features allow, but imported files
bypass the editor, so their HTML is cleaned to the same small vocabulary
(links keep Wagtail's internal ``linktype``/``id`` attributes).
"""

from __future__ import annotations

import bleach

ALLOWED_TAGS = ["p", "h2", "h3", "h4", "b", "i", "strong", "em", "ol", "ul", "li", "a", "br"]
ALLOWED_ATTRIBUTES = {"a": ["href", "linktype", "id"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto", "tel"]


def sanitise_html(html: str) -> str:
    return bleach.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


# StreamField paths holding rich text: (field, block type, key inside the struct)
RICH_STREAM_KEYS = {
    ("sections", "section"): "body",
    ("options", "option"): "explanation",
}


def sanitise_stream(field: str, raw: list) -> list:
    cleaned = []
    for block in raw:
        block = dict(block)
        key = RICH_STREAM_KEYS.get((field, str(block.get("type"))))
        if key and isinstance(block.get("value"), dict) and key in block["value"]:
            value = dict(block["value"])
            value[key] = sanitise_html(value[key])
            block["value"] = value
        cleaned.append(block)
    return cleaned
