"""`retour demo` loader: a small, clearly labelled SAMPLE knowledge base.

3 countries of return, 2 programmes (with sample conditions for the
"What support can I get?" questionnaire), the decision explainer, 8 service points
and 30 short answers. The texts (demo_text/) are generic, process-level and
labelled sample; English is the source and every other written language is a
complete wagtail-localize translation (string translations for every segment,
then published), so its status is truthful. Idempotent: pages are looked up by
slug before being created, translations only where missing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import ModuleType

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page

from retour.core.actors import SystemActor

from . import demo_data as data
from . import demo_text, services
from .demo_text import en
from .models import (
    CountryIndexPage,
    CountrySheetPage,
    DecisionExplainerPage,
    FamilyCondition,
    HealthCondition,
    ProgrammeIndexPage,
    ReturnProgrammePage,
    ServicePointIndexPage,
    ServicePointPage,
    ShortAnswerIndexPage,
    ShortAnswerPage,
)

ACTOR = SystemActor.demo()
SAMPLE_NOTE = en.SAMPLE
PROGRAMME_COUNTRIES = {1: ["AF", "IQ"], 2: ["GE"]}
# Sample conditions for the questionnaire (/<lang>/support/): the first states
# all of them, the second leaves medical needs unstated ("check with a counsellor").
PROGRAMME_CONDITIONS: dict[int, dict] = {
    1: {
        "host_countries": ["BE"],
        "family_condition": FamilyCondition.ANYONE,
        "health_condition": HealthCondition.SUPPORTED,
    },
    2: {
        "host_countries": ["BE", "NO"],
        "family_condition": FamilyCondition.ALONE_ONLY,
        "health_condition": HealthCondition.NOT_STATED,
    },
}
# The Dutch sheets stand for an unreviewed machine translation (the notice).
MACHINE = {("nl", "sheet")}


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _paras(paras: list[str]) -> str:
    return "".join(_p(text) for text in paras)


def _existing(parent, slug):
    return parent.get_children().filter(slug=slug).first()


def _create(parent, page):
    found = _existing(parent, page.slug)
    if found is not None:
        return found.specific, False
    return services.page_create(actor=ACTOR, parent=parent, page=page, publish=True), True


# Builders: the same function makes the English page and, from another
# language's module, the unsaved page whose texts become its translation.


def _sheet_fields(text: ModuleType, code: str, today: datetime.date) -> dict:
    name = text.COUNTRY_NAMES[code]
    sections = [
        (
            "section",
            {
                "kind": kind,
                "body": _paras(text.SHEET["sections"][kind]),
                # One section is deliberately old, to show the section notice.
                "last_verified": today - datetime.timedelta(days=200 if kind == "safety" else 20),
                "sources": [
                    {
                        "title": text.SHEET["source"],
                        "url": "https://example.org/sample-source",
                        "date": today - datetime.timedelta(days=30),
                    }
                ],
            },
        )
        for kind in data.SECTION_KINDS
    ]
    return {
        "title": text.SHEET["title"].format(name=name),
        "summary": text.SHEET["summary"].format(name=name),
        "sections": sections,
    }


def _programme_fields(text: ModuleType, n: int) -> dict:
    t = text.PROGRAMME
    countries = text.AND.join(text.COUNTRY_NAMES[c] for c in PROGRAMME_COUNTRIES[n])
    return {
        "title": t["title"].format(n=n),
        "summary": t["summary"].format(countries=countries),
        "operator": t["operator"],
        "funders": t["funders"],
        "application_deadline": t["deadline"],
        "in_kind_support": t["in_kind"],
        "vulnerable_extras": t["vulnerable"],
        "how_to_apply": _paras(t["how_to_apply"]),
    }


def _explainer_fields(text: ModuleType) -> dict:
    t = text.EXPLAINER
    options = [
        ("option", {"name": name, "explanation": _p(explanation), "deadline": deadline})
        for name, explanation, deadline in t["options"]
    ]
    return {
        "title": t["title"],
        "summary": t["summary"],
        "body": _paras(t["body"]),
        "options": options,
    }


def _answer_fields(text: ModuleType, n: int) -> dict:
    return {"title": text.QUESTIONS[n - 1], "answer": text.ANSWERS[n - 1]}


def load(*, context) -> None:
    home = services.site_setup(actor=ACTOR)
    today = timezone.localdate()
    org_a, org_b = context.org_a, context.org_b
    locale = home.locale
    countries_index = CountryIndexPage.objects.get(locale=locale)
    programmes_index = ProgrammeIndexPage.objects.get(locale=locale)
    help_index = ServicePointIndexPage.objects.get(locale=locale)
    answers_index = ShortAnswerIndexPage.objects.get(locale=locale)

    sheets = []
    for i, (code, _name, slug) in enumerate(data.COUNTRIES):
        # The third sheet is past its review-by date: it shows the stale notice.
        verified = today - datetime.timedelta(days=120 if i == 2 else 10)
        page, _ = _create(
            countries_index,
            CountrySheetPage(
                slug=slug,
                country=code,
                **_sheet_fields(en, code, today),
                organisation=org_a if i != 1 else org_b,
                is_sample=True,
                last_verified=verified,
                review_by=verified + datetime.timedelta(days=90),
            ),
        )
        sheets.append(page)

    programmes = []
    for n in (1, 2):
        page, _ = _create(
            programmes_index,
            ReturnProgrammePage(
                slug=f"sample-programme-{n}",
                **_programme_fields(en, n),
                eligible_nationalities=PROGRAMME_COUNTRIES[n],
                eligible_residence_statuses=["asylum_rejected", "irregular"],
                **PROGRAMME_CONDITIONS[n],
                deadline_date=today + datetime.timedelta(days=180) if n == 1 else None,
                covers_ticket=True,
                # Round sample amounts; the page labels them "sample amount".
                cash_grant_amount=Decimal("100.00") * n,
                cash_grant_per_child=Decimal("50.00") if n == 1 else None,
                cash_grant_currency="EUR",
                valid_from=today - datetime.timedelta(days=60),
                valid_until=today + datetime.timedelta(days=300),
                organisation=org_b,
                is_sample=True,
            ),
        )
        programmes.append(page)

    explainer, _ = _create(
        home,
        DecisionExplainerPage(
            slug="your-decision", **_explainer_fields(en), organisation=org_a, is_sample=True
        ),
    )

    points = []
    for n, (city, country, lat, lon) in enumerate(data.CITIES, start=1):
        page, _ = _create(
            help_index,
            ServicePointPage(
                title=f"Sample service point {n} ({city})",
                slug=f"sample-service-point-{n}",
                provider="Sample provider (fictional)",
                description=SAMPLE_NOTE,
                street="Sample street 1",
                postcode="0000",
                city=city,
                country=country,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                opening_hours=[
                    ("hours", {"weekday": day, "opens": "09:30", "closes": "16:00"})
                    for day in ("mo", "tu", "th")
                ],
                languages=["en", "fr", "ar"] if n % 2 else ["en", "nl", "fa"],
                services=data.SERVICE_SETS[n - 1],
                anonymous=n % 3 != 0,
                no_appointment=n % 2 == 1,
                email=f"sample-point-{n}@example.org",
                organisation=org_a if n <= 5 else org_b,
                is_sample=True,
            ),
        )
        points.append(page)

    backing = [explainer, *programmes, *sheets]
    answers = []
    for n, _question in enumerate(data.QUESTIONS, start=1):
        page, _ = _create(
            answers_index,
            ShortAnswerPage(
                slug=f"sample-answer-{n}",
                **_answer_fields(en, n),
                backing_pages=[("page", backing[n % len(backing)])],
                organisation=org_a if n % 2 else org_b,
                is_sample=True,
            ),
        )
        answers.append(page)

    jobs = _translation_jobs(sheets, programmes, explainer, answers, today)
    done, skipped = _translate(jobs)
    _update_explainer_after_translation(explainer)
    context.log(
        f"  content: {len(sheets)} country sheets, {len(programmes)} programmes, "
        f"1 explainer, {len(points)} service points, {len(data.QUESTIONS)} short answers (sample); "
        f"{done} translations through wagtail-localize"
        + (f", {len(skipped)} skipped: {', '.join(skipped[:5])}" if skipped else "")
    )


def _translation_jobs(sheets, programmes, explainer, answers, today) -> list[tuple]:
    """(group, source page, builder of the translated fields from a language module)."""
    jobs: list[tuple] = []
    for page in sheets:
        jobs.append(("SHEET", page, lambda t, c=page.country: _sheet_fields(t, c, today)))
    for n, page in enumerate(programmes, start=1):
        jobs.append(("PROGRAMME", page, lambda t, n=n: _programme_fields(t, n)))
    jobs.append(("EXPLAINER", explainer, _explainer_fields))
    for n, page in enumerate(answers, start=1):
        jobs.append(("ANSWERS", page, lambda t, n=n: _answer_fields(t, n)))
    return jobs


def _translate(jobs: list[tuple]) -> tuple[int, list[str]]:
    skipped: list[str] = []
    modules = demo_text.available()
    only = settings.RETOUR_DEMO_TRANSLATIONS
    for code, text in modules.items():
        if only and code not in only:
            # Not written this time, but still checked (no database write): a
            # language left out of a quick demo must not hide a broken text.
            skipped.extend(_mismatches(jobs, code, text))
    modules = {c: m for c, m in modules.items() if not only or c in only}
    locales = {loc.language_code: loc for loc in Locale.objects.filter(language_code__in=modules)}
    keys = [page.translation_key for _g, page, _b in jobs]
    # Which translations exist already, in one query (the loader is idempotent).
    existing = set(
        Page.objects.filter(translation_key__in=keys).values_list("translation_key", "locale_id")
    )
    done = 0
    for code, text in modules.items():
        locale = locales.get(code)
        if locale is None:
            continue
        for group, page, build in jobs:
            if not hasattr(text, group) or (page.translation_key, locale.pk) in existing:
                continue
            translated = page.specific_class(**build(text), organisation_id=page.organisation_id)
            try:
                services.page_translate_segments(
                    actor=ACTOR,
                    page=page,
                    locale=locale,
                    translated=translated,
                    machine=(code, group.lower()) in MACHINE,
                )
            except services.TranslationMismatch:
                # An older demo database whose English page has another shape.
                skipped.append(f"{page.slug} ({code})")
                continue
            done += 1
    return done, skipped


def _mismatches(jobs: list[tuple], code: str, text: ModuleType) -> list[str]:
    found = []
    for group, page, build in jobs:
        if not hasattr(text, group):
            continue
        translated = page.specific_class(**build(text), organisation_id=page.organisation_id)
        try:
            services.page_translation_pairs(page=page, translated=translated)
        except services.TranslationMismatch:
            found.append(f"{page.slug} ({code})")
    return found


def _update_explainer_after_translation(explainer) -> None:
    """Show an outdated translation: the English explainer changed after translating."""
    explainer.refresh_from_db()
    if en.EXPLAINER["update"] in explainer.body:
        return
    explainer.body = explainer.body.replace("</p>", f"{en.EXPLAINER['update']}</p>", 1)
    services.page_publish(actor=ACTOR, page=explainer, minor=False)
