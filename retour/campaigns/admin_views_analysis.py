"""Staff views: portfolio analytics, impact estimates, surveys and statistics."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from retour.core.charts import Bar, hbar_chart, line_chart
from retour.orgs import policy
from retour.orgs.scoped import Column, OrgListView, refuse_as_403, require_org

from . import eurostat, exchange, selectors, services
from .admin_lists import EVALUATION_FILTER
from .admin_views import require_reader
from .analytics import impact as impact_mod
from .analytics import portfolio as portfolio_mod
from .analytics import surveys as surveys_mod
from .choices import ReachUnit
from .forms import ImpactForm, StatisticsUploadForm, SurveyUploadForm
from .models import Campaign, ReachFigure, ReferenceImport, StatObservation
from .schema import ImportRejected, Problem

MAX_STATS_UPLOAD = 60 * 1024 * 1024


def _require_analyst(request) -> None:
    require_reader(request)
    if not policy.has_perm(
        request.user, "campaigns.view_campaign_analytics", org=require_org(request)
    ):
        raise PermissionDenied


class CostPerPersonStatus(TextChoices):
    """Why a campaign has (or has no) cost per person: the listing's filter."""

    FIGURE = "figure", gettext_lazy("has a cost per person")
    NO_COST = "no_cost", gettext_lazy("no cost stated")
    NO_REACH = "no_reach", gettext_lazy("no reach figure")
    NOT_PERSONS = "not_persons", gettext_lazy("reach not counted in persons")


class PortfolioFilters(forms.Form):
    country = forms.CharField(label=gettext_lazy("Country (ISO)"), required=False, max_length=2)
    status = forms.ChoiceField(
        label=gettext_lazy("Cost per person"),
        required=False,
        choices=[("", gettext_lazy("All")), *CostPerPersonStatus.choices],
    )


