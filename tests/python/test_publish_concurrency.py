"""BI readers never see an error or a mixed snapshot while the warehouse is rebuilt and republished.

Readers are separate processes using SQLAlchemy + duckdb_engine (the driver Superset and others use),
opening the serving copy read-only. Meanwhile the main process rebuilds the source warehouse in a
subprocess (as `dbt build` would) and publishes, several times. Every mart row carries the build id of
the rebuild that wrote it and each build has its own row counts, so a snapshot that mixes two
publications is detectable from inside one connection.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from rolegap.publish import publish

REBUILDS_N = 6
READER_MAX_S = 45.0

WRITER = """
import sys
import duckdb

db, build_id, rows_n = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = duckdb.connect(db)
con.execute("create schema if not exists marts")
# one table after another, like dbt: the source is inconsistent mid-build, which is why readers
# must never read it
con.execute(
    "create or replace table marts.postings as select 'p' || i as posting_id, ? as build_id, "
    "repeat('x', 40) as title from range(?) as t(i)",
    [build_id, rows_n],
)
con.execute(
    "create or replace table marts.posting_skills as select 'p' || (i // 2) as posting_id, "
    "'skill_' || (i % 2) as skill, ? as build_id from range(?) as t(i)",
    [build_id, rows_n * 2],
)
con.execute(
    "create or replace table marts.skill_gap as select 'skill_' || i as skill, ? as build_id "
    "from range(5) as t(i)",
    [build_id],
)
con.close()
"""

READER = """
import json
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

serving, mode, stop_file, out_file, max_s = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], float(
    sys.argv[5]
)
reads_n = 0
inconsistent = []
errors = []
builds_seen = []


def read_snapshot(conn):
    publication = conn.execute(
        text("select table_name, rows_n, publication_id from marts._publication")
    ).all()
    postings = conn.execute(text("select build_id, count(*) from marts.postings group by all")).all()
    skills = conn.execute(text("select build_id, count(*) from marts.posting_skills group by all")).all()
    rows_by_table = {row[0]: row[1] for row in publication}
    problems = []
    if len({row[2] for row in publication}) != 1:
        problems.append(f"publication ids {publication}")
    if len(postings) != 1 or len(skills) != 1 or postings[0][0] != skills[0][0]:
        problems.append(f"build ids postings={postings} posting_skills={skills}")
    else:
        if rows_by_table.get("postings") != postings[0][1]:
            problems.append(f"postings has {postings[0][1]} rows, _publication says {rows_by_table}")
        if rows_by_table.get("posting_skills") != skills[0][1]:
            problems.append(f"posting_skills has {skills[0][1]} rows, _publication says {rows_by_table}")
    return (postings[0][0] if postings else None), problems


def fresh_read():
    engine = create_engine(f"duckdb:///{serving}", connect_args={"read_only": True})
    try:
        with engine.connect() as conn:
            return read_snapshot(conn)
    finally:
        engine.dispose()


held_engine = held_conn = None
if mode == "held":
    held_engine = create_engine(f"duckdb:///{serving}", connect_args={"read_only": True})
    held_conn = held_engine.connect()

deadline = time.monotonic() + max_s
ready = False
while time.monotonic() < deadline and not stop_file.exists():
    try:
        build, problems = read_snapshot(held_conn) if mode == "held" else fresh_read()
        reads_n += 1
        if problems:
            inconsistent.append(problems)
        if not builds_seen or builds_seen[-1] != build:
            builds_seen.append(build)
    except Exception as exc:  # every error is a failure of the publication scheme
        errors.append(f"{type(exc).__name__}: {exc}")
    if not ready:
        print("ready", flush=True)
        ready = True
    time.sleep(0.005)

final_build = None
try:
    final_build, problems = read_snapshot(held_conn) if mode == "held" else fresh_read()
    if problems:
        inconsistent.append(problems)
except Exception as exc:
    errors.append(f"final read: {type(exc).__name__}: {exc}")
if held_conn is not None:
    held_conn.close()
    held_engine.dispose()
