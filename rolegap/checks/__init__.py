"""Data-quality checks: Great Expectations suites on the warehouse, project checks on dbt's manifest.

`run_checks` is imported lazily: Great Expectations takes seconds to import, and the manifest
checks (`rolegap.checks.project`) do not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolegap.checks.result import CheckResult, Failure
    from rolegap.checks.runner import run_checks

__all__ = ["CheckResult", "Failure", "run_checks"]


def __getattr__(name: str) -> Any:
    if name == "run_checks":
        from rolegap.checks.runner import run_checks

        return run_checks
    if name in ("CheckResult", "Failure"):
        from rolegap.checks import result

        return getattr(result, name)
    raise AttributeError(f"module 'rolegap.checks' has no attribute {name!r}")
