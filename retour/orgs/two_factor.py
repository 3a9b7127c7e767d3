"""The permission rule of two-factor sign-in (registered with core in OrgsConfig.ready).

Whoever holds, in any organisation, one of ``settings.RETOUR_TWO_FACTOR_PERMISSIONS``
needs two-factor, and so does whoever holds any permission outside an
organisation (given directly or through a group that is no organisation's
group): such permissions write data every organisation reads.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Permission

from . import policy


def needs_two_factor(user) -> bool:
    # policy.has_perm without an org answers "in any organisation" (cached per user).
    if any(policy.has_perm(user, perm) for perm in settings.RETOUR_TWO_FACTOR_PERMISSIONS):
        return True
    return holds_platform_permissions(user)


def holds_platform_permissions(user) -> bool:
    """Any permission given to the user directly or through a non-organisation group."""
    cached = getattr(user, "_retour_platform_perms", None)
    if cached is None:
        cached = (
            Permission.objects.filter(user=user).exists()
            or Permission.objects.filter(group__user=user, group__org_group__isnull=True).exists()
        )
        user._retour_platform_perms = cached
    return cached
