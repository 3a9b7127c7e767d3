"""Retention periods: how long this organisation keeps identifying data after
a case closes, per purpose. Organisation admins set them here (the nightly
`retour cases retention` run applies them); everyone else is refused."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from retour.orgs import policy

from . import selectors, services
from .models import ConsentPurpose

MAX_DAYS = 36500  # as services.retention_period_set enforces


class RetentionForm(forms.Form):
    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for purpose, label in ConsentPurpose.choices:
            self.fields[purpose] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=MAX_DAYS,
                initial=current[purpose],
                help_text=gettext_lazy("days after the case is closed"),
            )


def retention(request):
    org = getattr(request, "org", None) or None
    policy.require(request.user, "cases.view_retentionperiod", org=org)
    can_change = policy.has_perm(request.user, "cases.change_retentionperiod", org=org)
    current = services.retention_days(org)
    form = RetentionForm(request.POST or None, current=current)
    status = 200
    if request.method == "POST":
        policy.require(request.user, "cases.change_retentionperiod", org=org)
        if form.is_valid():
            changed = {p: d for p, d in form.cleaned_data.items() if d != current[p]}
            try:
                with transaction.atomic():  # all the periods or none
                    for purpose, days in changed.items():
                        services.retention_period_set(
                            actor=request.user, organisation=org, purpose=purpose, days=days
                        )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                status = 400
            else:
                if changed:
                    messages.success(request, _("Retention periods saved."))
                return redirect("cases_admin:retention")
        else:
            status = 400
    schedule = selectors.retention_schedule(org, today=timezone.localdate())
    return render(
        request,
        "cases/admin/retention.html",
        {"org": org, "form": form, "can_change": can_change, "schedule": schedule},
        status=status,
    )
