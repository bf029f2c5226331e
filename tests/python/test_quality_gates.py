"""Break the rules on purpose and prove the build fails with a message that says what is wrong:
an agency listing counted in a mart, a record dropped mid-pipeline, a share off its interval, a
sample of 29."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Warehouse, copy_project, run_dbt


def _break(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text()
    assert old in text, f"{relative} no longer contains the line this test breaks"
    path.write_text(text.replace(old, new))


def _failed_tests(output: str) -> set[str]:
    return {line.split(" FAIL ")[1].split()[1] for line in output.splitlines() if " FAIL " in line}


@pytest.fixture()
def broken(tmp_path: Path, reference_warehouse: Warehouse) -> tuple[Path, Warehouse]:
    project = copy_project(tmp_path / "project")
    return project, reference_warehouse.copy(tmp_path / "wh")


def test_clean_reference_build_has_no_failing_test(reference_warehouse: Warehouse) -> None:
    results = json.loads((reference_warehouse.target / "run_results.json").read_text())
    bad = [r["unique_id"] for r in results["results"] if r["status"] in {"fail", "error"}]
    assert bad == []


def test_agency_listing_counted_in_scope_fails_the_build(broken: tuple[Path, Warehouse]) -> None:
    project, wh = broken
    _break(
        project,
        "models/intermediate/postings/int_postings_classified.sql",
        "        not classified.is_agency\n        and classified.role_family != 'other'",
        "        classified.role_family != 'other'",
    )
    run = run_dbt(["build", "--exclude", "test_type:unit"], db=wh.db, target=wh.target, project_dir=project)
    assert run.returncode != 0
    failed = _failed_tests(run.output)
    assert "exclusions_hold_in_postings" in failed, run.output[-3000:]
    assert "exclusions_hold_in_analysis_marts" in failed
    assert "reference_corpus_reproduces_article" in failed


def test_dropped_record_breaks_reconciliation(broken: tuple[Path, Warehouse]) -> None:
    project, wh = broken
    _break(
        project,
        "models/intermediate/postings/int_postings_deduplicated.sql",
        "    where version_rank = 1\n",
        "    where version_rank = 1 and posting_id != (select min(posting_id) from ranked)\n",
    )
    run = run_dbt(["build", "--exclude", "test_type:unit"], db=wh.db, target=wh.target, project_dir=project)
    assert run.returncode != 0
    assert "pipeline_funnel_reconciles" in _failed_tests(run.output), run.output[-3000:]


def test_share_off_its_interval_fails_every_share_column(broken: tuple[Path, Warehouse]) -> None:
    project, wh = broken
    _break(
        project,
        "macros/published_share.sql",
        "then cast({{ k }} as {{ type_double() }}) / {{ n }} end",
        "then cast({{ k }} as {{ type_double() }}) / {{ n }} + 0.05 end",
    )
    run = run_dbt(["build", "--exclude", "test_type:unit"], db=wh.db, target=wh.target, project_dir=project)
    assert run.returncode != 0
    failed = _failed_tests(run.output)
    share_columns = {
        "skill_gap_ds_share",
        "skill_gap_mle_share",
        "seniority_mix_share",
        "industry_mix_share",
        "role_volume_startup_share",
        "skill_trends_monthly_share",
        "seniority_mix_monthly_share",
    }  # skill_growth's own are not reached: its parent skill_trends_monthly fails, dbt skips it
    flagged = {c for c in share_columns if any(n.startswith(f"share_is_consistent_{c}__") for n in failed)}
    assert flagged == share_columns, run.output[-3000:]


def _tiny_corpus(path: Path, ds_roles: int, mle_roles: int) -> Path:
    """One JSONL file: `ds_roles` data scientist and `mle_roles` ML engineer roles, all in scope."""
    body = (
        "<p>You will work with Python and SQL every day on our analytics platform, partnering with "
        "product managers and engineers. We value clear writing and careful reasoning about data.</p>"
    ) * 4
    lines = []
    for family, n in (("Data Scientist", ds_roles), ("Machine Learning Engineer", mle_roles)):
        for i in range(n):
            lines.append(
                json.dumps(
                    {
                        "source_job_id": f"{family[:2]}-{i}",
                        "company": f"Company {family[:2]} {i}",
                        "title": family,
                        "description": f"<p>Team {i}.</p>" + body,
                        "location": "London, UK",
                        "posted_at": "2025-12-01T09:00:00Z",
                    }
                )
            )
    path.mkdir(parents=True)
    (path / "postings__2025-12-02.jsonl").write_text("\n".join(lines) + "\n")
    return path


def test_sample_of_29_is_withheld_warned_and_fails_reproduction(tmp_path: Path) -> None:
    from rolegap.ingest import ingest_paths

    corpus = _tiny_corpus(tmp_path / "jsonl", ds_roles=29, mle_roles=40)
    db = tmp_path / "wh.duckdb"
    summary = ingest_paths([corpus], db=db, progress=False)
    assert summary.loaded_n == 69
    wh = Warehouse(root=tmp_path, db=db, target=tmp_path / "target")

    run = wh.dbt("build", "--exclude", "test_type:unit", reference=False)
    assert run.returncode == 0, run.output[-3000:]
    assert "WARN" in run.output and "small_samples_are_flagged" in run.output
    rows = wh.query("select ds_sample_n, ds_share, mle_sample_n, mle_share, is_below_min_sample "
                    "from marts.skill_gap where skill = 'sql'")
    assert rows == [(29, None, 40, 1.0, True)]

    strict = wh.dbt("test", "--select", "reference_corpus_reproduces_article", reference=True)
    assert strict.returncode != 0
    assert "reference_corpus_reproduces_article" in _failed_tests(strict.output)
