"""Accuracy of the one-pass skill tagger on hand-written hard sentences.

Compiles the real dbt macro `skill_tag_postings` (seeds loaded into a scratch warehouse in a
temp dir, dbt in a subprocess) and runs the compiled SQL over the fixture with DuckDB.
Fixture: tests/python/fixtures/skills/hard_sentences.csv, one sentence per row with every skill
it genuinely mentions (`expected_skills`, ';'-separated), the `target_skill` it was written for
and whether it is a `positive` or `negative` context for that skill.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from rolegap.config import SKILL_TAXONOMY_CSV
from rolegap.duckdb_functions import register as register_functions
from rolegap.tagger import compile_tagger_sql

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests/python/fixtures/skills/hard_sentences.csv"
HARD_SKILLS = ["r", "go", "spark", "excel", "scala", "java", "c++", "aws", "rag", "sql"]


def load_fixture() -> list[dict[str, str]]:
    with open(FIXTURE, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> dict[int, set[str]]:
    """sentence index -> skills the tagger found."""
    rows = load_fixture()
    work_dir = tmp_path_factory.mktemp("skill_tagging")
    warehouse, sql = compile_tagger_sql(work_dir, "fixture_sentences", "sentence_id", "sentence")
    connection = duckdb.connect(str(warehouse))
    register_functions(connection)  # the tagger's regex function (dbt's plugin does this in builds)
    try:
        connection.execute("create temp table fixture_sentences (sentence_id integer, sentence varchar)")
        connection.executemany(
            "insert into fixture_sentences values (?, ?)",
            [(i, row["sentence"]) for i, row in enumerate(rows)],
        )
        found: dict[int, set[str]] = {i: set() for i in range(len(rows))}
        for sentence_id, skill in connection.execute(f"select sentence_id, skill from ({sql})").fetchall():
            found[sentence_id].add(skill)
        return found
    finally:
        connection.close()


def expected(row: dict[str, str]) -> set[str]:
    return {skill for skill in row["expected_skills"].split(";") if skill}


def test_fixture_has_twenty_contexts_each_way_per_hard_skill() -> None:
    counts = Counter((row["target_skill"], row["context"]) for row in load_fixture())
    short = {
        key: n
        for key in ((s, c) for s in HARD_SKILLS for c in ("positive", "negative"))
        if (n := counts[key]) < 20
    }
    assert not short, f"{FIXTURE.name}: fewer than 20 sentences for {short}"


def test_expected_skills_are_canonical() -> None:
    with open(SKILL_TAXONOMY_CSV, newline="") as handle:
        canonical = {row["skill"] for row in csv.DictReader(handle)}
    unknown = {
        (i + 2, s) for i, row in enumerate(load_fixture()) for s in expected(row) if s not in canonical
    }
    assert not unknown, f"{FIXTURE.name}: (line, skill) not in seed skill_taxonomy: {sorted(unknown)}"


def test_precision_and_recall(tagged: dict[int, set[str]]) -> None:
    rows = load_fixture()
    true_positive = predicted = 0
    false_positives: list[str] = []
    for i, row in enumerate(rows):
        predicted += len(tagged[i])
        true_positive += len(tagged[i] & expected(row))
        false_positives += [f"line {i + 2}: {s!r} in {row['sentence']!r}" for s in tagged[i] - expected(row)]
    positives = [(i, row) for i, row in enumerate(rows) if row["context"] == "positive"]
    wanted = sum(len(expected(row)) for _, row in positives)
    found = sum(len(tagged[i] & expected(row)) for i, row in positives)
    misses = [
        f"line {i + 2}: {sorted(expected(row) - tagged[i])} in {row['sentence']!r}"
        for i, row in positives
        if expected(row) - tagged[i]
    ]
    precision = true_positive / predicted
    recall = found / wanted
    print(f"precision {precision:.4f} ({true_positive}/{predicted}), recall {recall:.4f} ({found}/{wanted})")
    assert precision >= 0.97, f"precision {precision:.3f} < 0.97; false positives:\n" + "\n".join(
        false_positives
    )
    assert recall >= 0.95, f"recall {recall:.3f} < 0.95 over positive contexts; misses:\n" + "\n".join(misses)


def test_target_skill_recall_per_skill(tagged: dict[int, set[str]]) -> None:
    rows = load_fixture()
    for skill in HARD_SKILLS:
        positives = [
            i for i, row in enumerate(rows) if row["target_skill"] == skill and row["context"] == "positive"
        ]
        hits = sum(skill in tagged[i] for i in positives)
        assert hits / len(positives) >= 0.95, (
            f"{skill}: found in {hits}/{len(positives)} positive sentences: "
            + "; ".join(rows[i]["sentence"] for i in positives if skill not in tagged[i])
        )


def test_no_target_hits_on_negative_contexts(tagged: dict[int, set[str]]) -> None:
    rows = load_fixture()
    hits = [
        f"line {i + 2}: {row['target_skill']!r} in {row['sentence']!r}"
        for i, row in enumerate(rows)
        if row["context"] == "negative" and row["target_skill"] in tagged[i]
    ]
    assert not hits, "target skill tagged in a negative context:\n" + "\n".join(hits)