def _with_cost_per_person(qs: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Each campaign's cost per person in SQL, by the rules of ``analytics.portfolio``:
    the largest person count (channels overlap, so counts are never added), and
    whether that count is a minimum (then the figure is an upper bound)."""
    largest = ReachFigure.objects.filter(
        campaign=OuterRef("pk"), unit=ReachUnit.PERSONS, value__gt=0
    ).order_by("-value", "id")
    persons = Subquery(largest.values("value")[:1])
    return qs.annotate(
        persons=persons,
        persons_is_minimum=Subquery(largest.values("is_minimum")[:1]),
        has_reach=Exists(ReachFigure.objects.filter(campaign=OuterRef("pk"))),
        cost_per_person=Case(
            When(
                cost_total__isnull=False,
                then=Cast("cost_total", FloatField()) / Cast(persons, FloatField()),
            ),
            default=None,
            output_field=FloatField(),
        ),
        # Sorts campaigns without a figure after those with one on both databases.
        no_figure=Case(
            When(cost_per_person__isnull=True, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


STATUS_FILTERS: dict[str, Q] = {
    CostPerPersonStatus.FIGURE: Q(cost_per_person__isnull=False),
    CostPerPersonStatus.NO_COST: Q(cost_total__isnull=True),
    CostPerPersonStatus.NO_REACH: Q(cost_total__isnull=False, has_reach=False),
    CostPerPersonStatus.NOT_PERSONS: Q(cost_total__isnull=False, has_reach=True, persons=None),
}


class PortfolioView(OrgListView):
    """Portfolio analytics over the shared registry, with one paginated listing.

    Aggregates and charts are computed over every campaign matching the search
    and filters (``analytics.portfolio``: two flat queries and numpy); only the
    listing of campaigns with their cost per person, or the reason they have
    none, is paginated, sorted and filtered in SQL. The page therefore weighs
    the same at 10 campaigns and at 10,000.
    """

    model = Campaign
    permission = "campaigns.view_campaign_analytics"
    template_name = "campaigns/admin/analytics.html"
    search_fields = ("title", "implementing_organisation", "objectives")
    filters = (EVALUATION_FILTER,)
    filter_form_class = PortfolioFilters
    keep_params = ("currency",)
    sort_fields = {
        "cpp": ("no_figure", "cost_per_person"),
        "cost": "cost_total",
        "persons": "persons",
        "title": "title",
    }
    default_sort = "cpp"
    columns = (
        Column(gettext_lazy("Campaign"), "title"),
        Column(gettext_lazy("Cost"), "cost"),
        Column(gettext_lazy("Persons reached"), "persons"),
        Column(gettext_lazy("Cost per person"), "cpp"),
    )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_reader(request)  # PermissionDenied is answered 403 by OrgView.dispatch
        if request.GET.get("download") == "csv":
            return _analytics_csv(self.portfolio())
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Campaign]:
        # The registry is shared across the network: every reader sees every record.
        return _with_cost_per_person(Campaign.objects.all())

    def filter_with_form(self, qs: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
        country = data.get("country", "")
        if re.fullmatch(r"[A-Za-z]{2}", country):
            # Same text match as the registry list (JSON containment is not portable).
            qs = qs.filter(countries__icontains=f'"{country.upper()}"')
        return qs

    def portfolio_queryset(self) -> QuerySet[Campaign]:
        """The campaigns the aggregates cover: search and filters, not the status or page."""
        return super().get_queryset()

    def status(self) -> str:
        form = self.filter_form()
        if form is None or not form.is_valid():
            return ""
        return form.cleaned_data.get("status") or ""

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.portfolio_queryset()
        if self.status() in STATUS_FILTERS:
            qs = qs.filter(STATUS_FILTERS[self.status()])
        key = self.sort_key()
        fields = self.sort_fields[key.lstrip("-")]
        fields = (fields,) if isinstance(fields, str) else fields
        desc = key.startswith("-")
        # Campaigns without a figure come last in both directions; the pk last
        # makes the order total, so pages never repeat or skip a row.
        order = [f"-{f}" if desc and f != "no_figure" else f for f in fields]
        return qs.select_related("organisation").order_by(*order, "-pk" if desc else "pk")

    def portfolio(self) -> portfolio_mod.Portfolio:
        if "_portfolio" not in self.__dict__:
            self.__dict__["_portfolio"] = portfolio_mod.portfolio(self.portfolio_queryset())
        return self.__dict__["_portfolio"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        result = self.portfolio()
        wanted = self.params().get("currency", "")
        default = "EUR" if "EUR" in result.totals else next(iter(result.totals), "")
        currency = wanted if wanted in result.totals else default
        rows = list(context["rows"])
        _explain(rows)
        reasons: dict[str, int] = {}
        for f in result.flagged:
            key = "reach counted in other units" if f.reason.startswith("reach") else f.reason
            reasons[key] = reasons.get(key, 0) + 1
        context.update(
            {
                "title": _("Portfolio analytics"),
                "icon": "table",
                "rows": rows,
                "result": result,
                "currency": currency,
                "level_names": [lv.label for lv in result.levels],
                "flagged_counts": [
                    (str(CostPerPersonStatus(code).label), reasons.get(name, 0), code)
                    for code, name in FLAG_REASONS
                ],
                "csv_query": self.query_without("download", download="csv"),
                **_charts(result, currency),
            }
        )
        return context


# analytics.portfolio's reasons (English, in its CSV) against the listing's filter codes.
FLAG_REASONS = (
    (CostPerPersonStatus.NO_COST, "no cost stated"),
    (CostPerPersonStatus.NO_REACH, "no reach figure"),
    (CostPerPersonStatus.NOT_PERSONS, "reach counted in other units"),
)


def _explain(rows: list[Any]) -> None:
    """Give each listed campaign ``reason`` (why it has no cost per person): one query
    for the reach units of the page's campaigns only."""
    units: dict[int, set[str]] = {}
    for cid, unit in ReachFigure.objects.filter(
        campaign_id__in=[r.pk for r in rows if r.cost_per_person is None]
    ).values_list("campaign_id", "unit"):
        units.setdefault(cid, set()).add(str(ReachUnit(unit).label))
    for row in rows:
        if row.cost_per_person is not None:
            row.reason = ""
        elif row.cost_total is None:
            row.reason = _("no cost stated")
        elif not row.has_reach:
            row.reason = _("no reach figure")
        else:
            row.reason = _("reach counted in %(units)s, not in persons") % {
                "units": ", ".join(sorted(units.get(row.pk, ())))
            }


def _charts(result: portfolio_mod.Portfolio, currency: str) -> dict[str, str]:
    # Intervals are in the table beside the chart: whiskers drawn through the value
    # labels read like strike-through.
    level_chart = hbar_chart(
        [
            Bar(lv.label, lv.share * 100 if result.n else 0, note=f"({lv.count})")
            for lv in result.levels
        ],
        title=_("Share of campaigns at each evaluation level (%)"),
        # Not a format string: "95% intervals" is text (gettext would read "% i").
        # xgettext:no-python-format
        description=_("Percent of campaigns, counts in brackets; 95% intervals in the table."),
        max_value=100,
        value_format=lambda v: f"{v:.0f}%",
    )
    country_chart = (
        hbar_chart(
            [Bar(k, v, note=f"({n})") for k, v, n in result.by_country.get(currency, [])[:25]],
            title=_("Spend by country (%(cur)s)") % {"cur": currency},
        )
        if currency
        else ""
    )
    cpp_chart = hbar_chart(
        [
            Bar(x.title[:32], x.value, note=("≤" if x.is_minimum else "") + x.currency)
            for x in result.cost_per_person[:25]
        ],
        title=_("Cost per person reached: the 25 lowest"),
        description=_("Only campaigns whose reach is counted in persons."),
    )
    return {"level_chart": level_chart, "country_chart": country_chart, "cpp_chart": cpp_chart}


analytics = PortfolioView.as_view()


def _analytics_csv(result) -> HttpResponse:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["table", "key", "currency", "value", "count", "note"])
    for cur, rows in result.by_country.items():
        for key, value, n in rows:
            w.writerow(["spend_by_country", key, cur, f"{value:.2f}", n, ""])
    for cur, rows in result.by_year.items():
        for key, value, n in rows:
            w.writerow(["spend_by_start_year", key, cur, f"{value:.2f}", n, ""])
    for cur, rows in result.by_channel.items():
        for key, value, n in rows:
            w.writerow(
                ["spend_of_campaigns_using_channel", key, cur, f"{value:.2f}", n, "overlapping"]
            )
    for x in result.cost_per_person:
        note = "persons reached is a minimum: upper bound" if x.is_minimum else ""
        w.writerow(["cost_per_person", x.title, x.currency, f"{x.value:.4f}", x.persons, note])
    for f in result.flagged:
        w.writerow(["no_cost_per_person", f.title, "", "", "", f.reason])
    for lv in result.levels:
        w.writerow(
            [
                "evaluation_level",
                lv.label,
                "",
                f"{lv.share:.4f}",
                lv.count,
                f"95% CI {lv.low:.3f}-{lv.high:.3f}",
            ]
        )
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="campaign-portfolio.csv"'
    return response


