"""profiles.yml caps DuckDB's memory and spills to a temporary directory, and builds keep working
after a spill.

dbt-duckdb applies a profile's `settings` to every cursor it opens, and DuckDB refuses to switch the
temporary directory once a query has spilled into it ("Cannot switch temporary directory after the
current one has been used"): with temp_directory under `settings`, every model after the first spill
failed (seen at `--scale 100`; this test failed that way too). It is set once, in `config_options`,
when the warehouse is opened. DuckDB deletes its temporary files on close, so the spill shows only as
the second model building.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
ROWS = 3_000_000  # ~150 MB of hash table: more than the 64 MB cap, so the aggregate spills


def test_profile_sets_memory_and_temp_directory_once() -> None:
    dev = yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text())["rolegap"]["outputs"]["dev"]
    assert {"memory_limit", "temp_directory"} <= set(dev["config_options"])
    assert not {"memory_limit", "temp_directory"} & set(dev.get("settings") or {})


def test_models_after_a_spill_still_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: spill\nversion: '1.0.0'\nconfig-version: 2\nprofile: rolegap\n"
        "models:\n  spill:\n    +materialized: table\n"
    )
    (project / "models" / "hashes_counted.sql").write_text(
        f"select md5(cast(i as varchar)) as h, count(*) as n from range({ROWS}) as t(i) group by h"
    )
    (project / "models" / "after_the_spill.sql").write_text(
        "select count(*) as rows_n, sum(n) as hashes_n from {{ ref('hashes_counted') }}"
    )
    db = tmp_path / "wh.duckdb"
    env = {
        **os.environ,
        "ROLEGAP_DB": str(db),
        "ROLEGAP_DUCKDB_MEMORY_LIMIT": "64MB",
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    env.pop("ROLEGAP_DUCKDB_TEMP_DIR", None)
    run = subprocess.run([DBT, "build", "--threads", "1"], cwd=project, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select rows_n, hashes_n from main.after_the_spill").fetchone() == (ROWS, ROWS)
