"""Gzipped payloads (`.json.gz`, `.jsonl.gz`) ingest exactly like plain ones; damaged ones are rejects."""

from __future__ import annotations

import gzip
import json
import random
from datetime import datetime
from pathlib import Path

from ingest_support import FIXTURES, TABLES, jsonl_record, rows, run, write_jsonl


def _gzip_tree(source: Path, dest: Path) -> Path:
    """A copy of `source` with every file gzipped (`x.json` -> `x.json.gz`) and no plain file left."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = dest / path.relative_to(source).parent / (path.name + ".gz")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.compress(path.read_bytes()))
    return dest


def _landed(db: Path) -> list[tuple[object, ...]]:
    union = " union all ".join(
        f"select '{t}' as tbl, raw_record_id, source, board, record_index, fetched_at, payload_hash, "
        f"payload::varchar as payload from raw.{t}_postings"
        for t in TABLES
    )
    return rows(db, f"select * from ({union}) order by all")


def test_gzipped_tree_lands_exactly_like_the_plain_one(tmp_path: Path) -> None:
    plain_db, gz_db = tmp_path / "plain.duckdb", tmp_path / "gz.duckdb"
    plain = run([FIXTURES], plain_db)
    gz_tree = _gzip_tree(FIXTURES, tmp_path / "payloads")
    assert not list(gz_tree.rglob("*.json")) and not list(gz_tree.rglob("*.jsonl"))
    gz = run([gz_tree], gz_db)
    assert gz.files_n == plain.files_n == 4 and gz.skipped_n == 0
    assert (gz.read_n, gz.loaded_n, gz.rejected_n) == (plain.read_n, plain.loaded_n, 0) == (8, 8, 0)
    assert gz.loaded_by_table == plain.loaded_by_table  # detection by folder and by .jsonl under .gz
    assert _landed(gz_db) == _landed(plain_db)  # same boards, dates from the names, hashes, payloads
    file_paths = rows(gz_db, "select file_path from raw.greenhouse_postings")
    assert {p for (p,) in file_paths} == {str(gz_tree / "greenhouse" / "acme__2024-05-01.json.gz")}
    snapshots = rows(gz_db, "select source, board, fetched_at, records_n, is_complete "
                            "from raw.ingest_snapshots order by source")
    assert snapshots == [
        ("ashby", "initech", datetime(2024, 5, 1), 1, True),
        ("greenhouse", "acme", datetime(2024, 5, 1), 2, True),
        ("jsonl", None, datetime(2024, 5, 1), 3, False),
        ("lever", "globex", datetime(2024, 5, 1), 2, True),
    ]
    # a snapshot hashes the content, not the compressed bytes: a board plain or gzipped is one snapshot
    same_ids = rows(gz_db, "select snapshot_id from raw.ingest_snapshots order by all")
    assert same_ids == rows(plain_db, "select snapshot_id from raw.ingest_snapshots order by all")


def test_content_detection_without_format_folders(tmp_path: Path) -> None:
    board = tmp_path / "acme__2024-05-01.json.gz"  # no greenhouse/ folder: sniffed from the content
    board.write_bytes(gzip.compress((FIXTURES / "greenhouse" / "acme__2024-05-01.json").read_bytes()))
    lines = tmp_path / "feed__2024-05-03.jsonl.gz"
    lines.write_bytes(gzip.compress(b"".join(json.dumps(jsonl_record(i)).encode() + b"\n" for i in (1, 2))))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"not a payload"))
    db = tmp_path / "rolegap.duckdb"
    summary = run([tmp_path], db)
    assert (summary.files_n, summary.skipped_n) == (2, 1)
    assert summary.loaded_by_table == {"greenhouse": 2, "lever": 0, "ashby": 0, "jsonl": 2}
    assert rows(db, "select distinct board, fetched_at from raw.greenhouse_postings") == [
        ("acme", datetime(2024, 5, 1))
    ]
    assert rows(db, "select distinct fetched_at from raw.jsonl_postings") == [(datetime(2024, 5, 3),)]


def test_line_numbers_in_rejects_are_those_of_the_decompressed_file(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "plain" / "feed.jsonl",
                        [jsonl_record(1), jsonl_record(2, title=5), jsonl_record(3)])
    plain.write_bytes(plain.read_bytes().replace(b"\n", b"\n\n", 1))  # a blank line 2 shifts the rest
    gz = tmp_path / "gz" / "feed.jsonl.gz"
    gz.parent.mkdir()
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    plain_summary = run([plain], tmp_path / "a.duckdb")
    gz_summary = run([gz], tmp_path / "b.duckdb")
    assert gz_summary.reject_messages == [f"{gz}:3: field 'title': expected non-empty string, got int"]
    assert plain_summary.reject_messages == [f"{plain}:3: field 'title': expected non-empty string, got int"]
    gz_db = tmp_path / "b.duckdb"
    assert rows(gz_db, "select record_index from raw.jsonl_postings order by 1") == [(1,), (4,)]
    assert rows(gz_db, "select record_index, field from raw.ingest_rejects") == [(3, "title")]


def test_gzip_content_is_recognised_without_the_gz_suffix(tmp_path: Path) -> None:
    path = tmp_path / "lever" / "globex__2024-05-01.json"  # saved compressed (Content-Encoding: gzip)
    path.parent.mkdir()
    path.write_bytes(gzip.compress((FIXTURES / "lever" / "globex__2024-05-01.json").read_bytes()))
    summary = run([path], tmp_path / "rolegap.duckdb")
    assert (summary.loaded_n, summary.rejected_n) == (2, 0)


def test_damaged_gzip_board_is_one_whole_file_reject(tmp_path: Path) -> None:
    path = tmp_path / "greenhouse" / "acme__2024-05-01.json.gz"
    path.parent.mkdir()
    path.write_bytes(b"\x1f\x8b" + b"this is not deflate data")
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n, summary.snapshots_n) == (1, 0, 1, 0)
    (message,) = summary.reject_messages
    assert message.startswith(f"{path}: not a valid gzip file (")
    assert message.endswith("; whole file rejected")
    assert rows(db, "select source, file_path, record_index from raw.ingest_rejects") == [
        ("greenhouse", str(path), None)
    ]


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    rng = random.Random(7)  # incompressible-ish text so that half the bytes hold many whole lines
    records = [jsonl_record(i, description="".join(rng.choices("abcdefghij klmnop", k=300)))
               for i in range(400)]
    plain = write_jsonl(tmp_path / "big.jsonl", records)
    compressed = gzip.compress(plain.read_bytes())
    cut = tmp_path / "cut" / "big.jsonl.gz"
    cut.parent.mkdir()
    cut.write_bytes(compressed[: len(compressed) // 2])
    db = tmp_path / "rolegap.duckdb"
    summary = run([cut], db)
    loaded = summary.loaded_n
    assert 0 < loaded < 400 and summary.rejected_n == 1 and summary.read_n == loaded + 1
    (message,) = summary.reject_messages
    assert message.startswith(f"{cut}:{loaded + 1}: not a valid gzip file (")
    assert message.endswith(f"after line {loaded}; rest of the file rejected")
    assert rows(db, "select max(record_index) from raw.jsonl_postings") == [(loaded,)]
    assert rows(db, "select records_n, is_complete from raw.ingest_snapshots") == [(loaded + 1, False)]


def test_gzipped_copy_of_a_plain_file_is_a_duplicate(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([FIXTURES / "lever"], db)
    copy = _gzip_tree(FIXTURES / "lever", tmp_path / "lever")
    again = run([copy], db)
    assert (again.loaded_n, again.duplicate_n, again.snapshots_n, again.sightings_n) == (0, 2, 0, 0)
