"""The request staff views receive, for type checking.

Behind ``AuthenticationMiddleware``, ``CurrentOrganisationMiddleware`` and the staff
login checks, ``request.user`` is a signed-in ``User`` and ``request.org`` the
active organisation (or None). Annotate such views with ``request: OrgRequest``;
at run time it is the same ``HttpRequest``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import Organisation


class OrgRequest(HttpRequest):
    user: User  # narrower than the stubs' User | AnonymousUser
    org: Organisation | None


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` in a view behind the staff login checks: never anonymous there;
    should one arrive anyway it is refused rather than recorded as an actor."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
