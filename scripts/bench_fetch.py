"""Benchmark `rolegap fetch` on the 15 real boards, replayed by loopback servers (one per ATS, as the
real boards live on three hosts), with the production politeness settings unless told otherwise.

    scripts/bench_fetch.py [--min-interval SECONDS] [--per-host N] [--ingest]

Three runs into a fresh temporary folder: the first fetch; a same-day re-run (every board skipped:
resumability); a next-day run (conditional requests: 304s, Lever paged boards compared byte for byte).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.fetch import Board, FetchSettings, Politeness, run_fetch  # noqa: E402
from rolegap.fetch.endpoints import BASE_ENV  # noqa: E402
from rolegap.fetch.replay import ReplayServer, load_folder  # noqa: E402

REAL_ATS = ROOT.parent / "shared" / "realdata" / "ats"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-interval", type=float, default=Politeness().min_interval,
                        help="seconds between request starts to one host (default: the production setting)")
    parser.add_argument("--per-host", type=int, default=Politeness().per_host)
    parser.add_argument("--ingest", action="store_true", help="also land each run in a temporary warehouse")
    parser.add_argument("--realdata", type=Path, default=REAL_ATS)
    args = parser.parse_args()

    files = load_folder(args.realdata)
    boards = [Board(ats, board, board) for ats, board in files]
    settings = FetchSettings(politeness=Politeness(user_agent="rolegap-bench/1 (bench@example.org)",
                                                   min_interval=args.min_interval, per_host=args.per_host))
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    servers = {ats: ReplayServer({key: body for key, body in files.items() if key[0] == ats})
               for ats in ("greenhouse", "lever", "ashby")}
    for ats, server in servers.items():
        server.__enter__()
        os.environ[BASE_ENV[ats]] = server.base
    today = datetime.now(UTC).date()
    print(f"{len(boards)} boards, {sum(len(b) for b in files.values()) / 1e6:.1f} MB, min interval "
          f"{args.min_interval:g} s per host, {args.per_host} in flight per host, 3 hosts (loopback)")
    try:
        with tempfile.TemporaryDirectory(prefix="bench_fetch_") as tmp:
            out = Path(tmp) / "fetched"
            db = Path(tmp) / "wh.duckdb" if args.ingest else None
            for label, day in [("first fetch", today), ("same-day re-run", today),
                                ("next-day run", today + timedelta(days=1))]:
                clock = time.perf_counter()
                run = run_fetch(boards, out, settings, ingest_db=db, today=day, progress=False)
                seconds = time.perf_counter() - clock
                statuses = Counter(result.entry.status for result in run.results)
                requests = sum(result.entry.attempts for result in run.results)
                tally = ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()))
                print(f"{label:16s} {seconds:6.2f} s  {requests:3d} requests  {tally}")
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
