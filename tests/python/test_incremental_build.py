"""Incremental builds agree with full rebuilds.

A small corpus is built, a daily increment (new and changed postings, `rolegap generate
--increment-of`) is landed as a second batch and built incrementally; then the same warehouse is
rebuilt with `--full-refresh`. Every mart, and every staging and intermediate relation, must be
identical (rolegap.marts_diff). The incremental
build must really have been incremental (its compiled models filter on the absorbed batches), and
an edited rule seed must make the next build recompute every posting.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import copy_project, run_dbt

from rolegap.generate import generate_corpus
from rolegap.generate.increment import MANIFEST, write_increment
from rolegap.ingest import ingest_paths
from rolegap.marts_diff import diff_snapshots, snapshot_marts

SCALE = 0.5
# Every relation the build writes is compared, not only the marts: an intermediate that no mart reads
# (int_posting_versions) must agree too.
SCHEMAS = ("staging", "intermediate", "marts")
# The article's window, fixed: the increment moves the latest fetch, and changes the counts the
# reference reproduction checks, so the build runs without reference_corpus.
WINDOW = {"window_start": "2025-11-01", "window_end": "2026-02-28"}
BUILD = ["build", "--exclude", "test_type:unit"]
STAGING = "models/staging/lever/stg_lever__postings.sql"
CLASSIFIED = "models/intermediate/postings/int_postings_classified.sql"


@dataclass
class Builds:
    root: Path
    db: Path
    corpus: Path
    increment: Path
    project: Path

    def target(self, name: str) -> Path:
        return self.root / f"target-{name}"

    def compiled(self, name: str, model: str) -> str:
        return (self.target(name) / "compiled" / "rolegap" / model).read_text()

    def build(self, name: str, *extra: str) -> None:
        run = run_dbt([*BUILD, *extra], db=self.db, target=self.target(name), reference=False,
                      project_dir=self.project, extra_vars=WINDOW)
        assert run.returncode == 0, f"dbt build ({name}) failed:\n{run.output[-6000:]}"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("incremental")
    corpus = root / "corpus"
    generate_corpus(corpus, scale=SCALE, seed=42, progress=False)
    result = Builds(root=root, db=root / "wh.duckdb", corpus=corpus, increment=root / "increment",
                    project=copy_project(root / "project"))
    assert ingest_paths([corpus / "payloads"], db=result.db, progress=False).rejected_n == 0
    result.build("first")
    write_increment(corpus / "payloads", result.increment, share=0.02, seed=7)
    summary = ingest_paths([result.increment], db=result.db, progress=False)
    assert summary.rejected_n == 0 and summary.loaded_n > 0, summary.describe()
    result.build("increment")
    for schema in SCHEMAS:
        snapshot_marts(result.db, root / "incremental" / schema, schema=schema)
    result.build("refresh", "--full-refresh")
    for schema in SCHEMAS:
        snapshot_marts(result.db, root / "refresh" / schema, schema=schema)
    return result


@pytest.mark.parametrize(("schema", "relations_min"), [("staging", 10), ("intermediate", 15), ("marts", 20)])
def test_incremental_build_equals_full_refresh(builds: Builds, schema: str, relations_min: int) -> None:
    diff = diff_snapshots(builds.root / "refresh" / schema, builds.root / "incremental" / schema)
    assert len(diff.lines) >= relations_min, diff.describe()
    assert diff.identical, diff.describe()


def test_increment_build_read_only_the_new_batch(builds: Builds) -> None:
    with duckdb.connect(str(builds.db), read_only=True) as con:
        batches = [row[0] for row in con.execute(
            "select batch_id from raw.ingest_batches order by finished_at").fetchall()]
    assert len(batches) == 2
    first, _ = batches
    staging = builds.compiled("increment", STAGING)
    assert f"batch_id not in ('{first}')" in staging, staging[:600]
    classified = builds.compiled("increment", CLASSIFIED)
    assert "posting_id in (select distinct changed_versions.posting_id" in classified
    assert f"changed_versions.batch_id not in ('{first}')" in classified
    for name in ("first", "refresh"):  # a first build and --full-refresh read every row
        assert "where true" in builds.compiled(name, STAGING)


def test_state_records_both_batches_per_model(builds: Builds) -> None:
    with duckdb.connect(str(builds.db), read_only=True) as con:
        rows = con.execute(
            "select model_id, count(batch_id), count(distinct fingerprint) from meta.incremental_state "
            "group by model_id order by model_id"
        ).fetchall()
    models = {model_id.rsplit(".", 1)[1]: (batches, fingerprints) for model_id, batches, fingerprints in rows}
    assert "stg_greenhouse__postings" in models and "int_postings_skills_tagged" in models
    assert all(value == (2, 1) for value in models.values()), models


def test_edited_rule_seed_recomputes_every_posting(builds: Builds, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    db = tmp_path / "wh.duckdb"
    shutil.copy(builds.db, db)
    rules = project / "seeds" / "title_role_family_rules.csv"
    with rules.open("a") as handle:  # a rule no title matches: every posting keeps its family
        handle.write('9999,"^zz-a-title-no-posting-has$",other,test rule\n')
    copy = Builds(root=tmp_path, db=db, corpus=builds.corpus, increment=builds.increment, project=project)
    copy.build("edited")
    assert "where true" in copy.compiled("edited", CLASSIFIED)  # every posting recomputed
    assert "batch_id not in (" in copy.compiled("edited", STAGING)  # the seed is not staging's input
    snapshot_marts(db, tmp_path / "marts")
    assert diff_snapshots(builds.root / "refresh" / "marts", tmp_path / "marts").identical


def test_increment_is_deterministic_and_sized(builds: Builds, tmp_path: Path) -> None:
    again = write_increment(builds.corpus / "payloads", tmp_path / "again", share=0.02, seed=7)
    manifest = json.loads((builds.increment / MANIFEST).read_text())
    assert manifest["postings_n"] == again.postings_n
    openings = json.loads((builds.corpus / "manifest.json").read_text())["openings"]
    assert again.postings_n == round(0.02 * openings)
    assert abs(again.changed_n - again.new_n) <= 1
    def payload_files(folder: Path) -> list[str]:
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.json*") if p.name != MANIFEST)

    files = payload_files(tmp_path / "again")
    assert files and files == payload_files(builds.increment)
    assert all(f"__{again.day.isoformat()}." in name for name in files)
    with pytest.raises(ValueError, match="share"):
        write_increment(builds.corpus / "payloads", tmp_path / "bad", share=0)
