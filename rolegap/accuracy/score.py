"""Scores: per field accuracy and per skill precision / recall / support against the labels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rolegap.accuracy.labels import Label

SALARY_TOLERANCE = 0.01


@dataclass
class SkillScores:
    """Micro precision/recall over (posting, skill) pairs, and per skill tp / fp / fn."""

    precision: float
    recall: float
    true_positive_n: int
    predicted_n: int
    expected_n: int
    per_skill: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score_skills(
    predicted: Mapping[str, set[str] | frozenset[str]],
    labels: Mapping[str, Label],
    vocabulary: set[str] | None = None,
) -> SkillScores:
    """Score tags per posting id against the labels' skills, on the labelled postings only.
    `vocabulary` (default: every skill) restricts the predictions, so a tag outside the labelled
    list is not a false positive. Precision with nothing predicted is 1.0 (nothing wrong)."""
    expected = {(pid, skill) for pid, label in labels.items() for skill in label.skills}
    found = {
        (pid, skill)
        for pid in labels
        for skill in predicted.get(pid, set())
        if vocabulary is None or skill in vocabulary
    }
    hits = found & expected
    skills = sorted({skill for _, skill in expected | found} | (vocabulary or set()))
    per_skill: dict[str, dict[str, float | int | None]] = {}
    for skill in skills:
        tp = sum(1 for pair in hits if pair[1] == skill)
        fp = sum(1 for pair in found - expected if pair[1] == skill)
        fn = sum(1 for pair in expected - found if pair[1] == skill)
        per_skill[skill] = {
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
            "support": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    return SkillScores(
        precision=len(hits) / len(found) if found else 1.0,
        recall=len(hits) / len(expected) if expected else 1.0,
        true_positive_n=len(hits),
        predicted_n=len(found),
        expected_n=len(expected),
        per_skill=per_skill,
        false_positives=sorted(found - expected),
        false_negatives=sorted(expected - found),
    )


def _close(got: float | None, want: float | None, tolerance: float) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) <= tolerance * abs(want)


def salary_matches(got: tuple[float | None, float | None], want: Label, tolerance: float = 0.0) -> bool:
    return _close(got[0], want.salary_min_usd, tolerance) and _close(got[1], want.salary_max_usd, tolerance)


def score_fields(predicted: Mapping[str, object], labels: Mapping[str, Label]) -> dict[str, dict]:
    """Accuracy per field over the labelled postings; `predicted` values carry role_family,
    seniority, is_agency, salary_min_usd, salary_max_usd (a posting the build lost counts wrong).
    Each field: accuracy, n and the misses as (id, label, prediction)."""
    checks = {
        "role_family": lambda p, lab: p.role_family == lab.role_family,
        "seniority": lambda p, lab: p.seniority == lab.seniority,
        "is_agency": lambda p, lab: p.is_agency == lab.is_agency,
        "salary_exact": lambda p, lab: salary_matches((p.salary_min_usd, p.salary_max_usd), lab),
        "salary_within_1pct": lambda p, lab: salary_matches(
            (p.salary_min_usd, p.salary_max_usd), lab, SALARY_TOLERANCE
        ),
    }
    shown = {
        "role_family": lambda x: x.role_family,
        "seniority": lambda x: x.seniority,
        "is_agency": lambda x: x.is_agency,
        "salary_exact": lambda x: [x.salary_min_usd, x.salary_max_usd],
        "salary_within_1pct": lambda x: [x.salary_min_usd, x.salary_max_usd],
    }
    result: dict[str, dict] = {}
    for name, check in checks.items():
        misses = []
        for pid, label in sorted(labels.items()):
            pred = predicted.get(pid)
            if pred is None or not check(pred, label):
                misses.append([pid, shown[name](label), None if pred is None else shown[name](pred)])
        n = len(labels)
        result[name] = {"accuracy": (n - len(misses)) / n if n else None, "n": n, "misses": misses}
    return result
