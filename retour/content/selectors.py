"""Reads for the content portal: trust context, translation status, freshness."""

from __future__ import annotations

import datetime
import json
import re

from django.conf import settings
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from wagtail.models import Locale

from .models import OwnedPage, PageDailyReads, Purpose
from .models.base import SOON_STALE_DAYS
from .translation_status import PageTranslationState, page_translation_state
from .translation_status import TranslationStatus as TranslationStatus  # re-exported


def source_locale_id(page) -> int:
    """The locale a page was originally written in (wagtail-localize's source)."""
    from wagtail_localize.models import TranslationSource

    row = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .order_by("created_at")
        .values_list("locale_id", flat=True)
        .first()
    )
    if row is not None:
        return row
    return Locale.get_default().pk


def source_page(page):
    """The source page of a translation, or None when ``page`` is the source."""
    locale_id = source_locale_id(page)
    if page.locale_id == locale_id:
        return None
    return (
        OwnedPage.objects.filter(translation_key=page.translation_key, locale_id=locale_id)
        .select_related("locale")
        .first()
    )


def translation_state(page, source=None) -> PageTranslationState:
    """Status of ``page`` computed from its sections' text (translation_status.py)."""
    source = source if source is not None else source_page(page)
    return page_translation_state(page, source)


def translation_status(page, source=None) -> str:
    return translation_state(page, source).status


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def language_links(page, request) -> list[dict]:
    """For the language picker: the same page in every launch language.

    Where a translation exists we link to it; otherwise to the same path under
    the other language prefix, which serves the original with a fallback label.
    """
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    current = translation.get_language()
    path = request.path if request is not None else page.url
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
            if url and not url.startswith(f"/{code}/"):
                url = _swap_prefix(url, code)
        else:
            url = _swap_prefix(path, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "available": code in translations,
            }
        )
    return links


def _swap_prefix(path: str, code: str) -> str:
    codes = "|".join(re.escape(c) for c, _ in settings.LANGUAGES)
    match = re.match(rf"^/({codes})(/.*)?$", path)
    rest = (match.group(2) or "/") if match else path
    return f"/{code}{rest}"


def page_trust_context(page, request) -> dict:
    today = timezone.localdate()
    source = source_page(page)
    state = translation_state(page, source)
    reader_lang = translation.get_language() or settings.LANGUAGE_CODE
    page_lang = page.locale.language_code
    fallback = page_lang != reader_lang.split("-")[0]
    return {
        "owner": page.organisation,
        "stale": page.is_stale(today),
        "translation_status": state.status,
        "translation_status_label": state.label,
        "translation_state": state,
        "source_page": source,
        "fallback": fallback,
        "page_lang": page_lang,
        "page_dir": "rtl" if page_lang in settings.RTL_LANGUAGES else "ltr",
        "page_language_name": language_name(page_lang),
        "reader_language_name": language_name(reader_lang.split("-")[0]),
        "language_links": language_links(page, request),
        "stale_sections": _stale_sections(page, today),
    }


def _stale_sections(page, today) -> set[str]:
    sections = getattr(page, "sections", None)
    if sections is None:
        return set()
    limit = today - datetime.timedelta(days=page.REVIEW_DAYS)
    # A section without a date (an import or a translation that lost it) is
    # unverified: shown as possibly out of date, never a crash.
    return {
        s.value["kind"]
        for s in sections
        if s.value.get("last_verified") is None or s.value["last_verified"] < limit
    }


# -- enforcement separation ---------------------------------------------------
_PAGE_LINK = re.compile(
    r'linktype=\\?"page\\?"\s+id=\\?"(\d+)\\?"|id=\\?"(\d+)\\?"\s+linktype=\\?"page'
)


def linked_page_ids(page) -> set[int]:
    """Page ids a page links to: rich text page links and page chooser blocks."""
    ids: set[int] = set()
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        value = getattr(page, field.attname, None) if hasattr(field, "attname") else None
        if value is None:
            continue
        if hasattr(value, "raw_data"):  # StreamValue
            text = json.dumps(list(value.raw_data))
            ids |= _chooser_ids(list(value.raw_data))
        elif isinstance(value, str):
            text = value
        else:
            continue
        for a, b in _PAGE_LINK.findall(text):
            ids.add(int(a or b))
    ids.discard(page.pk)
    return ids


def _chooser_ids(raw) -> set[int]:
    ids = set()
    for block in raw:
        if block.get("type") == "page" and isinstance(block.get("value"), int):
            ids.add(block["value"])
    return ids


def enforcement_links(page) -> list:
    """Enforcement-tagged pages linked from a voluntary-return page."""
    if getattr(page, "purpose", None) != Purpose.VOLUNTARY_RETURN:
        return []
    ids = linked_page_ids(page)
    if not ids:
        return []
    return list(OwnedPage.objects.filter(pk__in=ids, purpose=Purpose.ENFORCEMENT))


# -- editor dashboard ---------------------------------------------------------
def pages_needing_review(organisation, *, today=None, days: int = 30):
    """Stale and soon-stale pages of one organisation, most read first."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    reads = (
        PageDailyReads.objects.filter(page=OuterRef("pk"), day__gte=since)
        .values("page")
        .annotate(total=Sum("count"))
        .values("total")
    )
    horizon = today + datetime.timedelta(days=SOON_STALE_DAYS)
    return (
        OwnedPage.objects.filter(organisation=organisation, review_by__lte=horizon)
        .select_related("locale")
        .annotate(reads=Coalesce(Subquery(reads, output_field=IntegerField()), Value(0)))
        .order_by("-reads", "review_by", "pk")
    )


def published_pages():
    return OwnedPage.objects.live().public()


# -- translation dashboard -----------------------------------------------------
def translation_overview(org, *, language: str) -> dict:
    """Every page ``org`` wrote in the default language and the state of its
    ``language`` translation (none yet counts as not translated, 0 of 0)."""
    default = Locale.get_default()
    owned = OwnedPage.objects.filter(organisation=org).select_related("locale")
    rows: list[dict] = []
    counts = dict.fromkeys(TranslationStatus.ORDER, 0)
    if language == default.language_code:
        return {"rows": rows, "counts": counts, "total": 0}
    source_pages = owned.filter(locale=default)
    sources = list(source_pages.order_by("title"))
    targets = {
        p.translation_key: p
        for p in owned.filter(
            locale__language_code=language,
            translation_key__in=source_pages.values("translation_key"),
        )
    }
    for source in sources:
        target = targets.get(source.translation_key)
        if target is None:
            state = PageTranslationState(TranslationStatus.NOT_TRANSLATED, 0, 0)
        else:
            state = page_translation_state(target, source)
        counts[state.status] += 1
        rows.append({"source": source, "page": target, "state": state})
    rows.sort(key=lambda r: (TranslationStatus.ORDER.index(r["state"].status), r["source"].title))
    return {"rows": rows, "counts": counts, "total": len(rows)}
