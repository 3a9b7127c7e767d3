"""JSON records from a Kobo or ODK Central server pull → one table, like an export's.

Kobo writes group paths as keys ("grp/q"); ODK Central nests groups as objects.
Repeat arrays are taken out as repeat rows (``imports.RepeatRow``), so the records
are checked by the same ``imports.check_rows`` as a CSV or XLSX export.
"""

from __future__ import annotations

from typing import Any

from .imports import REMOTE_KEY, Export, RepeatRow


def flatten(record: dict, repeat_paths: set[str], prefix: str = "") -> tuple[dict, dict]:
    """A submission's JSON -> (path -> value, repeat path -> list of item dicts).

    Kobo already writes group paths as keys ("grp/q"); ODK Central nests
    groups as objects ({"grp": {"q": ...}}). Both flatten to "grp/q".
    """
    flat: dict[str, Any] = {}
    repeats: dict[str, list] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if _is_repeat(path, value, repeat_paths):
            repeats[path] = value
            continue
        if isinstance(value, dict) and not key.startswith("_"):
            inner, inner_repeats = flatten(value, repeat_paths, f"{path}/")
            flat.update(inner)
            repeats.update(inner_repeats)
            continue
        flat[path] = value
    return flat, repeats


def _is_repeat(path: str, value, repeat_paths: set[str]) -> bool:
    if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
        return False
    tail = path.rsplit("/", 1)[-1]
    return path in repeat_paths or tail in {p.rsplit("/", 1)[-1] for p in repeat_paths}


def records_table(records: list[dict], *, repeats: list[dict]) -> Export:
    """Records already reduced to flat dicts (see sources/) -> one Export table."""
    by_path = {r["path"]: r for r in repeats}
    paths = set(by_path)
    flats, nested = [], {}
    for i, record in enumerate(records):
        flat, found = flatten(record, paths)
        flats.append(flat)
        rows: list[RepeatRow] = []
        _repeat_rows(found, by_path, rows, parent_key="")
        if rows:
            nested[i] = rows
    headers = list(dict.fromkeys(k for f in flats for k in f))
    body = [[f.get(h) for h in headers] for f in flats]
    labels = [
        str(f.get("meta/instanceID") or f.get("_uuid") or f.get(REMOTE_KEY) or i + 1)
        for i, f in enumerate(flats)
    ]
    return Export(headers, body, nested, labels)


def _repeat_rows(found: dict, by_path: dict, out: list, *, parent_key: str) -> None:
    tails = {p.rsplit("/", 1)[-1]: r for p, r in by_path.items()}
    for path, items in found.items():
        repeat = by_path.get(path) or tails.get(path.rsplit("/", 1)[-1])
        if repeat is None:
            continue
        for n, item in enumerate(items, start=1):
            key = f"{parent_key}.{n}" if parent_key else str(n)
            flat, inner = flatten(item, set(by_path))
            out.append(RepeatRow(repeat["name"], key, parent_key, flat, f"{repeat['name']}[{key}]"))
            _repeat_rows(inner, by_path, out, parent_key=key)
