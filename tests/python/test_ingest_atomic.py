"""A batch lands whole or not at all: a failure or a killed process, while staging or while publishing,
leaves no partial batch and nothing for dbt to see; the rerun counts exactly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from ingest_support import (
    FIXTURES,
    ROOT,
    TABLES,
    count,
    ingest_paths,
    jsonl_record,
    rows,
    run,
    write_jsonl,
)

import rolegap.ingest.store as store

WAREHOUSE_TABLES = sorted([f"{table}_postings" for table in TABLES]
                          + ["ingest_batches", "ingest_rejects", "ingest_snapshots", "ingest_sightings",
                             "company_profiles", "company_profile_rejects",
                             "llm_skill_tags", "llm_tag_answers", "llm_tag_runs"])


def _big_jsonl(tmp_path: Path, n: int) -> Path:
    return write_jsonl(tmp_path / "jsonl" / "big__2024-05-01.jsonl",
                       [jsonl_record(i) for i in range(n)] + [{"company": "Acme"}])


def _two_formats(tmp_path: Path, n: int) -> Path:
    """`n` jsonl postings (plus one reject) and the fixtures' ATS boards: several raw tables per batch."""
    payloads = tmp_path / "payloads"
    shutil.copytree(FIXTURES, payloads)
    write_jsonl(payloads / "jsonl" / "big__2024-05-01.jsonl",
                [jsonl_record(i) for i in range(n)] + [{"company": "Acme"}])
    return payloads


def _assert_untouched(db: Path) -> None:
    """No row of the batch in any raw table, no staging left, no relation but the raw contract."""
    for table in WAREHOUSE_TABLES:
        assert count(db, table) == 0, table
    assert _relations(db) == WAREHOUSE_TABLES


def _relations(db: Path) -> list[str]:
    found = rows(db, "select schema_name, table_name from duckdb_tables() union all "
                     "select schema_name, view_name from duckdb_views() where not internal")
    assert {schema for schema, _ in found} <= {"raw"}, found
    return sorted(name for _, name in found)


def _assert_unique_keys(db: Path) -> None:
    for table in TABLES:
        sql = f"select count(*), count(distinct raw_record_id) from raw.{table}_postings"
        ((total, distinct),) = rows(db, sql)
        assert total == distinct, table


def _with_chunk_rows(init, rows_n: int):  # type: ignore[no-untyped-def]
    def patched(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        init(self, *args, **kwargs)
        self.chunk_rows = rows_n

    return patched


def test_failure_while_staging_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big_jsonl(tmp_path, 250)
    db = tmp_path / "rolegap.duckdb"
    original = store.BatchWriter._stage_postings
    calls = {"n": 0}

    def failing(self: store.BatchWriter, fmt: str, postings: list[store.Posting]) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # two chunks (100 rows) already staged
            raise OSError("disk on fire")
        original(self, fmt, postings)

    monkeypatch.setattr(store.BatchWriter, "_stage_postings", failing)
    monkeypatch.setattr(store.BatchWriter, "__init__", _with_chunk_rows(store.BatchWriter.__init__, 50))
    with pytest.raises(OSError, match="disk on fire"):
        ingest_paths([path], db=db, progress=False)
    assert calls["n"] == 3
    _assert_untouched(db)
    assert not store.staging_dir(db).exists()

    monkeypatch.undo()
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (251, 250, 1)
    assert count(db, "jsonl_postings") == 250


def test_failure_while_publishing_rolls_back_every_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payloads = _two_formats(tmp_path, 250)
    db = tmp_path / "rolegap.duckdb"
    original = store.BatchWriter._publish_postings
    published: list[str] = []

    def failing(self: store.BatchWriter, fmt: str, staged: Path, loaded_at: object) -> int:
        if published:  # one raw table already written in the publish transaction
            raise OSError("disk on fire")
        published.append(fmt)
        return original(self, fmt, staged, loaded_at)  # type: ignore[arg-type]

    monkeypatch.setattr(store.BatchWriter, "_publish_postings", failing)
    with pytest.raises(OSError, match="disk on fire"):
        ingest_paths([payloads], db=db, progress=False)
    assert published == ["greenhouse"]
    _assert_untouched(db)
    assert not store.staging_dir(db).exists()

    monkeypatch.undo()
    summary = run([payloads], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n) == (259, 258, 0, 1)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[4])
    import rolegap.ingest.store as store
    from rolegap.ingest import ingest_paths

    when = sys.argv[3]
    stage, publish = store.BatchWriter._stage_postings, store.BatchWriter._publish_postings
    calls = {"n": 0}

    def die():
        os.kill(os.getpid(), signal.SIGKILL)  # no rollback, no close, no cleanup: a crash

    def stage_then_die(self, fmt, postings):
        stage(self, fmt, postings)
        calls["n"] += 1
        if when == "staging" and calls["n"] == 3:
            die()

    def publish_then_die(self, fmt, staged, loaded_at):
        inserted = publish(self, fmt, staged, loaded_at)
        if when == "publishing" and fmt == "jsonl":  # the big insert ran inside the open transaction
            die()
        return inserted

    store.BatchWriter._stage_postings = stage_then_die
    store.BatchWriter._publish_postings = publish_then_die
    ingest_paths([sys.argv[1]], db=sys.argv[2], progress=False)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("when", ["staging", "publishing"])
