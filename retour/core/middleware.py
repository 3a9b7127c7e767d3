"""Security middleware: Content Security Policy and two-factor sign-in on staff pages."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from . import two_factor


def _header(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    """A strict CSP on every response: no inline script, no third-party origin."""

    def __init__(self, get_response):
        self.get_response = get_response
        public = dict(settings.RETOUR_CSP)
        admin = {**public, **settings.RETOUR_CSP_ADMIN_OVERRIDES}
        self.public_header = _header(public)
        self.admin_header = _header(admin)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            is_admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = (
                self.admin_header if is_admin else self.public_header
            )
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        return response


class TwoFactorRequiredMiddleware:
    """Staff pages (the Wagtail admin and /staff/) serve only sessions that have
    passed their second factor, or that of a person who needs none.

    Whoever has a confirmed device is sent to enter a code; whoever must use
    two-factor (retour/core/two_factor.py) but has no device is sent to enrol.
    The JSON API enforces the same rule in its authentication class
    (retour/api/authentication.py) so it can answer in JSON, not with a redirect.
    """

    PROTECTED_PREFIXES = ("/admin/", "/staff/")
    # Signing in, out and resetting a password must stay reachable mid-way.
    EXEMPT_PREFIXES = (
        "/account/2fa/",
        "/admin/login/",
        "/admin/logout/",
        "/admin/password_reset/",
        "/static/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(self.PROTECTED_PREFIXES) and not path.startswith(self.EXEMPT_PREFIXES):
            step = two_factor.pending_step(getattr(request, "user", None))
            if step is not None:
                name = "core:2fa-verify" if step is two_factor.Step.VERIFY else "core:2fa-setup"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(name)}?{query}")
        return self.get_response(request)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the 404 → /<lang>/… redirect for staff,
    API and webhook paths.

    The public site's catch-all page route makes every ``/<lang>/<path>`` look
    valid, so the stock middleware would turn a deliberate 404 (another
    organisation's object) into a 302. Non-localised prefixes keep their 404.
    """

    NON_LOCALISED = ("/admin/", "/staff/", "/api/", "/account/", "/channels/", "/documents/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.NON_LOCALISED):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
