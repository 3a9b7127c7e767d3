"""Turn an answer outcome into channel messages, each ending with a link."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from retour.search.answers import AnswerOutcome, stale_notice

# Maximum characters per message the platforms accept.
LIMITS = {"telegram": 4096, "whatsapp": 4096, "rapidpro": 640}


def absolute(url: str) -> str:
    if url.startswith("/"):
        return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url
    return url


def split(body: str, link: str, limit: int) -> list[str]:
    """Split ``body`` on word boundaries so that every part plus the link fits."""
    suffix = f"\n{link}" if link else ""
    room = max(limit - len(suffix), 20)
    parts, current = [], ""
    for word in body.split(" "):
        while len(word) > room:  # a single enormous "word" (a URL, say)
            if current:
                parts.append(current)
                current = ""
            parts.append(word[:room])
            word = word[room:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > room:
            parts.append(current)
            current = word
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return [p.rstrip() + suffix for p in parts]


def compose(outcome: AnswerOutcome, *, channel: str, lang: str) -> tuple[list[str], str]:
    """(messages, link) in the reader's language."""
    limit = LIMITS.get(channel, 640)
    with translation.override(lang):
        if outcome.answered:
            hit = outcome.answers[0]
            doc = hit.document
            lines = [doc.title, doc.summary]
            notice = stale_notice(doc)
            if notice:
                lines.append(notice)
            if hit.other_language:
                lines.append(_("(This answer is not yet available in your language.)"))
            lines.append(_("Source: %(org)s") % {"org": doc.organisation.name})
            link = absolute(doc.url)
        else:
            lines = [_("We have no reviewed answer to this question yet.")]
            point = outcome.service_point
            if point is not None:
                lines.append(_("You can ask here: %(title)s") % {"title": point.document.title})
                link = absolute(point.document.url)
            else:
                link = absolute(f"/{lang}/search/service-points/")
        body = "\n".join(line for line in lines if line)
    return split(body, link, limit), link


def notice(key: str, lang: str) -> str:
    with translation.override(lang):
        return {
            "empty": _("Send your question as a text message, in your own words."),
            "too_long": _("Your message is too long. Please ask in at most 500 characters."),
        }[key]
