"""Classifier accuracy on a hold-out: 200 titles, 120 locations and 150 job-ad sentences labelled
by hand without looking at the rules (tests/python/fixtures/holdout/). First (blind) run: role
family 0.970, seniority 0.965, market 0.883, skill precision 0.932, recall 0.974. Title and
market rules were then fixed for the real bugs it exposed (upstate "…, New York", Denver
suburbs, Head of AI, Member of Technical Staff), so later figures are no longer blind; the skill
rules were not changed. Figures go to test-output/holdout_accuracy.json. Thresholds sit below
the measured values, so a rule change that makes real-world classification worse fails."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, Warehouse

HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"
# The labeller tagged from a list of 81 canonical skills (the taxonomy has 199), and every one of
# them occurs in the labels: precision is measured on that vocabulary, so a correct tag outside
# it (kotlin, gpu, ...) is not counted as a false positive.
def _labelled_skills() -> set[str]:
    rows = _read("skill_sentences.csv")
    return {skill.strip() for row in rows for skill in row["skills"].split(";") if skill.strip()}

OUTPUT = PROJECT_ROOT / "test-output"

# Measured after the fixes: 0.995, 1.000, 0.942, 0.932, 0.974 (see the README).
THRESHOLDS = {
    "role_family_accuracy": 0.97,
    "seniority_accuracy": 0.96,
    "market_accuracy": 0.90,
    "skill_precision": 0.90,
    "skill_recall": 0.95,
}


def _read(name: str) -> list[dict[str, str]]:
    with (HOLDOUT / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


LABELLED_SKILLS = _labelled_skills()


def _postings() -> list[dict[str, str]]:
    """One JSONL posting per hold-out row, with the other fields held neutral."""
    rows = []
    for i, row in enumerate(_read("titles.csv")):
        rows.append(
            {
                "source_job_id": f"t{i}",
                "title": row["title"],
                "location": "London, UK",
                "description": "Join our team.",
            }
        )
    for i, row in enumerate(_read("locations.csv")):
        rows.append(
            {
                "source_job_id": f"l{i}",
                "title": "Data Scientist",
                "location": row["location"],
                "description": "Join our team.",
            }
        )
    for i, row in enumerate(_read("skill_sentences.csv")):
        rows.append(
            {
                "source_job_id": f"s{i}",
                "title": "Data Scientist",
                "location": "London, UK",
                "description": row["sentence"],
            }
        )
    for row in rows:
        row.update(company="Holdout Co", posted_at="2025-12-01T09:00:00Z")
    return rows


@pytest.fixture(scope="module")
def holdout_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    from rolegap.ingest import ingest_paths

    root = tmp_path_factory.mktemp("holdout")
    (root / "jsonl").mkdir()
    lines = [json.dumps(row) for row in _postings()]
    (root / "jsonl" / "holdout__2025-12-02.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    wh = Warehouse(root=root, db=root / "wh.duckdb", target=root / "target")
    summary = ingest_paths([root / "jsonl"], db=wh.db, progress=False)
    assert summary.rejected_n == 0, summary.describe()
    build = wh.dbt("build", "--exclude", "test_type:unit", reference=False)
    assert build.returncode == 0, build.output[-4000:]
    return wh


@pytest.fixture(scope="module")
def measured(holdout_warehouse: Warehouse) -> dict[str, float]:
    got = {
        job_id: (family, seniority, market)
        for job_id, family, seniority, market in holdout_warehouse.query(
            "select source_job_id, role_family, seniority, market from marts.postings"
        )
    }
    tags: dict[str, set[str]] = {}
    for job_id, skill in holdout_warehouse.query(
        "select postings.source_job_id, posting_skills.skill from marts.posting_skills "
        "inner join marts.postings on posting_skills.posting_id = postings.posting_id"
    ):
        tags.setdefault(job_id, set()).add(skill)

    titles = _read("titles.csv")
    family_ok = [got[f"t{i}"][0] == row["role_family"] for i, row in enumerate(titles)]
    seniority_ok = [got[f"t{i}"][1] == row["seniority"] for i, row in enumerate(titles)]
    locations = _read("locations.csv")
    market_ok = [got[f"l{i}"][2] == row["market"] for i, row in enumerate(locations)]
    expected = {
        (f"s{i}", skill.strip())
        for i, row in enumerate(_read("skill_sentences.csv"))
        for skill in row["skills"].split(";")
        if skill.strip()
    }
    found = {
        (job_id, skill)
        for job_id, skills in tags.items()
        if job_id.startswith("s")
        for skill in skills
        if skill in LABELLED_SKILLS
    }
    result = {
        "role_family_accuracy": sum(family_ok) / len(family_ok),
        "seniority_accuracy": sum(seniority_ok) / len(seniority_ok),
        "market_accuracy": sum(market_ok) / len(market_ok),
        "skill_precision": len(found & expected) / max(len(found), 1),
        "skill_recall": len(found & expected) / max(len(expected), 1),
        "titles_n": len(titles),
        "locations_n": len(locations),
        "skill_pairs_expected_n": len(expected),
        "skill_pairs_found_n": len(found),
        "misses": {
            "role_family": [
                (row["title"], row["role_family"], got[f"t{i}"][0])
                for i, row in enumerate(titles)
                if not family_ok[i]
            ],
            "seniority": [
                (row["title"], row["seniority"], got[f"t{i}"][1])
                for i, row in enumerate(titles)
                if not seniority_ok[i]
            ],
            "market": [
                (row["location"], row["market"], got[f"l{i}"][2])
                for i, row in enumerate(locations)
                if not market_ok[i]
            ],
            "skills_false_positive": sorted(found - expected),
            "skills_false_negative": sorted(expected - found),
        },
    }
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "holdout_accuracy.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


@pytest.mark.parametrize("metric", sorted(THRESHOLDS))
def test_holdout_accuracy(measured: dict, metric: str) -> None:
    assert measured[metric] >= THRESHOLDS[metric], json.dumps(measured["misses"], indent=1)[:4000]
