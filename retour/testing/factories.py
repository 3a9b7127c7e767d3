"""factory_boy factories for the foundation. Apps add their own in tests/factories.py."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from retour.core.actors import SystemActor
from retour.orgs import services as org_services
from retour.orgs.models import Organisation, OrganisationType

User = get_user_model()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_active = True


class OrganisationFactory(factory.Factory):
    """Builds organisations through the service so groups and audit rows exist."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.NGO
    countries = factory.LazyFunction(lambda: ["BE"])
    languages = factory.LazyFunction(lambda: ["en", "fr"])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return org_services.organisation_create(actor=SystemActor.cli("factory"), **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return model_class(**kwargs)


def member(*, organisation: Organisation, role: str, username: str | None = None, **extra):
    """Create a user holding ``role`` in ``organisation``."""
    user = UserFactory(username=username or f"{organisation.slug}-{role}", **extra)
    org_services.membership_add(
        actor=SystemActor.cli("factory"), organisation=organisation, user=user, role=role
    )
    return user
