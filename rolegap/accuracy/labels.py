"""The blind labels (one JSON object a line, keyed by posting `id`) and the core skill list."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from rolegap.config import PROJECT_ROOT

REALTEXT = PROJECT_ROOT / "tests" / "python" / "fixtures" / "realtext"
DEFAULT_LABELS = REALTEXT / "labels.jsonl"
DEFAULT_CORE_SKILLS = REALTEXT / "core_skills.csv"
DEFAULT_POSTINGS = PROJECT_ROOT.parent / "shared" / "realdata" / "postings" / "postings.jsonl"
LABEL_KEYS = ("id", "role_family", "seniority", "is_agency", "salary_min_usd", "salary_max_usd", "skills")


class LabelError(ValueError):
    """A labels or postings file that cannot be read: the message names file, line and field."""


@dataclass(frozen=True)
class Label:
    id: str
    role_family: str
    seniority: str
    is_agency: bool
    salary_min_usd: float | None
    salary_max_usd: float | None
    skills: frozenset[str]


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """(line number, object) for every non-blank line; a bad line raises LabelError naming it."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line_n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelError(f"{path}:{line_n}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise LabelError(f"{path}:{line_n}: expected a JSON object")
            rows.append((line_n, row))
    return rows


def _amount(path: Path, line_n: int, row: dict, key: str) -> float | None:
    value = row[key]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LabelError(f"{path}:{line_n}: field {key}: expected a number or null, got {value!r}")
    return float(value)


def read_labels(path: Path = DEFAULT_LABELS, core_skills: set[str] | None = None) -> dict[str, Label]:
    """Labels by posting id. Every key must be present; skills must be core skills when given."""
    labels: dict[str, Label] = {}
    for line_n, row in read_jsonl(path):
        for key in LABEL_KEYS:
            if key not in row:
                raise LabelError(f"{path}:{line_n}: field {key}: missing")
        if not isinstance(row["is_agency"], bool):
            raise LabelError(f"{path}:{line_n}: field is_agency: expected true or false")
        skills = frozenset(row["skills"])
        unknown = sorted(skills - core_skills) if core_skills is not None else []
        if unknown:
            raise LabelError(f"{path}:{line_n}: field skills: not core skills: {', '.join(unknown)}")
        if row["id"] in labels:
            raise LabelError(f"{path}:{line_n}: field id: {row['id']!r} labelled twice")
        labels[row["id"]] = Label(
            id=row["id"],
            role_family=row["role_family"],
            seniority=row["seniority"],
            is_agency=row["is_agency"],
            salary_min_usd=_amount(path, line_n, row, "salary_min_usd"),
            salary_max_usd=_amount(path, line_n, row, "salary_max_usd"),
            skills=skills,
        )
    return labels


def read_core_skills(path: Path = DEFAULT_CORE_SKILLS) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["skill"] for row in csv.DictReader(handle)]
