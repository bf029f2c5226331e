"""The MetricFlow semantic layer answers with the marts' numbers: `mf query` (a subprocess, after dbt
has exited: DuckDB has one writer) on a copy of the built reference warehouse."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Warehouse, copy_project

MF = str(Path(sys.executable).parent / "mf")


@pytest.fixture(scope="module")
def semantic_project(
    reference_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Warehouse]:
    """A project copy whose target/ holds the build's semantic manifest (mf reads only <root>/target/)."""
    root = tmp_path_factory.mktemp("semantic")
    project = copy_project(root / "project")
    (project / "target").mkdir()
    shutil.copy(
        reference_warehouse.target / "semantic_manifest.json", project / "target" / "semantic_manifest.json"
    )
    return project, reference_warehouse.copy(root / "warehouse")


def mf_query(semantic_project: tuple[Path, Warehouse], *args: str) -> list[dict[str, str]]:
    project, wh = semantic_project
    out = project / "mf_result.csv"
    env = dict(os.environ, ROLEGAP_DB=str(wh.db), DBT_PROFILES_DIR=str(project))
    proc = subprocess.run(
        [MF, "query", *args, "--csv", str(out)], cwd=project, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0 and out.is_file(), (
        f"mf query {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    )
    with out.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_openings_metric_equals_role_volume(semantic_project: tuple[Path, Warehouse]) -> None:
    rows = mf_query(semantic_project, "--saved-query", "openings_by_role_family")
    got = {row["posting__role_family"]: int(float(row["openings"])) for row in rows}
    expected = dict(semantic_project[1].query("select role_family, openings_n from marts.role_volume"))
    assert got == expected
    assert sum(got.values()) > 0


def test_sql_share_metric_equals_skill_gap(semantic_project: tuple[Path, Warehouse]) -> None:
    rows = mf_query(semantic_project, "--saved-query", "sql_share_by_role_family")
    got = {
        row["skill_trend__role_family"]: (float(row["skill_share"]), int(float(row["skills_sample_roles"])))
        for row in rows
    }
    [(ds_share, ds_n, mle_share, mle_n)] = semantic_project[1].query(
        "select ds_share, ds_sample_n, mle_share, mle_sample_n from marts.skill_gap where skill = 'sql'"
    )
    assert got["data_scientist"][1] == ds_n and got["ml_engineer"][1] == mle_n
    assert got["data_scientist"][0] == pytest.approx(ds_share, abs=1e-12)
    assert got["ml_engineer"][0] == pytest.approx(mle_share, abs=1e-12)


def test_salary_band_metrics_equal_salary_bands(semantic_project: tuple[Path, Warehouse]) -> None:
    rows = mf_query(semantic_project, "--saved-query", "salary_band_medians")
    got = {
        (row["role__role_family"], bound): float(row[f"salary_{bound}_p50_usd"])
        for row in rows
        for bound in ("min", "max")
    }
    expected = {
        (family, bound): value
        for family, low, high in semantic_project[1].query(
            "select role_family, min_p50_usd, max_p50_usd from marts.salary_bands"
        )
        for bound, value in (("min", low), ("max", high))
    }
    assert got == pytest.approx(expected)


def test_monthly_openings_metric_equals_openings_monthly(semantic_project: tuple[Path, Warehouse]) -> None:
    rows = mf_query(semantic_project, "--saved-query", "openings_by_month")
    got = {
        (row["metric_time__month"][:10], row["openings_month__role_family"]): int(
            float(row["openings_posted"])
        )
        for row in rows
    }
    expected = {
        (str(month), family): n
        for month, family, n in semantic_project[1].query(
            "select month_start_date, role_family, sum(openings_n) from marts.openings_monthly group by all"
        )
    }
    assert got == expected
    assert len(expected) == 2 * semantic_project[1].query("select count(*) from marts.calendar_months")[0][0]
