"""One rolegap command at a time on a warehouse: an advisory `flock` on `<warehouse>.lock`.

DuckDB lets no other process open a file, not even to read, while one process writes it; without
this lock a second command fails deep inside DuckDB (or dbt) with a traceback. With it, the second
command stops at once with one line naming the holder, or waits (`--wait SECONDS`). The lock is
the kernel's: it is released when the holder exits, however it exits, so a stale `.lock` file
(holder PID gone) never blocks. Hand-written because it is a dozen lines over `fcntl`, and the
lock-file libraries neither record the holder nor word the message.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

POLL_SECONDS = 0.2
_DUCKDB_LOCK = re.compile(r"Could not set lock on file|Conflicting lock is held", re.IGNORECASE)
_DUCKDB_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def lock_path(db: Path) -> Path:
    """`warehouse/rolegap.duckdb` -> `warehouse/rolegap.duckdb.lock`."""
    return db.with_name(db.name + ".lock")


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as the holder wrote it into the lock file."""

    command: str
    pid: int | None
    started_at: datetime | None

    def describe(self) -> str:
        parts = [self.command]
        if self.pid is not None:
            parts.append(f"PID {self.pid}")
        if self.started_at is not None:
            parts.append(f"since {self.started_at:%H:%M} UTC")
        return ", ".join(parts)


class WarehouseBusy(Exception):
    """The warehouse is held by another process; its str is one line: who, since when, which file."""

    def __init__(self, message: str, db: Path) -> None:
        super().__init__(message)
        self.db = db

    @classmethod
    def held_by(cls, db: Path, holder: Holder, waited_seconds: float = 0) -> WarehouseBusy:
        """Another rolegap command holds `<db>.lock`."""
        waited = f"; still busy after waiting {waited_seconds:g} s" if waited_seconds > 0 else ""
        return cls(f"warehouse busy: {holder.describe()} ({db}){waited}; rerun with --wait SECONDS", db)

    @classmethod
    def held_open(cls, db: Path, error: BaseException, waited_seconds: float = 0) -> WarehouseBusy:
        """DuckDB refused the file: a program outside rolegap (a BI tool, a bare dbt) has it open."""
        who = _duckdb_holder(error)
        waited = f"; still busy after waiting {waited_seconds:g} s" if waited_seconds > 0 else ""
        return cls(
            f"warehouse busy: {who} ({db}){waited}; close that program "
            "(a BI tool or a bare dbt) or rerun with --wait SECONDS",
            db,
        )


def _duckdb_holder(error: BaseException) -> str:
    """'held open by <program>, PID <pid>, outside rolegap', from DuckDB's lock error."""
    match = _DUCKDB_HOLDER.search(str(error))
    who = f"{match['program']}, PID {match['pid']}" if match else "another program"
    return f"held open by {who}, outside rolegap"


def read_holder(path: Path) -> Holder:
    """The holder recorded in a lock file; a file being written or unreadable gives an anonymous holder."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = info.get("started_at")
        return Holder(
            command=str(info.get("command") or "another rolegap command"),
            pid=int(info["pid"]) if info.get("pid") is not None else None,
            started_at=datetime.fromisoformat(started) if started else None,
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Holder("another rolegap command", None, None)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def warehouse_lock(
    db: Path,
    holder: str,
    wait_seconds: float = 0,
    on_wait: Callable[[Holder], None] | None = None,
) -> Iterator[int]:
    """Hold the warehouse's lock for the `with` block; `holder` names the command (e.g. 'rolegap ingest').

    Busy and `wait_seconds` 0: raise `WarehouseBusy` at once. Otherwise poll until the lock is free
    or `wait_seconds` have passed (then `WarehouseBusy`); `on_wait(holder)` is called once when the
    wait starts (the CLI says so on stderr). Yields the lock file's descriptor, which a
    subprocess that writes the warehouse can inherit (`pass_fds`) so that the lock lasts as long as it.
    """
    db = Path(db)
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0)
        told = False
        while not _try_lock(fd):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseBusy.held_by(db, read_holder(path), wait_seconds)
            if on_wait is not None and not told:
                on_wait(read_holder(path))
                told = True
            time.sleep(min(POLL_SECONDS, remaining))
        info = {
            "command": holder,
            "pid": os.getpid(),
            "started_at": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode("utf-8"), 0)
        try:
            yield fd
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def is_duckdb_lock_error(error: BaseException) -> bool:
    """DuckDB's own 'Could not set lock on file' (a BI tool, a bare `dbt` or a script holds the file)."""
    return _DUCKDB_LOCK.search(str(error)) is not None


def wait_for_duckdb(
    db: Path, read_only: bool, wait_seconds: float = 0, on_wait: Callable[[str], None] | None = None
) -> None:
    """Return once DuckDB would open `db` (in `read_only` mode or for writing); a missing file is free.

    A program outside rolegap that holds the file open is invisible to `warehouse_lock`; this probe
    turns DuckDB's refusal into `WarehouseBusy` (after polling for up to `wait_seconds`;
    `on_wait(who)` is called once when the wait starts).
    """
    deadline = time.monotonic() + max(wait_seconds, 0)
    told = False
    while Path(db).exists():
        try:
            duckdb.connect(str(db), read_only=read_only).close()
            return
        except duckdb.Error as error:
            if not is_duckdb_lock_error(error):
                return  # not a lock problem: the command itself reports it
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseBusy.held_open(db, error, wait_seconds) from None
            if on_wait is not None and not told:
                on_wait(_duckdb_holder(error))
                told = True
            time.sleep(min(POLL_SECONDS, remaining))
