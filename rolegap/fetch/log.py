"""The fetch log: one JSON line per board and run in `DIR/.fetch_log/<run_id>.jsonl`, written (and
fsynced) as each board finishes, so a killed run keeps what it did. Columns = raw.fetch_log's."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

LOG_DIR = ".fetch_log"
STATUSES: tuple[str, ...] = ("ok", "not_modified", "unchanged", "failed", "skipped")


@dataclass
class FetchLogEntry:
    run_id: str
    ats: str
    board: str
    url: str | None
    http_status: int | None
    status: str  # ok | not_modified | unchanged | failed | skipped
    attempts: int
    bytes: int
    jobs_n: int | None
    etag: str | None
    last_modified: str | None
    file_path: str | None  # the file written; for not_modified/unchanged/skipped the latest existing one
    started_at: datetime
    finished_at: datetime
    error: str | None

    def to_json(self) -> str:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FetchLogEntry:
        data: dict[str, Any] = json.loads(text)
        names = {f.name for f in fields(cls)}
        missing = names - data.keys()
        if missing:
            raise ValueError(f"missing field(s) {', '.join(sorted(missing))}")
        data = {key: data[key] for key in names}
        data["started_at"] = datetime.fromisoformat(data["started_at"])
        data["finished_at"] = datetime.fromisoformat(data["finished_at"])
        if data["status"] not in STATUSES:
            raise ValueError(f"field 'status': unknown status {data['status']!r}")
        return cls(**data)


def log_path(out_dir: Path, run_id: str) -> Path:
    return out_dir / LOG_DIR / f"{run_id}.jsonl"


class FetchLogWriter:
    """Appends entries to the run's log file, durably, one line each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("a", encoding="utf-8")

    def write(self, entry: FetchLogEntry) -> None:
        self._handle.write(entry.to_json() + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()


def read_logs(log_dir: Path) -> tuple[list[FetchLogEntry], list[str]]:
    """Every entry of every log file, and a one-line problem per unreadable line (file:line)."""
    entries: list[FetchLogEntry] = []
    problems: list[str] = []
    for path in sorted(log_dir.glob("*.jsonl")) if log_dir.is_dir() else []:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    entries.append(FetchLogEntry.from_json(line))
                except (ValueError, TypeError) as err:
                    problems.append(f"{path}:{number}: unreadable fetch log line ({err}); not loaded")
    return entries, problems