Path(out_file).write_text(json.dumps({
    "reads_n": reads_n, "inconsistent": inconsistent[:5], "inconsistent_n": len(inconsistent),
    "errors": errors[:5], "errors_n": len(errors), "builds_seen": builds_seen, "final_build": final_build,
    "timed_out": not stop_file.exists(),
}))
"""


def _rebuild(writer: Path, db: Path, build_id: str, rows_n: int) -> None:
    """A full rebuild of the source warehouse in another process, like `dbt build`."""
    command = [sys.executable, str(writer), str(db), build_id, str(rows_n)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"rebuild {build_id} failed: {done.stderr}"


def _wait_ready(proc: subprocess.Popen[str], timeout_s: float = 30.0) -> None:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout_s)
    assert ready, "reader did not start"
    line = proc.stdout.readline().strip()
    assert line == "ready", f"reader said {line!r}: {proc.stderr.read() if proc.stderr else ''}"


def test_readers_never_error_or_see_a_mixed_snapshot_during_rebuilds_and_publishes(tmp_path: Path) -> None:
    started = time.monotonic()
    db = tmp_path / "rolegap.duckdb"
    serving = tmp_path / "serving.duckdb"
    parquet_dir = tmp_path / "marts"
    writer = tmp_path / "writer.py"
    reader = tmp_path / "reader.py"
    writer.write_text(WRITER)
    reader.write_text(READER)
    stop_file = tmp_path / "stop"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    builds = [f"build-{i}" for i in range(REBUILDS_N + 1)]
    _rebuild(writer, db, builds[0], 2000)
    publish(db, serving, parquet_dir)

    readers = {}
    for mode in ("fresh", "held"):
        out = tmp_path / f"reader-{mode}.json"
        command = [sys.executable, str(reader), str(serving), mode, str(stop_file), str(out)]
        command.append(str(READER_MAX_S))
        readers[mode] = (
            subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            ),
            out,
        )
    try:
        for proc, _ in readers.values():
            _wait_ready(proc)
        publication_ids = set()
        for i, build_id in enumerate(builds[1:], start=1):
            _rebuild(writer, db, build_id, 2000 + 111 * i)  # readers hold the serving file open meanwhile
            result = publish(db, serving, parquet_dir, lock_wait_s=5)
            publication_ids.add(result.publication_id)
            assert result.rows_n == (2000 + 111 * i) * 3 + 5
            time.sleep(0.3)  # let the fresh reader pick each publication up
        assert len(publication_ids) == REBUILDS_N
    finally:
        stop_file.touch()
        for proc, _ in readers.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    outcomes = {}
    for mode, (proc, out) in readers.items():
        stderr = proc.stderr.read() if proc.stderr else ""
        assert proc.returncode == 0, f"{mode} reader crashed: {stderr}"
        outcomes[mode] = json.loads(out.read_text())

    fresh, held = outcomes["fresh"], outcomes["held"]
    print(f"fresh reader: {fresh['reads_n']} reads of builds {fresh['builds_seen']}")
    print(f"held reader: {held['reads_n']} reads of builds {held['builds_seen']}")
    for mode, outcome in outcomes.items():
        assert outcome["errors_n"] == 0, f"{mode} reader errors: {outcome['errors']}"
        assert outcome["inconsistent_n"] == 0, f"{mode} reader saw mixed snapshots: {outcome['inconsistent']}"
        assert not outcome["timed_out"], mode
        assert set(outcome["builds_seen"]) <= set(builds), outcome["builds_seen"]
    # a fresh connection follows the publications, in order, and ends on the last one
    assert fresh["reads_n"] >= 20, fresh
    assert len(fresh["builds_seen"]) >= 3, fresh["builds_seen"]
    assert fresh["builds_seen"] == sorted(fresh["builds_seen"], key=builds.index)
    assert fresh["final_build"] == builds[-1]
    # a connection held open all along keeps its snapshot (the old inode) and never breaks
    assert held["reads_n"] >= 30, held
    assert held["builds_seen"] == [builds[0]] and held["final_build"] == builds[0]
    assert time.monotonic() - started < 60
