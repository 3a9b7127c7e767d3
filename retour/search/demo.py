"""`retour demo` loader for search: index, sample query log.

The short answers' translations are the content loader's (it runs first).
Idempotent: the index is upserted and sample query-log rows are generated
once. Everything is labelled sample.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from retour.content import demo_data as content_data

from . import demo_data, engine
from .models import Channel, QueryLog
from .services import documents_sync, query_log_record
from .sources import iter_published_sources

CHANNELS = [
    Channel.WEB,
    Channel.WEB,
    Channel.TELEGRAM,
    Channel.WHATSAPP,
    Channel.RAPIDPRO,
    Channel.API,
]


def _sample_queries() -> int:
    if QueryLog.objects.filter(is_sample=True).exists():
        return 0
    today = timezone.localdate()
    asked = [(lang, q) for lang, qs in demo_data.QUESTIONS.items() for q in qs]
    asked += [("en", q) for q in content_data.QUESTIONS]
    asked += demo_data.UNANSWERED * 3
    for i, (lang, q) in enumerate(asked):
        channel = CHANNELS[i % len(CHANNELS)]
        result = engine.search(q, lang=lang)
        query_log_record(
            channel=channel,
            result=result,
            language=lang,
            day=today - datetime.timedelta(days=(i * 7) % 56),
            is_sample=True,
        )
    return len(asked)


def load(*, context) -> None:
    indexed = documents_sync(sources=list(iter_published_sources()))
    logged = _sample_queries()
    context.log(f"  search: {indexed} documents indexed, {logged} sample query-log rows")
