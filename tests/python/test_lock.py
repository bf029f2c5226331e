"""The warehouse lock: one rolegap command at a time, a one-line message when busy, `--wait`, stale locks."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from ingest_support import jsonl_record, write_jsonl

from rolegap.cli import dbt_command
from rolegap.lock import WarehouseBusy, lock_path, read_holder, warehouse_lock

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUSY = re.compile(
    r"^warehouse busy: (?P<holder>.+), PID (?P<pid>\d+), since \d\d:\d\d UTC \((?P<db>.+)\)"
    r"(?P<waited>; still busy after waiting [0-9.]+ s)?; rerun with --wait SECONDS$"
)

# Another process takes the lock as `rolegap ingest` would, says so, and holds it until its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from rolegap.lock import warehouse_lock
with warehouse_lock(Path(sys.argv[1]), "rolegap ingest"):
    print("holding", flush=True)
    sys.stdin.read()
"""


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "ROLEGAP_DB": str(db), "PYTHONPATH": str(PROJECT_ROOT)}


def _hold(db: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=_env(db),
    )
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    return holder


def _rolegap(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "rolegap.cli", "-q", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=_env(db),
    )


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute(f"select count(*) from raw.{table}").fetchone()[0])


def test_second_process_fails_with_one_line_naming_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "warehouse" / "rolegap.duckdb"
    payload = write_jsonl(tmp_path / "p.jsonl", [jsonl_record(1)])
    holder = _hold(db)
    try:
        for command in (["ingest", str(payload)], ["check"], ["report", "--out", str(tmp_path / "r")],
                        ["publish", "--serving", str(tmp_path / "s.duckdb")], ["build"]):
            second = _rolegap(db, *command)
            out, err = second.communicate()
            assert second.returncode == 2, (command, err)
            lines = err.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in err, err
            match = BUSY.match(lines[0])
            assert match, lines[0]
            assert match["holder"] == "rolegap ingest" and int(match["pid"]) == holder.pid
            assert match["db"] == str(db) and match["waited"] is None
    finally:
        holder.communicate("")
    assert not db.exists()  # nobody wrote: the ingest stopped before opening the warehouse


def test_wait_succeeds_once_the_holder_finishes(tmp_path: Path) -> None:
    db = tmp_path / "warehouse" / "rolegap.duckdb"
    payload = write_jsonl(tmp_path / "p.jsonl", [jsonl_record(1), jsonl_record(2)])
    holder = _hold(db)
    second = _rolegap(db, "ingest", "--wait", "120", str(payload))
    assert second.stderr is not None
    waiting = second.stderr.readline()
    assert waiting.startswith("waiting up to 120 s for the warehouse") and f"PID {holder.pid}" in waiting
    assert second.poll() is None  # still waiting: the holder has not let go
    holder.communicate("")
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "read 2 | loaded 2 | duplicate 0 | rejected 0" in out
    assert _count(db, "jsonl_postings") == 2


def test_wait_times_out_with_the_same_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    with (
        warehouse_lock(db, "rolegap build"),
        pytest.raises(WarehouseBusy) as busy,
        warehouse_lock(db, "rolegap report", wait_seconds=0.5),
    ):
        pytest.fail("the lock was taken twice")
    match = BUSY.match(str(busy.value))
    assert match and match["holder"] == "rolegap build" and int(match["pid"]) == os.getpid()
    assert match["waited"] == "; still busy after waiting 0.5 s"


def test_killed_holder_leaves_a_stale_lock_file_that_does_not_block(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    holder = _hold(db)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    stale = read_holder(lock_path(db))
    assert stale.pid == holder.pid  # the file still names the dead holder...
    with warehouse_lock(db, "rolegap ingest") as fd:  # ...but the kernel released its lock
        assert fd >= 0
        assert read_holder(lock_path(db)).pid == os.getpid()


def test_killed_holder_does_not_block_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    holder = _hold(db)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    payload = write_jsonl(tmp_path / "p.jsonl", [jsonl_record(1)])
    second = _rolegap(db, "ingest", str(payload))
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert _count(db, "jsonl_postings") == 1


def test_duckdb_held_by_another_program_is_one_line_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "rolegap.duckdb"
    duckdb.connect(str(db)).close()
    script = (
        "import duckdb, sys\n"
        f"con = duckdb.connect({str(db)!r})\n"  # a bare writer: a BI tool or `dbt` outside rolegap
        "print('open', flush=True)\n"
        "sys.stdin.read()\n"
    )
    other = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        payload = write_jsonl(tmp_path / "p.jsonl", [jsonl_record(1)])
        for command in (["ingest", str(payload)], ["report", "--out", str(tmp_path / "r")]):
            second = _rolegap(db, *command)
            out, err = second.communicate()
            assert second.returncode == 2, (command, err)
            lines = err.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in err, err
            assert re.match(rf"warehouse busy: held open by \S*python\S*, PID {other.pid}, outside rolegap "
                            rf"\({re.escape(str(db))}\); close that program", lines[0]), lines[0]
        waiting = _rolegap(db, "ingest", "--wait", "120", str(payload))
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line.startswith("waiting up to 120 s for the warehouse") and f"PID {other.pid}" in line, line
        assert waiting.poll() is None
    finally:
        other.communicate("")
    out, err = waiting.communicate()
    assert waiting.returncode == 0, err
    assert _count(db, "jsonl_postings") == 1


def test_build_runs_dbt_under_the_lock(tmp_path: Path) -> None:
    assert dbt_command([])[1:] == ["build"]
    assert dbt_command(["--select", "staging+"])[1:] == ["build", "--select", "staging+"]
    assert dbt_command(["--", "docs", "generate"])[1:] == ["docs", "generate"]
    db = tmp_path / "rolegap.duckdb"
    build = _rolegap(db, "build", "--wait", "5", "--", "--version")
    out, err = build.communicate()
    assert build.returncode == 0, err
    assert "Core:" in out or "installed" in out.lower()
    assert read_holder(lock_path(db)).pid is None  # released: the holder record is cleared
