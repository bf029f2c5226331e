"""Real payload shapes land: the 15 real board files in shared/realdata/ats, and their quirks one by one."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from ingest_support import ROOT, TABLES, count, rows, run

REAL_ATS = ROOT.parent / "shared" / "realdata" / "ats"
FORMAT_FOLDERS = ("greenhouse", "lever", "ashby")


def _real_files() -> list[Path]:
    if not REAL_ATS.is_dir():
        pytest.fail(f"{REAL_ATS} not found: the real data must sit beside the project as ../shared/realdata")
    return sorted(p for folder in FORMAT_FOLDERS for p in (REAL_ATS / folder).iterdir())


def test_all_real_ats_files_land_and_a_second_ingest_adds_nothing(tmp_path: Path) -> None:
    files = _real_files()
    assert len(files) == 15
    expected = sum(len(doc if isinstance(doc, list) else doc["jobs"])
                   for doc in (json.loads(path.read_text(encoding="utf-8")) for path in files))
    db = tmp_path / "rolegap.duckdb"
    first = run(files, db)
    assert (first.read_n, first.loaded_n, first.duplicate_n, first.rejected_n) == (404, 404, 0, 0) == (
        expected, expected, 0, 0)
    assert first.loaded_by_table == {"greenhouse": 204, "lever": 95, "ashby": 105, "jsonl": 0}
    assert (first.snapshots_n, first.sightings_n) == (15, 404)
    assert rows(db, "select count(*), bool_and(is_complete), sum(records_n) from raw.ingest_snapshots") == [
        (15, True, 404)
    ]

    second = run(files, db)
    assert (second.read_n, second.loaded_n, second.duplicate_n, second.rejected_n) == (404, 0, 404, 0)
    assert (second.snapshots_n, second.sightings_n) == (0, 0)
    assert sum(count(db, f"{t}_postings") for t in TABLES) == 404
    assert (count(db, "ingest_snapshots"), count(db, "ingest_sightings"), count(db, "ingest_rejects")) == (
        15, 404, 0)


def test_real_quirks_land_as_sent(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    run(_real_files(), db)
    # Databricks' list was fetched without content=true: no content key, the posting still lands
    assert rows(db, "select count(*), count(payload->'$.content') from raw.greenhouse_postings "
                    "where board = 'databricks'") == [(40, 0)]
    # Catawiki's scraper wrapper says when it fetched the board; that wins over the file name's date
    assert rows(db, "select distinct fetched_at from raw.greenhouse_postings where board = 'catawiki'") == [
        (datetime(2025, 10, 26, 19, 26, 25, 425944),)
    ]
    # meta.total is the whole board (547 for Stripe), not what the file holds: never asserted
    stripe = json.loads((REAL_ATS / "greenhouse" / "stripe__2026-08-04.json").read_text(encoding="utf-8"))
    assert stripe["meta"]["total"] > len(stripe["jobs"]) == 40
    assert rows(db, "select count(*) from raw.greenhouse_postings where board = 'stripe'") == [(40,)]


def _write(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_greenhouse_posting_without_content_lands(tmp_path: Path) -> None:
    job = {"id": 1, "title": "Data Scientist", "absolute_url": "https://example.com/1", "updated_at":
           "2026-01-02T00:00:00Z", "location": {"name": "Remote"}}
    path = _write(tmp_path / "greenhouse" / "acme__2026-01-05.json", {"jobs": [job], "meta": {"total": 900}})
    summary = run([path], tmp_path / "rolegap.duckdb")
    assert (summary.loaded_n, summary.rejected_n) == (1, 0)
    # a content of the wrong type is still a reject, with its field
    job["content"] = 5
    path.write_text(json.dumps({"jobs": [job]}))
    summary = run([path], tmp_path / "rolegap.duckdb")
    assert summary.reject_messages == [f"{path}:jobs[0]: field 'content': expected string, got int"]


def test_scraper_wrapper_fetched_at_and_its_absence(tmp_path: Path) -> None:
    job = {"id": 1, "title": "ML Engineer", "content": "&lt;p&gt;PyTorch&lt;/p&gt;"}
    wrapped = _write(tmp_path / "greenhouse" / "acme__2026-01-05.json",
                     {"company": "acme", "fetched_at": "2026-01-04T07:30:00+01:00", "job_count": 9,
                      "jobs": [job]})
    job2 = {**job, "id": 2}
    plain = _write(tmp_path / "greenhouse" / "beta__2026-01-05.json",
                   {"company": "beta", "fetched_at": None, "jobs": [job2]})
    db = tmp_path / "rolegap.duckdb"
    run([wrapped, plain], db)
    assert rows(db, "select board, fetched_at from raw.greenhouse_postings order by board") == [
        ("acme", datetime(2026, 1, 4, 6, 30)),  # converted to UTC
        ("beta", datetime(2026, 1, 5)),  # null: the file name's date
    ]
    assert rows(db, "select board, fetched_at from raw.ingest_snapshots order by board") == [
        ("acme", datetime(2026, 1, 4, 6, 30)), ("beta", datetime(2026, 1, 5))
    ]


def test_a_wrapper_fetched_at_that_is_no_timestamp_rejects_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "greenhouse" / "acme__2026-01-05.json",
                  {"fetched_at": "yesterday", "jobs": [{"id": 1, "title": "Data Scientist"}]})
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n, summary.snapshots_n) == (1, 0, 1, 0)
    assert summary.reject_messages == [
        f"{path}: field 'fetched_at': expected ISO-8601 timestamp string, got string 'yesterday'; "
        "whole file rejected"
    ]
    assert rows(db, "select field, raw_text from raw.ingest_rejects") == [("fetched_at", path.read_text())]


def test_lever_bare_array_and_ashby_api_version_wrapper(tmp_path: Path) -> None:
    lever = _write(tmp_path / "lever" / "globex__2026-01-05.json",
                   [{"id": "a-1", "text": "Data Scientist", "descriptionPlain": "SQL",
                     "createdAt": 1764000000000}])
    ashby = _write(tmp_path / "ashby" / "initech__2026-01-05.json",
                   {"jobs": [{"id": "b-1", "title": "AI Engineer", "descriptionPlain": "RAG"}],
                    "apiVersion": "1"})
    summary = run([lever, ashby], tmp_path / "rolegap.duckdb")
    assert summary.loaded_by_table == {"greenhouse": 0, "lever": 1, "ashby": 1, "jsonl": 0}
    assert summary.rejected_n == 0
