"""The curated reference data: the 24 campaigns of the Belgian EMN AHQ answer."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from .choices import Provenance

DATA_FILE = Path(__file__).resolve().parent / "data" / "emn_be_2015_campaigns.json"


def curated_records() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["campaigns"]


def load_curated(*, actor, organisation) -> dict[str, int]:
    from .services import campaigns_import

    return campaigns_import(
        actor=actor,
        organisation=organisation,
        records=curated_records(),
        provenance=Provenance.CURATED_SEED,
    )


def shared_eurostat_dir() -> Path:
    """Where the repository's sibling ``shared/`` keeps the real Eurostat files."""
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "eurostat"
