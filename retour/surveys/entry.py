"""A server-rendered Django form generated from a parsed XLSForm.

Relevance (skip logic) and XPath constraints are not evaluated: every
supported question is shown. Choice answers, types and "required" are
checked here and again by the service.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

# Filled from the round itself, never typed.
FROM_ROUND = {"case_number", "round"}


def build_form_class(questions: list[dict], skip=FROM_ROUND) -> type[forms.Form]:
    """``skip``: the questions the round fills in (the form's case and round questions).
    Hidden and calculated fields are filled by Kobo/ODK, never typed here."""
    fields = {}
    for q in questions:
        if q["name"] in skip or q.get("hidden"):
            continue
        common = {"label": q["label"], "required": q["required"], "help_text": q.get("hint", "")}
        kind = q["type"]
        field: forms.Field
        if kind == "text":
            field = forms.CharField(max_length=2000, **common)
        elif kind == "integer":
            field = forms.IntegerField(**common)
        elif kind == "decimal":
            field = forms.FloatField(**common)
        elif kind == "date":
            field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
            if q["name"] == "interview_date":
                field.initial = timezone.localdate
        elif kind == "select_one":
            field = forms.ChoiceField(
                choices=[(v, lab or v) for v, lab in q["choices"]],
                widget=forms.RadioSelect,
                **common,
            )
        elif kind == "select_multiple":
            field = forms.MultipleChoiceField(
                choices=[(v, lab or v) for v, lab in q["choices"]],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        else:  # pragma: no cover - parse_xlsform keeps only the types above
            continue
        fields[q["name"]] = field
    return type("SurveyEntryForm", (forms.Form,), fields)


def answers_from(cleaned: dict) -> dict:
    """Form values -> raw answers the service checks again (dates as ISO text)."""
    out = {}
    for name, value in cleaned.items():
        if value in (None, "", []):
            continue
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out
