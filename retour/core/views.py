"""Account security views (TOTP two-factor) and the health check."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\d{6}$",
        label=_("6-digit code from your authenticator app"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _safe_next(request, default="/admin/"):
    target = request.GET.get("next") or request.POST.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return default
    return target


@never_cache
@login_required
def two_factor_setup(request):
    """Enrol a TOTP device: show the QR code, confirm with one valid code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return render(request, "core/2fa_setup.html", {"enrolled": True})
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(actor=request.user, action="user.2fa_enrol", kind="auth")
            return HttpResponseRedirect(_safe_next(request))
        form.add_error(
            "token", _("That code is not valid. Check your phone's clock and try again.")
        )
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    qr = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return render(
        request,
        "core/2fa_setup.html",
        {"form": form, "qr": qr, "secret": base64.b32encode(device.bin_key).decode()},
    )


@never_cache
@login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(_safe_next(request))
        form.add_error("token", _("That code is not valid."))
    return render(request, "core/2fa_verify.html", {"form": form, "next": _safe_next(request)})
