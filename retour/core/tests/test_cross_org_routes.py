"""Walk EVERY URL pattern and prove org A can't read or change org B's data.

Classification and builders: retour/testing/routes.py and
retour/<app>/tests/cross_org.py. Checks:

* proven routes (an object parameter filled with org B's object): every role
  of org A gets 404 on GET and on POST (405 where the method is not allowed).
  The POST carries org B's ids in its body (every ModelChoiceField of the
  view's forms, every object parameter) and query string. Another answer is
  accepted only when it is a refusal identical to the answer for an object
  that does not exist (the view refused before looking the object up, e.g. a
  role without the permission is sent to the dashboard).
* list routes: every role of org A fetches them (with org B's ids and a search
  for the canary in the query) and posts org B's ids; no answer may show org
  B's canary.
* every route: no 5xx, and org B's rows (fingerprint) are unchanged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.test import TestCase
from django.urls import NoReverseMatch, reverse

from retour.testing import routes
from retour.testing.base import TenantMixin
from retour.testing.routes import (
    Route,
    body_for,
    fingerprint,
    is_refusal,
    iter_routes,
    missing_kwargs,
    response_text,
)

CANARY = "CANARY-ORG-B-7f3e"
# Leaks the walker finds today, being fixed; each one must still fail, so the
# list shrinks as fixes land (an entry that passes fails the test).
KNOWN_LEAKS: dict[str, str] = {}
# Failures of Wagtail itself, no tenant data involved; they must keep failing
# too, so the entry goes when Wagtail fixes them.
UPSTREAM_BUGS: dict[str, str] = {
    "wagtailadmin_choose_page_external_link": "Wagtail: POST without 'url' raises (500)",
}
EXPECTED = {**KNOWN_LEAKS, **UPSTREAM_BUGS}
NOT_FOUND = {404, 405}


class _Rollback(Exception):
    """Undo a request's writes (and a broken PostgreSQL transaction)."""


def _request(client, method: str, url: str, data: Any = None, json_body: bool = False):
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            elif json_body:
                response = client.post(url, json.dumps(data), content_type="application/json")
            else:
                response = client.post(url, data)
            if response.status_code >= 500:
                raise _Rollback(response)
    except _Rollback as exc:
        response = exc.args[0]
    return response


def classify(tc, route: Route, cache: dict) -> None:
    """Set route.kind ("proven", "list", "public", "platform", "unclassified")."""
    rule = routes.rule_for(route)
    if rule is not None:
        route.kind, route.reason = rule.kind, rule.reason
        if not rule.fetch or route.positional:
            route.kind += "-unfetched"
            return
        kwargs = rule.kwargs(tc) if rule.kwargs else _build(tc, route, cache, lenient=True)
        route.kwargs = kwargs if kwargs is not None else {}
        if kwargs is None:
            route.kind += "-unfetched"
        return
    if route.positional:
        route.kind, route.reason = "unclassified", "unnamed regex groups"
        return
    kwargs = _build(tc, route, cache)
    if kwargs is None:
        return
    route.kwargs = kwargs
    objects = [p for p in route.params if p not in routes.SELECTORS]
    route.kind = "proven" if objects else "list"


def _build(tc, route: Route, cache: dict, lenient: bool = False) -> dict | None:
    given = routes.ROUTES[route.name](tc) if route.name in routes.ROUTES else {}
    kwargs = {}
    for param in route.params:
        if param in given:
            kwargs[param] = given[param]
            continue
        key = param
        builder = routes.PARAMS.get(param) or routes.SELECTORS.get(param)
        if builder is None and param in ("pk", "object_id"):
            label = routes.pk_model(route)
            model_builder = routes.MODELS.get(label or "")
            if model_builder is not None:
                key, builder = f"pk:{label}", (lambda tc, b=model_builder: b(tc).pk)
        if builder is None and lenient:
            # Platform/public routes: any existing object will do (or one that
            # is missing); what matters is that org A gets no 5xx and no canary.
            key, builder = f"any:{route.key}:{param}", (lambda tc, r=route: _any_pk(r))
        if builder is None:
            route.kind, route.reason = "unclassified", f"no builder for parameter {param!r}"
            return None
        if key not in cache:
            cache[key] = builder(tc)
        kwargs[param] = cache[key]
    return kwargs


