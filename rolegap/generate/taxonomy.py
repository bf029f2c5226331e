"""The skill taxonomy seeds, read at run time, and a reference tagger used to check what is planted.

The generator plants skills by writing surface forms into descriptions. `Tagger` applies the seeds
(`skill_aliases.csv`, `skill_stop_phrases.csv`, `skill_negation_cues.csv`) the way the warehouse is
specified to (word-bounded aliases, stop phrases and negations map to no skill), so tests can prove
that every description tags to exactly the skills written in the truth file, and nothing else.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rolegap.config import PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "seeds"
_WORD = r"A-Za-z0-9"


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"true", "1", "yes", "t"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"seed file {path} is missing: the generator needs it to validate skills")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def canonical_skills(seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """Canonical skill names of seeds/skills.csv."""
    return frozenset(row["skill"] for row in _read_csv(seeds_dir / "skills.csv"))


def validate_skill_names(names: list[str] | set[str], seeds_dir: Path = SEEDS_DIR) -> None:
    """Fail loudly when a planted skill is not a canonical name of seeds/skills.csv."""
    unknown = sorted(set(names) - canonical_skills(seeds_dir))
    if unknown:
        raise ValueError(f"skills not in {seeds_dir / 'skills.csv'}: {unknown}; rename them in the generator")


@dataclass(frozen=True)
class _Alias:
    skill: str
    needle: str
    pattern: re.Pattern[str]


def _bounded(body: str) -> str:
    return rf"(?<![{_WORD}]){body}(?![{_WORD}])"


class Tagger:
    """Tags plain text with canonical skills: aliases, minus stop phrases and negated mentions."""

    def __init__(self, seeds_dir: Path = SEEDS_DIR) -> None:
        self.aliases: list[_Alias] = []
        for row in _read_csv(seeds_dir / "skill_aliases.csv"):
            sensitive = _truthy(row["is_case_sensitive"])
            flags = 0 if sensitive else re.IGNORECASE
            alias = row["alias"]
            self.aliases.append(
                _Alias(row["skill"], alias.lower(), re.compile(_bounded(re.escape(alias)), flags))
            )
        self.stops: list[re.Pattern[str]] = []
        for row in _read_csv(seeds_dir / "skill_stop_phrases.csv"):
            body = row["phrase"] if _truthy(row["is_regex"]) else re.escape(row["phrase"])
            flags = 0 if _truthy(row["is_case_sensitive"]) else re.IGNORECASE
            self.stops.append(re.compile(_bounded(f"(?:{body})"), flags))
        cues = (
            _read_csv(seeds_dir / "skill_negation_cues.csv")
            if (seeds_dir / "skill_negation_cues.csv").exists()
            else []
        )
        by_position: dict[str, list[str]] = {}
        for row in cues:
            by_position.setdefault(row["cue_position"], []).append(row["cue"])

        def joined(position: str, anchor_end: bool) -> re.Pattern[str] | None:
            parts = by_position.get(position)
            if not parts:
                return None
            body = "|".join(f"(?:{part})" for part in parts)
            return re.compile(
                rf"(?:^|(?<=[^{_WORD}]))(?:{body})$" if anchor_end else rf"^(?:{body})", re.IGNORECASE
            )

        self.before = joined("before", True)
        self.before_weak = joined("before_weak", True)
        self.after = joined("after", False)
        self.after_weak = joined("after_weak", False)

    def _negated(self, text: str, start: int, end: int) -> bool:
        head = text[max(0, start - 120) : start]
        tail = text[end : end + 120]
        if self.before and self.before.search(head):
            return True
        if self.after and self.after.match(tail):
            return True
        return bool(
            self.before_weak
            and self.after_weak
            and self.before_weak.search(head)
            and self.after_weak.match(tail)
        )

    def tag(self, text: str) -> set[str]:
        """Canonical skills mentioned (and not negated) in plain text."""
        for stop in self.stops:
            text = stop.sub(lambda match: " " * len(match.group(0)), text)
        lowered = text.lower()
        found: set[str] = set()
        for alias in self.aliases:
            if alias.skill in found or alias.needle not in lowered:
                continue
            for match in alias.pattern.finditer(text):
                if not self._negated(text, match.start(), match.end()):
                    found.add(alias.skill)
                    break
        return found


@cache
def default_tagger() -> Tagger:
    return Tagger()
