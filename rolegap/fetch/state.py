"""What fetch remembers between runs, in `DIR/.fetch_state.json` (hidden, so ingest never reads it):
per board the last successful fetch (UTC date, ETag, Last-Modified), and the files not yet ingested.

One fetch run at a time per DIR: `run_lock` holds an advisory flock on `DIR/.fetch.lock`.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rolegap.fetch.snapshot import write_atomic

STATE_NAME = ".fetch_state.json"
LOCK_NAME = ".fetch.lock"


class FetchError(Exception):
    """Fetch cannot start or go on; str is one line."""


@dataclass
class BoardState:
    ok_date: str | None = None  # UTC date of the last ok / not_modified / unchanged fetch
    etag: str | None = None
    last_modified: str | None = None
    conditional: bool = False  # the validators cover the whole board (one request: not a paged Lever board)


@dataclass
class FetchState:
    path: Path
    boards: dict[str, BoardState] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # snapshot files (as written) waiting for ingest

    @classmethod
    def load(cls, out_dir: Path) -> FetchState:
        path = out_dir / STATE_NAME
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            boards = {key: BoardState(**value) for key, value in data.get("boards", {}).items()}
            pending = [str(item) for item in data.get("pending", [])]
        except (OSError, ValueError, TypeError, AttributeError) as err:
            raise FetchError(f"{path}: unreadable fetch state ({err}); its 'pending' list names files not "
                             "yet ingested: ingest them by hand, then delete the file") from None
        return cls(path, boards, pending)

    def add_pending(self, file: str) -> None:
        if file not in self.pending:
            self.pending.append(file)

    def save(self) -> None:
        data = {"boards": {key: asdict(value) for key, value in sorted(self.boards.items())},
                "pending": self.pending}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


@contextmanager
def run_lock(out_dir: Path, wait_seconds: float = 0, poll: float = 0.2) -> Iterator[None]:
    """Hold `DIR/.fetch.lock` for one run; another run on the same DIR gets a one-line FetchError."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 100, 0).decode("utf-8", "replace").strip() or "?"
                    raise FetchError(f"{out_dir}: another rolegap fetch is running (PID {holder}); "
                                     "rerun with --wait SECONDS") from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
