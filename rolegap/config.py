"""Settings shared by the CLI, the library and dbt (profiles.yml reads the same variable)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "warehouse/rolegap.duckdb"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The seeds Python reads by file name (dbt reads them as ref('<file stem>')).
SEEDS_DIR = PROJECT_ROOT / "seeds"
SKILL_TAXONOMY_CSV = SEEDS_DIR / "skill_taxonomy.csv"
COMPANY_REGISTRY_CSV = SEEDS_DIR / "company_registry.csv"


def db_path() -> Path:
    """The warehouse file: $ROLEGAP_DB, else warehouse/rolegap.duckdb (relative to the working directory)."""
    return Path(os.environ.get("ROLEGAP_DB", DEFAULT_DB))


def lake_path(db: Path | str) -> Path:
    """The raw Parquet lake (rolegap.engines.lake): $ROLEGAP_LAKE, else `<warehouse stem>.lake` beside
    the warehouse file (warehouse/rolegap.duckdb -> warehouse/rolegap.lake), so a second warehouse
    (another ROLEGAP_DB) has a lake of its own."""
    configured = os.environ.get("ROLEGAP_LAKE")
    if configured:
        return Path(configured)
    db = Path(db)
    return db.with_name(db.stem + ".lake")
