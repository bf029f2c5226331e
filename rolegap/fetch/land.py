"""`--ingest`: under the warehouse lock, land the snapshots not yet ingested as one ingest batch, and the
fetch logs in raw.fetch_log. Files written while the warehouse was busy stay pending for the next run."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from rolegap.fetch.log import LOG_DIR
from rolegap.fetch.state import FetchState
from rolegap.fetch.warehouse import land_fetch_logs
from rolegap.ingest import IngestSummary, ingest_paths
from rolegap.lock import Holder, WarehouseBusy, is_duckdb_lock_error, wait_for_duckdb, warehouse_lock


@dataclass
class LandResult:
    ingest: IngestSummary | None  # None: nothing was pending
    log_rows_n: int
    problems: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [self.ingest.describe() if self.ingest else "ingest: no new snapshot files"]
        lines.append(f"raw.fetch_log: {self.log_rows_n} new rows")
        lines += self.problems
        return "\n".join(lines)


def land_fetched(out_dir: Path, state: FetchState, db: Path, wait_seconds: float = 0,
                 progress: bool = False) -> LandResult:
    """Ingest `state.pending` and load the fetch logs; raises WarehouseBusy (pending kept) when busy."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def tell(holder: Holder | str) -> None:
        who = f"held by {holder.describe()}" if isinstance(holder, Holder) else holder
        print(f"waiting up to {wait_seconds:g} s for the warehouse ({db}): {who}", file=sys.stderr,
              flush=True)

    with warehouse_lock(db, "rolegap fetch --ingest", wait_seconds, on_wait=tell):
        try:
            wait_for_duckdb(db, read_only=False, wait_seconds=wait_seconds - (time.monotonic() - started),
                            on_wait=tell)
            pending = list(state.pending)
            summary = ingest_paths([Path(p) for p in pending], db=db, progress=progress) if pending else None
            state.pending = [p for p in state.pending if p not in pending]
            state.save()
            with duckdb.connect(str(db)) as con:
                rows, problems = land_fetch_logs(con, out_dir / LOG_DIR)
        except duckdb.Error as err:
            if is_duckdb_lock_error(err):
                raise WarehouseBusy.held_open(db, err) from None
            raise
    return LandResult(summary, rows, problems)
