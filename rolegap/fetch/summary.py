"""The table printed at the end of a fetch run, and the line naming every failed board."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rolegap.fetch.run import FetchRun

HEADER = ("board", "status", "jobs", "new", "changed", "gone", "attempts", "seconds")


def _fmt(value: int | None) -> str:
    return "-" if value is None else str(value)


def describe(run: FetchRun) -> str:
    rows = [HEADER]
    for result in run.results:
        entry = result.entry
        moved = entry.status == "ok"
        rows.append((result.board.key, entry.status, _fmt(entry.jobs_n),
                     _fmt(result.diff.new if moved else 0), _fmt(result.diff.changed if moved else 0),
                     _fmt(result.diff.gone if moved else 0), str(entry.attempts), f"{result.seconds:.2f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [f"fetch run {run.run_id} -> {run.out_dir} (log {run.log_file})"]
    for row in rows:
        cells = [cell.ljust(width) if i < 2 else cell.rjust(width) for i, (cell, width) in
                 enumerate(zip(row, widths, strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    counts: dict[str, int] = {}
    for result in run.results:
        counts[result.entry.status] = counts.get(result.entry.status, 0) + 1
    tally = " | ".join(f"{status} {n}" for status, n in counts.items())
    lines.append(f"  {tally} | {run.seconds:.1f} s")
    for problem in run.problems:
        lines.append(f"  boards file: {problem}")
    if run.landed is not None:
        lines += ["  " + line for line in run.landed.describe().splitlines()]
    if run.busy:
        lines.append(f"  ingest not run: {run.busy}")
    if run.failed:
        lines.append("failed: " + "; ".join(f"{r.board.key} ({r.entry.error})" for r in run.failed))
    return "\n".join(lines)
