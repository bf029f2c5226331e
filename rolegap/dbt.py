"""Running dbt from Python: the dbt beside the running interpreter, on a private warehouse.

dbt runs in a subprocess (dbt's Python runner would keep DuckDB's file lock in this process).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from rolegap.config import PROJECT_ROOT


def dbt_executable() -> str:
    """The dbt next to the running interpreter (the project venv), else the one on PATH."""
    here = Path(sys.executable).parent / "dbt"
    return str(here) if here.exists() else (shutil.which("dbt") or "dbt")


def private_env(db: Path, target: Path, project_dir: Path = PROJECT_ROOT) -> dict[str, str]:
    """The environment for a dbt run on warehouse `db`, writing its target and logs under `target`."""
    env = dict(os.environ)
    env.update(
        ROLEGAP_DB=str(db),
        DBT_TARGET_PATH=str(target),
        DBT_LOG_PATH=str(target / "logs"),
        DBT_PROFILES_DIR=str(project_dir),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def run_dbt(
    args: list[str], db: Path, target: Path, project_dir: Path = PROJECT_ROOT
) -> subprocess.CompletedProcess[str]:
    """`dbt ARGS` in project_dir on warehouse `db` (output captured, never raises on failure)."""
    return subprocess.run(
        [dbt_executable(), *args],
        cwd=project_dir,
        env=private_env(db, target, project_dir),
        capture_output=True,
        text=True,
    )
