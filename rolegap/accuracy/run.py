"""`measure`: feed -> temp warehouse -> scores; writes the JSON result and returns it with a table."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from rolegap.accuracy.feed import write_feed
from rolegap.accuracy.labels import (
    DEFAULT_CORE_SKILLS,
    DEFAULT_LABELS,
    DEFAULT_POSTINGS,
    LabelError,
    read_core_skills,
    read_labels,
)
from rolegap.accuracy.score import SkillScores, score_fields, score_skills
from rolegap.accuracy.warehouse import build_warehouse, read_predictions

FIELDS = ("role_family", "seniority", "is_agency", "salary_exact", "salary_within_1pct")


def measure(
    postings: Path = DEFAULT_POSTINGS,
    labels_path: Path = DEFAULT_LABELS,
    core_skills_path: Path = DEFAULT_CORE_SKILLS,
    out: Path | None = None,
    work_dir: Path | None = None,
) -> dict:
    """Build a private warehouse from the postings and score it against the labels."""
    core = set(read_core_skills(core_skills_path))
    labels = read_labels(labels_path, core)
    with tempfile.TemporaryDirectory(prefix="rolegap-accuracy-") as tmp:
        work = work_dir or Path(tmp)
        feed = write_feed(postings, work / "feed")
        missing = sorted(set(labels) - {line["source_job_id"] for line in _feed_rows(feed)})
        if missing:
            raise LabelError(f"{labels_path}: labelled ids not in {postings}: {', '.join(missing[:10])}")
        predictions = read_predictions(build_warehouse(feed, work), core)
    fields = score_fields(predictions, labels)
    skills = score_skills({pid: p.skills for pid, p in predictions.items()}, labels, core)
    result = result_document(len(labels), fields, skills)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def result_document(postings_n: int, fields: dict, skills: SkillScores) -> dict:
    """The JSON shape every accuracy measurement writes and `format_table` prints."""
    return {
        "postings_n": postings_n,
        "fields": fields,
        "skills": {
            "micro_precision": skills.precision,
            "micro_recall": skills.recall,
            "true_positive_n": skills.true_positive_n,
            "predicted_n": skills.predicted_n,
            "expected_n": skills.expected_n,
            "per_skill": skills.per_skill,
            "false_positives": skills.false_positives,
            "false_negatives": skills.false_negatives,
        },
    }


def _feed_rows(feed: Path) -> list[dict]:
    return [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines() if line]


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:.3f}"


def format_table(result: dict) -> str:
    """Fields, micro skills, then one line per skill with support (labelled or predicted)."""
    lines = [f"real-text accuracy on {result['postings_n']} labelled postings", ""]
    lines += [f"{name:<20} {_fmt(result['fields'][name]['accuracy'])}" for name in FIELDS]
    skills = result["skills"]
    lines += [
        f"{'skill precision':<20} {_fmt(skills['micro_precision'])}"
        f"  ({skills['true_positive_n']} of {skills['predicted_n']} tags)",
        f"{'skill recall':<20} {_fmt(skills['micro_recall'])}"
        f"  ({skills['true_positive_n']} of {skills['expected_n']} labelled)",
        "",
        f"{'skill':<24} {'prec':>6} {'recall':>6} {'support':>7} {'fp':>3} {'fn':>3}",
    ]
    for skill, row in skills["per_skill"].items():
        if row["support"] or row["fp"]:
            lines.append(
                f"{skill:<24} {_fmt(row['precision']):>6} {_fmt(row['recall']):>6}"
                f" {row['support']:>7} {row['fp']:>3} {row['fn']:>3}"
            )
    return "\n".join(lines)
