"""JSON Schema of an index definition, and validation that names the bad key's path.

An error reads like ``dimensions[1].indicators[3].map: 'maybe' is not of type
'number'`` so whoever edits the YAML can find the line without reading code.
"""

from __future__ import annotations

from collections.abc import Iterable

from jsonschema import Draft202012Validator

KEY = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "maxLength": 64}
SCORE = {"type": "number", "minimum": 0, "maximum": 1}
MISSING = {"enum": ["unknown", "not_met"]}

INDICATOR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["key", "question"],
    "properties": {
        "key": KEY,
        "label": {"type": "string"},
        # The XLSForm question name the answer comes from.
        "question": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$"},
        "map": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": SCORE,
        },
        "ranges": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["min", "score"],
                "properties": {"min": {"type": "number"}, "score": SCORE},
            },
        },
        "weight": {"type": "number", "exclusiveMinimum": 0},
        # An indicator is met when its score reaches this value.
        "met_at": SCORE,
        "missing": MISSING,
    },
    "oneOf": [{"required": ["map"]}, {"required": ["ranges"]}],
}

DIMENSION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["key", "indicators"],
    "properties": {
        "key": KEY,
        "label": {"type": "string"},
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "missing": MISSING,
        # Weighted indices: score the dimension from the answered indicators
        # (weights renormalised over them) when at least this many are answered.
        "min_answered": {"type": "integer", "minimum": 1},
        "rule": {
            "type": "object",
            "additionalProperties": False,
            "required": ["at_least"],
            "properties": {"at_least": {"type": "integer", "minimum": 1}},
        },
        "indicators": {"type": "array", "minItems": 1, "items": INDICATOR},
    },
}

DEFINITION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["slug", "version", "title", "method", "dimensions", "classification"],
    "properties": {
        "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 80},
        "version": {"type": "string", "minLength": 1, "maxLength": 40},
        "title": {"type": "string", "minLength": 1},
        "source": {"type": "string"},
        "method": {"enum": ["threshold", "weighted"]},
        "weights_label": {"type": "string"},
        "missing": MISSING,
        "dimensions": {"type": "array", "minItems": 1, "items": DIMENSION},
        "classification": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "all_dimensions": {"const": True},
                "composite_at_least": SCORE,
            },
            "minProperties": 1,
            "maxProperties": 1,
        },
    },
}

_VALIDATOR = Draft202012Validator(DEFINITION_SCHEMA)


def format_path(parts: Iterable) -> str:
    """``["dimensions", 1, "indicators", 3, "map"]`` -> ``dimensions[1].indicators[3].map``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def schema_errors(data) -> list[str]:
    """Every schema violation as ``path: message``, most specific first."""
    errors = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.path))):
        # oneOf failures say little on their own; point at the indicator instead.
        if error.validator == "oneOf":
            message = "needs exactly one of 'map' or 'ranges'"
        else:
            message = error.message
        errors.append(f"{format_path(error.absolute_path)}: {message}")
    return errors
