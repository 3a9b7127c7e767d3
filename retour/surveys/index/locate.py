"""Where in the YAML text a validation error points: ``path: reason`` -> line numbers.

Schema errors name a path (``dimensions[1].indicators[3].map.yes``); whoever
pastes a definition into the admin needs the line too. The path is walked on
PyYAML's node tree (which keeps each node's position), as far as it exists.
"""

from __future__ import annotations

import re

import yaml

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _parts(path: str) -> list[str | int]:
    return [int(idx) if idx else key for key, idx in _TOKEN.findall(path)]


def line_of(text: str, path: str) -> int | None:
    """1-based line of the deepest node of ``path`` that exists, or None."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in _parts(path):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                break
            key_node = next(k for k, v in node.value if v is match)
            node, line = match, key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def with_lines(text: str, errors: list[str]) -> list[dict]:
    """[{"line", "field", "message"}] for ``path: message`` errors (line None if unknown)."""
    out = []
    for error in errors:
        field, _, message = error.partition(": ")
        if field.startswith("line "):  # YAML syntax errors already say where
            out.append({"line": int(field.split()[1].rstrip(",")), "field": "", "message": message})
            continue
        line = None if field == "(top level)" else line_of(text, field)
        out.append({"line": line, "field": field, "message": message})
    return out
