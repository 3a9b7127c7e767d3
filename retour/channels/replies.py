"""Wording of replies: the answer card, links on the public site, splitting."""

from __future__ import annotations

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from retour.search.answers import language_label, stale_notice


def public_base() -> str:
    base = getattr(settings, "RETOUR_PUBLIC_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    return base.rstrip("/")


def absolute(url: str) -> str:
    """A link people can open: on the public base URL, never the server's internal host."""
    return public_base() + url if url.startswith("/") else url


def localised(path: str, lang: str) -> str:
    """``path`` under the asker's language prefix when it has one of ours."""
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[0] == "" and parts[1] in codes:
        return f"/{lang}/{parts[2]}"
    return path


def card(hit, *, lang: str) -> tuple[str, str]:
    """(text, link) for one answer: title, text, organisation, last verified, link."""
    doc = hit.document
    with translation.override(lang):
        lines = [doc.title, doc.summary]
        notice = stale_notice(doc)
        if notice:
            lines.append(notice)
        if hit.other_language:
            lines.append(language_label(doc.locale, lang=lang))
        if doc.last_verified:
            lines.append(
                _("%(org)s · checked on %(date)s")
                % {
                    "org": doc.organisation.name,
                    "date": formats.date_format(doc.last_verified, "DATE_FORMAT"),
                }
            )
        else:
            lines.append(_("Source: %(org)s") % {"org": doc.organisation.name})
        # Every answer leads to people who can help, near the asker.
        lines.append(_("Service points near you: %(link)s") % {"link": service_points_link(lang)})
    # The page's own language: its URL already carries it. A page shown in
    # another language is linked as it is (there is no version in ``lang``).
    return "\n".join(line for line in lines if line), absolute(doc.url)


def service_points_link(lang: str, where=None) -> str:
    from retour.search.place import finder_url

    return absolute(finder_url(lang, where))


def nearest_points(outcome, *, lang: str) -> str:
    """The nearest service points for a question about place, with distances;
    or, when no place is known, how to tell us one (never a random point)."""
    with translation.override(lang):
        if not outcome.service_points:
            return _(
                "To find a service point near you, tell me your city (for example "
                "“in Antwerp”) or open: %(link)s"
            ) % {"link": service_points_link(lang)}
        lines = [_("Service points nearest to %(place)s:") % {"place": outcome.where.label}]
        for n, item in enumerate(outcome.service_points, start=1):
            km = formats.number_format(round(item.distance_km, 1), 1)
            lines.append(
                _("%(n)s. %(title)s (%(city)s), about %(km)s km: %(link)s")
                % {
                    "n": n,
                    "title": item.document.title,
                    "city": item.document.meta.get("city", ""),
                    "km": km,
                    "link": absolute(item.document.url),
                }
            )
        lines.append(_("More: %(link)s") % {"link": service_points_link(lang, outcome.where)})
    return "\n".join(lines)


def split(body: str, link: str, limit: int) -> list[str]:
    """Split ``body`` on word boundaries so that every part plus the link fits."""
    suffix = f"\n{link}" if link else ""
    room = max(limit - len(suffix), 20)
    parts: list[str] = []
    current = ""
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


def notice(key: str, lang: str) -> str:
    with translation.override(lang):
        return {
            "empty": _("Send your question as a text message, in your own words."),
            "too_long": _("Your message is too long. Please ask in at most 500 characters."),
        }[key]
