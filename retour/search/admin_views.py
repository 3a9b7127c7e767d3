"""Dissemination-gap analytics in the Wagtail admin, scoped to request.org."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from retour.core.charts import Bar, hbar_chart, line_chart
from retour.orgs import policy
from retour.orgs.scoped import refuse_as_403, require_org_perm

from . import analytics, services

TABLES = ("unanswered", "coverage", "stale", "channels", "chat")


@refuse_as_403
def gaps(request):
    org = require_org_perm(request, "search.view_gaps")
    data = analytics.gaps(org)
    coverage, weeks, series = data.coverage, data.weeks, data.series
    bars = [
        Bar(
            label=c.name,
            value=100 * (c.unanswered_rate or 0.0),
            low=100 * c.ci[0],
            high=100 * c.ci[1],
            note=_("n=%(n)d, too few data") % {"n": c.questions}
            if c.too_few
            else f"n={c.questions}",
        )
        for c in coverage
        if c.questions
    ]
    context = {
        "org": org,
        "window": analytics.WINDOW_DAYS,
        "min_n": analytics.MIN_N,
        "unanswered": data.unanswered,
        "coverage": coverage,
        "stale": analytics.stale_most_read(org),
        "weeks": weeks,
        "series": series,
        "channel_rows": [
            (week, [series[name][i] for name in series]) for i, week in enumerate(weeks)
        ],
        # Chat: what the bot could not answer and what counsellors marked as
        # rumours, by language and channel (one row per pair, worst first).
        "chat_gaps": [(gap, _channel_name(gap.channel)) for gap in data.chat],
        "sample_count": data.sample_count,
        "rolled_at": data.rolled_at,
        "uncounted_days": data.uncounted_days,
        "can_draft": policy.has_perm(request.user, "content.edit_owned_page", org=org),
        "coverage_chart": hbar_chart(
            bars,
            title=_("Questions without a good answer, % by language (95% CI)"),
            # Headroom so the value label of a 100% bar stays inside the chart.
            max_value=150,
            value_format=lambda v: f"{v:.0f}%",
        )
        if bars
        else "",
        "channel_chart": line_chart(
            {name: list(zip(weeks, counts, strict=True)) for name, counts in series.items()},
            title=_("Questions per week, by channel"),
        )
        if series
        else "",
    }
    return render(request, "search/admin/gaps.html", context)


def _channel_name(code: str) -> str:
    from .models import Channel

    return str(dict(Channel.choices).get(code, code))


@refuse_as_403
def gaps_csv(request):
    org = require_org_perm(request, "search.view_gaps")
    table = request.GET.get("table", "unanswered")
    if table not in TABLES:
        return HttpResponse(
            _("Unknown table; use one of: %s") % ", ".join(TABLES),
            status=400,
            content_type="text/plain",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gaps-{table}-{org.slug}.csv"'
    writer = csv.writer(response)
    if table == "unanswered":
        writer.writerow(["language", "question", "times_asked"])
        for lang, rows in analytics.top_unanswered(org, per_language=100).items():
            for row in rows:
                writer.writerow([lang, row["query"], row["n"]])
    elif table == "coverage":
        writer.writerow(
            ["language", "published_pages", "questions", "unanswered", "unanswered_rate",
             "ci95_low", "ci95_high", "too_few_data"]
        )  # fmt: skip
        for c in analytics.coverage(org):
            rate = "" if c.unanswered_rate is None else f"{c.unanswered_rate:.3f}"
            writer.writerow(
                [c.language, c.pages, c.questions, c.unanswered, rate,
                 f"{c.ci[0]:.3f}", f"{c.ci[1]:.3f}", c.too_few]
            )  # fmt: skip
    elif table == "stale":
        writer.writerow(["title", "language", "review_by", "reads", "opens_from_search", "url"])
        for s in analytics.stale_most_read(org, limit=500):
            d = s.document
            writer.writerow([d.title, d.locale, d.review_by, s.reads, s.opens, d.url])
    elif table == "chat":
        writer.writerow(["language", "channel", "unanswered_questions", "rumours"])
        for gap in analytics.chat_gaps(org):
            writer.writerow([gap.language, gap.channel, gap.unanswered, gap.rumours])
    else:
        weeks, series = analytics.channel_usage(org)
        writer.writerow(["week", *series])
        for i, week in enumerate(weeks):
            writer.writerow([week, *(series[name][i] for name in series)])
    return response


@require_POST
@refuse_as_403
def gap_draft(request):
    org = require_org_perm(request, "search.view_gaps")
    try:
        page = services.gap_draft_create(
            actor=request.user,
            organisation=org,
            question=request.POST.get("question", ""),
            language=request.POST.get("language", "")[:12],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("search_admin:gaps")
    messages.success(
        request, _("Draft short answer created: write the answer, then submit it for review.")
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
