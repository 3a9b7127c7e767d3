"""Account security views (TOTP two-factor) and the health check."""

from __future__ import annotations

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, two_factor


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\d{6}$",
        label=_("6-digit code from your authenticator app"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
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


def _qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG drawn on the server (no script, no request)."""
    qr = segno.make(device.config_url, error="m")
    # segno writes only geometry and colour attributes, no style attribute: the
    # page's CSP (style-src 'self') stays intact. Light modules are painted so
    # the code scans on a dark theme too.
    return qr.svg_inline(
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        title=str(_("QR code for your authenticator app")),
        svgclass="qr-code",
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_setup(request):
    """Enrol a TOTP device: show the QR code and the key, confirm with one valid code."""
    next_url = _safe_next(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        if not two_factor.is_verified(request.user):
            # A password alone must never add a device next to the existing one.
            return HttpResponseRedirect(
                f"{reverse('core:2fa-verify')}?{urlencode({'next': next_url})}"
            )
        return render(request, "core/2fa_setup.html", {"enrolled": True, "next": next_url})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            audit.record(actor=request.user, action="user.2fa_enrol", kind="auth")
            return HttpResponseRedirect(next_url)
        form.add_error(
            "token", _("That code is not valid. Check your phone's clock and try again.")
        )
    secret = two_factor.secret_of(device)
    return render(
        request,
        "core/2fa_setup.html",
        {
            "form": form,
            # segno escapes the title; the rest is geometry drawn from our own key.
            "qr_svg": mark_safe(_qr_svg(device)),
            "secret": secret,
            "secret_grouped": _grouped(secret),
            "required": two_factor.requires_two_factor(request.user),
            "next": next_url,
        },
    )


@never_cache
@login_required
def two_factor_verify(request):
    next_url = _safe_next(request)
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return HttpResponseRedirect(f"{reverse('core:2fa-setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(next_url)
        form.add_error("token", _("That code is not valid."))
    return render(request, "core/2fa_verify.html", {"form": form, "next": next_url})
