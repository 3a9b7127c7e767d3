"""Fuzz every API operation from the OpenAPI document with schemathesis.

Every operation in /api/v1/schema/ is called anonymously and as a signed-in
caseworker with every check schemathesis has (the Python equivalent of
``--checks all``): no 5xx, status codes, content types, headers and bodies as
documented, invalid input rejected, valid input accepted, documented
authentication enforced. ``max_response_time`` is left out: a wall-clock
limit is a benchmark, not a test.

Requests go in-process through Django's WSGI application (same thread, same
test transaction), so fixtures made here are what the API sees.
"""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup

from retour.orgs.models import Role
from retour.testing.base import TenantMixin
from retour.testing.routes import iter_routes

pytestmark = pytest.mark.django_db(transaction=False)

# Examples per operation and identity; derandomized, so every run sends the
# same requests (a failure reproduces by rerunning).
MAX_EXAMPLES = 25
CSRF = "fuzzcsrftokenfuzzcsrftokenfuzzcs"  # 32 characters: an unmasked secret

load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


def _schema():
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


class _Tenants(TenantMixin):
    pass


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Requests go through the real WSGI handler, whose request_started and
    request_finished signals close a connection that is not in autocommit:
    inside the test transaction on PostgreSQL that is the test's own
    connection. Django's test Client disconnects the same receiver."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def tenants(db):
    """Two organisations, and rows in org A for the list responses to show:
    a case with nothing recorded yet for gender and age band ("" in the
    response), its assistance item and a referral to org B."""
    from retour.cases.tests.factories import CaseFactory
    from retour.reintegration.tests.factories import AssistanceItemFactory, ReferralFactory

    t = _Tenants()
    t.setup_tenants()
    case = CaseFactory(organisation=t.org_a, gender="", age_band="")
    AssistanceItemFactory(case=case)
    ReferralFactory(
        case=case, to_organisation=t.org_b, service_point_uuid=None, service_point_name=""
    )
    return t


def _credentials(tenants, as_user: bool) -> dict[str, dict[str, str]]:
    """Session (OTP-verified) and CSRF cookies of a signed-in caseworker."""
    if not as_user:
        return {}
    client = tenants.client_for(tenants.user(Role.CASEWORKER))
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return {
        "cookies": {django_settings.SESSION_COOKIE_NAME: session, "csrftoken": CSRF},
        "headers": {"X-CSRFToken": CSRF},
    }


def test_schema_lists_operations(db):
    ops = _operations()
    assert len(ops) >= 1
    for op in ops:
        assert op.path.startswith("/api/v1/"), op.path


def test_all_checks_are_the_full_set():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"not_a_server_error", "response_schema_conformance", "ignored_auth"} <= names
    assert "max_response_time" not in names


@pytest.mark.parametrize("as_user", [False, True], ids=["anonymous", "caseworker"])
def test_every_operation_passes_every_check(tenants, as_user):
    credentials = _credentials(tenants, as_user)
    failures: dict[str, str] = {}

    for op in _operations():

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            # Failures are collected, not raised: no shrinking to wait for.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def check(case):
            _no_future_dates(case)
            try:
                case.call_and_validate(checks=ALL_CHECKS, **credentials)
            except (Exception, FailureGroup) as exc:  # FailureGroup: every failed check
                first = str(exc).strip().splitlines()
                failures.setdefault(f"{op.label}: {_title(exc)}", "\n".join(first[:40]))

        check()
    report = "\n\n".join(f"{key}\n{detail}" for key, detail in failures.items())
    assert failures == {}, report[:20000]


def _no_future_dates(case) -> None:
    """OpenAPI 3.0 cannot say "not in the future" (the descriptions do): dates in
    generated bodies are moved back to today, so a rejection means a real bug."""
    import datetime as dt

    if not isinstance(case.body, dict):
        return
    today = dt.date.today().isoformat()
    for key, value in case.body.items():
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and value > today:
            case.body[key] = today


def _title(exc: Exception) -> str:
    names = sorted({type(f).__name__ for f in getattr(exc, "exceptions", [exc])})
    return ", ".join(names)


def test_every_api_route_is_documented(db):
    """The OpenAPI document is the contract: no undocumented /api/v1/ route."""
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
