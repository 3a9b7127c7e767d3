"""Recording audit events. Services call :func:`record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import functools
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .actors import Actor, actor_label, is_user
from .models import AuditEvent, AuditKind

F = TypeVar("F", bound=Callable[..., Any])


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    organisation=None,
    kind: str = AuditKind.WRITE,
    detail: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Append one audit event.

    ``actor`` is a user or a :class:`~retour.core.actors.SystemActor`
    (``actor_label`` is ``str(actor)``, e.g. ``"cli:retention"``); anything
    else raises TypeError. When the caller is inside ``transaction.atomic`` (services always
    are) the event commits or rolls back together with the write it describes.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uuid", None) or obj.pk)
        object_repr = object_repr or str(obj)[:200]
        if organisation is None:
            organisation = getattr(obj, "organisation", None)
            if organisation is None and obj._meta.label_lower == "orgs.organisation":
                organisation = obj
    label = actor_label(actor)  # refuses a plain string or None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor if is_user(actor) and actor.pk else None,
        actor_label=label[:150],
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=object_repr[:200],
        detail=detail or {},
    )


REDACTED = {"redacted": True}


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value (dates as ISO text, models by uuid or pk)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", None) or value.pk)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def snapshot(obj: models.Model | Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields``, taken before a change for :func:`changes`."""
    if isinstance(obj, Mapping):
        return {f: obj.get(f) for f in fields}
    return {f: getattr(obj, f) for f in fields}


def changes(
    before: models.Model | Mapping[str, Any],
    after: models.Model | Mapping[str, Any],
    fields: Iterable[str],
    *,
    redact: Iterable[str] = (),
) -> dict[str, dict[str, Any]]:
    """Old and new values of the fields that changed, for an audit ``detail``.

    As Zulip's RealmAuditLog keeps ``old_value``/``new_value``, an event says
    what a field was and what it became: ``{"field": {"old": ..., "new": ...}}``.
    A field in ``redact`` (identifying or free text) records only that it
    changed, ``{"field": {"redacted": true}}``: the audit log outlives erasure,
    so it must never hold what identifies a person.
    """
    fields = list(fields)
    redact = set(redact)
    old_values = snapshot(before, fields)
    new_values = snapshot(after, fields)
    out: dict[str, dict[str, Any]] = {}
    for name in fields:
        if old_values[name] == new_values[name]:
            continue  # also Decimal("10") == Decimal("10.00"): the same amount
        old, new = _plain(old_values[name]), _plain(new_values[name])
        if old == new:
            continue
        out[name] = dict(REDACTED) if name in redact else {"old": old, "new": new}
    return out


def record_read(*, actor: Actor, obj: models.Model, action: str = "", detail: dict | None = None):
    """Log a sensitive read (e.g. identifying fields of a case)."""
    return record(
        actor=actor,
        action=action or f"{obj._meta.label_lower}.read",
        obj=obj,
        kind=AuditKind.READ,
        detail=detail,
    )


def service(func: F) -> F:
    """Mark a write service: runs atomically and demands keyword-only arguments.

    Every write in Retour goes through such a function, named ``<entity>_<verb>``,
    which records its own audit event with :func:`record`.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if args:
            raise TypeError(f"{func.__name__}() takes keyword arguments only")
        if "actor" in kwargs:
            # Before any write: a plain string or None is never an identity.
            actor_label(kwargs["actor"])
        with transaction.atomic():
            return func(**kwargs)

    wrapper.is_service = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
