"""Factories for content pages. Pages are created through the tree, not bulk."""

from __future__ import annotations

import datetime

from django.conf import settings
from wagtail.models import Locale, Page, Site

from ..models import (
    CountryIndexPage,
    CountrySheetPage,
    HomePage,
    ServicePointIndexPage,
    ServicePointPage,
    ShortAnswerIndexPage,
    ShortAnswerPage,
)


def tree():
    """A minimal site: English home page with the index pages. Idempotent."""
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(instance=HomePage(title="Retour", slug="home-test", locale=locale))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    indexes = {}
    for klass, slug in (
        (CountryIndexPage, "countries"),
        (ServicePointIndexPage, "help"),
        (ShortAnswerIndexPage, "answers"),
    ):
        index = klass.objects.filter(locale=locale).first()
        if index is None:
            index = home.add_child(instance=klass(title=slug.title(), slug=slug, locale=locale))
        indexes[slug] = index
    return home, indexes


def _add(parent, page, publish):
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    return _publish(page) if publish else page


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def country_sheet(*, organisation, title="Country sheet", country="AF", publish=True, **extra):
    _home, indexes = tree()
    today = datetime.date.today()
    extra.setdefault(
        "sections",
        [
            (
                "section",
                {
                    "kind": "health",
                    "body": "<p>Sample health section.</p>",
                    "last_verified": today,
                    "sources": [
                        {"title": "Sample source", "url": "https://example.org", "date": today}
                    ],
                },
            )
        ],
    )
    page = CountrySheetPage(
        title=title, country=country, organisation=organisation, is_sample=True, **extra
    )
    return _add(indexes["countries"], page, publish)


def service_point(*, organisation, title="Service point", publish=True, **extra):
    _home, indexes = tree()
    extra.setdefault("provider", "Sample provider")
    extra.setdefault("city", "Brussels")
    page = ServicePointPage(title=title, organisation=organisation, is_sample=True, **extra)
    return _add(indexes["help"], page, publish)


def short_answer(*, organisation, title="Can I return?", publish=True, **extra):
    _home, indexes = tree()
    extra.setdefault("answer", "Sample answer.")
    page = ShortAnswerPage(title=title, organisation=organisation, is_sample=True, **extra)
    return _add(indexes["answers"], page, publish)


def translated_sections(page, bodies: dict[str, str]) -> str:
    """``page``'s sections as StreamField JSON with the bodies of ``bodies`` (kind -> HTML)
    replaced, block ids kept (as wagtail-localize and copy_for_translation keep them)."""
    import json

    raw = [dict(block) for block in page.sections.raw_data]
    for block in raw:
        value = dict(block["value"])
        value["body"] = bodies.get(value["kind"], value["body"])
        block["value"] = value
    return json.dumps(raw)
