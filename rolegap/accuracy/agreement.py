"""How far two blind readers agree: the ceiling any classifier is measured under.

The second reader labelled a random sample of the postings from the same guide without seeing the
first labels. Agreement uses the same scorers as the classifiers (the first reader as reference),
plus Cohen's kappa over every (posting, core skill) decision, so chance agreement on the many
skills an ad does not ask for is discounted.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rolegap.accuracy.labels import DEFAULT_CORE_SKILLS, REALTEXT, Label, read_core_skills, read_labels
from rolegap.accuracy.score import score_fields, score_skills

DEFAULT_SECOND_READER = REALTEXT / "labels_second_reader.jsonl"


def cohen_kappa(
    first: Mapping[str, Label], second: Mapping[str, Label], vocabulary: set[str]
) -> float | None:
    """Kappa over posting x skill yes/no decisions on the postings both readers labelled."""
    ids = sorted(set(first) & set(second))
    decisions = [
        (skill in first[pid].skills, skill in second[pid].skills) for pid in ids for skill in vocabulary
    ]
    if not decisions:
        return None
    n = len(decisions)
    observed = sum(a == b for a, b in decisions) / n
    p_first = sum(a for a, _ in decisions) / n
    p_second = sum(b for _, b in decisions) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def measure_agreement(
    first_path: Path | None = None,
    second_path: Path = DEFAULT_SECOND_READER,
    core_skills_path: Path = DEFAULT_CORE_SKILLS,
) -> dict:
    """Field agreement, skill precision/recall of the second reader against the first, and kappa."""
    from rolegap.accuracy.labels import DEFAULT_LABELS

    vocabulary = set(read_core_skills(core_skills_path))
    first_all = read_labels(first_path or DEFAULT_LABELS, vocabulary)
    second = read_labels(second_path, vocabulary)
    first = {pid: label for pid, label in first_all.items() if pid in second}
    fields = score_fields(second, first)
    skills = score_skills({pid: label.skills for pid, label in second.items()}, first, vocabulary)
    return {
        "postings_n": len(first),
        "fields": {name: result["accuracy"] for name, result in fields.items()},
        "skill_precision": skills.precision,
        "skill_recall": skills.recall,
        "skill_kappa": cohen_kappa(first, second, vocabulary),
        "skill_disagreements": sorted(
            [[pid, skill, "first only"] for pid, skill in skills.false_negatives]
            + [[pid, skill, "second only"] for pid, skill in skills.false_positives]
        ),
    }
