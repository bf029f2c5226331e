"""`rolegap load --target postgres|spark`: the Parquet lake (rolegap.engines.lake) into another engine's
`raw` schema, so dbt's sources read the same rows on every engine.

Postgres: each raw table is created from the lake's schema file (types mapped below), and every
committed ingest batch is loaded in one transaction (all its tables' partitions, then a row per
partition in `raw.lake_loads`, the load ledger), so a batch is in Postgres whole or not at all and
loading it again adds nothing. Run-partitioned tables (fetch log, LLM runs) are loaded per run and
loaded again when the lake holds another row count for it (a run that added rows). Rows travel as
CSV through `COPY ... FROM STDIN` (DuckDB writes the CSV from the Parquet file: Postgres's CSV
dialect, NULL unquoted and '' quoted).

Spark: each raw table is an external Parquet table over its lake folder, partitioned like the
lake; only committed partitions are added (`alter table ... add partition ... location`), so a
batch being exported is not read half-written.

After loading, every table's row count must equal the committed rows in the lake, else LoadError.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from rolegap.engines.lake import (
    COMMIT_TABLE,
    TABLES,
    LakeError,
    LakeTable,
    committed_partitions,
    partition_dir,
    read_schema,
)

TARGETS = ("postgres", "spark")
LEDGER = "lake_loads"


class LoadError(RuntimeError):
    """The load could not run or did not reconcile; the message names the table and the counts."""


@dataclass
class LoadResult:
    target: str
    lake: Path
    batches_n: int = 0  # ingest batches loaded now
    partitions_n: int = 0
    rows_n: int = 0
    table_rows: dict[str, int] = field(default_factory=dict)  # every raw table's rows after the load

    def describe(self) -> str:
        tables = ", ".join(f"{name} {n}" for name, n in self.table_rows.items() if n) or "none"
        return (
            f"load {self.lake} -> {self.target}: {self.batches_n} batches, {self.partitions_n} "
            f"partitions, {self.rows_n} rows loaded now\n  raw rows (= lake, committed): {tables}"
        )


def _tables_with_schema(lake: Path) -> list[tuple[LakeTable, pa.Schema]]:
    found = []
    for table in TABLES:
        try:
            found.append((table, read_schema(lake, table)))
        except LakeError:
            continue  # never written (e.g. raw.fetch_log before any fetch): its source stays absent
    if not found:
        raise LoadError(f"no lake at {lake}: run `rolegap ingest` first (it writes the lake)")
    return found


def _expected_rows(lake: Path, tables: list[tuple[LakeTable, pa.Schema]]) -> dict[str, int]:
    return {table.name: sum(committed_partitions(lake, table).values()) for table, _ in tables}


def _check_counts(expected: dict[str, int], actual: dict[str, int], target: str) -> None:
    wrong = [
        f"{name}: lake {n}, {target} {actual.get(name)}"
        for name, n in expected.items()
        if actual.get(name) != n
    ]
    if wrong:
        raise LoadError(f"raw rows do not reconcile with the lake after the load: {'; '.join(wrong)}")


# --- Postgres -------------------------------------------------------------------------------------


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


def _postgres_type(dtype: pa.DataType) -> str:
    if getattr(dtype, "extension_name", None) == "arrow.json":
        return "jsonb"
    if pa.types.is_list(dtype) and pa.types.is_string(dtype.value_type):
        return "text[]"
    simple: list[tuple[Callable[[pa.DataType], bool], str]] = [
        (pa.types.is_string, "text"),
        (pa.types.is_large_string, "text"),
        (pa.types.is_int32, "integer"),
        (pa.types.is_int64, "bigint"),
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_float64, "double precision"),
        (pa.types.is_timestamp, "timestamp"),
        (pa.types.is_date32, "date"),
    ]
    for test, name in simple:
        if test(dtype):
            return name
    raise LoadError(f"no Postgres type for lake type {dtype}")


def postgres_ddl(table: LakeTable, schema: pa.Schema) -> str:
    columns = ", ".join(f'"{f.name}" {_postgres_type(f.type)}' for f in schema)
    return f'create table if not exists raw."{table.name}" ({columns})'


def _csv_select(schema: pa.Schema, path: Path, partition: str, value: str) -> str:
    """The partition's rows in the table's column order; text[] columns as Postgres array literals."""
    parts = []
    for f in schema:
        if f.name == partition:
            parts.append(f"'{value}' as \"{f.name}\"")
        elif pa.types.is_list(f.type):
            element = "'\"' || replace(replace(element, '\\', '\\\\'), '\"', '\\\"') || '\"'"
            parts.append(
                f"'{{' || array_to_string(list_transform(\"{f.name}\", lambda element: {element}), ',') "
                f"|| '}}' as \"{f.name}\""
            )
        else:
            parts.append(f'"{f.name}"')
    return f"select {', '.join(parts)} from read_parquet('{str(path).replace(chr(39), chr(39) * 2)}')"


def postgres_connect_kwargs() -> dict[str, Any]:
    """The connection profiles.yml's `postgres` target makes, from the same variables."""
    return {
        "host": os.environ.get("ROLEGAP_PG_HOST", "127.0.0.1"),
        "port": int(os.environ.get("ROLEGAP_PG_PORT", "5432")),
        "user": os.environ.get("ROLEGAP_PG_USER", "rolegap"),
        "password": os.environ.get("ROLEGAP_PG_PASSWORD", ""),
        "dbname": os.environ.get("ROLEGAP_PG_DATABASE", "rolegap"),
    }