@refuse_as_403
def campaign_impact(request, campaign_uuid):
    _require_analyst(request)
    campaign = selectors.campaign_for_read(campaign_uuid)
    initial = {
        "origin": campaign.origin_country or (campaign.countries[:1] or [""])[0],
        "destination": (campaign.destination_countries[:1] or ["BE"])[0],
        "first_post_year": impact_mod.default_first_post_year(campaign),
        "dataset": impact_mod.DEFAULT_DATASET,
    }
    form = ImpactForm(request.GET if "origin" in request.GET else initial)
    result, chart, table_rows = None, "", []
    if form.is_valid():
        data = form.cleaned_data
        origin, destination = data["origin"].upper(), data["destination"].upper()
        panel = impact_mod.panel_from_db(
            dataset=data["dataset"], origin=origin, destination=destination
        )
        result = impact_mod.estimate(
            panel,
            origin=origin,
            destination=destination,
            first_post_year=data["first_post_year"],
            dataset=data["dataset"],
            claim=campaign.claim,
        )
        chart = _impact_chart(result)
        table_rows = [
            (series.label, [series.values.get(y) for y in result.years])
            for series in [result.treated] + [c.series for c in result.comparisons]
        ]
    return render(
        request,
        "campaigns/admin/impact.html",
        {
            "campaign": campaign,
            "form": form,
            "result": result,
            "chart": chart,
            "table_rows": table_rows,
        },
    )


def _impact_chart(result) -> str:
    """Each series indexed to 100 in the last year before the campaign."""
    base_year = result.first_post_year - 1
    series: dict[str, Sequence[tuple[str, float | None]]] = {}
    for name, values in [(result.treated.label, result.treated.values)] + [
        (c.name, c.series.values) for c in result.comparisons
    ]:
        base = values.get(base_year)
        if not base:
            continue
        series[name[:40]] = [
            (str(y), (values[y] / base * 100) if values.get(y) is not None else None)
            for y in result.years
        ]
    if not series:
        return ""
    return line_chart(
        series,
        title=_("Index, %(year)s = 100") % {"year": base_year},
        description=_(
            "Treated series and comparisons; the dashed line marks the first year after the campaign."
        ),
        marker=str(result.first_post_year),
    )


