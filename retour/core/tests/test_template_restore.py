"""Serialized rollback from the migrated template (retour/testing/template_db.py).

The backup path must leave exactly what Django's own deserialization would:
every model's rows of the snapshot, and nothing a test added.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection

from retour.testing import template_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.django_db(transaction=True)
def test_restore_from_the_template_equals_the_snapshot():
    if connection.vendor != "sqlite" or not template_db._ACTIVE:
        pytest.skip("the template is used for in-memory SQLite only")
    snapshot = template_db._ACTIVE["text"]
    expected: dict[str, int] = {}
    for obj in serializers.deserialize("json", snapshot):
        label = obj.object._meta.label
        expected[label] = expected.get(label, 0) + 1
    from retour.orgs.models import Organisation
    from retour.testing.factories import OrganisationFactory

    OrganisationFactory(slug="added-by-the-test")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    counts = _counts()
    assert {label: counts[label] for label in expected} == expected
    # Nothing outside the snapshot survives (the added organisation, any flushed table).
    assert sum(counts.values()) == sum(expected.values())
    assert not Organisation.objects.filter(slug="added-by-the-test").exists()
