"""The curated reference data: the 24 campaigns of the Belgian EMN AHQ answer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

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


EUROSTAT_DIR = Path(__file__).resolve().parent / "data" / "eurostat"
# The Eurostat extract the demo and the impact estimates use ships with the
# project (public data, 177 kB gzipped): a user's clone has no shared/ folder.
BUNDLED_EUROSTAT = {"migr_asyappctza": "migr_asyappctza_2012-2016.csv.gz"}


def bundled_eurostat(dataset: str) -> tuple[str, bytes]:
    """(file name, CSV bytes) of the Eurostat extract shipped for ``dataset``."""
    name = BUNDLED_EUROSTAT[dataset]
    return name.removesuffix(".gz"), gzip.decompress((EUROSTAT_DIR / name).read_bytes())
