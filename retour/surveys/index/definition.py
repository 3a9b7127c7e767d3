"""Index definitions: versioned YAML turned into plain, validated objects."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .schema import schema_errors

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
# Slugs shipped under another name before; the API still answers to them.
RENAMED_SLUGS = {"rss-composite": "equal-weight-composite"}


class DefinitionError(ValueError):
    """An index definition that cannot be used; ``errors`` lists ``path: reason``."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    question: str
    mapping: dict[str, float] | None
    ranges: tuple[tuple[float, float], ...] | None  # (min, score), highest min first
    weight: float
    met_at: float
    missing: str  # "unknown" | "not_met"

    def score(self, answer) -> float | None:
        """Score of one raw answer, or None when missing or unusable."""
        if answer is None or answer == "":
            return None
        if self.mapping is not None:
            return self.mapping.get(str(answer).strip())
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return None
        for low, score in self.ranges or ():
            if value >= low:
                return score
        return None


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    weight: float
    at_least: int | None
    indicators: tuple[Indicator, ...]
    # Weighted only: scored from the answered indicators (reweighted) when at
    # least this many are answered; None = every indicator must be answered.
    min_answered: int | None = None


@dataclass(frozen=True)
class Definition:
    slug: str
    version: str
    title: str
    source: str
    method: str  # "threshold" | "weighted"
    weights_label: str
    dimensions: tuple[Dimension, ...]
    all_dimensions: bool
    composite_at_least: float | None
    text: str = field(repr=False, default="")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def missing_rule(self) -> str:
        """How missing answers are treated, in one sentence for reports."""
        parts = []
        for d in self.dimensions:
            n = len(d.indicators)
            policies = {i.missing for i in d.indicators}
            if policies == {"not_met"}:
                parts.append(f"{d.label}: a missing answer counts as not met (score 0)")
            elif self.method == "threshold":
                parts.append(
                    f"{d.label}: unknown unless the answered indicators settle {d.at_least} of {n}"
                )
            elif d.min_answered is not None and d.min_answered < n:
                parts.append(
                    f"{d.label}: scored when at least {d.min_answered} of {n} are answered, "
                    "reweighted over the answered ones"
                )
            else:
                parts.append(f"{d.label}: unknown when any of its {n} answers is missing")
        return "Missing answers — " + "; ".join(parts) + "."

    @property
    def questions(self) -> list[str]:
        return list(dict.fromkeys(i.question for d in self.dimensions for i in d.indicators))


def _semantic_errors(data: dict) -> list[str]:
    """Rules JSON Schema cannot express, with the same path style."""
    errors = []
    method = data["method"]
    seen_dims = set()
    for d, dim in enumerate(data["dimensions"]):
        base = f"dimensions[{d}]"
        if dim["key"] in seen_dims:
            errors.append(f"{base}.key: duplicate dimension key {dim['key']!r}")
        seen_dims.add(dim["key"])
        seen = set()
        for i, ind in enumerate(dim["indicators"]):
            if ind["key"] in seen:
                errors.append(f"{base}.indicators[{i}].key: duplicate indicator key {ind['key']!r}")
            seen.add(ind["key"])
            mins = [r["min"] for r in ind.get("ranges", [])]
            if len(set(mins)) != len(mins):
                errors.append(f"{base}.indicators[{i}].ranges: two ranges share a 'min'")
        if "min_answered" in dim:
            if method != "weighted":
                errors.append(
                    f"{base}.min_answered: only a weighted index reweights missing answers "
                    "(a threshold index decides with rule.at_least)"
                )
            elif dim["min_answered"] > len(dim["indicators"]):
                errors.append(
                    f"{base}.min_answered: {dim['min_answered']} is more than the "
                    f"{len(dim['indicators'])} indicators of the dimension"
                )
        if method == "threshold":
            if "rule" not in dim:
                errors.append(f"{base}.rule: a threshold index needs 'rule: {{at_least: N}}'")
            elif dim["rule"]["at_least"] > len(dim["indicators"]):
                errors.append(
                    f"{base}.rule.at_least: {dim['rule']['at_least']} is more than the "
                    f"{len(dim['indicators'])} indicators of the dimension"
                )
    cls = data["classification"]
    if method == "threshold" and "all_dimensions" not in cls:
        errors.append("classification: a threshold index classifies with 'all_dimensions: true'")
    if method == "weighted" and "composite_at_least" not in cls:
        errors.append("classification: a weighted index classifies with 'composite_at_least'")
    return errors


