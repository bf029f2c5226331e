"""Every mart of two builds compared row by row: the same relations, the same columns, the same rows
as a multiset, floats equal to 1e-9 relative (scripts/compare_marts.py's diff, moved here so that
`make engines` compares engines with it).

Snapshots are folders of `<relation>.parquet`. Within one engine the column types must match too;
across engines (`across_engines=True`) each column is first brought to a common family, since the
same mart is DOUBLE in DuckDB, numeric or double precision in Postgres, and decimal or double in
Spark: numbers as DOUBLE, timestamps as TIMESTAMP (UTC), lists as lists of text, text as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

FLOAT_TOLERANCE = 1e-9
_FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")
_NUMBER = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "DOUBLE",
    "FLOAT",
    "REAL",
)


def _common(column: str, dtype: str) -> tuple[str, bool]:
    """(SQL bringing the column to its family, is it compared with the float tolerance)."""
    t = dtype.upper()
    quoted = f'"{column}"'
    if t in _NUMBER or t.startswith("DECIMAL"):
        return f"cast({quoted} as double) as {quoted}", True
    if t.startswith("TIMESTAMP"):
        if "TIME ZONE" in t:
            return f"cast(timezone('UTC', {quoted}) as timestamp) as {quoted}", False
        return f"cast({quoted} as timestamp) as {quoted}", False
    if t.endswith("[]"):
        return f"cast({quoted} as varchar[]) as {quoted}", False
    if t in ("BOOLEAN", "DATE", "VARCHAR"):
        return quoted, False
    return f"cast({quoted} as varchar) as {quoted}", False


def _describe(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in con.execute(f"describe select * from '{path}'").fetchall()]


def diff_relation(
    con: duckdb.DuckDBPyConnection, before: Path, after: Path, across_engines: bool = False
) -> str | None:
    """None when equal, else a short reason."""
    before_cols, after_cols = _describe(con, before), _describe(con, after)
    if [c[0] for c in before_cols] != [c[0] for c in after_cols]:
        return f"columns differ: {[c[0] for c in before_cols]} vs {[c[0] for c in after_cols]}"
    if across_engines:
        b_sql = [_common(name, dtype) for name, dtype in before_cols]
        a_sql = [_common(name, dtype) for name, dtype in after_cols]
        before_rel = f"(select {', '.join(s for s, _ in b_sql)} from '{before}')"
        after_rel = f"(select {', '.join(s for s, _ in a_sql)} from '{after}')"
        floats = {name for (name, _), (_, is_float) in zip(before_cols, b_sql, strict=True) if is_float}
    else:
        if [c[1] for c in before_cols] != [c[1] for c in after_cols]:
            return f"types differ: {[c[1] for c in before_cols]} vs {[c[1] for c in after_cols]}"
        before_rel, after_rel = f"'{before}'", f"'{after}'"
        floats = {name for name, dtype in before_cols if dtype in _FLOAT_TYPES}
    keys = [f'"{name}"' for name, _ in before_cols if name not in floats]
    n_before = con.execute(f"select count(*) from {before_rel}").fetchone()[0]
    n_after = con.execute(f"select count(*) from {after_rel}").fetchone()[0]
    if n_before != n_after:
        return f"rows {n_before} -> {n_after}"
    if not floats:
        missing = con.execute(
            f"select count(*) from (select * from {before_rel} except all select * from {after_rel})"
        ).fetchone()[0]
        return None if missing == 0 else f"{missing} rows differ"
    # Pair rows by their non-float columns and position among equals, then compare floats.
    order = ", ".join(keys + [f'"{f}"' for f in sorted(floats)]) or "1"
    partition = ", ".join(keys) or "1"
    numbered = "select *, row_number() over (partition by {p} order by {o}) as _n from {f}"
    join_on = " and ".join([f"b.{k} is not distinct from a.{k}" for k in keys] + ["b._n = a._n"])
    float_diff = " or ".join(
        f'not (b."{f}" is not distinct from a."{f}" or abs(b."{f}" - a."{f}") '
        f'<= {FLOAT_TOLERANCE} * greatest(1, abs(b."{f}")))'
        for f in sorted(floats)
    )
    bad = con.execute(
        f"select count(*) from ({numbered.format(p=partition, o=order, f=before_rel)}) b "
        f"full join ({numbered.format(p=partition, o=order, f=after_rel)}) a on {join_on} "
        f"where b._n is null or a._n is null or {float_diff}"
    ).fetchone()[0]
    return None if bad == 0 else f"{bad} rows differ"


@dataclass
class Diff:
    """The comparison of two snapshots: per relation, None (identical) or the reason it differs."""

    relations: dict[str, str | None]
    rows: dict[str, int]

    @property
    def differing(self) -> list[str]:
        return [name for name, reason in self.relations.items() if reason is not None]

    def lines(self) -> list[str]:
        out = [
            f"{name:32} {self.rows.get(name, 0):>8} rows  "
            f"{'identical' if reason is None else 'DIFFERS: ' + reason}"
            for name, reason in self.relations.items()
        ]
        if self.differing:
            out.append(
                f"{len(self.differing)} of {len(self.relations)} mart relations differ: "
                f"{', '.join(self.differing)}"
            )
        else:
            out.append(f"all {len(self.relations)} mart relations identical")
        return out


def diff_snapshots(before_dir: Path, after_dir: Path, across_engines: bool = False) -> Diff:
    before = {p.stem: p for p in Path(before_dir).glob("*.parquet")}
    after = {p.stem: p for p in Path(after_dir).glob("*.parquet")}
    if not before:
        raise FileNotFoundError(f"no snapshot in {before_dir}")
    relations: dict[str, str | None] = {}
    rows: dict[str, int] = {}
    with duckdb.connect() as con:
        for name in sorted(before.keys() | after.keys()):
            if name not in after:
                relations[name] = "missing after"
            elif name not in before:
                relations[name] = "new (not in before)"
            else:
                relations[name] = diff_relation(con, before[name], after[name], across_engines)
            rows[name] = con.execute(f"select count(*) from '{after.get(name) or before[name]}'").fetchone()[
                0
            ]
    return Diff(relations, rows)
