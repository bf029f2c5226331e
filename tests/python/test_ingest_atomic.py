"""One batch = one transaction: a failure or a killed process leaves no partial batch; a rerun loads all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_ingest_support import ROOT, count, ingest_paths, jsonl_record, run, write_jsonl

import rolegap.ingest.store as store


def _big_jsonl(tmp_path: Path, n: int) -> Path:
    return write_jsonl(tmp_path / "jsonl" / "big__2024-05-01.jsonl",
                       [jsonl_record(i) for i in range(n)] + [{"company": "Acme"}])


def _assert_empty(db: Path) -> None:
    for table in ("jsonl_postings", "ingest_batches", "ingest_rejects"):
        assert count(db, table) == 0, table


def test_failure_mid_batch_rolls_everything_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big_jsonl(tmp_path, 250)
    db = tmp_path / "rolegap.duckdb"
    original = store.BatchWriter._write_postings
    calls = {"n": 0}

    def failing(self: store.BatchWriter, fmt: str, postings: list[store.Posting]) -> int:
        calls["n"] += 1
        if calls["n"] == 3:  # two chunks (100 rows) already inserted in this transaction
            raise OSError("disk on fire")
        return original(self, fmt, postings)

    monkeypatch.setattr(store.BatchWriter, "_write_postings", failing)
    monkeypatch.setattr(store.BatchWriter, "__init__", _with_chunk_rows(store.BatchWriter.__init__, 50))
    with pytest.raises(OSError, match="disk on fire"):
        ingest_paths([path], db=db, progress=False)
    assert calls["n"] == 3
    _assert_empty(db)

    monkeypatch.undo()
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (251, 250, 1)
    assert count(db, "jsonl_postings") == 250


def _with_chunk_rows(init, rows: int):  # type: ignore[no-untyped-def]
    def patched(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        init(self, *args, **kwargs)
        self.chunk_rows = rows

    return patched


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[3])
    import rolegap.ingest.store as store
    from rolegap.ingest import ingest_paths

    original = store.BatchWriter._write_postings
    calls = {"n": 0}

    def write_then_die(self, fmt, postings):
        inserted = original(self, fmt, postings)
        calls["n"] += 1
        if calls["n"] == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # no rollback, no close: a crash
        return inserted

    store.BatchWriter._write_postings = write_then_die
    ingest_paths([sys.argv[1]], db=sys.argv[2], progress=False)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_process_leaves_no_partial_batch(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", [jsonl_record(i) for i in range(25_000)])
    db = tmp_path / "rolegap.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(path), str(db), str(ROOT)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    _assert_empty(db)  # 20k rows were inserted inside the transaction before the kill
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n) == (25_000, 25_000, 0)
    assert count(db, "ingest_batches") == 1
