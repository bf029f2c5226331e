"""Every relation of an engine's `marts` schema written to `<out>/<relation>.parquet`, for
rolegap.engines.compare. Run as its own process (`python -m rolegap.engines.snapshot ENGINE OUT`):
Spark's local catalog admits one process at a time, and dbt's has exited by then.

Postgres columns are typed from the result's type codes (numeric as double, json as text, arrays as
lists); DuckDB and Spark hand over Arrow tables directly.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

# Postgres type OIDs -> Arrow types (anything else travels as text)
_PG_TYPES: dict[int, pa.DataType] = {
    16: pa.bool_(),
    20: pa.int64(),
    21: pa.int16(),
    23: pa.int32(),
    700: pa.float32(),
    701: pa.float64(),
    1700: pa.float64(),
    1082: pa.date32(),
    1114: pa.timestamp("us"),
    1184: pa.timestamp("us", tz="UTC"),
    25: pa.string(),
    1043: pa.string(),
    1009: pa.list_(pa.string()),
    1015: pa.list_(pa.string()),
    1007: pa.list_(pa.int32()),
    1016: pa.list_(pa.int64()),
    1022: pa.list_(pa.float64()),
}
_PG_JSON = (114, 3802)


def _pg_value(value: Any, type_code: int) -> Any:
    if value is None:
        return None
    if type_code in _PG_JSON:
        return json.dumps(value, sort_keys=True)
    if type_code == 1700:
        return float(value)
    if type_code not in _PG_TYPES:
        return str(value)
    return value


def _write(out: Path, name: str, table: pa.Table) -> None:
    pq.write_table(table, out / f"{name}.parquet")


def snapshot_duckdb(out: Path) -> int:
    from rolegap.config import db_path
    from rolegap.marts_diff import snapshot_marts

    return len(snapshot_marts(db_path(), out))


def snapshot_postgres(out: Path) -> int:
    import psycopg2

    from rolegap.engines.load import postgres_connect_kwargs

    with psycopg2.connect(**postgres_connect_kwargs()) as con, con.cursor() as cur:
        cur.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        )
        names = [r[0] for r in cur.fetchall()]
        for name in names:
            cur.execute(f'select * from marts."{name}"')
            columns = [(d.name, d.type_code) for d in cur.description]
            rows = cur.fetchall()
            arrays = {
                col: pa.array(
                    [_pg_value(row[i], code) for row in rows], type=_PG_TYPES.get(code, pa.string())
                )
                for i, (col, code) in enumerate(columns)
            }
            _write(out, name, pa.table(arrays))
    return len(names)


def snapshot_spark(out: Path) -> int:
    from rolegap.engines.spark_session import session

    spark = session()
    names = sorted(
        row.tableName for row in spark.sql("show tables in marts").collect() if not row.isTemporary
    )
    for name in names:
        _write(out, name, spark.table(f"marts.`{name}`").toArrow())
    return len(names)


def main(argv: list[str] | None = None) -> int:
    engine, out_arg = (sys.argv[1:] if argv is None else argv)[:2]
    out = Path(out_arg)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    n = {"duckdb": snapshot_duckdb, "postgres": snapshot_postgres, "spark": snapshot_spark}[engine](out)
    print(f"snapshot: {n} {engine} mart relations -> {out}")
    return 0 if n else 1


if __name__ == "__main__":
    sys.exit(main())
