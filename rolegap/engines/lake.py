"""The raw layer as a Parquet lake every engine reads: one folder per raw table, one Hive-style
partition per write that landed its rows.

    <lake>/greenhouse_postings/batch_id=20251203T183500Z-1a2b3c4d/part-0.parquet
    <lake>/ingest_batches/batch_id=20251203T183500Z-1a2b3c4d/part-0.parquet   (written last: the commit)
    <lake>/fetch_log/run_id=.../part-0.parquet
    <lake>/_schemas/greenhouse_postings.parquet                             (zero rows: the columns)

`rolegap ingest` commits a batch to the DuckDB raw tables, then `sync_lake` exports to the lake every
partition the lake lacks or holds with a different row count (so a run of `rolegap fetch --ingest`
or `rolegap llm-tag` that added rows to its run is written again, and a batch a killed process never
exported is written by the next ingest or `rolegap load`). A partition is written into a hidden
temporary folder and renamed into place, so a reader sees it whole or not at all; the batch's
`ingest_batches` partition is written after every other table's, so an ingest batch is *committed in
the lake* once that partition exists, and loaders read only committed batches
(`committed_partitions`). The partition column is not stored in the files (the folder name holds
it); `raw.ingest_sightings`, which has no batch column in DuckDB, is partitioned by its snapshot's
batch, so in the lake (and in Postgres and Spark) it has a `batch_id` column too.

Partition values are ids rolegap makes (`<UTC time>-<hex>`, or hex): only letters, digits, `_ . -`,
so a folder name never needs escaping.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from rolegap.ingest.records import FORMATS

SCHEMAS = "_schemas"
PART_FILE = "part-0.parquet"
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class LakeTable:
    """One raw table in the lake: its name (as in the raw schema), its partition column, and whether
    its partitions are ingest batches (shown by loaders only once `ingest_batches` holds the batch)."""

    name: str
    partition: str
    is_batch: bool = True

    def source_sql(self) -> str:
        """The rows of the DuckDB raw table, with the partition column last."""
        if self.name == "ingest_sightings":
            return (
                "select sightings.snapshot_id, sightings.raw_record_id, snapshots.batch_id "
                "from raw.ingest_sightings as sightings "
                "inner join raw.ingest_snapshots as snapshots "
                "on sightings.snapshot_id = snapshots.snapshot_id"
            )
        return f"select * exclude ({self.partition}), {self.partition} from raw.{self.name}"


COMMIT_TABLE = "ingest_batches"
TABLES: tuple[LakeTable, ...] = (
    *(LakeTable(f"{fmt}_postings", "batch_id") for fmt in FORMATS),
    LakeTable("ingest_snapshots", "batch_id"),
    LakeTable("ingest_sightings", "batch_id"),
    LakeTable("ingest_rejects", "batch_id"),
    LakeTable("company_profiles", "batch_id"),
    LakeTable("company_profile_rejects", "batch_id"),
    LakeTable("fetch_log", "run_id", is_batch=False),
    LakeTable("llm_tag_runs", "run_id", is_batch=False),
    LakeTable("llm_tag_answers", "run_id", is_batch=False),
    LakeTable("llm_skill_tags", "run_id", is_batch=False),
    LakeTable(COMMIT_TABLE, "batch_id"),  # last: a batch is committed in the lake once this is written
)
BY_NAME = {table.name: table for table in TABLES}


class LakeError(RuntimeError):
    """The lake cannot be written or read as expected; the message names the table and partition."""


@dataclass
class SyncResult:
    """What `sync_lake` wrote."""

    lake: Path
    partitions_n: int = 0
    rows_n: int = 0

    def describe(self) -> str:
        if not self.partitions_n:
            return f"lake: up to date ({self.lake})"
        return f"lake: {self.partitions_n} partitions written, {self.rows_n} rows ({self.lake})"


def _sql_text(value: object) -> str:
    return str(value).replace("'", "''")


def _existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        ).fetchall()
    }


def partition_dir(lake: Path, table: LakeTable, value: str) -> Path:
    if not _SAFE_VALUE.match(value):
        raise LakeError(f"{table.name}: partition value {value!r} is not a safe folder name")
    return lake / table.name / f"{table.partition}={value}"


def lake_counts(lake: Path, table: LakeTable) -> dict[str, int]:
    """Rows per partition in the lake, from the Parquet footers (no data read)."""
    folder = lake / table.name
    counts: dict[str, int] = {}
    if not folder.is_dir():
        return counts
    prefix = f"{table.partition}="
    for part in folder.iterdir():
        if not part.name.startswith(prefix) or not part.is_dir():
            continue  # hidden temporary folders of a write in progress or killed
        try:
            counts[part.name[len(prefix) :]] = sum(
                pq.ParquetFile(f).metadata.num_rows for f in part.glob("*.parquet")
            )
        except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            raise LakeError(f"{table.name}: unreadable Parquet in {part} ({exc})") from exc
    return counts


def committed_partitions(lake: Path, table: LakeTable) -> dict[str, int]:
    """The partitions a loader may read: every one for run tables; for batch tables the batches whose
    `ingest_batches` partition exists (the batch's commit in the lake)."""
    counts = lake_counts(lake, table)
    if not table.is_batch or table.name == COMMIT_TABLE:
        return counts
    committed = lake_counts(lake, BY_NAME[COMMIT_TABLE])
    return {value: n for value, n in counts.items() if value in committed}


def _swap_in(tmp: Path, final: Path) -> None:
    """Rename `tmp` to `final`; an existing `final` is renamed away first and deleted after."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{uuid.uuid4().hex[:8]}-{final.name}")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_partition(con: duckdb.DuckDBPyConnection, lake: Path, table: LakeTable, value: str) -> int:
    final = partition_dir(lake, table, value)
    tmp = final.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        columns = [row[0] for row in con.execute(f"describe {table.source_sql()}").fetchall()]
        keep = ", ".join(f'"{c}"' for c in columns if c != table.partition)
        con.execute(
            f"copy (select {keep} from ({table.source_sql()}) as rows where {table.partition} = $value "
            # row groups of 16,384 rows: DuckDB's default (122,880) buffers ~0.5 GB of payload JSON per
            # thread before it writes one, and at 1M openings the export ran out of its 1 GB pool
            f") to '{_sql_text(tmp / PART_FILE)}' (format parquet, compression zstd, row_group_size 16384)",
            {"value": value},
        )
        rows = pq.ParquetFile(tmp / PART_FILE).metadata.num_rows
        _swap_in(tmp, final)
        return rows
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_schema(con: duckdb.DuckDBPyConnection, lake: Path, table: LakeTable) -> None:
    folder = lake / SCHEMAS
    folder.mkdir(parents=True, exist_ok=True)
    (lake / table.name).mkdir(exist_ok=True)  # an empty table is an empty folder (Spark's location)
    tmp = folder / f".tmp-{uuid.uuid4().hex[:8]}.parquet"
    con.execute(
        f"copy (select * from ({table.source_sql()}) as rows limit 0) to '{_sql_text(tmp)}' (format parquet)"
    )
    os.replace(tmp, folder / f"{table.name}.parquet")


def sync_lake(con: duckdb.DuckDBPyConnection, lake: Path, tables: Iterable[LakeTable] = TABLES) -> SyncResult:
    """Export every raw-table partition the lake lacks or holds with another row count. Idempotent;
    the caller holds the warehouse lock (one writer of the lake at a time)."""
    lake = Path(lake)
    result = SyncResult(lake)
    present = _existing_tables(con)
    for table in tables:
        needs = {"ingest_snapshots"} if table.name == "ingest_sightings" else set()
        if table.name not in present or not needs <= present:
            continue
        _write_schema(con, lake, table)
        warehouse = dict(
            con.execute(
                f"select {table.partition}, count(*) from ({table.source_sql()}) as rows group by 1"
            ).fetchall()
        )
        in_lake = lake_counts(lake, table)
        for value, n in sorted(warehouse.items()):
            if in_lake.get(value) != n:
                result.rows_n += _write_partition(con, lake, table, value)
                result.partitions_n += 1
    return result


def read_schema(lake: Path, table: LakeTable):  # -> pyarrow.Schema
    """The table's columns (partition column last), as exported; LakeError when never exported."""
    path = Path(lake) / SCHEMAS / f"{table.name}.parquet"
    if not path.exists():
        raise LakeError(f"{table.name}: no schema in the lake ({path}); run `rolegap ingest` first")
    return pq.read_schema(path)
