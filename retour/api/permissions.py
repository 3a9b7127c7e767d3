"""DRF permission classes that delegate to the one policy (retour.orgs.policy)."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from retour.orgs import policy


class PolicyPermission(BasePermission):
    """Require ``view.required_perm`` in the request's organisation (or the object's).

    Object checks go through ``policy.require`` semantics: another
    organisation's object is a 404, a missing permission a 403.
    """

    def has_permission(self, request, view) -> bool:
        perm = getattr(view, "required_perm", None)
        if perm is None:
            return True
        return policy.has_perm(request.user, perm, org=getattr(request, "org", None))

    def has_object_permission(self, request, view, obj) -> bool:
        perm = getattr(view, "required_perm", None)
        if perm is None:
            return True
        policy.require(request.user, perm, obj=obj)
        return True
