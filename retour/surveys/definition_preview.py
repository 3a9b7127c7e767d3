"""Preview of an index definition on an organisation's stored submissions (read only).

Nothing is stored: the definition is scored in memory with the same vectorised
engine the stored scores use, so what the analyst sees is what saving and
scoring would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .index.definition import Definition
from .index.engine import UNKNOWN, score_frame
from .models import Submission
from .scoring import answers_frame

# A preview reads at most this many submissions (the newest), so a paste in the
# admin never loads an organisation's whole history into one request.
PREVIEW_LIMIT = 20_000
BINS = 10


@dataclass
class Preview:
    submissions: int
    scored: int
    unknown: int
    reintegrated: int
    not_reintegrated: int
    truncated: bool
    # Weighted: composite histogram in BINS bins of width 0.1 ([0,0.1) ... [0.9,1.0]).
    histogram: list[dict] = field(default_factory=list)
    # Per dimension: scored, unknown (and, threshold, reintegrated).
    dimensions: list[dict] = field(default_factory=list)
    missing_rule: str = ""


def preview_definition(*, organisation, definition: Definition) -> Preview:
    rows = list(
        Submission.objects.for_org(organisation)
        .order_by("-id")
        .values_list("answers", flat=True)[: PREVIEW_LIMIT + 1]
    )
    truncated = len(rows) > PREVIEW_LIMIT
    rows = rows[:PREVIEW_LIMIT]
    result = score_frame(definition, answers_frame(rows, definition.questions))
    overall = result.reintegrated
    unknown = int((overall == UNKNOWN).sum())
    preview = Preview(
        submissions=len(rows),
        scored=len(rows) - unknown,
        unknown=unknown,
        reintegrated=int((overall == 1).sum()),
        not_reintegrated=int((overall == 0).sum()),
        truncated=truncated,
        missing_rule=definition.missing_rule,
    )
    if definition.method == "weighted":
        composite = result.composite[~np.isnan(result.composite)]
        counts: list[int] | np.ndarray = (
            np.histogram(composite, bins=BINS, range=(0.0, 1.0))[0] if len(rows) else []
        )
        top = max(counts, default=0) or 1
        preview.histogram = [
            {"low": i / BINS, "high": (i + 1) / BINS, "count": int(c), "pct": int(100 * c / top)}
            for i, c in enumerate(counts)
        ]
    for dim in definition.dimensions:
        scores = result.dimension_scores[dim.key]
        entry = {"label": dim.label, "indicators": len(dim.indicators)}
        if definition.method == "threshold":
            status = result.dimension_reintegrated[dim.key]
            entry.update(
                scored=int((status != UNKNOWN).sum()),
                unknown=int((status == UNKNOWN).sum()),
                reintegrated=int((status == 1).sum()),
            )
        else:
            known = ~np.isnan(scores)
            entry.update(
                scored=int(known.sum()),
                unknown=int((~known).sum()),
                mean=float(scores[known].mean()) if known.any() else None,
            )
        preview.dimensions.append(entry)
    return preview
