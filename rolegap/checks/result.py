"""What a checks run returns: per-suite counts, the failures (table, column, expectation), paths."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CDN_NOTE = (
    "Data Docs load their CSS and JavaScript (Bootstrap, jQuery, Vega) from local copies in "
    "static/vendor/ instead of the CDNs GX names, so they open offline"
)


@dataclass(frozen=True)
class Failure:
    """One expectation that failed or could not be evaluated."""

    table: str
    column: str | None
    expectation: str
    message: str
    observed: Any = None

    def describe(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"FAIL {where} {self.expectation}: {self.message}"


@dataclass(frozen=True)
class SuiteSummary:
    """One suite's outcome: rows validated, expectations evaluated and failed."""

    suite: str
    table: str
    rows_n: int | None
    expectations_n: int
    failures_n: int


@dataclass
class CheckResult:
    """The checkpoint's outcome. `success` is false when any expectation failed or was not evaluated."""

    db: Path
    suites: list[SuiteSummary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    docs_index: Path | None = None
    summary_path: Path | None = None
    seconds: float = 0.0
    reference_corpus: bool = False

    @property
    def success(self) -> bool:
        return not self.failures

    @property
    def expectations_evaluated(self) -> int:
        return sum(suite.expectations_n for suite in self.suites)

    def to_dict(self) -> dict[str, Any]:
        return {
            "success": self.success,
            "db": str(self.db),
            "reference_corpus": self.reference_corpus,
            "seconds": round(self.seconds, 2),
            "suites_n": len(self.suites),
            "expectations_evaluated": self.expectations_evaluated,
            "failures_n": len(self.failures),
            "suites": [asdict(suite) for suite in self.suites],
            "failures": [
                {**asdict(failure), "observed": _jsonable(failure.observed)} for failure in self.failures
            ],
            "data_docs_index": str(self.docs_index) if self.docs_index else None,
        }

    def write_summary(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=2, default=str) + "\n", encoding="utf-8")
        self.summary_path = path
        return path

    def describe(self) -> str:
        status = "passed" if self.success else "FAILED"
        lines = [
            f"Great Expectations checkpoint {status}: {len(self.suites)} suites, "
            f"{self.expectations_evaluated} expectations evaluated, {len(self.failures)} failed "
            f"({self.seconds:.1f} s, {self.db})"
        ]
        lines += [f"  {failure.describe()}" for failure in self.failures]
        if self.summary_path:
            lines.append(f"Summary: {self.summary_path}")
        if self.docs_index:
            lines.append(f"Data Docs: {self.docs_index}")
            lines.append(f"  ({CDN_NOTE})")
        return "\n".join(lines)


def _jsonable(value: Any) -> Any:
    """Numpy scalars and other odd observed values as plain JSON values."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return _jsonable(item())
        except (TypeError, ValueError):
            pass
    return str(value)
