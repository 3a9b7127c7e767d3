"""Fuzz every API operation from the OpenAPI document with schemathesis.

Proves the contract "malformed requests get a 4xx, never a 500" for every
route in /api/v1/schema/, anonymously and as a signed-in caseworker, and that
responses conform to the documented schema where the API promises one.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NotSet

from retour.orgs.models import Role
from retour.testing.base import TenantMixin

pytestmark = pytest.mark.django_db(transaction=False)

MAX_EXAMPLES = 25


def _schema():
    raw = Client().get("/api/v1/schema/?format=json").json()
    return schemathesis.openapi.from_dict(raw)


def _operations():
    schema = _schema()
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())
    return ops


def _send(client: Client, case):
    """Replay a generated case through Django's test client (in-process, same DB)."""
    query = urlencode(case.query or {}, doseq=True)
    path = case.formatted_path + (f"?{query}" if query else "")
    headers = {k: str(v) for k, v in (case.headers or {}).items() if k.lower() != "cookie"}
    body = case.body
    if body is None or isinstance(body, NotSet):
        data, content_type = b"", "application/json"
    elif isinstance(body, (bytes, str)):
        data, content_type = body, case.media_type or "application/octet-stream"
    else:
        data, content_type = json.dumps(body, default=str), case.media_type or "application/json"
    if "json" not in content_type and not isinstance(data, (bytes, str)):
        data = json.dumps(data, default=str)
    return client.generic(case.method, path, data=data, content_type=content_type, headers=headers)


class _Tenants(TenantMixin):
    pass


@pytest.fixture
def tenants(db):
    t = _Tenants()
    t.setup_tenants()
    return t


def test_schema_lists_operations(db):
    ops = _operations()
    assert len(ops) >= 1
    for op in ops:
        assert op.path.startswith("/api/v1/"), op.path


@pytest.mark.parametrize("as_user", [False, True], ids=["anonymous", "caseworker"])
def test_no_operation_answers_500(tenants, as_user):
    client = Client(raise_request_exception=False)
    if as_user:
        client.force_login(tenants.user(Role.CASEWORKER))
    failures: list[str] = []

    for op in _operations():

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def check(case):
            response = _send(client, case)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} query={case.query} body={case.body!r}"
                    f" -> {response.status_code}"
                )

        check()
    assert failures == [], "\n".join(failures[:20])


def test_every_api_route_is_documented(db):
    """The OpenAPI document is the contract: no undocumented /api/v1/ route."""
    import re

    from retour.core.tests.test_cross_org_routes import iter_routes

    documented = {
        re.sub(r"\{[^}]+\}", "{}", path)
        for path in Client().get("/api/v1/schema/?format=json").json()["paths"]
    }
    from django.urls import reverse

    missing = []
    for route in iter_routes():
        if not route.name.startswith("api:") or route.name == "api:schema":
            continue
        kwargs = {p: "00000000-0000-0000-0000-000000000000" for p in route.params}
        try:
            url = reverse(route.name, kwargs=kwargs)
        except Exception:
            url = reverse(route.name, kwargs={p: "x" for p in route.params})
        shape = re.sub(r"00000000-0000-0000-0000-000000000000|(?<=/)x(?=/|$)", "{}", url)
        if shape not in documented and shape.rstrip("/") not in {d.rstrip("/") for d in documented}:
            missing.append(f"{route.name} {url}")
    assert missing == [], missing
