"""The data-quality status the report shows: dbt's run_results.json and the Great Expectations
summary, condensed into one small JSON file (reports/dq_status.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any


def dbt_status(run_results: Path) -> dict[str, Any] | None:
    """Counts by status and the failing nodes of the last dbt command (None if it never ran)."""
    if not run_results.is_file():
        return None
    results = json.loads(run_results.read_text(encoding="utf-8"))
    statuses = Counter(str(result.get("status")) for result in results.get("results", []))
    problems = [
        {"node": result.get("unique_id"), "status": result.get("status"), "message": result.get("message")}
        for result in results.get("results", [])
        if result.get("status") in {"error", "fail", "warn", "runtime error"}
    ]
    failed = sum(statuses[s] for s in ("error", "fail", "runtime error"))
    return {
        "success": failed == 0,
        "command": " ".join(results.get("args", {}).get("invocation_command", "").split()[:4]) or None,
        "generated_at": results.get("metadata", {}).get("generated_at"),
        "nodes": sum(statuses.values()),
        **{f"{status}_n": n for status, n in sorted(statuses.items())},
        "problems": problems,
    }


def gx_status(summary: Path) -> dict[str, Any] | None:
    """The Great Expectations checkpoint summary written by `rolegap check` (None if it never ran)."""
    if not summary.is_file():
        return None
    return json.loads(summary.read_text(encoding="utf-8"))


def write_dq_status(out_dir: Path, run_results: Path, gx_summary: Path) -> Path:
    """Write out_dir/dq_status.json from whatever checks have run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    status = {"dbt": dbt_status(run_results), "great_expectations": gx_status(gx_summary)}
    path = out_dir / "dq_status.json"
    path.write_text(json.dumps(status, indent=2, default=str), encoding="utf-8")
    return path