def load_postgres(lake: Path, connect_kwargs: dict[str, Any] | None = None) -> LoadResult:
    try:
        import psycopg2
    except ImportError as exc:
        raise LoadError(
            "loading Postgres needs psycopg2: install requirements-engines.lock (`make engines-setup`)"
        ) from exc
    lake = Path(lake)
    tables = _tables_with_schema(lake)
    result = LoadResult("postgres", lake)
    try:
        pg = psycopg2.connect(**(connect_kwargs or postgres_connect_kwargs()))
    except psycopg2.Error as exc:
        raise LoadError(f"cannot connect to Postgres: {str(exc).strip().splitlines()[0]}") from exc
    local = duckdb.connect()
    try:
        with pg, pg.cursor() as cur:
            cur.execute("create schema if not exists raw")
            cur.execute(
                f"create table if not exists raw.{LEDGER} (table_name text not null, "
                "partition_value text not null, rows_n bigint not null, loaded_at timestamptz "
                "not null default now(), primary key (table_name, partition_value))"
            )
            for table, schema in tables:
                cur.execute(postgres_ddl(table, schema))
        with pg.cursor() as cur:
            cur.execute(f"select table_name, partition_value, rows_n from raw.{LEDGER}")
            ledger = {(name, value): n for name, value, n in cur.fetchall()}

        def copy_partition(cur: Any, table: LakeTable, schema: pa.Schema, value: str) -> int:
            try:
                return _copy_partition(cur, table, schema, value)
            except duckdb.Error as exc:  # a lake file that does not have the table's columns
                raise LoadError(
                    f"{table.name}, partition {table.partition}={value}: cannot read the lake "
                    f"file ({first_line(exc)}); nothing of it was loaded"
                ) from exc

        def _copy_partition(cur: Any, table: LakeTable, schema: pa.Schema, value: str) -> int:
            files = sorted(partition_dir(lake, table, value).glob("*.parquet"))
            cur.execute(f'delete from raw."{table.name}" where "{table.partition}" = %s', (value,))
            rows = 0
            with tempfile.TemporaryDirectory(prefix="rolegap-load-") as tmp:
                for i, path in enumerate(files):
                    csv = Path(tmp) / f"{i}.csv"
                    local.execute(
                        f"copy ({_csv_select(schema, path, table.partition, value)}) "
                        f"to '{csv}' (header false)"
                    )
                    columns = ", ".join(f'"{f.name}"' for f in schema)
                    with csv.open("r", encoding="utf-8") as handle:
                        cur.copy_expert(
                            f'copy raw."{table.name}" ({columns}) from stdin with (format csv)', handle
                        )
                    rows += pq.ParquetFile(path).metadata.num_rows
            cur.execute(
                f"insert into raw.{LEDGER} (table_name, partition_value, rows_n) values (%s, %s, %s) "
                "on conflict (table_name, partition_value) do update set rows_n = excluded.rows_n, "
                "loaded_at = now()",
                (table.name, value, rows),
            )
            result.partitions_n += 1
            result.rows_n += rows
            return rows

        committed = {table.name: committed_partitions(lake, table) for table, _ in tables}
        batch_tables = [(t, s) for t, s in tables if t.is_batch]
        for batch in sorted(committed.get(COMMIT_TABLE, {})):
            if (COMMIT_TABLE, batch) in ledger:
                continue  # loaded before: a batch is immutable once committed in the lake
            with pg, pg.cursor() as cur:  # one transaction per batch
                for table, schema in batch_tables:
                    if batch in committed[table.name]:
                        copy_partition(cur, table, schema, batch)
            result.batches_n += 1
        for table, schema in tables:
            if table.is_batch:
                continue
            for run, n in sorted(committed[table.name].items()):
                if ledger.get((table.name, run)) != n:
                    with pg, pg.cursor() as cur:
                        copy_partition(cur, table, schema, run)
        with pg.cursor() as cur:
            for table, _ in tables:
                cur.execute(f'select count(*) from raw."{table.name}"')
                result.table_rows[table.name] = int(cur.fetchone()[0])
    except psycopg2.Error as exc:
        raise LoadError(f"Postgres load failed: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        pg.close()
        local.close()
    _check_counts(_expected_rows(lake, tables), result.table_rows, "postgres")
    return result


# --- Spark ----------------------------------------------------------------------------------------


def _spark_type(dtype: pa.DataType) -> str:
    if getattr(dtype, "extension_name", None) == "arrow.json":
        return "string"
    if pa.types.is_list(dtype) and pa.types.is_string(dtype.value_type):
        return "array<string>"
    simple: list[tuple[Callable[[pa.DataType], bool], str]] = [
        (pa.types.is_string, "string"),
        (pa.types.is_large_string, "string"),
        (pa.types.is_int32, "int"),
        (pa.types.is_int64, "bigint"),
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_float64, "double"),
        (pa.types.is_timestamp, "timestamp_ntz"),
        (pa.types.is_date32, "date"),
    ]
    for test, name in simple:
        if test(dtype):
            return name
    raise LoadError(f"no Spark type for lake type {dtype}")