def test_killed_process_leaves_no_partial_batch(tmp_path: Path, when: str) -> None:
    payloads = _two_formats(tmp_path, 25_000)
    db = tmp_path / "rolegap.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(payloads), str(db), when, str(ROOT)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    _assert_untouched(db)
    assert store.staging_dir(db).exists()  # the crash left its staging folder behind

    summary = run([payloads], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n) == (
        25_009, 25_008, 0, 1)
    assert count(db, "jsonl_postings") == 25_003  # the fixtures hold 3 jsonl postings
    assert count(db, "ingest_batches") == 1
    assert count(db, "ingest_rejects") == 1
    assert not store.staging_dir(db).exists()
    assert _relations(db) == WAREHOUSE_TABLES
    _assert_unique_keys(db)

    again = run([payloads], db)
    assert (again.loaded_n, again.duplicate_n, again.rejected_n) == (0, 25_008, 1)
    _assert_unique_keys(db)


def test_duplicates_across_chunks_of_one_batch_land_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [jsonl_record(i) for i in range(120)]
    path = write_jsonl(tmp_path / "dup.jsonl", records + records[:70] + records[100:])  # every chunk repeats
    db = tmp_path / "rolegap.duckdb"
    monkeypatch.setattr(store.BatchWriter, "__init__", _with_chunk_rows(store.BatchWriter.__init__, 25))
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n) == (210, 120, 90)
    # the first occurrence (by line) is the one kept
    assert rows(db, "select min(record_index), max(record_index) from raw.jsonl_postings") == [(1, 120)]
    _assert_unique_keys(db)


def test_publish_out_of_memory_is_retried_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payloads = _two_formats(tmp_path, 250)
    db = tmp_path / "rolegap.duckdb"
    original = store.BatchWriter._publish_postings
    calls: list[str] = []

    def out_of_memory_once(self: store.BatchWriter, fmt: str, staged: Path, loaded_at: object) -> int:
        calls.append(fmt)
        inserted = original(self, fmt, staged, loaded_at)  # type: ignore[arg-type]
        if len(calls) == 2:  # two raw tables written in the first attempt's transaction
            raise duckdb.OutOfMemoryException("could not allocate block")
        return inserted

    monkeypatch.setattr(store.BatchWriter, "_publish_postings", out_of_memory_once)
    summary = run([payloads], db)
    assert calls[:2] == calls[2:4] == ["greenhouse", "lever"]
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n) == (259, 258, 0, 1)
    assert count(db, "ingest_batches") == 1
    _assert_unique_keys(db)
    assert not store.staging_dir(db).exists()
