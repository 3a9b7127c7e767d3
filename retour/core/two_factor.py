"""Who must use two-factor sign-in, and what an unverified session must do next.

"Needs two-factor" is derived from permissions, never from a list of roles:
whoever holds, in any organisation, one of ``settings.RETOUR_TWO_FACTOR_PERMISSIONS``
(reading case identities, exporting data, granting those roles), and every
superuser, and whoever holds any permission outside an organisation (given
directly or through a platform group: such permissions write data that every
organisation reads, e.g. the Eurostat reference tables). An organisation admin
who gives a group one of those permissions in Wagtail makes two-factor
mandatory for its members on their next request.

Core knows only the superuser rule; the permission rule lives with the policy
in ``retour/orgs/two_factor.py`` and reaches here through ``register_requirement``.

Everyone else may enrol; once a person has a confirmed device it is enforced
for them too (a device that could be skipped would protect nothing).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# The API's refusal (retour/api/authentication.py); kept here with the core catalogue.
API_REFUSAL = _(
    "Two-factor verification required: sign in and enter the code from your "
    "authenticator app first."
)


class Step(StrEnum):
    VERIFY = "verify"  # has a confirmed device: enter a code
    ENROL = "enrol"  # needs two-factor but has no device yet: set one up


# Who else needs two-factor is decided by the apps above core (core imports none of
# them): each registers a rule in its AppConfig.ready(). orgs registers the
# permission rule (retour/orgs/two_factor.py).
Requirement = Callable[[Any], bool]
_REQUIREMENTS: dict[str, Requirement] = {}


def register_requirement(name: str, rule: Requirement) -> None:
    """Make two-factor mandatory for every user ``rule(user)`` is true for.

    Registering the same name again replaces the rule (``ready()`` may run twice
    in tests)."""
    _REQUIREMENTS[name] = rule


def requirements() -> dict[str, Requirement]:
    return dict(_REQUIREMENTS)


def requires_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(rule(user) for rule in _REQUIREMENTS.values())


def is_verified(user) -> bool:
    # OTPMiddleware installs is_verified(); a user built elsewhere (a DRF test
    # helper, a script) has not passed a second factor.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user) -> Step | None:
    """What this signed-in user must do before a staff surface serves them."""
    if not getattr(user, "is_authenticated", False) or is_verified(user):
        return None
    if user_has_device(user, confirmed=True):
        return Step.VERIFY
    if requires_two_factor(user):
        return Step.ENROL
    return None


def secret_of(device: TOTPDevice) -> str:
    """The base32 key authenticator apps accept for manual entry."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator shows right now (demo, dev and tests)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"
