"""`retour demo` loader: a small, clearly labelled SAMPLE knowledge base.

3 countries of return, 2 programmes, the decision explainer, 8 service points
and 30 short answers, in English with French, Arabic (right to left) and Dutch
translations. Idempotent: pages are looked up by slug before being created.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from retour.core.actors import SystemActor

from . import demo_data as data
from . import services
from .models import (
    CountryIndexPage,
    CountrySheetPage,
    DecisionExplainerPage,
    ProgrammeIndexPage,
    ReturnProgrammePage,
    ServicePointIndexPage,
    ServicePointPage,
    ShortAnswerIndexPage,
    ShortAnswerPage,
)

ACTOR = SystemActor.demo()
SAMPLE_NOTE = "Sample content for the demo: not real information."


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _existing(parent, slug):
    return parent.get_children().filter(slug=slug).first()


def _create(parent, page):
    found = _existing(parent, page.slug)
    if found is not None:
        return found.specific, False
    return services.page_create(actor=ACTOR, parent=parent, page=page, publish=True), True


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
    for i, (code, name, slug) in enumerate(data.COUNTRIES):
        sections = [
            (
                "section",
                {
                    "kind": kind,
                    "body": _p(text),
                    # One section is deliberately old, to show the section notice.
                    "last_verified": today
                    - datetime.timedelta(days=200 if kind == "safety" else 20),
                    "sources": [
                        {
                            "title": f"Sample source for the {kind} section",
                            "url": "https://example.org/sample-source",
                            "date": today - datetime.timedelta(days=30),
                        }
                    ],
                },
            )
            for kind, text in data.SECTION_TEXT.items()
        ]
        # The third sheet is past its review-by date: it shows the stale notice.
        verified = today - datetime.timedelta(days=120 if i == 2 else 10)
        page, _ = _create(
            countries_index,
            CountrySheetPage(
                title=f"Sample country sheet: {name}",
                slug=slug,
                country=code,
                summary=f"{SAMPLE_NOTE} Sample summary of the situation in {name}.",
                sections=sections,
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
                title=f"Sample return programme {n}",
                slug=f"sample-programme-{n}",
                summary=f"{SAMPLE_NOTE} Amounts and conditions are placeholders.",
                operator="Sample operator (fictional)",
                funders="Sample funder (fictional)",
                eligible_nationalities=["AF", "IQ"] if n == 1 else ["GE"],
                eligible_residence_statuses=["asylum_rejected", "irregular"],
                application_deadline="Sample: apply before your departure date.",
                covers_ticket=True,
                cash_grant_amount=Decimal("100.00") * n,
                cash_grant_currency="EUR",
                in_kind_support="Sample: in-kind support such as training or start-up material.",
                vulnerable_extras="Sample: extra support for medical needs and families.",
                how_to_apply=_p("Sample: contact your local counselling service."),
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
            title="Understanding your decision (sample)",
            slug="your-decision",
            summary=f"{SAMPLE_NOTE} Why applications are refused and what your options are.",
            body=_p(
                "Sample: a decision letter explains the reasons for a refusal. "
                "A counsellor or lawyer can go through it with you."
            ),
            options=[
                (
                    "option",
                    {
                        "name": "Appeal",
                        "explanation": _p("Sample: ask a lawyer whether an appeal is possible."),
                        "deadline": "Sample: the deadline is written in your decision letter.",
                    },
                ),
                (
                    "option",
                    {
                        "name": "New application",
                        "explanation": _p("Sample: only with new facts or evidence."),
                        "deadline": "",
                    },
                ),
                (
                    "option",
                    {
                        "name": "Voluntary return",
                        "explanation": _p("Sample: a counsellor explains the support available."),
                        "deadline": "Sample: ask about programme deadlines.",
                    },
                ),
            ],
            organisation=org_a,
            is_sample=True,
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
    for n, question in enumerate(data.QUESTIONS, start=1):
        _create(
            answers_index,
            ShortAnswerPage(
                title=question,
                slug=f"sample-answer-{n}",
                answer=(
                    "Sample answer: a counsellor at a service point can answer this for your "
                    "situation. See the linked pages."
                ),
                backing_pages=[("page", backing[n % len(backing)])],
                organisation=org_a if n % 2 else org_b,
                is_sample=True,
            ),
        )

    _translations(sheets, programmes, explainer, home)
    context.log(
        f"  content: {len(sheets)} country sheets, {len(programmes)} programmes, "
        f"1 explainer, {len(points)} service points, {len(data.QUESTIONS)} short answers (sample)"
    )


def _translations(sheets, programmes, explainer, home) -> None:
    for code, words in data.TRANSLATIONS.items():
        locale = Locale.objects.get(language_code=code)
        for page in sheets:
            if page.has_translation(locale):
                continue
            name = dict((c, n) for c, n, _s in data.COUNTRIES)[page.country]
            services.page_translate(
                actor=ACTOR,
                page=page,
                locale=locale,
                fields={
                    "title": words["country"].format(name=name),
                    "summary": f"{words['sample']} {words['summary']}",
                },
                # The Dutch sheets stand for an unreviewed machine translation.
                machine=code == "nl",
            )
        if not explainer.has_translation(locale):
            services.page_translate(
                actor=ACTOR,
                page=explainer,
                locale=locale,
                fields={"title": words["explainer"], "summary": words["sample"]},
            )
        if code == "fr":
            for n, page in enumerate(programmes, start=1):
                if not page.has_translation(locale):
                    services.page_translate(
                        actor=ACTOR,
                        page=page,
                        locale=locale,
                        fields={
                            "title": words["programme"].format(n=n),
                            "summary": words["sample"],
                        },
                    )
    # Show an outdated translation: the English explainer changed after translating.
    if not explainer.content_changed_at or not _outdated(explainer):
        explainer.refresh_from_db()
        explainer.body = (
            explainer.body.replace("</p>", " (Sample update after translation.)</p>", 1)
            if "(Sample update" not in explainer.body
            else explainer.body
        )
        services.page_publish(actor=ACTOR, page=explainer, minor=False)


def _outdated(explainer) -> bool:
    from .selectors import TranslationStatus, translation_status

    fr = explainer.get_translation_or_none(Locale.objects.get(language_code="fr"))
    return fr is not None and translation_status(fr.specific) == TranslationStatus.OUTDATED
