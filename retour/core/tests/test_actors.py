"""One typed acting identity: a User (through the policy) or a SystemActor
(trusted: it needs shell access or a schedule). A plain string is neither,
whatever it starts with, and every service refuses it before writing."""

from __future__ import annotations

import dataclasses
import inspect
from importlib import import_module

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import SimpleTestCase

from retour.core import audit
from retour.core.actors import Actor, SystemActor, actor_label
from retour.core.management.acting import ActingCommand
from retour.core.models import AuditEvent
from retour.orgs import policy, services
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

# The labels each app used to trust, and the ones nobody did.
LABELS = ["cli:retention", "demo:sample-data", "system:jobs", "cli:test", "anything", ""]


# Functions whose "actor" is not an acting identity.
NOT_AN_IDENTITY = {
    "retour.orgs.selectors.audit_events_visible_to",  # filters the log by label text
    "retour.orgs.selectors.audit_events_filter",  # the same filter, on a given queryset
    "retour.jobs.services.actor_label",  # formats a Job's started_by label
}


def _with_actor(*, services_only: bool):
    """Every function of every app's services/selectors that takes an actor."""
    found = []
    for app in dict.fromkeys(settings.RETOUR_APPS):
        for name in ("services", "selectors"):
            try:
                module = import_module(f"{app}.{name}")
            except ModuleNotFoundError:
                continue
            for attr, func in sorted(vars(module).items()):
                if not inspect.isfunction(func) or func.__module__ != module.__name__:
                    continue
                if attr.startswith("_"):
                    continue
                params = inspect.signature(inspect.unwrap(func)).parameters
                if "actor" not in params or f"{module.__name__}.{attr}" in NOT_AN_IDENTITY:
                    continue
                if services_only and not getattr(func, "is_service", False):
                    continue
                found.append(pytest.param(func, id=f"{module.__name__}.{attr}"))
    return found


SERVICES = _with_actor(services_only=True)
TAKES_ACTOR = _with_actor(services_only=False)


def test_services_were_discovered():
    names = {p.id for p in TAKES_ACTOR}
    for expected in (
        "retour.cases.services.case_erase",
        "retour.campaigns.services.statistics_import",
        "retour.orgs.services.membership_add",
        "retour.surveys.services.monitoring_rounds_schedule",
        "retour.content.services.page_publish",
        "retour.cases.selectors.case_identity_read",
    ):
        assert expected in names


@pytest.mark.parametrize("func", TAKES_ACTOR)
def test_actor_is_keyword_only_and_typed(func):
    param = inspect.signature(inspect.unwrap(func)).parameters["actor"]
    assert param.kind is inspect.Parameter.KEYWORD_ONLY
    assert param.annotation in ("Actor", Actor)
    assert param.default is inspect.Parameter.empty  # no silent default identity


@pytest.mark.django_db
@pytest.mark.parametrize("label", [LABELS[0], None])
@pytest.mark.parametrize("func", SERVICES)
def test_every_service_refuses_a_plain_string_or_none(func, label):
    before = AuditEvent.objects.count()
    with pytest.raises(TypeError, match="actor must be a User or a SystemActor"):
        # Nothing else is passed: the actor is refused before anything is read.
        func(actor=label)
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_helpers_outside_services_refuse_it_too():
    from retour.campaigns.services import statistics_file_import
    from retour.cases.selectors import case_identity_read

    with pytest.raises(TypeError, match="actor must be"):
        statistics_file_import(actor="cli:campaigns", data=b"", file_name="migr_x.csv")
    with pytest.raises(TypeError, match="actor must be"):
        case_identity_read(actor="cli:retention", case=None)


class SystemActorTests(SimpleTestCase):
    def test_constructors_and_labels(self):
        self.assertEqual(str(SystemActor.cli("retention")), "cli:retention")
        self.assertEqual(str(SystemActor.demo()), "demo:sample-data")
        self.assertEqual(str(SystemActor.job("case-retention")), "system:case-retention")
        self.assertEqual(SystemActor.cli("x"), SystemActor("cli", "x"))
        self.assertEqual(actor_label(SystemActor.cli("x")), "cli:x")

    def test_frozen_and_checked(self):
        actor = SystemActor.cli("retention")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            actor.kind = "system"  # type: ignore[misc,unused-ignore]
        for kind, name in (("root", "x"), ("cli", ""), ("cli", "a:b")):
            with self.assertRaises(ValueError):
                SystemActor(kind, name)  # type: ignore[arg-type,unused-ignore]

    def test_labels_are_not_actors(self):
        for label in [*LABELS, None, 42]:
            with self.assertRaises(TypeError):
                policy.require_actor(label, "cases.erase_case")
            with self.assertRaises(TypeError):
                actor_label(label)


class RequireActorTests(TenantTestCase):
    def test_system_actor_is_trusted(self):
        policy.require_actor(SystemActor.cli("retention"), "cases.erase_case", org=self.org_b)
        policy.require_actor(SystemActor.job("x"), "campaigns.manage_reference_data", platform=True)

    def test_users_go_through_the_policy(self):
        admin = self.user(Role.ADMIN)
        policy.require_actor(admin, "orgs.change_organisation", org=self.org_a)
        with self.assertRaises(Http404):  # another organisation: as if it did not exist
            policy.require_actor(admin, "orgs.change_organisation", org=self.org_b)
        with self.assertRaises(PermissionDenied):
            policy.require_actor(
                self.user(Role.CASEWORKER), "orgs.change_organisation", org=self.org_a
            )
        with self.assertRaises(PermissionDenied):  # platform actions: no organisation role
            policy.require_actor(admin, "orgs.add_organisation", platform=True)
        policy.require_actor(self.superuser, "orgs.add_organisation", platform=True)

    def test_audit_writes_the_label_and_the_user(self):
        event = audit.record(actor=SystemActor.cli("retention"), action="x.y")
        self.assertEqual((event.actor, event.actor_label), (None, "cli:retention"))
        admin = self.user(Role.ADMIN)
        event = audit.record(actor=admin, action="x.y")
        self.assertEqual((event.actor, event.actor_label), (admin, admin.get_username()))
        with self.assertRaises(TypeError):
            audit.record(actor="cli:retention", action="x.y")

    def test_a_service_as_system_and_as_a_user(self):
        services.organisation_update(
            actor=SystemActor.cli("orgs"), organisation=self.org_b, website="https://b.example"
        )
        self.assertTrue(AuditEvent.objects.filter(actor_label="cli:orgs").exists())
        with self.assertRaises(Http404):
            services.organisation_update(
                actor=self.user(Role.ADMIN), organisation=self.org_b, website="https://x"
            )

    def test_acting_command_returns_a_system_actor_or_a_user(self):
        command = ActingCommand()
        command.__module__ = "retour.cases.management.commands.cases"
        self.assertEqual(command.actor({}), SystemActor.cli("cases"))
        admin = self.user(Role.ADMIN)
        self.assertEqual(command.actor({"acting_user": admin.username}), admin)
