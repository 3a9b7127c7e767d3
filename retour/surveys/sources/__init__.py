"""Survey servers Retour pulls submissions from: one module per kind.

``SOURCES`` maps a :class:`~retour.surveys.models.ServerKind` to its class;
a source knows only its server's wire format (URLs, pagination, auth, where
edits and review states live) and turns each submission into a flat record
(group paths as keys, repeat groups as lists) with Retour's ``_retour_*``
columns for the stable key, version, review state and attachments. Checking
and saving are the same as for an uploaded export (imports.py, services.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from .base import Source, SourceError
from .kobo import KoboSource
from .odk_central import OdkCentralSource

SOURCES: dict[str, type[Source]] = {
    KoboSource.kind: KoboSource,
    OdkCentralSource.kind: OdkCentralSource,
}


def source_for(server, client=None) -> Source:
    try:
        cls = SOURCES[server.kind]
    except KeyError:
        raise SourceError(
            gettext_noop("unknown server kind %(kind)s"), kind=repr(server.kind)
        ) from None
    return cls(server, client=client)


__all__ = ["SOURCES", "Source", "SourceError", "source_for"]
