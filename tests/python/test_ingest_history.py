"""raw.ingest_snapshots and raw.ingest_sightings: which file listed which posting when, re-fetches too."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from ingest_support import (
    FIXTURES,
    count,
    jsonl_record,
    raw_record_id,
    rows,
    run,
    sha256_hex,
    write_jsonl,
)

from rolegap.ingest import ingest_paths
from rolegap.ingest import store as ingest_store

BOARD = FIXTURES / "greenhouse" / "acme__2024-05-01.json"


def _board(tmp_path: Path, name: str, jobs: list[dict] | None = None) -> Path:
    """A Greenhouse board file under tmp_path/greenhouse/: the fixture's jobs, or `jobs`."""
    path = tmp_path / "greenhouse" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if jobs is None:
        shutil.copy(BOARD, path)
    else:
        path.write_text(json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}))
    return path


def _history(db: Path) -> tuple[int, int, int]:
    return count(db, "ingest_snapshots"), count(db, "ingest_sightings"), count(db, "ingest_batches")


def _seen(db: Path) -> list[tuple[object, ...]]:
    """First and last fetch per stored posting, from the sightings."""
    return rows(db, """
        select sightings.raw_record_id, min(snapshots.fetched_at), max(snapshots.fetched_at), count(*)
        from raw.ingest_sightings as sightings
        inner join raw.ingest_snapshots as snapshots using (snapshot_id)
        group by all order by all
    """)


