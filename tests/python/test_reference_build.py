"""The reference corpus, built end to end, reproduces the article and the classifiers are
measurably right against the generator's truth file (which the models never read)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import PROJECT_ROOT, Warehouse


def _truth(wh: Warehouse) -> pd.DataFrame:
    rows = [json.loads(line) for line in wh.truth.read_text().splitlines() if line.strip()]
    return pd.DataFrame(rows)


def _postings(wh: Warehouse) -> pd.DataFrame:
    import duckdb

    with duckdb.connect(str(wh.db), read_only=True) as con:
        return con.execute("select * from marts.postings").df()


@pytest.fixture(scope="module")
def joined(reference_warehouse: Warehouse) -> pd.DataFrame:
    truth = _truth(reference_warehouse)
    postings = _postings(reference_warehouse)
    keys = ["source", "board", "source_job_id"]
    truth["source_job_id"] = truth["source_job_id"].astype(str)
    merged = truth.merge(postings, on=keys, how="outer", suffixes=("_truth", ""), indicator=True)
    return merged


def test_every_planted_opening_is_one_posting(joined: pd.DataFrame) -> None:
    unmatched = joined[joined["_merge"] != "both"]
    assert unmatched.empty, unmatched[["source", "board", "source_job_id", "_merge"]].head(20).to_string()


def test_every_published_figure_is_reproduced(reference_warehouse: Warehouse) -> None:
    rows = reference_warehouse.query(
        "select figure_id, published_value, computed_value, tolerance from marts.reproduction "
        "where not is_reproduced order by figure_id"
    )
    total = reference_warehouse.query("select count(*) from marts.reproduction")[0][0]
    published = reference_warehouse.query("select count(*) from seeds.published_figures")[0][0]
    assert total == published == 60
    assert rows == [], "\n".join(f"{r[0]}: published {r[1]}, computed {r[2]}, tolerance {r[3]}" for r in rows)


@pytest.mark.parametrize(
    ("column", "threshold"),
    [
        ("role_family", 0.99),
        ("seniority", 0.99),
        ("market", 0.99),
        ("exclusion_reason", 0.99),
        ("is_agency", 0.99),
    ],
)
def test_classification_accuracy(joined: pd.DataFrame, column: str, threshold: float) -> None:
    both = joined[joined["_merge"] == "both"]
    if column == "seniority":  # seniority is only defined for the two role families
        both = both[both["role_family_truth"].isin(["data_scientist", "ml_engineer"])]
    truth = both[f"{column}_truth"].fillna("<none>").astype(str)
    got = both[column].fillna("<none>").astype(str)
    accuracy = float((truth == got).mean())
    wrong = both.loc[truth != got, ["title", "location", f"{column}_truth", column]].head(10)
    assert accuracy >= threshold, f"{column} accuracy {accuracy:.4f} < {threshold}\n{wrong.to_string()}"


def test_skill_tagging_precision_recall(reference_warehouse: Warehouse, joined: pd.DataFrame) -> None:
    tags = reference_warehouse.query("select posting_id, skill from marts.posting_skills")
    got = {(pid, skill) for pid, skill in tags}
    both = joined[joined["_merge"] == "both"]
    pairs = zip(both["posting_id"], both["skills"], strict=True)
    expected = {(pid, skill) for pid, skills in pairs for skill in skills}
    tagged_postings = set(both["posting_id"])
    got = {pair for pair in got if pair[0] in tagged_postings}
    true_positive = len(got & expected)
    precision = true_positive / max(len(got), 1)
    recall = true_positive / max(len(expected), 1)
    false_positive = sorted(got - expected)[:10]
    false_negative = sorted(expected - got)[:10]
    assert precision >= 0.97, f"precision {precision:.4f}; e.g. wrongly tagged {false_positive}"
    assert recall >= 0.97, f"recall {recall:.4f}; e.g. missed {false_negative}"
    # The generator plants exactly the skills its text mentions (it writes no ambiguous phrasing),
    # so on its own corpus the real tagger must agree on every posting.
    assert got == expected, f"e.g. wrongly tagged {false_positive}, missed {false_negative}"


def test_salary_parsing_accuracy(joined: pd.DataFrame) -> None:
    both = joined[joined["_merge"] == "both"]
    for column in ["salary_min_usd", "salary_max_usd", "salary_min_annual", "salary_max_annual"]:
        truth = both[f"{column}_truth"]
        got = both[column]
        same = (truth.isna() & got.isna()) | ((truth - got).abs() < 1.0)
        accuracy = float(same.mean())
        wrong = both.loc[~same, ["title", "location", f"{column}_truth", column]].head(10)
        assert accuracy >= 0.99, f"{column} accuracy {accuracy:.4f}\n{wrong.to_string()}"
    currency_ok = both["salary_currency_truth"].fillna("-") == both["salary_currency"].fillna("-")
    assert float(currency_ok.mean()) >= 0.99


def test_project_passes_the_evaluator_checks(reference_warehouse: Warehouse) -> None:
    """The real manifest (not a hand-made one): documented models, tested keys, clean layering."""
    from rolegap.checks.project import check_manifest_file

    result = check_manifest_file(reference_warehouse.target / "manifest.json")
    assert result.success, result.describe()


def test_architecture_doc_draws_the_graph_as_it_is(reference_warehouse: Warehouse) -> None:
    """docs/architecture.md's model table is the manifest's (scripts/architecture_graph.py --write)."""
    from rolegap.checks.lineage import is_current
    from rolegap.checks.manifest import load_manifest

    manifest = load_manifest(reference_warehouse.target / "manifest.json")
    doc = PROJECT_ROOT / "docs" / "architecture.md"
    assert is_current(doc, manifest), "docs/architecture.md is stale: scripts/architecture_graph.py --write"


def test_rule_unit_tests_run_in_the_test_suite(reference_warehouse: Warehouse) -> None:
    """`make build` skips the rules' dbt unit tests (they do not depend on the data); the test suite's
    reference build runs every one of them, and they pass."""
    results = json.loads((reference_warehouse.target / "run_results.json").read_text())["results"]
    unit = [r for r in results if r["unique_id"].startswith("unit_test.")]
    manifest = json.loads((reference_warehouse.target / "manifest.json").read_text())
    defined = [uid for uid in manifest.get("unit_tests", {}) if uid.startswith("unit_test.")]
    assert len(defined) >= 50
    assert sorted(r["unique_id"] for r in unit) == sorted(defined)
    failed = [r["unique_id"] for r in unit if r["status"] != "pass"]
    assert failed == []
