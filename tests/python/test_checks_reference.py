"""The Great Expectations checkpoint passes on the reference warehouse built end to end, with every
published figure reproduced, and stays read-only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import Warehouse

from rolegap.checks import run_checks


def test_reference_warehouse_passes_every_suite(reference_warehouse: Warehouse, tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    shutil.copy(reference_warehouse.db, db)
    result = run_checks(db=db, docs_dir=tmp_path / "docs", reference_corpus=True)
    assert result.success, result.describe()
    summary = json.loads((tmp_path / "docs" / "gx_summary.json").read_text())
    assert summary["suites_n"] == 15
    assert summary["expectations_evaluated"] >= 130
    rows = {suite["suite"]: suite["rows_n"] for suite in summary["suites"]}
    assert rows["marts.role_volume"] == 2
    assert rows["marts.skill_gap"] >= 150
    assert (tmp_path / "docs" / "index.html").is_file()
