"""Every request knows its organisation.

Staff may belong to several organisations; the active one is kept in the
session (switchable) and defaults to the first membership. Anonymous visitors
have none. Tenant views must scope their queries with ``request.org``.
"""

from __future__ import annotations

SESSION_KEY = "retour_org"


def _resolve(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    from .models import Organisation

    orgs = Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
    wanted = request.session.get(SESSION_KEY)
    if wanted:
        org = orgs.filter(uuid=wanted).first()
        if org is not None:
            return org
    return orgs.first()


class CurrentOrganisationMiddleware:
    """Sets ``request.org`` to an Organisation or to a real ``None``.

    Resolved eagerly (not a lazy proxy) so ``request.org is None`` works and a
    proxy of None can never slip into a query filter. Anonymous requests cost
    no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.org = _resolve(request)
        return self.get_response(request)
