"""`retour demo` loader for search: sample translations, index, sample query log.

Idempotent: translations are created only where missing, the index is upserted
and sample query-log rows are generated once. Everything is labelled sample.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Locale

from retour.content import demo_data as content_data
from retour.content import services as content_services
from retour.content.models import ShortAnswerPage
from retour.core.actors import SystemActor

from . import demo_data, engine
from .models import Channel, QueryLog
from .services import documents_sync, query_log_record
from .sources import iter_published_sources

ACTOR = SystemActor.demo()
CHANNELS = [
    Channel.WEB,
    Channel.WEB,
    Channel.TELEGRAM,
    Channel.WHATSAPP,
    Channel.RAPIDPRO,
    Channel.API,
]


def _translate_short_answers() -> int:
    created = 0
    default = Locale.get_default()
    by_title = {
        p.title: p for p in ShortAnswerPage.objects.live().filter(locale=default, is_sample=True)
    }
    for code, titles in demo_data.QUESTIONS.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        for english, title in zip(content_data.QUESTIONS, titles, strict=True):
            page = by_title.get(english)
            if page is None or page.has_translation(locale):
                continue
            content_services.page_translate(
                actor=ACTOR,
                page=page,
                locale=locale,
                fields={"title": title, "answer": demo_data.ANSWER[code]},
                machine=True,  # written for the demo, never reviewed by a person
            )
            created += 1
    return created


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
    translated = _translate_short_answers()
    indexed = documents_sync(sources=list(iter_published_sources()))
    logged = _sample_queries()
    context.log(
        f"  search: {translated} sample short-answer translations, {indexed} documents indexed, "
        f"{logged} sample query-log rows"
    )
