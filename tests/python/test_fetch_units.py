"""The fetch rules one by one: boards file, Retry-After, backoff, Lever page joining, diffs, file names,
and raw.fetch_log landing."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from rolegap.fetch.boards import Board, BoardsError, read_boards, select
from rolegap.fetch.client import FetchFailed, PoliteClient, Politeness, parse_retry_after
from rolegap.fetch.endpoints import board_url
from rolegap.fetch.log import FetchLogEntry, FetchLogWriter, log_path
from rolegap.fetch.snapshot import MalformedBody, board_file, diff, join_pages, latest_file, parse_jobs
from rolegap.fetch.warehouse import land_fetch_logs


def test_boards_file_rows_problems_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "boards.csv"
    path.write_text(
        "\ufeffATS,Board,Company,Region,hq\n"
        "greenhouse,stripe,Stripe,,San Francisco\n"
        "Lever,acme,Acme,EU,\n"
        "\n"
        "workday,foo,Foo,,\n"
        "ashby,../etc,Evil,,\n"
        "ashby,a__b,Double,,\n"
        "ashby,ramp,,,\n"
        "greenhouse,stripe,Stripe again,,\n",
        encoding="utf-8",
    )
    boards = read_boards(path)
    assert boards.boards == [Board("greenhouse", "stripe", "Stripe", ""),
                             Board("lever", "acme", "Acme", "eu")]
    assert boards.problems == [
        f"{path}:5: field 'ats': unknown ATS 'workday' (expected greenhouse, lever, ashby); row not fetched",
        f"{path}:6: field 'board': '../etc' is not a board token (letters, digits, '.', '-', single '_'); "
        "row not fetched",
        f"{path}:7: field 'board': 'a__b' is not a board token (letters, digits, '.', '-', single '_'); "
        "row not fetched",
        f"{path}:8: field 'company': empty; row not fetched",
    ]
    assert boards.warnings == [f"{path}:9: duplicate of line 2 (greenhouse:stripe); fetched once"]
    assert select(boards.boards, ["LEVER:acme"]) == [boards.boards[1]]
    assert select(boards.boards, None) == boards.boards
    with pytest.raises(BoardsError, match=r"^--only ashby:nope: not in the boards file"):
        select(boards.boards, ["ashby:nope"])


def test_boards_file_missing_or_without_columns(tmp_path: Path) -> None:
    with pytest.raises(BoardsError, match=r"nope\.csv: boards file not found"):
        read_boards(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("ats,slug\ngreenhouse,x\n", encoding="utf-8")
    with pytest.raises(BoardsError, match=r"bad\.csv:1: missing column\(s\) board, company"):
        read_boards(bad)


def test_endpoints_and_env_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ROLEGAP_GREENHOUSE_API_BASE", "ROLEGAP_LEVER_API_BASE", "ROLEGAP_LEVER_EU_API_BASE",
                 "ROLEGAP_ASHBY_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    assert board_url(Board("greenhouse", "acme", "Acme")) == (
        "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true&pay_transparency=true")
    assert board_url(Board("lever", "acme", "Acme"), 200, 100) == (
        "https://api.lever.co/v0/postings/acme?mode=json&skip=200&limit=100")
    assert board_url(Board("lever", "acme", "Acme", "eu"), 0, 50).startswith("https://api.eu.lever.co/v0/")
    assert board_url(Board("ashby", "acme", "Acme")) == (
        "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true")
    monkeypatch.setenv("ROLEGAP_LEVER_EU_API_BASE", "http://127.0.0.1:9/")
    assert board_url(Board("lever", "acme", "Acme", "eu")).startswith("http://127.0.0.1:9/v0/postings/acme?")
    assert board_url(Board("lever", "acme", "Acme")).startswith("https://api.lever.co/")


def test_retry_after_seconds_http_date_and_garbage() -> None:
    now = datetime(2026, 9, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Tue, 01 Sep 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Tue, 01 Sep 2026 11:00:00 GMT", now) == 0.0  # in the past: go now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_backoff_is_exponential_jittered_capped_and_honours_retry_after() -> None:
    client = PoliteClient(Politeness(backoff_base=1.0, backoff_cap=8.0, retry_after_cap=60.0),
                          rng=random.Random(7))
    for attempt, base in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        delays = [client.backoff(attempt, None) for _ in range(50)]
        assert all(base <= d <= base * 1.5 for d in delays)
        assert len(set(delays)) > 1  # jitter
    assert client.backoff(1, 30.0) == 30.0
    assert client.backoff(1, 3600.0) == 60.0  # a Retry-After beyond the cap is honoured up to the cap


def test_lever_pages_join_byte_for_byte() -> None:
    pages = [b'[{"id":"a", "x": 1},\n {"id":"b"}]', b' [ {"id":"c"} ] ', b"[]"]
    joined = join_pages(pages)
    assert joined == b'[{"id":"a", "x": 1},\n {"id":"b"},{"id":"c"}]'
    assert json.loads(joined) == [{"id": "a", "x": 1}, {"id": "b"}, {"id": "c"}]
    assert join_pages([b'[{"id":"a"}]']) == b'[{"id":"a"}]'


def test_parse_jobs_rejects_wrong_shapes() -> None:
    assert parse_jobs("ashby", b'{"jobs": [{"id": 1}], "apiVersion": "1"}') == [{"id": 1}]
    with pytest.raises(MalformedBody, match="not JSON"):
        parse_jobs("greenhouse", b'{"jobs": [{"id": 1}')
    with pytest.raises(MalformedBody, match="JSON array of Lever postings"):
        parse_jobs("lever", b'{"ok": false}')
    with pytest.raises(MalformedBody, match="'jobs' array"):
        parse_jobs("greenhouse", b"[]")


def test_diff_by_job_id() -> None:
    before = [{"id": 1, "t": "a"}, {"id": 2, "t": "b"}, {"id": 3, "t": "c"}]
    after = [{"t": "b", "id": 2}, {"id": 3, "t": "C"}, {"id": 4, "t": "d"}]
    change = diff(before, after)
    assert (change.new, change.changed, change.gone) == (1, 1, 1)
    first = diff(None, after)
    assert (first.new, first.changed, first.gone) == (3, 0, 0)


def test_latest_file_is_per_board(tmp_path: Path) -> None:
    (tmp_path / "greenhouse").mkdir()
    for name in ["air__2026-01-02.json", "air__2026-01-10.json", "airbnb__2026-02-01.json", "air__x.json"]:
        (tmp_path / "greenhouse" / name).write_text("{}")
    assert latest_file(tmp_path, "greenhouse", "air") == tmp_path / "greenhouse" / "air__2026-01-10.json"
    assert latest_file(tmp_path, "lever", "air") is None
    expected = tmp_path / "lever" / "acme__2026-03-04.json"
    assert board_file(tmp_path, "lever", "acme", date(2026, 3, 4)) == expected


def _entry(run_id: str, board: str, status: str = "ok") -> FetchLogEntry:
    stamp = datetime(2026, 9, 1, 8, 0, 0)
    return FetchLogEntry(run_id, "greenhouse", board, f"http://127.0.0.1/v1/boards/{board}/jobs", 200, status,
                         1, 10, 2, '"e"', None, f"/x/{board}__2026-09-01.json", stamp, stamp, None)


def test_fetch_log_lands_idempotently_and_reports_bad_lines(tmp_path: Path) -> None:
    writer = FetchLogWriter(log_path(tmp_path, "run-1"))
    writer.write(_entry("run-1", "a"))
    writer.write(_entry("run-1", "b", "failed"))
    writer.close()
    with log_path(tmp_path, "run-2").open("w", encoding="utf-8") as handle:
        handle.write(_entry("run-2", "a").to_json() + "\n")
        handle.write('{"run_id": "run-2", "ats": "greenhouse", "boa')  # a line cut by a killed run
    with duckdb.connect(str(tmp_path / "wh.duckdb")) as con:
        added, problems = land_fetch_logs(con, tmp_path / ".fetch_log")
        assert added == 3
        assert problems == [f"{log_path(tmp_path, 'run-2')}:2: unreadable fetch log line "
                            "(Unterminated string starting at: line 1 column 42 (char 41)); not loaded"]
        again, _ = land_fetch_logs(con, tmp_path / ".fetch_log")
        assert again == 0
        rows = con.execute("select run_id, board, status, started_at from raw.fetch_log order by 1, 2")
        eight = datetime(2026, 9, 1, 8)
        assert rows.fetchall() == [("run-1", "a", "ok", eight), ("run-1", "b", "failed", eight),
                                   ("run-2", "a", "ok", eight)]


def test_a_bad_api_base_fails_at_once() -> None:
    client = PoliteClient(Politeness(min_interval=0.0, backoff_base=0.0))
    with pytest.raises(FetchFailed, match=r"^bad URL 'not-a-url/posting-api/") as caught:
        client.get("not-a-url/posting-api/job-board/x?includeCompensation=true")
    assert caught.value.attempts == 1
