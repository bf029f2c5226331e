"""Every payload format lands as sent, with lineage; detection; idempotency; re-fetch versions."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from ingest_support import (
    FIXTURES,
    canonical_json,
    count,
    jsonl_record,
    raw_record_id,
    rows,
    run,
    sha256_hex,
    write_jsonl,
)


def test_each_format_lands_with_lineage(tmp_path: Path) -> None:
    db = tmp_path / "wh" / "rolegap.duckdb"  # parent folder is created
    summary = run([FIXTURES], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n, summary.rejected_n) == (8, 8, 0, 0)
    assert summary.loaded_by_table == {"greenhouse": 2, "lever": 2, "ashby": 1, "jsonl": 3}
    assert (count(db, "greenhouse_postings"), count(db, "lever_postings")) == (2, 2)
    assert (count(db, "ashby_postings"), count(db, "jsonl_postings")) == (1, 3)

    gh = rows(db, "select source, board, record_index, fetched_at, payload_hash, payload, raw_record_id, "
                  "batch_id, loaded_at, file_path from raw.greenhouse_postings order by record_index")
    source, board, index, fetched_at, payload_hash, payload, record_id, batch_id, loaded_at, file_path = gh[0]
    original = json.loads((FIXTURES / "greenhouse" / "acme__2024-05-01.json").read_text())["jobs"][0]
    assert (source, board, index, fetched_at) == ("greenhouse", "acme", 0, datetime(2024, 5, 1))
    assert json.loads(payload) == original  # the posting as sent, key order kept
    assert list(json.loads(payload)) == list(original)
    assert payload_hash == sha256_hex(canonical_json(original))
    assert record_id == raw_record_id("greenhouse", "acme", payload_hash)
    assert batch_id == summary.batch_id and loaded_at is not None
    assert file_path.endswith("greenhouse/acme__2024-05-01.json")
    assert gh[1][2] == 1

    lever = rows(db, "select board, payload->>'$.text' from raw.lever_postings order by record_index")
    assert lever == [("globex", "Data Scientist, Product"), ("globex", "Senior ML Engineer")]
    ashby = rows(db, "select board, payload->>'$.title' from raw.ashby_postings")
    assert ashby == [("initech", "Staff Machine Learning Engineer")]


def test_jsonl_lineage_source_board_and_fetched_at(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([FIXTURES / "jsonl"], db)
    got = rows(db, "select record_index, source, board, fetched_at, payload from raw.jsonl_postings "
                   "order by record_index")
    lines = (FIXTURES / "jsonl" / "mixed__2024-05-01.jsonl").read_text().splitlines()
    assert [(r[0], r[1], r[2]) for r in got] == [
        (1, "jsonl", "Umbrella Health"),
        (2, "jsonl", "Hooli"),
        (4, "greenhouse", "Vandelay"),  # per payload format table, source kept; line 3 is blank
    ]
    assert got[0][3] == datetime(2024, 5, 1)  # from the file name
    assert got[1][3] == datetime(2024, 5, 2, 8)  # the record's own fetched_at, UTC
    assert got[0][4] == lines[0]  # the line exactly as sent


def test_auto_detection_by_content_extension_and_folder(tmp_path: Path) -> None:
    flat = tmp_path / "flat"
    flat.mkdir()
    shutil.copy(FIXTURES / "greenhouse" / "acme__2024-05-01.json", flat / "acme__2024-05-01.json")
    shutil.copy(FIXTURES / "lever" / "globex__2024-05-01.json", flat / "globex.json")
    shutil.copy(FIXTURES / "ashby" / "initech__2024-05-01.json", flat / "initech__2024-05-03T101500.json")
    shutil.copy(FIXTURES / "jsonl" / "mixed__2024-05-01.jsonl", flat / "mixed.jsonl")
    (flat / "README.md").write_text("not a payload")
    db = tmp_path / "rolegap.duckdb"
    summary = run([flat], db)
    assert summary.loaded_by_table == {"greenhouse": 2, "lever": 2, "ashby": 1, "jsonl": 3}
    assert summary.rejected_n == 0 and summary.skipped_n == 1
    assert rows(db, "select distinct fetched_at from raw.ashby_postings") == [(datetime(2024, 5, 3, 10, 15),)]
    assert rows(db, "select distinct board from raw.lever_postings") == [("globex",)]


def test_company_flag_and_forced_format(tmp_path: Path) -> None:
    odd = tmp_path / "download.txt"
    shutil.copy(FIXTURES / "lever" / "globex__2024-05-01.json", odd)
    db = tmp_path / "rolegap.duckdb"
    summary = run([odd], db, fmt="lever", company="Globex Corp")
    assert summary.loaded_n == 2
    assert rows(db, "select distinct board from raw.lever_postings") == [("Globex Corp",)]


def test_all_raw_tables_exist_even_without_data(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run([FIXTURES / "ashby"], db)
    sql = "select table_name from information_schema.tables where table_schema = 'raw'"
    names = {r[0] for r in rows(db, sql)}
    assert names == {"greenhouse_postings", "lever_postings", "ashby_postings", "jsonl_postings",
                     "ingest_batches", "ingest_rejects", "ingest_snapshots", "ingest_sightings",
                     "company_profiles", "company_profile_rejects",
                     "llm_skill_tags", "llm_tag_answers", "llm_tag_runs"}
    assert count(db, "greenhouse_postings") == 0


def test_same_files_twice_add_nothing(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    first = run([FIXTURES], db)
    second = run([FIXTURES], db)
    assert first.loaded_n == 8
    assert (second.read_n, second.loaded_n, second.duplicate_n, second.rejected_n) == (8, 0, 8, 0)
    assert sum(count(db, f"{t}_postings") for t in ("greenhouse", "lever", "ashby", "jsonl")) == 8
    assert count(db, "ingest_batches") == 2


def test_duplicates_within_one_batch_and_refetch_with_new_date(tmp_path: Path) -> None:
    record = jsonl_record(1, fetched_at="2024-05-01T00:00:00Z")
    same_later = jsonl_record(1, fetched_at="2024-05-09T00:00:00Z")  # fetched_at is not in the hash
    path = write_jsonl(tmp_path / "a.jsonl", [record, record, same_later])
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.duplicate_n) == (3, 1, 2)
    assert rows(db, "select record_index, fetched_at from raw.jsonl_postings") == [(1, datetime(2024, 5, 1))]


def test_changed_refetch_is_a_new_version(tmp_path: Path) -> None:
    day1 = tmp_path / "greenhouse" / "acme__2024-05-01.json"
    day2 = tmp_path / "greenhouse" / "acme__2024-05-02.json"
    day1.parent.mkdir()
    board = json.loads((FIXTURES / "greenhouse" / "acme__2024-05-01.json").read_text())
    day1.write_text(json.dumps(board))
    board["jobs"][0]["title"] = "Senior Data Scientist, Growth"
    board["jobs"][0]["updated_at"] = "2024-05-01T18:00:00-04:00"
    day2.write_text(json.dumps(board))
    db = tmp_path / "rolegap.duckdb"
    run([day1], db)
    summary = run([day2], db)
    assert (summary.loaded_n, summary.duplicate_n) == (1, 1)  # job 0 changed, job 1 did not
    versions = rows(db, "select payload->>'$.title', fetched_at from raw.greenhouse_postings "
                        "where (payload->>'$.id')::bigint = 4012345 order by fetched_at")
    assert versions == [("Senior Data Scientist", datetime(2024, 5, 1)),
                        ("Senior Data Scientist, Growth", datetime(2024, 5, 2))]


def test_fetched_at_falls_back_to_file_mtime(tmp_path: Path) -> None:
    import os

    path = write_jsonl(tmp_path / "nodate.jsonl", [jsonl_record(1)])
    os.utime(path, (1714557600, 1714557600))  # 2024-05-01T10:00:00Z
    db = tmp_path / "rolegap.duckdb"
    run([path], db)
    assert rows(db, "select fetched_at from raw.jsonl_postings") == [(datetime(2024, 5, 1, 10),)]


def test_empty_board_lands_nothing_and_rejects_nothing(tmp_path: Path) -> None:
    path = tmp_path / "quiet__2024-05-01.json"
    path.write_text('{"jobs": [], "meta": {"total": 0}}')
    summary = run([path], tmp_path / "rolegap.duckdb")
    assert (summary.read_n, summary.rejected_n) == (0, 0)
