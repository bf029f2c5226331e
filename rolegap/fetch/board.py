"""Fetch one board: conditional request (Lever: paged), compare with the board's latest snapshot, write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rolegap.fetch.boards import Board
from rolegap.fetch.client import FetchFailed, PoliteClient, Reply
from rolegap.fetch.endpoints import board_url
from rolegap.fetch.log import FetchLogEntry
from rolegap.fetch.snapshot import (
    Diff,
    MalformedBody,
    board_file,
    diff,
    join_pages,
    latest_file,
    parse_jobs,
    read_jobs,
    write_atomic,
)
from rolegap.fetch.state import BoardState
from rolegap.ingest.records import utc_now

NO_DIFF = Diff(0, 0, 0)


@dataclass
class BoardResult:
    board: Board
    entry: FetchLogEntry
    diff: Diff
    seconds: float
    written: Path | None = None  # a new snapshot file, to ingest
    new_state: BoardState | None = None  # replaces the board's state (None: keep it)


@dataclass(frozen=True)
class BoardJob:
    """Everything one board's fetch needs (read on the main thread before it starts)."""

    board: Board
    out_dir: Path
    run_id: str
    today: date
    previous: BoardState | None
    force: bool
    lever_page_size: int
    max_pages: int


def fetch_board(job: BoardJob, client: PoliteClient) -> BoardResult:
    """Never raises for a board's own trouble: that is a `failed` result with the reason."""
    board = job.board
    clock = time.perf_counter()
    started_at = utc_now()
    latest = latest_file(job.out_dir, board.ats, board.board)
    first_url = board_url(board, 0, job.lever_page_size)

    def result(status: str, *, http_status: int | None = None, attempts: int = 0, size: int = 0,
               jobs_n: int | None = None, etag: str | None = None, last_modified: str | None = None,
               file: Path | None = None, error: str | None = None, change: Diff = NO_DIFF,
               written: Path | None = None, new_state: BoardState | None = None) -> BoardResult:
        entry = FetchLogEntry(job.run_id, board.ats, board.board, first_url, http_status, status, attempts,
                              size, jobs_n, etag, last_modified, str(file) if file else None, started_at,
                              utc_now(), error)
        return BoardResult(board, entry, change, time.perf_counter() - clock, written, new_state)

    previous = job.previous
    if not job.force and previous is not None and previous.ok_date == job.today.isoformat():
        jobs = read_jobs(board.ats, latest)
        return result("skipped", jobs_n=len(jobs) if jobs is not None else None, file=latest,
                      error="already fetched today (use --force to fetch again)")

    headers: dict[str, str] = {}
    if previous is not None and previous.conditional and latest is not None:
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified

    try:
        replies = _get(job, client, headers)
        last = replies[-1]
        if last.status == 304:
            jobs = read_jobs(board.ats, latest)
            kept = previous or BoardState()
            state = BoardState(job.today.isoformat(), last.etag or kept.etag,
                               last.last_modified or kept.last_modified, True)
            return result("not_modified", http_status=304, attempts=_attempts(replies), file=latest,
                          jobs_n=len(jobs) if jobs is not None else None, etag=state.etag,
                          last_modified=state.last_modified, new_state=state)
        body = join_pages([reply.body for reply in replies])
        try:
            jobs = parse_jobs(board.ats, body)
        except MalformedBody as err:
            raise _Malformed(str(err), _attempts(replies), len(body)) from None
    except FetchFailed as err:
        return result("failed", http_status=err.http_status, attempts=err.attempts, error=err.reason)
    except _Malformed as err:
        return result("failed", http_status=200, attempts=err.attempts, size=err.size,
                      error=f"malformed body: {err}")

    conditional = len(replies) == 1
    state = BoardState(job.today.isoformat(), last.etag if conditional else None,
                       last.last_modified if conditional else None, conditional)
    common = {"http_status": last.status, "attempts": _attempts(replies), "size": len(body),
              "jobs_n": len(jobs), "etag": last.etag, "last_modified": last.last_modified, "new_state": state}
    if latest is not None and latest.read_bytes() == body:
        return result("unchanged", file=latest, **common)
    change = diff(read_jobs(board.ats, latest), jobs)
    target = board_file(job.out_dir, board.ats, board.board, job.today)
    if target.exists():  # fetched (with --force) earlier today and changed since: keep both snapshots
        target = board_file(job.out_dir, board.ats, board.board, job.today, utc_now())
    write_atomic(target, body)
    return result("ok", file=target, change=change, written=target, **common)


class _Malformed(MalformedBody):
    def __init__(self, reason: str, attempts: int, size: int) -> None:
        super().__init__(reason)
        self.attempts = attempts
        self.size = size


def _attempts(replies: list[Reply]) -> int:
    return sum(reply.attempts for reply in replies)


def _get(job: BoardJob, client: PoliteClient, headers: dict[str, str]) -> list[Reply]:
    """The board's answer: one reply, or Lever's pages until a short page (conditional headers on the
    first request only). FetchFailed and _Malformed carry the attempts made so far."""
    board = job.board
    if board.ats != "lever":
        return [client.get(board_url(board), headers)]
    replies: list[Reply] = []
    size = job.lever_page_size
    for page in range(job.max_pages):
        try:
            reply = client.get(board_url(board, page * size, size), headers if page == 0 else None)
        except FetchFailed as err:
            raise FetchFailed(err.reason, err.http_status, _attempts(replies) + err.attempts) from None
        replies.append(reply)
        if reply.status == 304:
            return replies
        try:
            if len(parse_jobs("lever", reply.body)) < size:
                return replies
        except MalformedBody as err:
            raise _Malformed(f"page {page + 1}: {err}", _attempts(replies), len(reply.body)) from None
        if page > 0 and reply.body == replies[-2].body:
            raise _Malformed("the server ignores 'skip' (two identical pages)", _attempts(replies), 0)
    raise _Malformed(f"more than {job.max_pages} pages of {size}: stopped", _attempts(replies), 0)


def failed_result(job: BoardJob, error: str) -> BoardResult:
    """A board that failed outside the HTTP rules (see run._fetch_safely)."""
    now = utc_now()
    url = board_url(job.board, 0, job.lever_page_size)
    entry = FetchLogEntry(job.run_id, job.board.ats, job.board.board, url, None, "failed", 0, 0, None, None,
                          None, None, now, now, error)
    return BoardResult(job.board, entry, NO_DIFF, 0.0)
