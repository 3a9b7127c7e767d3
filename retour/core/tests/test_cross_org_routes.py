"""Walk every route Retour owns and prove org A can't read or change org B's data.

See retour/testing/routes.py for how apps register their URL parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from retour.testing import routes
from retour.testing.base import TenantMixin

CANARY = "CANARY-ORG-B-7f3e"
OK_REFUSALS = {404, 405}


@dataclass
class Route:
    name: str
    params: tuple[str, ...]
    callback: object


def _params(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern.pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def iter_routes(patterns=None, namespace: str | None = None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            outer = _params(entry)
            for route in iter_routes(entry.url_patterns, ns):
                route.params = outer + route.params
                yield route
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(name=name or "", params=_params(entry), callback=entry.callback)


def _is_retour(obj) -> bool:
    return bool(obj) and getattr(obj, "__module__", "").startswith("retour.")


def is_owned(route: Route) -> bool:
    cb = route.callback
    view_class = getattr(cb, "view_class", None) or getattr(cb, "cls", None)
    model = getattr(view_class, "model", None) or getattr(cb, "view_initkwargs", {}).get("model")
    if _is_retour(cb) or _is_retour(view_class) or _is_retour(model):
        return True
    if route.name.startswith("api:"):
        return True  # the whole public API is Retour's contract
    module = getattr(cb, "__module__", "")
    return "page_id" in route.params and module.startswith(("wagtail.", "wagtail_localize."))


class CrossOrganisationRouteTests(TenantMixin, TestCase):
    canary = CANARY

    @classmethod
    def setUpTestData(cls):
        cls.setup_tenants()
        routes.load_all()

    def _kwargs(self, route: Route, cache: dict) -> dict | None:
        if route.name in routes.ROUTES:
            return routes.ROUTES[route.name](self)
        if route.name in routes.PUBLIC and routes.PUBLIC[route.name].kwargs:
            return routes.PUBLIC[route.name].kwargs(self)
        kwargs = {}
        for param in route.params:
            if param not in routes.PARAMS:
                return None
            if param not in cache:
                cache[param] = routes.PARAMS[param](self)
            kwargs[param] = cache[param]
        return kwargs

    def test_every_owned_route_is_classified_and_refuses_org_b(self):
        owned = [r for r in iter_routes() if is_owned(r)]
        self.assertTrue(owned, "the walker found no routes at all")
        unnamed = [r for r in owned if not r.name]
        self.assertEqual(unnamed, [], "every Retour route needs a name")

        cache: dict = {}
        uncovered, failures, checked = [], [], 0
        # Build every org-B object first so list pages have something to leak.
        resolved: list[tuple[Route, str]] = []
        for route in owned:
            kwargs = self._kwargs(route, cache)
            if kwargs is None:
                if route.name not in routes.PUBLIC:
                    uncovered.append(f"{route.name} {route.params}")
                continue
            try:
                url = reverse(route.name, kwargs=kwargs)
            except Exception as exc:
                failures.append(f"{route.name}: cannot reverse with {kwargs}: {exc}")
                continue
            resolved.append((route, url))
        self.assertEqual(uncovered, [], "routes with no cross-org builder; register one")

        clients = {role: self.client_for(user) for role, user in self.every_role("a")}
        for route, url in resolved:
            public = route.name in routes.PUBLIC
            for role, client in clients.items():
                get = client.get(url)
                checked += 1
                if get.status_code >= 500:
                    failures.append(f"GET {url} as {role}: {get.status_code}")
                    continue
                if public:
                    continue
                if route.params:
                    if get.status_code not in OK_REFUSALS:
                        failures.append(f"GET {url} as {role} of org A: {get.status_code}")
                    post = client.post(url, {})
                    if post.status_code not in OK_REFUSALS:
                        failures.append(f"POST {url} as {role} of org A: {post.status_code}")
                elif CANARY in get.content.decode(errors="replace"):
                    failures.append(f"GET {url} as {role} of org A shows org B data")
        self.assertEqual(failures, [], "\n".join(failures))
        self.assertGreater(checked, 0)

    def test_walker_sees_the_registered_routes(self):
        names = {r.name for r in iter_routes() if is_owned(r)}
        self.assertIn("orgs:switch", names)
        self.assertIn("api:schema", names)
