"""Which models and data tests an engine cannot run, each on its own: the porting survey's dynamic half.

A `dbt build` on Postgres or Spark stops at the first layer that fails (everything downstream is
skipped), so it names only the staging models. The probe instead gives every model its inputs:
each relation a DuckDB build made (schemas staging, intermediate, marts) is created empty, with
the same columns in the engine's types, then every model's and data test's SQL, compiled by dbt
for that engine (`dbt compile --target ENGINE`, manifest.json), is planned with `explain`. Planning
parses the SQL and resolves every function and type, so the first error of each node is its own.
Unit tests run for real (`dbt test --select test_type:unit`) once the empty relations exist.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

PROBED_SCHEMAS = ("seeds", "staging", "intermediate", "marts")
KEEP_SCHEMAS = ("seeds",)  # created only where `dbt seed` could not load them (Spark: see the survey)


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str


def built_relations(db: Path) -> dict[tuple[str, str], list[Column]]:
    """{(schema, relation): columns} of a built DuckDB warehouse."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            f"where table_schema in {PROBED_SCHEMAS} order by table_schema, table_name, ordinal_position"
        ).fetchall()
    relations: dict[tuple[str, str], list[Column]] = {}
    for schema, table, column, dtype in rows:
        relations.setdefault((schema, table), []).append(Column(column, dtype))
    return relations


def engine_type(duckdb_type: str, engine: str) -> str:
    """The engine's type for a DuckDB column type (nested types: arrays of the element, structs and
    maps as JSON text)."""
    t = duckdb_type.upper().strip()
    pg = engine == "postgres"
    if t.endswith("[]"):
        inner = engine_type(t[:-2], engine)
        return f"{inner}[]" if pg else f"array<{inner}>"
    if t.startswith(("STRUCT", "MAP", "UNION")):
        return "jsonb" if pg else "string"
    decimal = re.match(r"DECIMAL\((\d+),\s*(\d+)\)", t)
    if decimal:
        return f"numeric({decimal[1]},{decimal[2]})" if pg else f"decimal({decimal[1]},{decimal[2]})"
    table = {
        "VARCHAR": ("text", "string"),
        "INTEGER": ("integer", "int"),
        "BIGINT": ("bigint", "bigint"),
        "HUGEINT": ("numeric", "decimal(38,0)"),
        "SMALLINT": ("smallint", "smallint"),
        "DOUBLE": ("double precision", "double"),
        "FLOAT": ("real", "float"),
        "BOOLEAN": ("boolean", "boolean"),
        "DATE": ("date", "date"),
        "TIMESTAMP": ("timestamp", "timestamp"),
        "TIMESTAMP WITH TIME ZONE": ("timestamptz", "timestamp"),
        "JSON": ("jsonb", "string"),
        "INTERVAL": ("interval", "string"),
        "UUID": ("uuid", "string"),
    }
    pair = table.get(t, ("text", "string"))
    return pair[0] if pg else pair[1]


def empty_relation_ddl(relations: dict[tuple[str, str], list[Column]], engine: str) -> list[str]:
    q = '"' if engine == "postgres" else "`"
    statements = [
        f"create schema if not exists {q}{schema}{q}" for schema in sorted({s for s, _ in relations})
    ]
    for (schema, table), columns in relations.items():
        cols = ", ".join(f"{q}{c.name}{q} {engine_type(c.duckdb_type, engine)}" for c in columns)
        if schema in KEEP_SCHEMAS:
            statements.append(f"create table if not exists {q}{schema}{q}.{q}{table}{q} ({cols})")
            continue
        statements.append(f"drop table if exists {q}{schema}{q}.{q}{table}{q}")
        statements.append(f"create table {q}{schema}{q}.{q}{table}{q} ({cols})")
    return statements


def compiled_nodes(manifest: Path) -> dict[str, tuple[str, str]]:
    """{unique_id: (original file, compiled SQL)} of the models and data tests dbt compiled."""
    data = json.loads(Path(manifest).read_text())
    nodes = {}
    for unique_id, node in data["nodes"].items():
        if node["resource_type"] in ("model", "test") and node.get("compiled_code"):
            nodes[unique_id] = (node["original_file_path"], node["compiled_code"])
    return nodes


def first_line(message: str) -> str:
    lines = [line.strip() for line in str(message).strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def explain_postgres(cursor: Any, sql: str) -> str | None:
    """None when Postgres can plan the SQL, else its error's first line."""
    import psycopg2

    try:
        cursor.execute("explain " + sql)
        cursor.fetchall()
        return None
    except psycopg2.Error as exc:
        return first_line(str(exc))
    finally:
        cursor.connection.rollback()


def explain_spark(spark: Any, sql: str) -> str | None:
    """None when Spark can analyse the SQL, else its error's first line. `spark.sql()` parses and
    analyses a query eagerly (resolving every table, column and function) without running it; its
    `explain` hides the analysis error's text."""
    try:
        spark.sql(sql).schema  # noqa: B018 - the analysis is the point
        return None
    except Exception as exc:  # pyspark raises its own exception classes per error kind
        return first_line(str(exc))
