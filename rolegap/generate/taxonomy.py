"""The skill taxonomy seeds, read at run time, so every planted skill is a canonical name.

Whether the planted texts tag to exactly the truth skills is checked against the warehouse's own
tagger (tests/python/test_reference_build.py), not against a second implementation here.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from rolegap.config import SEEDS_DIR, SKILL_TAXONOMY_CSV


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"seed file {path} is missing: the generator needs it to validate skills")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def canonical_skills(seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """Canonical skill names of the skill_taxonomy seed."""
    return frozenset(row["skill"] for row in _read_csv(seeds_dir / SKILL_TAXONOMY_CSV.name))


def validate_skill_names(names: list[str] | set[str], seeds_dir: Path = SEEDS_DIR) -> None:
    """Fail loudly when a planted skill is not a canonical name of the skill_taxonomy seed."""
    unknown = sorted(set(names) - canonical_skills(seeds_dir))
    if unknown:
        seed = seeds_dir / SKILL_TAXONOMY_CSV.name
        raise ValueError(f"skills not in {seed}: {unknown}; rename them in the generator")
