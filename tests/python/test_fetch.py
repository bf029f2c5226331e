"""`rolegap fetch` end to end against a loopback server replaying the 15 real board files (Lever paged),
with faults: 429 + Retry-After, 503 then success, 404, a read timeout, a truncated body, a malformed
body, 304 on conditional requests; then ingest, re-runs, resumability and the history case."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from fetch_support import DAY1, DAY2, DAY3, REAL_ATS, UA, Env, env, jobs_of, query

from rolegap.fetch import Board, FetchSettings, Politeness, run_fetch
from rolegap.fetch.replay import Fault
from rolegap.ingest import ingest_paths
from rolegap.lock import warehouse_lock

__all__ = ["env"]  # the fixture


def _postings_by_board(db: Path) -> dict[tuple[str, str], list[str]]:
    """(source, board) -> sorted payload hashes stored in raw."""
    out: dict[tuple[str, str], list[str]] = {}
    for ats in ("greenhouse", "lever", "ashby"):
        for board, hashes in query(db, f"select board, list(payload_hash order by payload_hash) "
                                       f"from raw.{ats}_postings group by board"):
            out[(ats, board)] = list(hashes)
    return out


def _rejects_by_board(db: Path) -> Counter[tuple[str, str]]:
    rows = query(db, "select source, file_path from raw.ingest_rejects")
    return Counter((source, Path(path).name.split("__")[0]) for source, path in rows)


def _statuses(run: object) -> dict[str, str]:
    return {result.board.key: result.entry.status for result in run.results}  # type: ignore[attr-defined]


def test_real_boards_land_once_and_faulty_boards_are_reported(env: Env, tmp_path: Path) -> None:
    server = env.server
    server.fault("lever", "plaid", Fault(status=503))  # then success
    server.fault("ashby", "ramp", Fault(status=429, retry_after="7"))  # then success
    server.set_body("ashby", "slowco", env.files[("ashby", "etched")])
    server.fault("ashby", "slowco", Fault(delay=2.0, times=None))  # every answer after the read timeout
    server.set_body("greenhouse", "cutco", env.files[("greenhouse", "airbnb")])
    server.fault("greenhouse", "cutco", Fault(truncate=True, times=None))
    server.set_body("greenhouse", "badjson", env.files[("greenhouse", "airbnb")])
    server.fault("greenhouse", "badjson", Fault(malformed=True, times=None))
    faulty = [("greenhouse", "nosuch"), ("ashby", "slowco"), ("greenhouse", "cutco"),
              ("greenhouse", "badjson")]
    boards = env.boards(list(env.files)[:7] + faulty + list(env.files)[7:])

    run = env.fetch(boards, DAY1)

    # the faulty boards failed, named, and stopped nothing else
    statuses = _statuses(run)
    assert {key for key, status in statuses.items() if status == "failed"} == {f"{a}:{b}" for a, b in faulty}
    assert all(statuses[f"{ats}:{board}"] == "ok" for ats, board in env.files)
    assert run.exit_code == 1
    failed_line = run.describe().splitlines()[-1]
    assert failed_line.startswith("failed: ")
    for ats, board in faulty:
        assert f"{ats}:{board} (" in failed_line
    by_key = {result.board.key: result.entry for result in run.results}
    assert by_key["greenhouse:nosuch"].http_status == 404 and by_key["greenhouse:nosuch"].attempts == 1
    assert "timed out" in by_key["ashby:slowco"].error and by_key["ashby:slowco"].attempts == 3
    assert "cut short" in by_key["greenhouse:cutco"].error and by_key["greenhouse:cutco"].attempts == 3
    bad = by_key["greenhouse:badjson"]
    assert bad.error.startswith("malformed body: body is not JSON") and bad.attempts == 1
    assert not (env.out / "greenhouse" / f"cutco__{DAY1}.json").exists()

    # retries: 503 once then 3 pages for Plaid; Ramp's 429 honoured its Retry-After before the 2nd attempt
    assert by_key["lever:plaid"].attempts == 4 == len(server.requests_for("lever", "plaid"))
    assert by_key["ashby:ramp"].attempts == 2 == len(server.requests_for("ashby", "ramp"))
    assert 7.0 in env.sleeps
    assert len(server.requests_for("lever", "matchgroup")) == 3  # 15 + 15 + 10: paged until a short page

    # files as received (Lever: pages joined), named for ingest
    for (ats, board), body in env.files.items():
        written = (env.out / ats / f"{board}__{DAY1}.json").read_bytes()
        if ats == "lever":
            assert json.loads(written) == json.loads(body)
        else:
            assert written == body

    # every posting that exists landed exactly once: the same rows as ingesting the real files directly
    direct = tmp_path / "direct.duckdb"
    ingest_paths([REAL_ATS / ats for ats in ("greenhouse", "lever", "ashby")], db=direct, progress=False)
    assert _postings_by_board(env.db) == _postings_by_board(direct)
    assert _rejects_by_board(env.db) == _rejects_by_board(direct)
    landed = _postings_by_board(env.db)
    rejected = _rejects_by_board(env.db)
    for (ats, board), body in env.files.items():
        assert len(landed.get((ats, board), [])) + rejected[(ats, board)] == len(jobs_of(ats, body))
    assert sum(len(jobs_of(ats, body)) for (ats, _b), body in env.files.items()) == 404

    # every attempt recorded, in the JSONL log and in raw.fetch_log
    log_lines = run.log_file.read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == len(boards)
    rows = query(env.db, "select ats || ':' || board, status, jobs_n, file_path, http_status, attempts "
                         "from raw.fetch_log where run_id = ?", [run.run_id])
    assert {row[0]: row[1] for row in rows} == statuses
    for key, status, jobs_n, file_path, http_status, attempts in rows:
        ats, board = key.split(":")
        if status == "ok":
            assert jobs_n == len(jobs_of(ats, env.files[(ats, board)])) and http_status == 200
            assert file_path == str(env.out / ats / f"{board}__{DAY1}.json")
            table_rows = query(env.db, f"select count(*) from raw.{ats}_postings where file_path = ?",
                               [file_path])[0][0]
            assert table_rows + rejected[(ats, board)] == jobs_n
        else:
            assert file_path is None and attempts == by_key[key].attempts

    # politeness: our User-Agent on every request, and nothing left loopback
    assert server.requests and all(seen.headers.get("User-Agent") == UA for seen in server.requests)
    assert {seen.client for seen in server.requests} == {"127.0.0.1"}
    assert env.connections and set(env.connections) == {"127.0.0.1"}


def test_rerun_adds_nothing_and_next_day_asks_conditionally(env: Env) -> None:
    boards = env.boards()
    first = env.fetch(boards, DAY1)
    assert first.landed is not None and first.landed.ingest is not None
    ingest = first.landed.ingest
    assert ingest.read_n == ingest.loaded_n + ingest.rejected_n == 404
    assert first.exit_code == (1 if ingest.rejected_n else 0)  # ingest's rejects fail the run, as in ingest
    before = _postings_by_board(env.db)
    files_before = sorted(p.relative_to(env.out) for p in env.out.rglob("*.json"))
    asked = len(env.server.requests)

    same_day = env.fetch(boards, DAY1)  # resumable: already fetched OK today
    assert set(_statuses(same_day).values()) == {"skipped"}
    assert len(env.server.requests) == asked
    assert same_day.exit_code == 0 and same_day.landed is not None and same_day.landed.ingest is None

    next_day = env.fetch(boards, DAY2)
    statuses = _statuses(next_day)
    paged = {"lever:matchgroup", "lever:plaid"}  # several pages: no validators, compared byte for byte
    assert {key for key, status in statuses.items() if status == "unchanged"} == paged
    assert {key for key, status in statuses.items() if status == "not_modified"} == set(statuses) - paged
    conditional = [seen for seen in env.server.requests[asked:] if "If-None-Match" in seen.headers]
    assert len(conditional) == 13 and all("If-Modified-Since" in seen.headers for seen in conditional)
    assert sorted(p.relative_to(env.out) for p in env.out.rglob("*.json")) == files_before
    assert _postings_by_board(env.db) == before
    for result in next_day.results:  # the board's latest file is named in the log
        latest = env.out / result.board.ats / f"{result.board.board}__{DAY1}.json"
        assert result.entry.file_path == str(latest)
    runs = query(env.db, "select run_id, count(*) from raw.fetch_log group by run_id")
    assert sorted(n for _run, n in runs) == [15, 15, 15]

    forced = env.fetch(boards, DAY2, force=True)
    assert "skipped" not in _statuses(forced).values()
    assert query(env.db, "select count(*) from raw.fetch_log")[0][0] == 60


def test_failed_board_is_fetched_again_the_same_day(env: Env) -> None:
    keys = [("greenhouse", "airbnb"), ("lever", "spotify"), ("ashby", "character")]
    env.server.fault("lever", "spotify", Fault(status=500, times=None))
    first = env.fetch(env.boards(keys), DAY1)
    assert _statuses(first) == {"greenhouse:airbnb": "ok", "lever:spotify": "failed", "ashby:character": "ok"}
    assert first.exit_code == 1 and "lever:spotify (HTTP 500 (gave up after 3 attempts))" in first.describe()

    env.server.boards[("lever", "spotify")].faults.clear()
    second = env.fetch(env.boards(keys), DAY1)
    assert _statuses(second) == {"greenhouse:airbnb": "skipped", "lever:spotify": "ok",
                                 "ashby:character": "skipped"}
    assert second.exit_code == 0
    assert query(env.db, "select count(*) from raw.lever_postings where board = 'spotify'")[0][0] == 4


def test_busy_warehouse_keeps_files_pending_for_the_next_run(env: Env) -> None:
    keys = [("greenhouse", "airbnb"), ("lever", "palantir")]
    with warehouse_lock(env.db, "a test holding the warehouse"):
        run = env.fetch(env.boards(keys), DAY1)
    assert run.exit_code == 2 and run.busy and "warehouse busy: a test holding the warehouse" in run.busy
    assert (env.out / "greenhouse" / f"airbnb__{DAY1}.json").exists()
    assert not env.db.exists() or query(env.db, "select count(*) from raw.greenhouse_postings")[0][0] == 0

    later = env.fetch(env.boards(keys), DAY1)  # both skipped (fetched today), but the pending files land
    assert set(_statuses(later).values()) == {"skipped"} and later.exit_code == 0
    assert later.landed is not None and later.landed.ingest is not None and later.landed.ingest.loaded_n == 30
    assert query(env.db, "select count(*) from raw.fetch_log")[0][0] == 4  # both runs' logs


def test_history_complete_snapshot_without_a_job_vs_failed_fetch(env: Env) -> None:
    """At raw level: a later complete snapshot that lacks a job (and changes another) is an `ok` fetch whose
    file lacks it; a failed fetch writes no file and leaves the latest snapshot as it was."""
    board = [("greenhouse", "airbnb")]
    original = json.loads(env.files[("greenhouse", "airbnb")])
    env.fetch(env.boards(board), DAY1)

    later = json.loads(env.files[("greenhouse", "airbnb")])
    gone = later["jobs"].pop(3)
    later["jobs"][0]["title"] = later["jobs"][0]["title"] + " (updated)"
    env.server.set_body("greenhouse", "airbnb", json.dumps(later).encode())
    day2 = env.fetch(env.boards(board), DAY2)
    (result,) = day2.results
    assert (result.entry.status, result.diff.new, result.diff.changed, result.diff.gone) == ("ok", 0, 1, 1)
    assert result.entry.jobs_n == len(original["jobs"]) - 1
    day2_file = env.out / "greenhouse" / f"airbnb__{DAY2}.json"
    assert gone["id"] not in {job["id"] for job in json.loads(day2_file.read_bytes())["jobs"]}

    env.server.fault("greenhouse", "airbnb", Fault(status=500, times=None))
    day3 = env.fetch(env.boards(board), DAY3)
    assert day3.results[0].entry.status == "failed" and day3.exit_code == 1
    assert not (env.out / "greenhouse" / f"airbnb__{DAY3}.json").exists()

    log = query(env.db, "select cast(started_at as date) is not null, status, jobs_n, file_path, http_status "
                        "from raw.fetch_log order by started_at")
    assert [row[1:] for row in log] == [
        ("ok", 20, str(env.out / "greenhouse" / f"airbnb__{DAY1}.json"), 200),
        ("ok", 19, str(day2_file), 200),
        ("failed", None, None, 500),
    ]
    # raw postings: 20 from day 1 and one new version (changed title) from day 2; the gone job: day 1 only
    versions = query(env.db, "select payload->>'$.id', cast(fetched_at as date) from raw.greenhouse_postings "
                             "where board = 'airbnb'")
    assert len(versions) == 21
    assert [day for job_id, day in versions if job_id == str(gone["id"])] == [DAY1]
    changed_id = str(later["jobs"][0]["id"])
    assert sorted(day for job_id, day in versions if job_id == changed_id) == [DAY1, DAY2]

    # raw snapshots and sightings (written by ingest from the fetched files): day 2 is a complete listing
    # without the gone job; the failed day 3 left no snapshot, only its fetch_log row
    snapshots = query(env.db, "select file_path, is_complete, snapshot_id from raw.ingest_snapshots "
                              "where source = 'greenhouse' and board = 'airbnb' order by fetched_at")
    assert [(path, complete) for path, complete, _id in snapshots] == [
        (str(env.out / "greenhouse" / f"airbnb__{DAY1}.json"), True), (str(day2_file), True)]
    sighted = [
        {job_id for (job_id,) in query(env.db, "select p.payload->>'$.id' from raw.ingest_sightings as s "
                                               "join raw.greenhouse_postings as p using (raw_record_id) "
                                               "where s.snapshot_id = ?", [snapshot_id])}
        for _path, _complete, snapshot_id in snapshots
    ]
    assert str(gone["id"]) in sighted[0] and str(gone["id"]) not in sighted[1]
    assert sighted[0] - sighted[1] == {str(gone["id"])} and len(sighted[1]) == 19


def test_body_over_the_cap_fails_the_board_without_retrying(env: Env) -> None:
    stripe = env.files[("greenhouse", "stripe")]
    settings = FetchSettings(politeness=Politeness(user_agent=UA, min_interval=0.0, backoff_base=0.0,
                                                   max_bytes=len(stripe) - 1))
    run = run_fetch(env.boards([("greenhouse", "stripe"), ("lever", "spotify")]), env.out, settings,
                    today=DAY1, progress=False, sleep=env.sleeps.append)
    stripe_result, spotify_result = run.results
    assert stripe_result.entry.status == "failed" and stripe_result.entry.attempts == 1
    cap = len(stripe) - 1
    assert stripe_result.entry.error == f"body of {len(stripe):,} bytes exceeds the cap of {cap:,}"
    assert spotify_result.entry.status == "ok" and run.exit_code == 1
    assert not (env.out / "greenhouse" / f"stripe__{DAY1}.json").exists()


def test_same_day_forced_change_keeps_both_snapshots(env: Env) -> None:
    board = env.boards([("lever", "palantir")])
    env.fetch(board, DAY1)
    postings = json.loads(env.files[("lever", "palantir")])
    env.server.set_body("lever", "palantir", json.dumps(postings[:-1]).encode())
    run = env.fetch(board, DAY1, force=True)
    (result,) = run.results
    names = sorted(path.name for path in (env.out / "lever").iterdir())
    assert len(names) == 2 and names[0] == f"palantir__{DAY1}.json"
    assert names[1].startswith(f"palantir__{DAY1}T") and result.entry.file_path.endswith(names[1])
    assert (result.entry.status, result.diff.gone, result.entry.jobs_n) == ("ok", 1, 9)
    snapshots = query(env.db, "select file_path, records_n from raw.ingest_snapshots order by file_path")
    assert [(Path(path).name, n) for path, n in snapshots] == [(names[0], 10), (names[1], 9)]


def test_unexpected_trouble_fails_only_its_board(env: Env) -> None:
    env.out.mkdir(parents=True)
    (env.out / "ashby").write_text("not a folder")  # the Ashby snapshot cannot be written
    run = env.fetch(env.boards([("ashby", "etched"), ("greenhouse", "airbnb")]), DAY1, ingest=False)
    etched, airbnb = run.results
    assert etched.entry.status == "failed" and etched.entry.error.startswith("internal error: ")
    assert airbnb.entry.status == "ok" and run.exit_code == 1
    assert len(run.log_file.read_text().splitlines()) == 2


def test_lever_eu_boards_use_the_eu_host_and_refused_connections_are_retried(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEGAP_LEVER_API_BASE", "http://127.0.0.1:9")  # nothing listens: refused
    boards = [Board("lever", "spotify", "Spotify", "eu"), Board("lever", "palantir", "Palantir")]
    run = env.fetch(boards, DAY1, ingest=False)
    eu, default = run.results
    assert eu.entry.status == "ok" and eu.entry.url.startswith(env.server.base + "/v0/postings/spotify?")
    assert default.entry.status == "failed" and default.entry.attempts == 3
    error = default.entry.error
    assert error.startswith("connection error: ") and error.endswith("(gave up after 3 attempts)")
    assert env.server.requests_for("lever", "palantir") == []
