"""Validation of Retour's HSDS export against the official HSDS 3.0 JSON schema.

``schemas/hsds-3.0/service.json`` is Open Referral's compiled ``service``
schema, vendored unchanged from the ``v3.0`` release tag (see the README next
to it for the commit and the licence, CC BY-SA 4.0). It is loaded once per
process; the file is 2.3 MB and validating one service takes about a
millisecond.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "hsds-3.0"
# The compiled schemas declare no ``$schema``; HSDS 3.0 documents them as
# JSON Schema 2020-12 (they use nothing that differs between drafts).
_FORMATS = FormatChecker()


# jsonschema checks "uri" and "date-time" only with optional packages we do not
# ship (rfc3987, rfc3339-validator); these two checks are stricter than nothing
# and enough for what Retour writes (absolute http(s) URLs, ISO 8601 with offset).
@_FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value


@_FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value and datetime.fromisoformat(value).tzinfo is not None


@functools.cache
def service_validator() -> Draft202012Validator:
    with (SCHEMA_DIR / "service.json").open(encoding="utf-8") as fh:
        schema = json.load(fh)
    return Draft202012Validator(schema, format_checker=_FORMATS)


def service_errors(service: dict) -> list[str]:
    """Every schema violation of one HSDS service, as ``path: message`` lines."""
    errors = sorted(service_validator().iter_errors(service), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.path) or '(service)'}: {e.message}" for e in errors]


def export_errors(document: dict) -> list[str]:
    """Violations of every service in an export (``hsds.export``), prefixed with its id."""
    problems: list[str] = []
    for service in document.get("services", []):
        for line in service_errors(service):
            problems.append(f"service {service.get('id', '?')} ({service.get('name', '')}): {line}")
    return problems
