"""Read the warehouse read-only and snapshot the columns each suite reads to Parquet.

The DuckDB file is opened once, read-only, and closed before validation starts, so the lock
is held for seconds and every suite sees the same state of the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rolegap.checks.suites import TableSuite


class WarehouseUnavailableError(RuntimeError):
    """The warehouse file is missing or locked by a writer (e.g. dbt is running)."""


@dataclass(frozen=True)
class Snapshot:
    """One suite's data: the Parquet file and its row count, or why it is missing."""

    suite: TableSuite
    path: Path | None
    rows_n: int | None
    missing: str | None = None


def existing_relations(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """`schema.table` -> its column names, for every table and view in the warehouse."""
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns"
    ).fetchall()
    relations: dict[str, set[str]] = {}
    for schema, table, column in rows:
        relations.setdefault(f"{schema}.{table}", set()).add(column)
    return relations


def open_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    if not db.exists():
        raise WarehouseUnavailableError(f"warehouse {db} does not exist: build it first (make build)")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.IOException as error:
        raise WarehouseUnavailableError(
            f"warehouse {db} cannot be opened read-only (is dbt or ingest writing to it?): {error}"
        ) from error


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def snapshot_suites(
    con: duckdb.DuckDBPyConnection,
    suites: Iterable[TableSuite],
    relations: dict[str, set[str]],
    out_dir: Path,
) -> list[Snapshot]:
    """Write each suite's columns to `out_dir/<suite>.parquet`.

    A missing relation yields a Snapshot with `missing` set. Missing columns are left out of the
    snapshot, so the expectations on them fail in the checkpoint with "column not found".
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    snapshots: list[Snapshot] = []
    for suite in suites:
        if suite.sql is not None:
            query = suite.sql
        elif suite.relation not in relations:
            snapshots.append(Snapshot(suite, None, None, missing=f"relation {suite.relation} does not exist"))
            continue
        else:
            present = [c for c in suite.columns if c in relations[suite.relation]]
            select_list = ", ".join(_quote(c) for c in present) or "1 as no_columns"
            schema, table = suite.relation.split(".", 1)
            query = f"select {select_list} from {_quote(schema)}.{_quote(table)}"
        path = out_dir / f"{suite.name}.parquet"
        con.execute(f"copy ({query}) to '{path.as_posix()}' (format parquet)")
        rows_n = con.execute(f"select count(*) from read_parquet('{path.as_posix()}')").fetchone()
        snapshots.append(Snapshot(suite, path, int(rows_n[0]) if rows_n else 0))
    return snapshots
