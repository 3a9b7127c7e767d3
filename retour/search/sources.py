"""Adapter from the portal's published pages to search documents.

Only this module knows the content page models (search builds on content;
content never imports search). It reads their fields by duck typing
(``getattr``) so that a renamed or added field in retour.content degrades to
"not indexed" for that field rather than breaking search.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags

from retour.content import models as content_models

from .models import DocumentKind

# Content page class name → document kind.
KIND_BY_CLASS = {
    "ShortAnswerPage": DocumentKind.SHORT_ANSWER,
    "CountrySheetPage": DocumentKind.COUNTRY_SHEET,
    "ReturnProgrammePage": DocumentKind.PROGRAMME,
    "DecisionExplainerPage": DocumentKind.EXPLAINER,
    "ServicePointPage": DocumentKind.SERVICE_POINT,
}


@dataclass
class SourceDoc:
    source_key: str
    organisation: Any
    kind: str
    locale: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    country: str = ""
    page_id: int | None = None
    translation_key: Any = None
    revision_id: int | None = None
    last_verified: datetime.date | None = None
    review_by: datetime.date | None = None
    meta: dict = field(default_factory=dict)


def _text(value) -> str:
    """Plain text from a str, RichText or StreamField value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_tags(value)
    if hasattr(value, "source"):  # wagtail RichText
        return strip_tags(value.source)
    if hasattr(value, "raw_data") or isinstance(value, list | tuple):  # StreamValue / ListValue
        return " ".join(_text(getattr(child, "value", child)) for child in value)
    if isinstance(value, dict):  # StructValue
        return " ".join(
            _text(v) for k, v in value.items() if k not in ("last_verified", "sources", "url")
        )
    return ""


def _hours(page) -> dict[str, list[list[str]]]:
    hours: dict[str, list[list[str]]] = {}
    for block in getattr(page, "opening_hours", None) or []:
        value = block.value
        opens, closes = value.get("opens"), value.get("closes")
        if value.get("weekday") and opens and closes:
            hours.setdefault(value["weekday"], []).append(
                [opens.strftime("%H:%M"), closes.strftime("%H:%M")]
            )
    return hours


def _short_answer_country(page) -> str:
    for block in getattr(page, "backing_pages", None) or []:
        target = block.value
        country = getattr(getattr(target, "specific", None), "country", "") if target else ""
        if country:
            return country
    return ""


def source_for_page(page) -> SourceDoc | None:
    """The search document for one live page, or None if it is not searchable."""
    page = page.specific
    kind = KIND_BY_CLASS.get(type(page).__name__)
    organisation = getattr(page, "organisation", None)
    if kind is None or organisation is None or not page.live:
        return None
    if getattr(page, "purpose", "voluntary_return") != "voluntary_return":
        # Enforcement information is kept apart from voluntary-return answers.
        return None
    url = page.get_url() or page.url_path
    summary = _text(getattr(page, "answer", "") or getattr(page, "summary", ""))
    parts: list[str] = []
    meta: dict = {}
    country = getattr(page, "country", "") or ""
    if kind == DocumentKind.SHORT_ANSWER:
        country = _short_answer_country(page)
    elif kind == DocumentKind.COUNTRY_SHEET:
        parts.append(_text(page.sections))
    elif kind == DocumentKind.PROGRAMME:
        for attr in ("operator", "funders", "in_kind_support", "vulnerable_extras"):
            parts.append(_text(getattr(page, attr, "")))
        parts.append(_text(getattr(page, "how_to_apply", "")))
        nationalities = list(getattr(page, "eligible_nationalities", []) or [])
        meta["eligible_nationalities"] = nationalities
        if len(nationalities) == 1:
            country = nationalities[0]
    elif kind == DocumentKind.EXPLAINER:
        parts.append(_text(getattr(page, "body", "")))
        parts.append(_text(getattr(page, "options", "")))
    elif kind == DocumentKind.SERVICE_POINT:
        summary = summary or _text(getattr(page, "description", ""))
        parts.extend([page.provider, page.city, " ".join(page.service_labels())])
        lat, lon = getattr(page, "latitude", None), getattr(page, "longitude", None)
        meta = {
            "lat": float(lat) if lat is not None else None,
            "lon": float(lon) if lon is not None else None,
            "city": page.city,
            "provider": page.provider,
            "street": getattr(page, "street", ""),
            "languages": list(page.languages or []),
            "services": list(page.services or []),
            "opening_hours": _hours(page),
            "anonymous": bool(getattr(page, "anonymous", False)),
            "no_appointment": bool(getattr(page, "no_appointment", False)),
        }
    return SourceDoc(
        source_key=f"page:{page.pk}",
        organisation=organisation,
        kind=kind,
        locale=page.locale.language_code,
        title=page.title,
        url=url,
        summary=summary,
        body=" ".join(p for p in parts if p),
        country=(country or "").upper(),
        page_id=page.pk,
        translation_key=page.translation_key,
        revision_id=page.live_revision_id,
        last_verified=getattr(page, "last_verified", None),
        review_by=getattr(page, "review_by", None),
        meta=meta,
    )


def searchable_page_models() -> list[Any]:
    return [m for name in KIND_BY_CLASS if (m := getattr(content_models, name, None))]


def iter_published_sources() -> Iterator[SourceDoc]:
    for model in searchable_page_models():
        for page in model.objects.live().select_related("locale", "organisation").iterator():
            doc = source_for_page(page)
            if doc is not None:
                yield doc