def _load(text: str):
    """yaml.safe_load, through libyaml when PyYAML has it (scoring parses the
    stored definitions on every import: ten times faster). A document libyaml
    refuses is loaded again by the pure-Python loader, so the message naming
    the line is the one it always was."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 (a safe loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def parse_definition(text: str) -> Definition:
    """Parse and validate YAML text; raise DefinitionError naming every bad path."""
    try:
        data = _load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        raise DefinitionError(
            [f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})"]
        ) from exc
    if not isinstance(data, dict):
        raise DefinitionError(["(top level): expected a mapping of keys"])
    # YAML reads an unquoted version like 1 as a number; accept and normalise it.
    if isinstance(data.get("version"), (int, float)) and not isinstance(data["version"], bool):
        data["version"] = str(data["version"])
    errors = schema_errors(data)
    if errors:
        raise DefinitionError(errors)
    errors = _semantic_errors(data)
    if errors:
        raise DefinitionError(errors)

    default_missing = data.get("missing", "unknown")
    dims = []
    for dim in data["dimensions"]:
        dim_missing = dim.get("missing", default_missing)
        indicators = []
        for ind in dim["indicators"]:
            ranges = None
            if "ranges" in ind:
                ranges = tuple(
                    sorted(
                        ((float(r["min"]), float(r["score"])) for r in ind["ranges"]), reverse=True
                    )
                )
            indicators.append(
                Indicator(
                    key=ind["key"],
                    label=ind.get("label", ind["key"].replace("_", " ").capitalize()),
                    question=ind["question"],
                    mapping={str(k): float(v) for k, v in ind["map"].items()}
                    if "map" in ind
                    else None,
                    ranges=ranges,
                    weight=float(ind.get("weight", 1)),
                    met_at=float(ind.get("met_at", 1)),
                    missing=ind.get("missing", dim_missing),
                )
            )
        dims.append(
            Dimension(
                key=dim["key"],
                label=dim.get("label", dim["key"].capitalize()),
                weight=float(dim.get("weight", 1)),
                at_least=dim.get("rule", {}).get("at_least"),
                indicators=tuple(indicators),
                min_answered=dim.get("min_answered"),
            )
        )
    cls = data["classification"]
    return Definition(
        slug=data["slug"],
        version=data["version"],
        title=data["title"],
        source=data.get("source", ""),
        method=data["method"],
        weights_label=data.get("weights_label", ""),
        dimensions=tuple(dims),
        all_dimensions=bool(cls.get("all_dimensions", False)),
        composite_at_least=cls.get("composite_at_least"),
        text=text,
    )


@functools.lru_cache(maxsize=64)
def parse_definition_cached(text: str) -> Definition:
    """``parse_definition`` once per text: scoring parses the stored YAML of each
    definition on every import, and PyYAML's pure-Python loader is slow."""
    return parse_definition(text)


@functools.lru_cache(maxsize=64)
def _slug(text: str) -> str:
    return _load(text)["slug"]


def builtin_texts() -> dict[str, str]:
    """{slug: yaml text} of the definitions shipped with Retour."""
    out = {}
    for path in sorted(DEFINITIONS_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        out[_slug(text)] = text
    return out


def builtin(slug: str) -> Definition:
    texts = builtin_texts()
    if slug not in texts:
        raise KeyError(slug)
    return parse_definition(texts[slug])
