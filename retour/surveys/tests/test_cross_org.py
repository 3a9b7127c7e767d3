"""The route walker, limited to this app's routes (fast feedback; the full walker
in retour/core/tests/test_cross_org_routes.py covers them too)."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from retour.core.tests.test_cross_org_routes import CANARY, OK_REFUSALS, is_owned, iter_routes
from retour.testing import routes
from retour.testing.base import TenantMixin

from . import cross_org  # noqa: F401 - registers the builders


def _ours(route) -> bool:
    return route.name.startswith(("surveys_admin:", "surveys:", "api:surveys"))


class SurveysCrossOrgTests(TenantMixin, TestCase):
    canary = CANARY

    @classmethod
    def setUpTestData(cls):
        cls.setup_tenants()

    def test_org_a_never_sees_or_changes_org_b(self):
        ours = [r for r in iter_routes() if is_owned(r) and _ours(r)]
        self.assertGreaterEqual(len(ours), 10)
        cache, failures = {}, []
        for route in ours:
            if route.name in routes.PUBLIC:
                continue
            kwargs = {}
            for param in route.params:
                self.assertIn(param, routes.PARAMS, f"{route.name}: no builder for {param}")
                if param not in cache:
                    cache[param] = routes.PARAMS[param](self)
                kwargs[param] = cache[param]
            url = reverse(route.name, kwargs=kwargs)
            for role, user in self.every_role("a"):
                client = self.client_for(user)
                get = client.get(url)
                if get.status_code >= 500:
                    failures.append(f"GET {url} as {role}: {get.status_code}")
                elif route.params:
                    if get.status_code not in OK_REFUSALS:
                        failures.append(f"GET {url} as {role}: {get.status_code}")
                    post = client.post(url, {})
                    if post.status_code not in OK_REFUSALS:
                        failures.append(f"POST {url} as {role}: {post.status_code}")
                elif CANARY in get.content.decode(errors="replace"):
                    failures.append(f"GET {url} as {role} shows org B data")
        self.assertEqual(failures, [], "\n".join(failures))