def spark_ddl(lake: Path, table: LakeTable, schema: pa.Schema) -> str:
    columns = ", ".join(f"`{f.name}` {_spark_type(f.type)}" for f in schema)
    location = str((lake / table.name).resolve())
    return (
        f"create table if not exists raw.`{table.name}` ({columns}) using parquet "
        f"partitioned by (`{table.partition}`) location '{location}'"
    )


def load_spark(lake: Path, spark: Any = None) -> LoadResult:
    """External tables over the lake in the session's catalog (`spark`: a SparkSession, default the
    one profiles.yml's `spark` target makes, rolegap.engines.spark_session)."""
    lake = Path(lake).resolve()
    tables = _tables_with_schema(lake)
    if spark is None:
        from rolegap.engines.spark_session import session

        spark = session()
    result = LoadResult("spark", lake)
    spark.sql("create database if not exists raw")
    for table, schema in tables:
        spark.sql(spark_ddl(lake, table, schema))
        present = {
            row[0].split("=", 1)[1] for row in spark.sql(f"show partitions raw.`{table.name}`").collect()
        }
        for value in sorted(committed_partitions(lake, table)):
            if value not in present:
                location = str(partition_dir(lake, table, value))
                spark.sql(
                    f"alter table raw.`{table.name}` add if not exists partition "
                    f"(`{table.partition}` = '{value}') location '{location}'"
                )
                result.partitions_n += 1
                result.batches_n += table.name == COMMIT_TABLE
        spark.sql(f"refresh table raw.`{table.name}`")  # a run partition rewritten in place
        result.table_rows[table.name] = int(
            spark.sql(f"select count(*) from raw.`{table.name}`").collect()[0][0]
        )
    expected = _expected_rows(lake, tables)
    _check_counts(expected, result.table_rows, "spark")
    result.rows_n = sum(expected.values())
    return result


def load(target: str, lake: Path) -> LoadResult:
    if target == "postgres":
        return load_postgres(lake)
    if target == "spark":
        return load_spark(lake)
    raise LoadError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
