"""Staff forms. They only collect text: the exchange schema (schema.py) validates,
so the admin form, file imports and the API share one set of rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import (
    AudienceGroup,
    CampaignStatus,
    Channel,
    DatePrecision,
    EvaluationLevel,
    Gender,
    ReachUnit,
    SurveyDesign,
)

LIST_HELP = _("Codes separated by ';', e.g. BE; BR")
LINES_HELP = _("One per line")


def _text(label, **kw):
    return forms.CharField(label=label, required=False, **kw)


def _area(label, rows=3, **kw):
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kw
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title (original language)"), max_length=400)
    title_language = _text(_("Language of the title (ISO 639)"), max_length=3)
    implementing_organisation = _text(_("Implementing organisation"), max_length=300)
    countries = _text(_("Countries (ISO 3166)"), help_text=LIST_HELP)
    subnational_areas = _area(_("Sub-national areas"), rows=2)
    status = forms.ChoiceField(label=_("Status"), choices=CampaignStatus.choices)
    planned_start = forms.DateField(
        label=_("Planned start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_end = forms.DateField(
        label=_("Planned end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actual_start = forms.DateField(
        label=_("Actual start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actual_end = forms.DateField(
        label=_("Actual end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_precision = forms.ChoiceField(label=_("Dates known to the"), choices=DatePrecision.choices)
    period_as_stated = _area(_("Period as stated"), rows=2)
    duration_months = _text(_("Duration (months)"))
    cost_total = _text(_("Total cost"), help_text=_("As stated; leave empty when unknown"))
    currency = _text(_("Currency (ISO 4217)"), max_length=3)
    cost_is_estimate = forms.BooleanField(label=_("The cost is an estimate"), required=False)
    cost_as_stated = _area(_("Cost as stated"), rows=2)
    target_audience_as_stated = _area(_("Target audience as stated"))
    languages = _text(_("Languages (ISO 639)"), help_text=_("e.g. fr; wo"))
    implementing_partners = _area(_("Implementing partners"), help_text=LINES_HELP)
    objectives = _area(_("Objectives"), rows=4)
    key_messages = _area(_("Key messages"))
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels_as_stated = _area(_("Channels and tools as stated"), rows=4)
    evaluation_level = forms.TypedChoiceField(
        label=_("Evaluation design"), choices=EvaluationLevel.choices, coerce=int
    )
    evaluation_methods = _area(_("Evaluation methods"))
    effectiveness_as_stated = _area(_("Effectiveness as stated"))
    perceived_success = _area(_("Perceived success"))
    reception = _area(_("Reception by the target group"))
    lessons = _area(_("Lessons learned"))
    links = _area(_("Links"), help_text=LINES_HELP)
    claim = _area(_("The campaign's own claim about statistics"), rows=2)
    origin_country = _text(_("Origin country for impact (ISO 3166)"), max_length=2)
    destination_countries = _text(_("Destination countries"), help_text=LIST_HELP)
    source_reference = _text(_("Source reference"), max_length=400)
    external_id = _text(_("External id"), max_length=80)

    def record(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("implementing_partners", "links"):
            data[name] = [
                line.strip() for line in (data.get(name) or "").splitlines() if line.strip()
            ]
        for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
            data[name] = data[name].isoformat() if data.get(name) else None
        return data

    @classmethod
    def initial_from(cls, record: dict) -> dict:
        initial = dict(record)
        for name in ("implementing_partners", "links"):
            initial[name] = "\n".join(record.get(name) or [])
        for name in ("countries", "languages", "destination_countries"):
            initial[name] = "; ".join(record.get(name) or [])
        return initial


class CostForm(forms.Form):
    label = _text(_("Part"), max_length=200)
    amount = _text(_("Amount"))
    currency = _text(_("Currency"), max_length=3)
    funder = _text(_("Funder"), max_length=200)
    is_cofunding = forms.BooleanField(label=_("Co-funding"), required=False)
    is_estimate = forms.BooleanField(label=_("Estimate"), required=False)
    range_low = _text(_("Range low"))
    range_high = _text(_("Range high"))
    convert_to = _text(_("Convert to"), max_length=3)
    fx_rate = _text(pgettext_lazy("exchange rate", "Rate"))
    fx_date = _text(_("Rate date"))
    note = _text(_("Note"), max_length=400)


class ReachForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("whole campaign")), *Channel.choices], required=False
    )
    value = _text(_("Reach"))
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", "—"), *ReachUnit.choices], required=False
    )
    is_minimum = forms.BooleanField(label=_("At least"), required=False)
    is_estimate = forms.BooleanField(label=_("Estimate"), required=False)
    how_counted = _text(_("How counted"), max_length=400)


class AudienceForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Group"), choices=[("", "—"), *AudienceGroup.choices], required=False
    )
    age_min = _text(_("Age from"))
    age_max = _text(_("Age to"))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    note = _text(_("Note"), max_length=300)


def _formset(form, extra):
    return forms.formset_factory(form, extra=extra, max_num=50, validate_max=True)


CostFormSet = _formset(CostForm, 2)
ReachFormSet = _formset(ReachForm, 2)
AudienceFormSet = _formset(AudienceForm, 2)


def formset_items(formset) -> list[dict]:
    """Non-empty rows of a formset as raw dicts (empty rows are ignored)."""
    items = []
    for form in formset.forms:
        data = {k: v for k, v in (form.cleaned_data or {}).items() if v not in ("", None, False)}
        if data and set(data) - {"gender"}:
            items.append(data)
    return items


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Campaigns file (JSON, CSV or XLSX)"))
    costs = forms.FileField(
        label=_("costs.csv (optional, with a CSV campaigns file)"), required=False
    )
    reach = forms.FileField(label=_("reach.csv (optional)"), required=False)
    audiences = forms.FileField(label=_("audiences.csv (optional)"), required=False)


class SurveyUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    design = forms.ChoiceField(label=_("Design"), choices=SurveyDesign.choices)
    scale_min = forms.FloatField(label=_("Lowest possible score"), initial=0)
    scale_max = forms.FloatField(label=_("Highest possible score"), initial=10)
    planned_n = forms.IntegerField(label=_("Planned respondents"), required=False, min_value=1)
    file = forms.FileField(
        label=_("Results (CSV)"),
        help_text=_(
            "Per respondent: respondent, arm, wave, outcome, value. "
            "Aggregated: arm, wave, outcome, n, mean, sd."
        ),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("Must be above the lowest score."))
        return data


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(label=_("Eurostat file (data-browser CSV or SDMX-TSV)"))
    dataset = forms.RegexField(
        label=_("Eurostat dataset code"),
        regex=r"^[a-z0-9_]{3,40}$",
        required=False,
        help_text=_("e.g. migr_asyappctza; taken from the file name when empty"),
    )


class ImpactForm(forms.Form):
    origin = forms.RegexField(label=_("Origin (ISO 3166)"), regex=r"^[A-Za-z]{2}$")
    destination = forms.RegexField(label=_("Destination (ISO 3166)"), regex=r"^[A-Za-z]{2}$")
    first_post_year = forms.IntegerField(
        label=_("First year after the campaign"), min_value=1990, max_value=2100
    )
    dataset = forms.RegexField(label=_("Dataset"), regex=r"^[a-z0-9_]{3,40}$")
