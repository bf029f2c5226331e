"""Shared helpers for the ingest tests (no tests here, so not named test_*)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import duckdb

# The venv here has no editable install of the project yet (`make setup` does `pip install -e .`);
# make `rolegap` importable from the checkout either way. Test modules import rolegap through here.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.ingest import IngestSummary, ingest_paths  # noqa: E402
from rolegap.ingest.records import canonical_json, raw_record_id, sha256_hex  # noqa: E402

__all__ = ["FIXTURES", "ROOT", "TABLES", "IngestSummary", "canonical_json", "count", "ingest_paths",
           "jsonl_record", "raw_record_id", "rows", "run", "sha256_hex", "write_jsonl"]

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TABLES = ("greenhouse", "lever", "ashby", "jsonl")


def run(paths: list[Path], db: Path, **kwargs: Any) -> IngestSummary:
    """ingest_paths plus the invariants every run must keep."""
    summary = ingest_paths(paths, db=db, progress=False, **kwargs)
    assert summary.read_n == summary.loaded_n + summary.duplicate_n + summary.rejected_n
    with duckdb.connect(str(db), read_only=True) as con:
        batch = con.execute(
            "select read_n, loaded_n, duplicate_n, rejected_n from raw.ingest_batches where batch_id = ?",
            [summary.batch_id],
        ).fetchone()
        rejects = con.execute(
            "select count(*) from raw.ingest_rejects where batch_id = ?", [summary.batch_id]
        ).fetchone()
        landed = sum(
            con.execute(f"select count(*) from raw.{t}_postings where batch_id = ?", [summary.batch_id])
            .fetchone()[0]
            for t in TABLES
        )
        snapshots = con.execute(
            "select count(*) from raw.ingest_snapshots where batch_id = ?", [summary.batch_id]
        ).fetchone()
        postings = " union all ".join(f"select raw_record_id from raw.{t}_postings" for t in TABLES)
        dangling = con.execute(  # every sighting is of a stored posting, every snapshot id unique
            f"select count(*) from raw.ingest_sightings where raw_record_id not in ({postings})"
        ).fetchone()
        repeated = con.execute(
            "select (select count(*) - count(distinct snapshot_id) from raw.ingest_snapshots), "
            "(select count(*) from (select distinct * from raw.ingest_sightings)) - "
            "(select count(*) from raw.ingest_sightings)"
        ).fetchone()
    assert batch == (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n)
    assert rejects == (summary.rejected_n,)
    assert landed == summary.loaded_n
    assert snapshots == (summary.snapshots_n,)
    assert dangling == (0,) and repeated == (0, 0)
    return summary


def rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def count(db: Path, table: str) -> int:
    return rows(db, f"select count(*) from raw.{table}")[0][0]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def jsonl_record(i: int, **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source_job_id": f"j-{i}",
        "company": "Acme",
        "title": f"Data Scientist {i}",
        "description": "<p>Python and SQL.</p>",
    }
    record.update(overrides)
    return record
