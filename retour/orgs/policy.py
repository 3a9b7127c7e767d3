"""The one permission policy: "may this user do this action on this object?"

Used by views, the API, Wagtail admin hooks and the CLI alike. Permissions are
stored on Django groups (one per organisation and role, see OrgGroup); the
policy adds the organisation scope that plain Django permissions lack.

Actions are Django permission names, ``"<app_label>.<codename>"``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from retour.core.actors import Actor, SystemActor, is_user

from .models import Membership, Organisation

_CACHE_ATTR = "_retour_org_perms"


def _org_perms(user) -> dict[int, set[str]]:
    """{organisation_id: {"app.codename", ...}} for the user, cached on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result: dict[int, set[str]] = defaultdict(set)
    if user is not None and user.is_authenticated and user.is_active:
        # Only groups that belong to an OrgGroup carry org-scoped permissions.
        rows = (
            Permission.objects.filter(group__user=user, group__org_group__isnull=False)
            .values_list("group__org_group__organisation_id", "content_type__app_label", "codename")
            .distinct()
        )
        for org_id, app_label, codename in rows:
            result[org_id].add(f"{app_label}.{codename}")
    result = dict(result)
    setattr(user, _CACHE_ATTR, result)
    return result


def clear_cache(user) -> None:
    for attr in (_CACHE_ATTR, "_retour_member_of"):
        if hasattr(user, attr):
            delattr(user, attr)


def organisation_of(obj: Any) -> Organisation | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    org = getattr(obj, "organisation", None)
    if org is None and hasattr(obj, "get_organisation"):
        org = obj.get_organisation()
    return org


def has_perm(user, action: str, *, obj: Any = None, org: Organisation | None = None) -> bool:
    """True when ``user`` may perform ``action`` on ``obj`` (or within ``org``).

    Superusers may do everything. Everyone else needs the permission through a
    group of the object's own organisation; membership elsewhere never counts.
    Without an object or org, answers whether the user has it in *any* org
    (used to decide whether to show a menu item, never to authorise a write).
    """
    if not getattr(user, "is_authenticated", False):
        return False  # anonymous, None, or a SystemActor (which require_actor trusts instead)
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    target = org or organisation_of(obj)
    perms = _org_perms(user)
    if target is None:
        if obj is not None:
            return False  # an object without an owner is never implicitly allowed
        return any(action in p for p in perms.values())
    return action in perms.get(target.pk, set())


def orgs_with_perm(user, action: str):
    """Organisations in which the user holds ``action``."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids = [org_id for org_id, perms in _org_perms(user).items() if action in perms]
    return Organisation.objects.filter(pk__in=ids)


def user_organisations(user):
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def is_member(user, org: Organisation) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    member_of = getattr(user, "_retour_member_of", None)
    if member_of is None:
        member_of = set(
            Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        user._retour_member_of = member_of
    return org.pk in member_of


def require(user, action: str, *, obj: Any = None, org: Organisation | None = None) -> None:
    """Raise 404 for another organisation's object, 403 for a missing permission.

    Another organisation's data must be indistinguishable from data that does
    not exist, so we check membership before the permission itself.
    """
    target = org or organisation_of(obj)
    if target is not None and not is_member(user, target):
        raise Http404
    if not has_perm(user, action, obj=obj, org=org):
        raise PermissionDenied(action)


def has_platform_perm(user, action: str) -> bool:
    """True when ``user`` holds a platform-level permission (``"app.codename"``).

    Platform data (shared reference statistics, organisations themselves)
    belongs to no organisation, so an organisation role never grants it: only
    superusers, a permission given to the user directly, or a group that is
    *not* an organisation's group (a platform group such as "Platform:
    reference data") count. An action with no Permission row (a job-only
    action such as ``search.rebuild_index``) is therefore superusers' only.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    app_label, _, codename = action.partition(".")
    perms = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        perms.filter(user=user).exists()
        or perms.filter(group__user=user, group__org_group__isnull=True).exists()
    )


def require_platform(user, action: str) -> None:
    """403 without the platform permission (there is no other organisation to hide)."""
    if not has_platform_perm(user, action):
        raise PermissionDenied(action)


def require_actor(
    actor: Actor,
    action: str,
    *,
    obj: Any = None,
    org: Organisation | None = None,
    platform: bool = False,
) -> None:
    """The one trust rule of every service.

    A SystemActor is trusted: only code with shell access (a management
    command, the demo loader) or a scheduled job can build one. A user goes
    through :func:`require` (or :func:`require_platform` for platform-level
    actions). Anything else (a plain string, None) is a programming error,
    never an identity, and raises TypeError.
    """
    if isinstance(actor, SystemActor):
        return
    if is_user(actor) or isinstance(actor, AnonymousUser):
        if platform:
            require_platform(actor, action)
        else:
            require(actor, action, obj=obj, org=org)
        return
    raise TypeError(f"actor must be a User or a SystemActor, not {type(actor).__name__}")
