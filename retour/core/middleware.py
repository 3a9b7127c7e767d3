"""Security middleware: Content Security Policy and optional two-factor login."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


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
    """Staff who enrolled a TOTP device must verify it before using the admin.

    Two-factor is optional per person; once a device is confirmed it is
    enforced on every admin and staff page.
    """

    EXEMPT_PREFIXES = ("/account/2fa/", "/admin/login/", "/admin/logout/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(("/admin/", "/staff/"))
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not user.is_verified()
        ):
            from django_otp import user_has_device

            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('core:2fa-verify')}?next={request.path}")
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
