"""API authentication: a browser session counts only once its second factor is verified.

The API has no token authentication. Its only authenticated callers are staff
browsers (and scripts) holding a Django session, so the session must carry the
same proof as the admin: ``django_otp`` marks it verified (``otp_device_id``)
when the person enters a code. A session that signed in with a password only
is refused with the API's JSON error instead of being treated as anonymous,
so the caller learns why and where to go.

Public routes (answers, content) declare ``authentication_classes = []`` and
never look at the session, so they stay open to everyone. Should token
authentication ever be added, it must subclass ``TwoFactorAuthentication`` too
(tests enforce this for every /api/v1/ route) and tokens may only be issued
from a verified session; see docs/architecture.md, "Two-factor".
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from retour.core import two_factor


class TwoFactorRequired(exceptions.PermissionDenied):
    default_code = "two_factor_required"
    default_detail = two_factor.API_REFUSAL


class TwoFactorAuthentication:
    """Mixin for authentication classes: refuse a user who still owes a second factor."""

    def enforce_second_factor(self, user) -> None:
        step = two_factor.pending_step(user)
        if step is None:
            return
        url = reverse("core:2fa-verify" if step is two_factor.Step.VERIFY else "core:2fa-setup")
        raise TwoFactorRequired(f"{TwoFactorRequired.default_detail} ({url})")


class TwoFactorSessionAuthentication(TwoFactorAuthentication, SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            self.enforce_second_factor(result[0])
        return result


class TwoFactorSessionScheme(OpenApiAuthenticationExtension):
    """The OpenAPI document names the session cookie, as for plain session auth."""

    target_class = TwoFactorSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "A Django session whose second factor (TOTP) is verified.",
        }