# --- surveys -------------------------------------------------------------------


@refuse_as_403
def survey_list(request):
    org = require_org(request)
    if not policy.has_perm(request.user, "campaigns.view_surveystudy", org=org):
        raise PermissionDenied
    studies = list(selectors.studies_for_org(org)[:200])
    return render(request, "campaigns/admin/surveys.html", {"studies": studies, "org": org})


@refuse_as_403
@require_http_methods(["GET", "POST"])
def survey_upload(request, campaign_uuid):
    campaign = selectors.campaign_for_owner(require_org(request), campaign_uuid)
    policy.require(request.user, "campaigns.add_surveystudy", obj=campaign)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"].size > 20 * 1024 * 1024:
                raise ImportRejected([Problem("file", "", "", "larger than 20 MB")])
            kind, rows = exchange.read_survey_csv(data["file"].read())
            study = services.survey_study_create(
                actor=request.user,
                campaign=campaign,
                title=data["title"],
                design=data["design"],
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
                planned_n=data["planned_n"],
                responses=rows if kind == "responses" else (),
                aggregates=rows if kind == "aggregates" else (),
            )
        except ImportRejected as exc:
            problems = exc.problems
        except UnicodeDecodeError:
            problems = [Problem("file", "", "", "not UTF-8 text")]
        else:
            messages.success(request, _("Survey results saved."))
            return redirect("campaigns_admin:survey", surveystudy_uuid=study.uuid)
    return render(
        request,
        "campaigns/admin/survey_upload.html",
        {"form": form, "campaign": campaign, "problems": problems[:500]},
    )


@refuse_as_403
def survey_detail(request, surveystudy_uuid):
    study = selectors.study_for_owner(require_org(request), surveystudy_uuid)
    policy.require(request.user, "campaigns.view_surveystudy", obj=study)
    return render(
        request,
        "campaigns/admin/survey.html",
        {
            "study": study,
            "results": surveys_mod.analyse(study),
            "can_delete": policy.has_perm(request.user, "campaigns.delete_surveystudy", obj=study),
        },
    )


@refuse_as_403
@require_http_methods(["GET", "POST"])
def survey_delete(request, surveystudy_uuid):
    study = selectors.study_for_owner(require_org(request), surveystudy_uuid)
    policy.require(request.user, "campaigns.delete_surveystudy", obj=study)
    if request.method == "POST":
        services.survey_study_delete(actor=request.user, study=study)
        messages.success(request, _("Survey results deleted."))
        return redirect("campaigns_admin:surveys")
    return render(request, "campaigns/admin/survey_delete.html", {"study": study})


# --- statistics ------------------------------------------------------------------


@refuse_as_403
@require_http_methods(["GET", "POST"])
def statistics(request):
    # Platform data: every organisation's readers see it, only a platform role
    # loads it (and may do so without belonging to any organisation).
    can_import = policy.has_platform_perm(request.user, "campaigns.manage_reference_data")
    if not can_import:
        require_reader(request)
    form = StatisticsUploadForm(request.POST or None, request.FILES or None)
    problem, unmapped = "", []
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_STATS_UPLOAD:
                problem = _("File larger than 60 MB.")
            elif not (form.cleaned_data["dataset"] or eurostat.dataset_from_filename(upload.name)):
                problem = _("Give the Eurostat dataset code: the file name does not contain one.")
            else:
                try:
                    parsed, record = services.statistics_file_import(
                        actor=request.user,
                        data=upload.read(),
                        file_name=upload.name,
                        dataset=form.cleaned_data["dataset"],
                    )
                except eurostat.LayoutRejected as exc:
                    problem = str(exc)
                else:
                    unmapped = parsed.unmapped
                    messages.success(
                        request,
                        _("%(layout)s: %(created)s new and %(updated)s updated observations.")
                        % {
                            "layout": parsed.layout,
                            "created": record.created,
                            "updated": record.updated,
                        },
                    )
    summary = (
        StatObservation.objects.values("dataset")
        .annotate(n=Count("id"), first=Min("year"), last=Max("year"))
        .order_by("dataset")
    )
    return render(
        request,
        "campaigns/admin/statistics.html",
        {
            "form": form,
            "can_import": can_import,
            "problem": problem,
            "unmapped": unmapped,
            "summary": summary,
            "imports": ReferenceImport.objects.all()[:20],
        },
    )
