"""`make engines`: build the reference corpus on DuckDB, Postgres and Spark and compare every mart
(rolegap.engines.run). Needs .venv-engines (`make engines-setup`); ends with one line naming each
engine; exit 1 unless every engine reproduces DuckDB's marts.

    .venv-engines/bin/python scripts/engines.py [--engines duckdb postgres spark] [--scale 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rolegap.config import PROJECT_ROOT
from rolegap.engines.run import ENGINES, final_line, run_engines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--scale", type=float, default=1.0, help="corpus scale (1 = the reference corpus)")
    parser.add_argument(
        "--work",
        type=Path,
        default=PROJECT_ROOT / "warehouse" / "engines",
        help="warehouses, lake, Spark catalog (deleted first)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT_ROOT / "test-output" / "engines",
        help="logs, mart snapshots, engines.json",
    )
    args = parser.parse_args()
    if "duckdb" not in args.engines:
        parser.error("duckdb is the reference the other engines are compared with")
    try:
        runs = run_engines(args.work, args.out, tuple(args.engines), args.scale)
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: the running step and the cluster are stopped
        print(f"engines: interrupted ({exc or 'Ctrl-C'}); logs in {args.out / 'logs'}", file=sys.stderr)
        return 130
    for run in runs:
        for line in run.diff:
            print(f"  {run.engine:8} {line}")
    print(final_line(runs))
    return 0 if all(run.ok for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
