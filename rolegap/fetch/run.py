"""`run_fetch`: every selected board, concurrently but politely, then (with `ingest`) land the run."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from tqdm import tqdm

from rolegap.fetch.board import BoardJob, BoardResult, failed_result, fetch_board
from rolegap.fetch.boards import Board
from rolegap.fetch.client import PoliteClient, Politeness
from rolegap.fetch.land import LandResult, land_fetched
from rolegap.fetch.log import FetchLogWriter, log_path
from rolegap.fetch.state import FetchState, run_lock
from rolegap.fetch.summary import describe
from rolegap.lock import WarehouseBusy


@dataclass(frozen=True)
class FetchSettings:
    politeness: Politeness = field(default_factory=Politeness)
    lever_page_size: int = 100
    max_pages: int = 1000
    workers: int = 6  # boards in flight overall; each host is still capped by politeness.per_host


@dataclass
class FetchRun:
    run_id: str
    out_dir: Path
    log_file: Path
    results: list[BoardResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # boards-file rows not fetched (they fail the run)
    landed: LandResult | None = None
    busy: str | None = None  # --ingest could not get the warehouse: why (files stay pending)
    seconds: float = 0.0

    @property
    def failed(self) -> list[BoardResult]:
        return [result for result in self.results if result.entry.status == "failed"]

    @property
    def exit_code(self) -> int:
        """1: a board failed, a boards-file row was unusable or ingest rejected records; 2: warehouse busy."""
        ingest = self.landed.ingest if self.landed is not None else None
        rejected = ingest is not None and ingest.rejected_n > 0
        if self.failed or self.problems or rejected:
            return 1
        return 2 if self.busy else 0

    def describe(self) -> str:
        return describe(self)


def _fetch_safely(job: BoardJob, client: PoliteClient) -> BoardResult:
    """`fetch_board`, with anything unexpected (a full disk...) turned into that board's failure."""
    try:
        return fetch_board(job, client)
    except Exception as err:  # one board's trouble never stops the others
        return failed_result(job, f"internal error: {type(err).__name__}: {err}")


def new_run_id(now: datetime | None = None) -> str:
    return f"{(now or datetime.now(UTC)):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def run_fetch(
    boards: list[Board],
    out_dir: Path | str,
    settings: FetchSettings | None = None,
    *,
    force: bool = False,
    ingest_db: Path | None = None,
    wait_seconds: float = 0,
    today: date | None = None,
    progress: bool = True,
    problems: list[str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchRun:
    """Fetch `boards` into `out_dir`; with `ingest_db`, land the new snapshots and the fetch logs there.

    `today` (UTC date) names the files and decides resumability; tests pass it to play several days.
    """
    settings = settings or FetchSettings()
    out_dir = Path(out_dir)
    clock = time.perf_counter()
    day = today or datetime.now(UTC).date()
    run_id = new_run_id()
    run = FetchRun(run_id, out_dir, log_path(out_dir, run_id), problems=list(problems or []))
    client = PoliteClient(settings.politeness, sleep=sleep)
    with run_lock(out_dir, wait_seconds):
        state = FetchState.load(out_dir)
        writer = FetchLogWriter(run.log_file)
        try:
            jobs = [BoardJob(board, out_dir, run_id, day, state.boards.get(board.key), force,
                             settings.lever_page_size, settings.max_pages) for board in boards]
            with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool, \
                    tqdm(total=len(jobs), unit="board", desc="fetch", file=sys.stderr,
                         disable=not progress) as bar:
                futures = [pool.submit(_fetch_safely, job, client) for job in jobs]
                for future in as_completed(futures):
                    result = future.result()
                    writer.write(result.entry)
                    if result.new_state is not None:
                        state.boards[result.board.key] = result.new_state
                    if result.written is not None:
                        state.add_pending(str(result.written))
                    state.save()
                    bar.set_postfix_str(f"{result.board.key} {result.entry.status}", refresh=False)
                    bar.update(1)
            order = {board.key: index for index, board in enumerate(boards)}
            run.results = sorted((f.result() for f in futures), key=lambda r: order[r.board.key])
        finally:
            writer.close()
        if ingest_db is not None:
            try:
                run.landed = land_fetched(out_dir, state, ingest_db, wait_seconds, progress=progress)
            except WarehouseBusy as busy:
                run.busy = f"{busy}; {len(state.pending)} snapshot file(s) stay pending for the next run"
    run.seconds = time.perf_counter() - clock
    return run
