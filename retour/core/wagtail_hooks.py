"""Wagtail admin hooks of the core app: the way to two-factor sign-in from the account page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_account_item(request) -> dict:
    # People whose permissions do not require two-factor may still enrol; this
    # is where they find it (the enrolment page says when it is already on).
    return {
        "url": reverse("core:2fa-setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Sign in with a code from an authenticator app on your phone as well."),
    }
