"""Snapshot every mart of a warehouse to Parquet and compare two snapshots.

Used to prove that two builds agree: a refactor before and after (`scripts/compare_marts.py`), an
incremental build and a full refresh of the same data (`scripts/bench_scale.py`,
`tests/python/test_incremental_build.py`). Relations are compared by name, columns (names and types)
and rows as a multiset by rolegap.engines.compare (the one comparison, also across engines);
floats are equal to 1e-9 relative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from rolegap.engines import compare


@dataclass
class DiffResult:
    lines: list[str] = field(default_factory=list)  # one per relation
    differing: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differing

    def describe(self) -> str:
        total = len(self.lines)
        tail = (f"{len(self.differing)} of {total} relations differ: {', '.join(self.differing)}"
                if self.differing else f"all {total} relations identical")
        return "\n".join([*self.lines, tail])


def _sql_text(value: object) -> str:
    return str(value).replace("'", "''")


def snapshot_marts(db: Path, out: Path, schema: str = "marts") -> list[str]:
    """Write every relation of `schema` to OUT/<relation>.parquet (rows sorted by every column);
    returns the relation names. Older snapshot files in OUT are removed."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):
        old.unlink()
    with duckdb.connect(str(db), read_only=True) as con:
        relations = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = ? order by 1",
                [schema],
            ).fetchall()
        ]
        for relation in relations:
            columns = [row[0] for row in con.execute(f'describe {schema}."{relation}"').fetchall()]
            order = ", ".join(f'"{column}"' for column in columns)
            target = _sql_text(out / f"{relation}.parquet")
            con.execute(f'copy (select * from {schema}."{relation}" order by {order}) to \'{target}\' '
                        "(format parquet)")
    return relations

def diff_snapshots(before_dir: Path, after_dir: Path) -> DiffResult:
    """Compare two snapshot folders relation by relation (rolegap.engines.compare)."""
    diff = compare.diff_snapshots(before_dir, after_dir)
    return DiffResult(lines=diff.lines()[:-1], differing=diff.differing)
