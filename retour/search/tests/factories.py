"""Test data for search: documents go through the same sync service as pages."""

from __future__ import annotations

import datetime
import itertools

from retour.search.models import SearchDocument
from retour.search.services import documents_sync
from retour.search.sources import SourceDoc

_seq = itertools.count(1)


def make_document(
    *,
    organisation,
    title,
    summary="",
    body="",
    locale="en",
    kind="short_answer",
    country="",
    review_by=None,
    last_verified=None,
    meta=None,
    translation_key=None,
) -> SearchDocument:
    n = next(_seq)
    source = SourceDoc(
        source_key=f"test:{n}",
        organisation=organisation,
        kind=kind,
        locale=locale,
        title=title,
        url=f"/{locale}/test-page-{n}/",
        summary=summary,
        body=body,
        country=country,
        page_id=None,
        translation_key=translation_key,
        revision_id=n,
        last_verified=last_verified or datetime.date(2026, 10, 1),
        review_by=review_by or datetime.date(2027, 4, 1),
        meta=meta or {},
    )
    documents_sync(sources=[source])
    return SearchDocument.objects.get(source_key=source.source_key)
