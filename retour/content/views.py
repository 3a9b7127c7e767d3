"""Public views: the cached page front and the "What support can I get?" questionnaire."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail import views as wagtail_views

from retour.core.countries import country_choices
from retour.orgs.validators import VALID_COUNTRIES

from . import eligibility, rendering
from .models import ResidenceStatus


def serve_page(request, path=""):
    """Serve a portal page: from the front cache when possible, else via Wagtail."""
    response = rendering.cached_response(request)
    if response is not None:
        return response
    return wagtail_views.serve(request, path)


# -- "What support can I get?" -------------------------------------------------
DONT_KNOW = ("", _("I don't know / I prefer not to say"))


class SupportForm(forms.Form):
    """Every question is optional: an unanswered one makes its conditions "to check"."""

    nationality = forms.ChoiceField(label=_("Your nationality (country of return)"), required=False)
    status = forms.ChoiceField(label=_("Your current status"), required=False)
    host_country = forms.ChoiceField(label=_("The country where you are now"), required=False)
    household = forms.ChoiceField(label=_("Who would return with you?"), required=False)
    health_needs = forms.ChoiceField(label=_("Do you have medical needs?"), required=False)

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        countries = [DONT_KNOW, *country_choices(sorted(VALID_COUNTRIES), lang)]
        choices: dict[str, list] = {
            "nationality": countries,
            "host_country": countries,
            "status": [DONT_KNOW, *ResidenceStatus.choices],
            "household": [DONT_KNOW, *eligibility.Household.choices],
            "health_needs": [DONT_KNOW, ("yes", _("Yes")), ("no", _("No"))],
        }
        for name, options in choices.items():
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                field.choices = options

    def answers(self) -> eligibility.Answers:
        return eligibility.Answers(**self.cleaned_data)


def _lang() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# POST, not GET: answers in a URL would end up in proxy access logs, browser
# history and Referer headers. CSRF protection is off on purpose: the view
# changes nothing, and a CSRF token would set a cookie on an anonymous reader.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def support(request: HttpRequest) -> HttpResponse:
    """An anonymous questionnaire over the programme catalogue. Answers are used
    for this response only: not stored, logged, cached or put in the session."""
    lang = _lang()
    status = 200
    context: dict = {}
    if request.method == "POST":
        form = SupportForm(request.POST, lang=lang)
        if form.is_valid():
            context["suggestions"] = eligibility.suggest(form.answers(), lang=lang)
        else:
            status = 400
    else:
        form = SupportForm(lang=lang)
    context["form"] = form
    # never_cache: no shared or browser cache keeps a copy of the results.
    return render(request, "content/support.html", context, status=status)
