"""Shared fixtures: a reference warehouse built end to end (generate -> ingest -> dbt build),
once per test session, the way `make run` builds it."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from rolegap import dbt as rolegap_dbt

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class DbtRun:
    returncode: int
    output: str


@dataclass
class Warehouse:
    root: Path
    db: Path
    target: Path
    corpus: Path | None = None

    @property
    def truth(self) -> Path:
        assert self.corpus is not None
        return self.corpus / "truth" / "postings.jsonl"

    def dbt(self, *args: str, reference: bool = True) -> DbtRun:
        return run_dbt(list(args), db=self.db, target=self.target, reference=reference)

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(sql).fetchall()

    def copy(self, dest: Path) -> Warehouse:
        """A private copy of the warehouse (to break on purpose)."""
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.db, dest / "wh.duckdb")
        shutil.copytree(self.target, dest / "target", dirs_exist_ok=True)
        return Warehouse(root=dest, db=dest / "wh.duckdb", target=dest / "target", corpus=self.corpus)


def run_dbt(
    args: list[str],
    db: Path,
    target: Path,
    reference: bool = True,
    project_dir: Path = PROJECT_ROOT,
    extra_vars: dict | None = None,
) -> DbtRun:
    """dbt in a subprocess (dbtRunner keeps the DuckDB lock), on the warehouse at `db`."""
    if args and args[0] in {"build", "test", "run"}:
        dbt_vars = {"reference_corpus": reference, **(extra_vars or {})}
        args = [*args, "--vars", json.dumps(dbt_vars)]
    proc = rolegap_dbt.run_dbt(args, db, target, project_dir)
    return DbtRun(proc.returncode, proc.stdout + proc.stderr)


def copy_project(dest: Path) -> Path:
    """A private copy of the dbt project (to break a model on purpose)."""
    for name in ["models", "macros", "seeds", "tests/dbt"]:
        shutil.copytree(PROJECT_ROOT / name, dest / name)
    for name in ["dbt_project.yml", "profiles.yml"]:
        shutil.copy(PROJECT_ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    from rolegap.generate import generate_corpus
    from rolegap.ingest import ingest_paths

    root = tmp_path_factory.mktemp("reference")
    corpus = root / "corpus"
    generate_corpus(corpus, scale=1.0, seed=42, progress=False)
    wh = Warehouse(root=root, db=root / "wh.duckdb", target=root / "target", corpus=corpus)
    summary = ingest_paths([corpus / "payloads"], db=wh.db, progress=False)
    assert summary.rejected_n == 0, summary.describe()
    build = wh.dbt("build")
    if build.returncode != 0:
        pytest.fail("dbt build failed on the reference corpus:\n" + build.output[-6000:])
    return wh


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """With ROLEGAP_REQUIRE_ENGINES=1 (`make engines-test`, CI) a skipped test fails: there the
    Postgres and Spark cases must run, and a missing engine is an error, not a skip."""
    outcome = yield
    report = outcome.get_result()
    required = os.environ.get("ROLEGAP_REQUIRE_ENGINES") == "1"
    if report.skipped and required and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, but ROLEGAP_REQUIRE_ENGINES=1 requires it to run: {reason}"
