"""Shared helpers for the fetch tests (no tests here, so not named test_*): the real
board files replayed by a loopback server, a guard that fails any connection off loopback, a clock-free
sleep recorder, and a warehouse reader."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from rolegap.fetch import Board, FetchRun, FetchSettings, Politeness, run_fetch
from rolegap.fetch.endpoints import BASE_ENV
from rolegap.fetch.replay import ReplayServer, load_folder

ROOT = Path(__file__).resolve().parents[2]
REAL_ATS = ROOT.parent / "shared" / "realdata" / "ats"
UA = "rolegap-tests/1.0 (+mailto:tests@example.org)"
DAY1, DAY2, DAY3 = date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3)
SETTINGS = FetchSettings(
    politeness=Politeness(user_agent=UA, min_interval=0.0, per_host=4, connect_timeout=2.0, read_timeout=0.5,
                          max_attempts=3, backoff_base=0.0),
    lever_page_size=15,  # Match Group and Plaid (40 postings) take 3 pages
    workers=6,
)

__all__ = ["DAY1", "DAY2", "DAY3", "REAL_ATS", "SETTINGS", "UA", "Board", "Env", "FetchRun", "jobs_of",
           "query"]


def real_files() -> dict[tuple[str, str], bytes]:
    files = load_folder(REAL_ATS)
    assert len(files) == 15, f"expected the 15 real board files in {REAL_ATS}"
    return files


def jobs_of(ats: str, body: bytes) -> list[Any]:
    document = json.loads(body)
    return document if ats == "lever" else document["jobs"]


def query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@dataclass
class Env:
    """One test's world: a replay server on loopback, a snapshot folder, a warehouse, recorded sleeps."""

    server: ReplayServer
    out: Path
    db: Path
    files: dict[tuple[str, str], bytes]
    sleeps: list[float] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)

    def boards(self, keys: list[tuple[str, str]] | None = None) -> list[Board]:
        return [Board(ats, board, board.title()) for ats, board in (keys or list(self.files))]

    def fetch(self, boards: list[Board], today: date, ingest: bool = True, **kwargs: Any) -> FetchRun:
        return run_fetch(boards, self.out, SETTINGS, ingest_db=self.db if ingest else None, today=today,
                         progress=False, sleep=self.sleeps.append, **kwargs)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    files = real_files()
    connections: list[str] = []
    real_connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        connections.append(host)
        if host not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test request tried to leave loopback: {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with ReplayServer(files) as server:
        for variable in BASE_ENV.values():
            monkeypatch.setenv(variable, server.base)
        yield Env(server, tmp_path / "fetched", tmp_path / "warehouse" / "wh.duckdb", files,
                  connections=connections)
