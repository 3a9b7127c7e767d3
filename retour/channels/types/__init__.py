"""Channel types, one module each (as RapidPro's temba/channels/types/<name>/).

A new channel is one module here that subclasses ``ChannelType`` and calls
``register``, plus its tests; the generic webhook (channels/views.py), the
outbox and the counsellor inbox need no change. Its code must also be a
``ChannelKind`` (models.py) so rows can name it.
"""

from __future__ import annotations

from importlib import import_module

from .base import ChannelType, Choice, Incoming, Outgoing, Refused, SendError  # noqa: F401

REGISTRY: dict[str, ChannelType] = {}
MODULES = ("telegram", "whatsapp", "rapidpro", "sms", "local")


def register(cls: type[ChannelType]) -> type[ChannelType]:
    REGISTRY[cls.code] = cls()
    return cls


_loaded = False


def _load() -> None:
    global _loaded
    if not _loaded:
        for name in MODULES:
            import_module(f"{__name__}.{name}")
        _loaded = True


def get(code: str) -> ChannelType:
    _load()
    try:
        return REGISTRY[code]
    except KeyError:
        raise LookupError(f"no channel type {code!r}") from None


def all_types() -> list[ChannelType]:
    _load()
    return list(REGISTRY.values())
