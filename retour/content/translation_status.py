"""Translation status computed from the text, not from timestamps alone.

A translation is only as good as its words: a page copied into Arabic whose
eight section bodies are still English is not "current" however recently it
was published. Each *section* (a top-level StreamField block; on a page
without one, each translatable text field) of a translation is compared with
the same section of the source (wagtail-localize keeps block ids across
locales):

* a section whose text is identical to the source's, or which lingua detects
  in the source's language (and not in the translation's), is **not
  translated**;
* otherwise it counts as translated.

The page's status follows (most severe first): not translated (no section
translated), partly translated (n of m), outdated (the source changed after
the translation was published without a "minor edit" tick), machine-translated
not reviewed, current. Results are cached per pair of revisions, so the
public page and the dashboard pay for detection once per publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Below this many letters lingua guesses; only the identity check applies.
MIN_DETECT_LETTERS = 25
# Fields that are not reader-facing text.
SKIPPED_FIELDS = {"slug", "seo_title", "search_description"}
_CACHE_PREFIX = "retour:tstatus:v1"
_SPACE = re.compile(r"\s+")


class TranslationStatus:
    SOURCE = "source"
    CURRENT = "current"
    OUTDATED = "outdated"
    MACHINE = "machine"
    PARTIAL = "partial"
    NOT_TRANSLATED = "not_translated"

    LABELS = {
        SOURCE: _("Original version"),
        CURRENT: _("Translation up to date"),
        OUTDATED: _("Translation outdated: the original changed after it was translated"),
        MACHINE: _("Machine-translated, not yet reviewed by a person"),
        PARTIAL: _("Partly translated"),
        NOT_TRANSLATED: _("Not translated yet: this page shows the original text"),
    }
    # Severity order for summaries (worst first).
    ORDER = [NOT_TRANSLATED, PARTIAL, OUTDATED, MACHINE, CURRENT]


@dataclass(frozen=True)
class PageTranslationState:
    status: str
    translated: int  # sections translated
    total: int  # sections in the source

    @property
    def label(self) -> str:
        if self.status == TranslationStatus.PARTIAL:
            return ngettext(
                "Partly translated: %(n)d of %(m)d section",
                "Partly translated: %(n)d of %(m)d sections",
                self.total,
            ) % {"n": self.translated, "m": self.total}
        return str(TranslationStatus.LABELS[self.status])


def _plain(text: str) -> str:
    return _SPACE.sub(" ", strip_tags(text)).strip()


def page_sections(page) -> dict[str, str]:
    """Section key -> plain text, in page order.

    Keys are stable across locales: ``<field>.<block id>`` for StreamField
    blocks (wagtail-localize keeps the ids), the field name otherwise.
    """
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    streams: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}
    for segment in extract_segments(page):
        if not isinstance(segment, StringSegmentValue):
            continue
        parts = segment.path.split(".")
        if parts[0] in SKIPPED_FIELDS:
            continue
        text = _plain(segment.string.render_text())
        if not text:
            continue
        if _is_stream(page, parts[0]) and len(parts) > 1:
            streams.setdefault(".".join(parts[:2]), []).append(text)
        else:
            fields.setdefault(parts[0], []).append(text)
    chosen = streams or fields
    return {key: " ".join(texts) for key, texts in chosen.items()}


def _is_stream(page, name: str) -> bool:
    from wagtail.fields import StreamField

    try:
        return isinstance(page._meta.get_field(name), StreamField)
    except Exception:  # a segment path that is not a model field (child relations)
        return False


def section_translated(*, source_text: str, target_text: str, source_lang: str, target_lang: str):
    """Is ``target_text`` a translation of ``source_text``? (True/False)"""
    if _plain(target_text).casefold() == _plain(source_text).casefold():
        return False
    letters = sum(ch.isalpha() for ch in target_text)
    if letters < MIN_DETECT_LETTERS or source_lang == target_lang:
        return True
    from retour.core.language import detect

    detected = detect(target_text)
    return not (detected == source_lang and detected != target_lang)


def count_translated(page, source) -> tuple[int, int]:
    """(translated, total) sections of ``page`` against its ``source``."""
    key = f"{_CACHE_PREFIX}:{page.pk}:{page.live_revision_id}:{source.pk}:{source.live_revision_id}"
    cached = cache.get(key)
    if cached is not None:
        return tuple(cached)
    source_sections = page_sections(source.specific)
    target_sections = page_sections(page.specific)
    source_lang = source.locale.language_code
    target_lang = page.locale.language_code
    translated = sum(
        1
        for name, text in source_sections.items()
        if name in target_sections
        and section_translated(
            source_text=text,
            target_text=target_sections[name],
            source_lang=source_lang,
            target_lang=target_lang,
        )
    )
    result = (translated, len(source_sections))
    cache.set(key, result, 60 * 60 * 24 * 7)
    return result


def page_translation_state(page, source) -> PageTranslationState:
    """The status of ``page`` (a translation) against ``source`` (None: it is the source)."""
    if source is None:
        return PageTranslationState(TranslationStatus.SOURCE, 0, 0)
    translated, total = count_translated(page, source)
    if total and translated == 0:
        status = TranslationStatus.NOT_TRANSLATED
    elif translated < total:
        status = TranslationStatus.PARTIAL
    elif source.content_changed_at and (
        page.translated_at is None or page.translated_at < source.content_changed_at
    ):
        status = TranslationStatus.OUTDATED
    elif page.machine_translated:
        status = TranslationStatus.MACHINE
    else:
        status = TranslationStatus.CURRENT
    return PageTranslationState(status, translated, total)