def _any_pk(route: Route) -> int:
    from django.apps import apps

    label = routes.pk_model(route)
    model = apps.get_model(label) if label else None
    pk = model._base_manager.order_by("pk").values_list("pk", flat=True).first() if model else None
    return pk if pk is not None else routes.MISSING_INT


def _url(route: Route, kwargs: dict) -> str:
    if route.name.startswith("<unnamed"):
        return "/" + route.pattern  # a plain path; regex ones are never fetched
    return reverse(route.name, kwargs=kwargs) if kwargs else reverse(route.name)


class CrossOrganisationRouteTests(TenantMixin, TestCase):
    org_b_ids: Any  # set in setUpTestData/setUp
    routes: Any  # set in setUpTestData/setUp
    canary = CANARY

    @classmethod
    def setUpTestData(cls):
        cls.setup_tenants()
        routes.load_all()
        cache: dict = {}
        cls.routes = list(iter_routes())
        for route in cls.routes:
            classify(cls, route, cache)
        # Every org-B id the builders made, sent in bodies and query strings.
        cls.org_b_ids = {
            k: v for k, v in cache.items() if k in routes.PARAMS and not k.startswith("pk:")
        }

    def setUp(self):
        self.clients = {role: self.client_for(user) for role, user in self.every_role("a")}
        for client in self.clients.values():
            client.raise_request_exception = False

    def of_kind(self, *kinds: str) -> list[Route]:
        return [r for r in self.routes if r.kind in kinds]

    # -- classification -----------------------------------------------------------
    def test_every_route_is_classified(self):
        unclassified = [f"{r.key}: {r.reason}" for r in self.of_kind("unclassified", "")]
        self.assertEqual(
            unclassified,
            [],
            "routes the walker cannot fill with org B's objects: register a builder in "
            "retour/<app>/tests/cross_org.py, or classify them public/platform with a reason",
        )
        names = {r.name for r in self.routes}
        self.assertEqual(sorted(set(EXPECTED) - names), [], "KNOWN_LEAKS names no route")
        for expected in ("orgs:switch", "wagtailadmin_api:pages:detail", "cases_admin:detail"):
            self.assertIn(expected, names)
        _write_coverage(self.routes, roles=len(self.clients), walk=type(self).__name__)

    # -- the checks ---------------------------------------------------------------
    def _check(self, route: Route, failures: list[str]) -> None:
        try:
            url = _url(route, route.kwargs)
        except NoReverseMatch as exc:
            failures.append(f"cannot reverse {route.key} with {route.kwargs}: {exc}")
            return
        extra = routes.QUERIES[route.name](self) if route.name in routes.QUERIES else {}
        query = {**self.org_b_ids, **extra}
        proven, checked = route.kind == "proven", route.kind in ("proven", "list")
        # List pages are searched for the canary's first word (not the canary:
        # a search page echoes its query).
        get_url = _with_query(url, {**query, "q": "CANARY", "term": "CANARY"})
        get_url = url if proven or not checked else get_url
        body = body_for(self, route, self.org_b_ids) if checked else None
        for role, client in self.clients.items():
            requests = [("get", get_url)] + ([("post", _with_query(url, query))] if checked else [])
            for method, target in requests:
                response = self._send(route, client, method, target, body)
                where = f"{method.upper()} {target.split('?')[0]} as {role} of org A"
                if response.status_code >= 500:
                    failures.append(f"{where}: {response.status_code}")
                    continue
                if route.kind != "public" and CANARY in response_text(response):
                    failures.append(f"{where}: {response.status_code} shows org B's canary")
                if proven and response.status_code not in NOT_FOUND:
                    missing = _url(route, missing_kwargs(route))
                    if method == "post":
                        missing = _with_query(missing, query)
                    other = self._send(route, client, method, missing, body)
                    if not is_refusal(response, other):
                        failures.append(
                            f"{where}: {response.status_code} (a missing object: "
                            f"{other.status_code})"
                        )

    def _send(self, route: Route, client, method: str, url: str, body):
        is_api = route.name.startswith("api:") or route.view_path.startswith(
            ("wagtail.admin.api.", "wagtail.images.api.", "wagtail.documents.api.")
        )
        return _request(client, method, url, body, json_body=is_api)

    def _walk(self, kinds: tuple[str, ...]) -> None:
        baseline = fingerprint(self)
        leaks: dict[str, list[str]] = defaultdict(list)
        for route in self.of_kind(*kinds):
            failures: list[str] = []
            try:
                with transaction.atomic():
                    self._check(route, failures)
                    after = fingerprint(self)
                    if after != baseline:
                        failures.append(
                            f"{route.key} changed org B's rows: {_diff(baseline, after)}"
                        )
                    raise _Rollback
            except _Rollback:
                pass
            if failures:
                leaks[route.name].extend(failures)
        self._assert_leaks(leaks, kinds)

    def _assert_leaks(self, leaks: dict[str, list[str]], kinds: tuple[str, ...]) -> None:
        ours = {r.name for r in self.of_kind(*kinds)}
        unexpected = [m for name, msgs in leaks.items() if name not in EXPECTED for m in msgs]
        fixed = sorted(n for n in EXPECTED if n in ours and n not in leaks)
        problems = unexpected[:60]
        if fixed:
            problems.append(
                f"KNOWN_LEAKS/UPSTREAM_BUGS entries that pass now (remove them): {fixed}"
            )
        self.assertEqual(problems, [], "\n".join(problems))

    def test_proven_routes_refuse_every_role_of_org_a(self):
        self._walk(("proven",))

    def test_list_pages_never_show_org_b(self):
        self._walk(("list",))

    def test_public_and_platform_routes_answer_without_5xx(self):
        self._walk(("public", "platform"))


