"""One incoming chat message → reply messages. Shared by every channel.

Nothing about the message or the sender is stored: the sender id is hashed
for the flood limiter only, and the question reaches the query log only in
normalised, scrubbed form (see search.services.query_log_record).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retour.search import answers, engine, language

from . import privacy, replies


@dataclass
class Reply:
    messages: list[str] = field(default_factory=list)
    language: str = ""
    answered: bool = False
    link: str = ""
    confidence: float | None = None
    rate_limited: bool = False


def handle(*, channel: str, sender_id: str, text: str, lang_hint: str = "") -> Reply:
    if privacy.rate_limited(privacy.sender_hash(channel, sender_id)):
        return Reply(rate_limited=True)
    text = (text or "").strip()
    # Detection cost grows with length; 600 characters are plenty to tell.
    lang = language.detect(text[:600], lang_hint) if text else (lang_hint or "en")
    if lang not in language.launch_languages():
        lang = "en"
    try:
        outcome = answers.answer(text, lang=lang, channel=channel)
    except engine.QueryError:
        key = "empty" if not text else "too_long"
        return Reply(messages=[replies.notice(key, lang)], language=lang)
    messages, link = replies.compose(outcome, channel=channel, lang=lang)
    best = outcome.answers[0].confidence if outcome.answers else None
    return Reply(
        messages=messages,
        language=lang,
        answered=outcome.answered,
        link=link,
        confidence=best,
    )
