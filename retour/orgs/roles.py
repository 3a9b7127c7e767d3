"""Default permissions of each role, gathered from every app.

Each app may define ``retour/<app>/roles.py`` with::

    ROLE_PERMISSIONS = {Role.EDITOR: ["content.change_shortanswer", ...], ...}

These defaults seed the org groups (see services.organisation_groups_sync).
After that the groups are the single source of truth: the policy reads group
permissions, so an admin who adjusts a group in Wagtail changes what the role
can do everywhere (admin, views, API, CLI).
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings

from .models import Role

# Permissions of the foundation itself.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMIN: [
        "orgs.view_organisation",
        "orgs.change_organisation",
        "orgs.view_membership",
        "orgs.add_membership",
        "orgs.delete_membership",
        "core.view_auditevent",
        "wagtailadmin.access_admin",
    ],
    Role.EDITOR: ["wagtailadmin.access_admin", "orgs.view_organisation"],
    Role.REVIEWER: ["wagtailadmin.access_admin", "orgs.view_organisation"],
    Role.CASEWORKER: ["wagtailadmin.access_admin", "orgs.view_organisation"],
    Role.ANALYST: ["wagtailadmin.access_admin", "orgs.view_organisation"],
}


def default_role_permissions() -> dict[str, set[str]]:
    """Union of ROLE_PERMISSIONS across all Retour apps, keyed by role."""
    merged: dict[str, set[str]] = {role: set() for role in Role.values}
    modules = [__name__]
    for app in settings.RETOUR_APPS:
        modules.append(f"{app}.roles")
    for dotted in dict.fromkeys(modules):
        try:
            module = import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            merged[str(role)].update(perms)
    return merged
