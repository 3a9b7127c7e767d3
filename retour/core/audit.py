"""Recording audit events. Services call :func:`record` inside their transaction."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction

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