def test_one_snapshot_per_file_and_one_sighting_per_posting(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    summary = run([FIXTURES], db)
    assert (summary.snapshots_n, summary.sightings_n) == (4, 8)
    got = rows(db, "select snapshot_id, batch_id, source, board, file_path, fetched_at, records_n, "
                   "is_complete from raw.ingest_snapshots order by source")
    content = hashlib.sha256(BOARD.read_bytes()).hexdigest()
    expected_id = sha256_hex(f"greenhouse|acme|2024-05-01T00:00:00|{content}")
    assert got[1] == (expected_id, summary.batch_id, "greenhouse", "acme", str(BOARD), datetime(2024, 5, 1),
                      2, True)
    jsonl = got[2]  # a jsonl file is no board listing: no board, never complete
    assert jsonl[2:4] == ("jsonl", None) and jsonl[6:] == (3, False)
    assert [row[2] for row in got] == ["ashby", "greenhouse", "jsonl", "lever"]

    board_ids = {raw_record_id("greenhouse", "acme", sha256_hex(json.dumps(job, sort_keys=True,
                                                                          separators=(",", ":"),
                                                                          ensure_ascii=False)))
                 for job in json.loads(BOARD.read_text())["jobs"]}
    sighted = rows(db, "select raw_record_id from raw.ingest_sightings where snapshot_id = ?", [expected_id])
    assert {r for (r,) in sighted} == board_ids
    assert count(db, "ingest_sightings") == 8


def test_identical_refetch_is_a_duplicate_but_leaves_a_sighting(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([_board(tmp_path, "acme__2024-05-01.json")], db)
    later = run([_board(tmp_path, "acme__2024-05-02.json")], db)  # same bytes, fetched a day later
    assert (later.loaded_n, later.duplicate_n, later.snapshots_n, later.sightings_n) == (0, 2, 1, 2)
    assert count(db, "greenhouse_postings") == 2
    seen = _seen(db)
    assert [(first, last, n) for _, first, last, n in seen] == [
        (datetime(2024, 5, 1), datetime(2024, 5, 2), 2)
    ] * 2


def test_reingesting_the_same_files_adds_no_snapshot_or_sighting(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([FIXTURES], db)
    again = run([FIXTURES], db)
    assert (again.read_n, again.duplicate_n, again.snapshots_n, again.sightings_n) == (8, 8, 0, 0)
    assert _history(db) == (4, 8, 2)


def test_the_same_file_twice_in_one_batch_is_one_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    first = _board(tmp_path / "a", "acme__2024-05-01.json")
    copy = _board(tmp_path / "b", "acme__2024-05-01.json")
    summary = run([first, copy], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n) == (4, 2, 2)
    assert (summary.snapshots_n, summary.sightings_n) == (1, 2)
    assert rows(db, "select file_path from raw.ingest_snapshots") == [(str(first),)]


def test_a_posting_listed_twice_in_one_file_is_one_sighting(tmp_path: Path) -> None:
    job = json.loads(BOARD.read_text())["jobs"][0]
    summary = run([_board(tmp_path, "acme__2024-05-01.json", [job, job])], tmp_path / "rolegap.duckdb")
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.sightings_n) == (2, 1, 1, 1)
    assert rows(tmp_path / "rolegap.duckdb", "select records_n from raw.ingest_snapshots") == [(2,)]


def test_an_empty_board_is_a_complete_snapshot_without_sightings(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([_board(tmp_path, "acme__2024-05-01.json")], db)
    quiet = run([_board(tmp_path, "acme__2024-05-03.json", [])], db)  # every opening has closed
    assert (quiet.read_n, quiet.snapshots_n, quiet.sightings_n) == (0, 1, 0)
    assert rows(db, "select fetched_at, records_n, is_complete from raw.ingest_snapshots order by 1") == [
        (datetime(2024, 5, 1), 2, True), (datetime(2024, 5, 3), 0, True)
    ]
    assert [last for _, _, last, _ in _seen(db)] == [datetime(2024, 5, 1)] * 2  # not seen on 05-03


def test_a_board_with_a_rejected_posting_is_not_complete(tmp_path: Path) -> None:
    jobs = json.loads(BOARD.read_text())["jobs"]
    jobs[1]["title"] = 7  # rejected: its absence from the sightings must not read as "closed"
    db = tmp_path / "rolegap.duckdb"
    summary = run([_board(tmp_path, "acme__2024-05-01.json", jobs)], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n, summary.sightings_n) == (2, 1, 1, 1)
    assert rows(db, "select records_n, is_complete from raw.ingest_snapshots") == [(2, False)]


def test_files_rejected_whole_have_no_snapshot(tmp_path: Path) -> None:
    broken = tmp_path / "greenhouse" / "acme__2024-05-01.json"
    broken.parent.mkdir()
    broken.write_text('{"jobs": [')
    mystery = tmp_path / "mystery.json"
    mystery.write_text('{"items": []}')
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    summary = run([broken, mystery, empty], tmp_path / "rolegap.duckdb")
    assert (summary.read_n, summary.rejected_n, summary.snapshots_n) == (3, 3, 0)


def test_jsonl_snapshot_counts_rejected_lines_and_sights_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed__2024-06-01.jsonl",
                       [jsonl_record(1), jsonl_record(2, company=""), jsonl_record(1)])
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n) == (3, 1, 1, 1)
    assert summary.sightings_n == 1
    assert rows(db, "select board, fetched_at, records_n, is_complete from raw.ingest_snapshots") == [
        (None, datetime(2024, 6, 1), 3, False)
    ]


def test_a_failed_publish_writes_no_snapshot_or_sighting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([_board(tmp_path, "acme__2024-05-01.json")], db)
    later = _board(tmp_path, "acme__2024-05-02.json")

    original = ingest_store.BatchWriter._publish_postings

    def then_fail(self: ingest_store.BatchWriter, fmt: str, staged: Path, loaded_at: object) -> int:
        original(self, fmt, staged, loaded_at)  # type: ignore[arg-type]
        self.con.execute(ingest_store._publish_sightings_sql(staged))  # sightings inside the transaction
        raise OSError("disk on fire")

    monkeypatch.setattr(ingest_store.BatchWriter, "_publish_postings", then_fail)
    with pytest.raises(OSError, match="disk on fire"):
        ingest_paths([later], db=db, progress=False)
    assert _history(db) == (1, 2, 1)  # as before the failed run
    monkeypatch.undo()
    assert run([later], db).sightings_n == 2
