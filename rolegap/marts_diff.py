"""Snapshot every mart of a warehouse to Parquet and compare two snapshots.

Used to prove that two builds agree: a refactor before and after (`scripts/compare_marts.py`), an
incremental build and a full refresh of the same data (`scripts/bench_scale.py`,
`tests/python/test_incremental_build.py`). Relations are compared by name, columns (names and types)
and rows as a multiset; floats are equal to FLOAT_TOLERANCE relative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

FLOAT_TOLERANCE = 1e-9
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")


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


def diff_relation(con: duckdb.DuckDBPyConnection, before: Path, after: Path) -> str | None:
    """None when the two Parquet files hold the same relation, else a short reason."""
    b_file, a_file = _sql_text(before), _sql_text(after)
    before_cols = con.execute(f"describe select * from '{b_file}'").fetchall()
    after_cols = con.execute(f"describe select * from '{a_file}'").fetchall()
    if [c[0] for c in before_cols] != [c[0] for c in after_cols]:
        return f"columns differ: {[c[0] for c in before_cols]} vs {[c[0] for c in after_cols]}"
    if [c[1] for c in before_cols] != [c[1] for c in after_cols]:
        return f"types differ: {[c[1] for c in before_cols]} vs {[c[1] for c in after_cols]}"
    floats = {c[0] for c in before_cols if c[1] in FLOAT_TYPES}
    keys = [f'"{c[0]}"' for c in before_cols if c[0] not in floats]
    n_before = con.execute(f"select count(*) from '{b_file}'").fetchone()[0]
    n_after = con.execute(f"select count(*) from '{a_file}'").fetchone()[0]
    if n_before != n_after:
        return f"rows {n_before} -> {n_after}"
    if not floats:
        missing = con.execute(
            f"select count(*) from (select * from '{b_file}' except all select * from '{a_file}')"
        ).fetchone()[0]
        return None if missing == 0 else f"{missing} rows differ"
    # Pair rows by their non-float columns and position among equals, then compare floats.
    order = ", ".join(keys + [f'"{f}"' for f in sorted(floats)]) or "1"
    partition = ", ".join(keys) or "1"
    numbered = "select *, row_number() over (partition by {p} order by {o}) as _n from '{f}'"
    join_on = " and ".join([f"b.{k} is not distinct from a.{k}" for k in keys] + ["b._n = a._n"])
    float_diff = " or ".join(
        f'not (b."{f}" is not distinct from a."{f}" or abs(b."{f}" - a."{f}") '
        f'<= {FLOAT_TOLERANCE} * greatest(1, abs(b."{f}")))'
        for f in sorted(floats)
    )
    bad = con.execute(
        f"select count(*) from ({numbered.format(p=partition, o=order, f=b_file)}) b "
        f"full join ({numbered.format(p=partition, o=order, f=a_file)}) a on {join_on} "
        f"where b._n is null or a._n is null or {float_diff}"
    ).fetchone()[0]
    return None if bad == 0 else f"{bad} rows differ"


def diff_snapshots(before_dir: Path, after_dir: Path) -> DiffResult:
    """Compare two snapshot folders relation by relation."""
    before = {p.stem: p for p in Path(before_dir).glob("*.parquet")}
    after = {p.stem: p for p in Path(after_dir).glob("*.parquet")}
    if not before:
        raise FileNotFoundError(f"no mart snapshot (*.parquet) in {before_dir}")
    result = DiffResult()
    con = duckdb.connect()
    try:
        for name in sorted(before.keys() | after.keys()):
            if name not in after:
                reason: str | None = "missing after"
            elif name not in before:
                reason = "new (not in before)"
            else:
                reason = diff_relation(con, before[name], after[name])
            either = _sql_text(after.get(name) or before[name])
            rows = con.execute(f"select count(*) from '{either}'").fetchone()[0]
            result.lines.append(
                f"{name:32} {rows:>8} rows  {'identical' if reason is None else 'DIFFERS: ' + reason}"
            )
            if reason is not None:
                result.differing.append(name)
    finally:
        con.close()
    return result