def _with_query(url: str, query: dict) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def _diff(before: dict, after: dict) -> str:
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return "; ".join(f"{k}: {before.get(k)!r} -> {after.get(k)!r}" for k in keys)[:600]


def _write_coverage(all_routes: list[Route], roles: int, walk: str) -> None:
    """Hand the counts to the terminal summary (root conftest.py); each walk
    (one direction between the two organisations) adds its name."""
    import os

    counts: dict[str, int] = defaultdict(int)
    for route in all_routes:
        counts[route.kind.replace("-unfetched", "")] += 1
    counts["unfetched"] = sum(1 for r in all_routes if r.kind.endswith("-unfetched"))
    walks = {walk}
    path = routes.coverage_file()
    if os.path.exists(path):
        with open(path) as fh:
            walks |= set(json.load(fh).get("walks", []))
    data = {
        "routes": len(all_routes),
        "roles": roles,
        "walks": sorted(walks),
        "counts": dict(counts),
        "known_leaks": sorted(KNOWN_LEAKS),
    }
    with open(path, "w") as fh:
        json.dump(data, fh)


class CrossOrganisationRouteTestsReversed(CrossOrganisationRouteTests):
    """The whole walk again with the organisations created the other way round.

    Organisation B, its groups, collection and language-root permissions now
    come first (lower ids, the first collection path), so every role of the
    organisation created second is walked against the one created first too:
    a check that only holds one way round (``.first()``, id or path order)
    fails here.
    """

    @classmethod
    def setup_tenants(cls) -> None:
        from retour.testing.factories import OrganisationFactory

        cls.org_b = OrganisationFactory.create(name="Bravo Reintegration Network", slug="bravo")
        cls.org_a = OrganisationFactory.create(name="Alpha Return Counselling", slug="alpha")
        cls.setup_members()
