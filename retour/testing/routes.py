"""Registry for the cross-organisation route walker.

The walker (retour/core/tests/test_cross_org_routes.py) visits every URL
pattern that Retour owns (its view lives in ``retour.*``, or it is a Wagtail
admin view over a Retour model, or a page route taking ``page_id``). To fill
the URL parameters it asks this registry for an object that belongs to
organisation B. A route it cannot fill makes the test fail, so a new route is
covered the moment it is added.

Apps register builders in ``retour/<app>/tests/cross_org.py``:

    from retour.testing.routes import register_param, register_route, public_route

    @register_param("case_uuid")
    def _case(tc):                 # tc is the TenantMixin test case
        return CaseFactory(organisation=tc.org_b, notes=tc.canary).uuid

    public_route("search:search", reason="public search over published content")

Builders should put ``tc.canary`` into a visible field: the walker checks that
list pages of organisation A never show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings

Builder = Callable[[Any], Any]

PARAMS: dict[str, Builder] = {}
ROUTES: dict[str, Callable[[Any], dict[str, Any]]] = {}


@dataclass(frozen=True)
class Public:
    reason: str
    kwargs: Callable[[Any], dict[str, Any]] | None = None


PUBLIC: dict[str, Public] = {}


def register_param(name: str):
    """Builder for one URL parameter name, used by every route that has it."""

    def decorator(func: Builder) -> Builder:
        PARAMS[name] = func
        return func

    return decorator


def register_route(name: str):
    """Builder returning all kwargs for one named route (overrides PARAMS)."""

    def decorator(func):
        ROUTES[name] = func
        return func

    return decorator


def public_route(name: str, *, reason: str, kwargs: Callable[[Any], dict] | None = None) -> None:
    """A route that shows no tenant-private data (public pages, webhooks, schema)."""
    PUBLIC[name] = Public(reason=reason, kwargs=kwargs)


def load_all() -> None:
    for app in settings.RETOUR_APPS:
        dotted = f"{app}.tests.cross_org"
        try:
            import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
