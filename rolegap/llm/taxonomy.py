"""The taxonomy the model may answer with: canonical skills and one-line definitions (seed skill_taxonomy)."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from rolegap.config import SKILL_TAXONOMY_CSV


@dataclass(frozen=True)
class Skill:
    skill: str
    display_name: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    """The skills, in seed order, and a version that changes whenever a name or definition does."""

    skills: tuple[Skill, ...]
    version: str

    @property
    def names(self) -> frozenset[str]:
        return frozenset(skill.skill for skill in self.skills)


def taxonomy_version(skills: tuple[Skill, ...]) -> str:
    """First 12 hex digits of sha256 over the canonical (skill, display name, definition) lines."""
    text = "\n".join(f"{s.skill}\t{s.display_name}\t{s.description}" for s in skills)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_taxonomy(path: Path = SKILL_TAXONOMY_CSV) -> Taxonomy:
    with path.open(encoding="utf-8", newline="") as handle:
        skills = tuple(
            Skill(row["skill"].strip(), row["display_name"].strip(), row["description"].strip())
            for row in csv.DictReader(handle)
        )
    return Taxonomy(skills=skills, version=taxonomy_version(skills))
