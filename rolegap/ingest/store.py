"""The raw schema's DDL and one batch's writes: staged in Parquet files, published in one transaction.

Memory stays flat in the batch's size because no transaction stays open while files are read:

1. Staging. Postings and rejects are buffered in small Arrow chunks (at most `chunk_rows` rows or
   `chunk_bytes` payload bytes) and each chunk is appended as a row group to a Parquet file in a
   staging folder beside the warehouse (`<db>.ingest-staging/`: one file per raw posting table plus
   `rejects.parquet`; `snapshots.parquet`, one row per file read as a listing, at the end). Each staged
   posting carries the sequence number of its file (`file_seq`), which ties it to its snapshot.
   The warehouse is not touched.
2. Publishing. One transaction on the warehouse picks the staged snapshots that are new (first of a
   snapshot_id in the batch, not already in raw.ingest_snapshots), inserts, per format, the staged
   postings that are new (the first occurrence of a raw_record_id in the batch, by read order, and not
   already in the raw table) with loaded_at = the batch's finish time, inserts one sighting per distinct
   (new snapshot, raw_record_id) of the staged postings, loaded or duplicate alike, then the new
   snapshots, copies the staged rejects, writes the batch row, and COMMITs. DuckDB streams
   `insert ... select` from Parquet; the pipeline caps its buffer pool (`MEMORY_LIMIT`), so big joins
   and appends spill to disk instead of growing the process. Should DuckDB still run out of memory,
   the transaction is rolled back and retried once from the same staged files with
   `FALLBACK_MEMORY_LIMIT`.
3. The staging folder is deleted.

The raw tables therefore see a batch whole or not at all. A failure rolls back step 2 and deletes the
staging folder; a killed process leaves at most the staging folder (never read as data: a rerun reads
the payload files again), which the next run deletes once it holds the warehouse's write lock. DuckDB
lets one process at a time hold that lock, so one batch at a time is staged per warehouse.

raw_record_id is unique by construction (the anti-join above), not by a PRIMARY KEY, whose ART index
would have to fit in the capped memory and grows with the whole table. dbt's `unique` test on each
source's raw_record_id and tests/python/test_ingest_atomic.py check it.
"""

from __future__ import annotations

import contextlib
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from rolegap.ingest import profiles
from rolegap.ingest.records import FORMATS, Posting, Reject, Snapshot, utc_now

CHUNK_ROWS = 2_000
CHUNK_BYTES = 8 * 1024 * 1024
MEMORY_LIMIT = "128MB"  # DuckDB buffer pool while ingesting; beyond it joins and appends spill to <db>.tmp
FALLBACK_MEMORY_LIMIT = "1GB"  # one retry of the publish transaction if DuckDB could not spill enough
STAGING_DICTIONARY = ["source", "board", "file_path"]  # payloads and hashes do not repeat

POSTING_COLUMNS = """
    raw_record_id varchar not null,
    batch_id varchar not null,
    source varchar not null,
    board varchar not null,
    file_path varchar not null,
    record_index integer,
    fetched_at timestamp,
    payload_hash varchar not null,
    payload json not null,
    loaded_at timestamp
"""

DDL = [
    "create schema if not exists raw",
    *(f"create table if not exists raw.{fmt}_postings ({POSTING_COLUMNS})" for fmt in FORMATS),
    """
    create table if not exists raw.ingest_batches (
        batch_id varchar primary key,
        started_at timestamp not null,
        finished_at timestamp not null,
        paths varchar[],
        read_n bigint not null,
        loaded_n bigint not null,
        duplicate_n bigint not null,
        rejected_n bigint not null
    )
    """,
    """
    create table if not exists raw.ingest_snapshots (
        snapshot_id varchar not null,
        batch_id varchar not null,
        source varchar not null,
        board varchar,
        file_path varchar not null,
        fetched_at timestamp not null,
        records_n integer not null,
        is_complete boolean not null,
        loaded_at timestamp not null
    )
    """,
    """
    create table if not exists raw.ingest_sightings (
        snapshot_id varchar not null,
        raw_record_id varchar not null
    )
    """,
    """
    create table if not exists raw.ingest_rejects (
        batch_id varchar not null,
        source varchar,
        file_path varchar not null,
        record_index integer,
        field varchar,
        reason varchar not null,
        raw_text varchar,
        rejected_at timestamp not null
    )
    """,
    *profiles.DDL,
]

POSTING_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("file_seq", pa.int32()),
        ("raw_record_id", pa.string()),
        ("source", pa.string()),
        ("board", pa.string()),
        ("file_path", pa.string()),
        ("record_index", pa.int32()),
        ("fetched_at", pa.timestamp("us")),
        ("payload_hash", pa.string()),
        ("payload", pa.string()),
    ]
)

SNAPSHOT_SCHEMA = pa.schema(
    [
        ("file_seq", pa.int32()),
        ("snapshot_id", pa.string()),
        ("source", pa.string()),
        ("board", pa.string()),
        ("file_path", pa.string()),
        ("fetched_at", pa.timestamp("us")),
        ("records_n", pa.int32()),
        ("is_complete", pa.bool_()),
    ]
)

REJECT_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("file_path", pa.string()),
        ("record_index", pa.int32()),
        ("field", pa.string()),
        ("reason", pa.string()),
        ("raw_text", pa.string()),
        ("rejected_at", pa.timestamp("us")),
    ]
)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every raw table, even for sources without data: dbt sources read them all."""
    from rolegap.llm.store import create_llm_tables  # the LLM tagger's raw tables (empty until a run)

    for statement in DDL:
        con.execute(statement)
    create_llm_tables(con)


def staging_dir(db: Path) -> Path:
    """Where a batch is staged, beside the warehouse file."""
    return db.with_name(db.name + ".ingest-staging")


def remove_staging(db: Path) -> None:
    """Delete the staging folder left by this or an earlier, killed, run."""
    shutil.rmtree(staging_dir(db), ignore_errors=True)


def _new_seqs_sql(fmt: str, staged: Path) -> str:
    """Which staged postings are new: first occurrence of a raw_record_id in the batch (by read order)
    and not already stored. Only keys and sequence numbers, no payloads, flow through these joins."""
    return f"""
        create or replace temp table ingest_new_seqs as
        select min(staged.seq) as seq
        from read_parquet('{_sql_text(staged)}') as staged
        where not exists (
            select 1 from raw.{fmt}_postings as existing
            where existing.raw_record_id = staged.raw_record_id
        )
        group by staged.raw_record_id
    """


def _publish_postings_sql(fmt: str, staged: Path) -> str:
    return f"""
        insert into raw.{fmt}_postings
        select
            staged.raw_record_id,
            $batch_id as batch_id,
            staged.source,
            staged.board,
            staged.file_path,
            staged.record_index,
            staged.fetched_at,
            staged.payload_hash,
            staged.payload::json as payload,
            $loaded_at as loaded_at
        from read_parquet('{_sql_text(staged)}') as staged
        where staged.seq in (select new.seq from ingest_new_seqs as new)
    """


def _new_snapshots_sql(staged: Path) -> str:
    """The batch's snapshots not stored yet (a file read twice, or again later, adds none)."""
    return f"""
        create or replace temp table ingest_new_snapshots as
        select staged.*
        from read_parquet('{_sql_text(staged)}') as staged
        where not exists (
            select 1 from raw.ingest_snapshots as existing
            where existing.snapshot_id = staged.snapshot_id
        )
        qualify row_number() over (partition by staged.snapshot_id order by staged.file_seq) = 1
    """


def _publish_sightings_sql(staged: Path) -> str:
    """One sighting per (new snapshot, posting) read in it: loaded and duplicate postings alike. A new
    snapshot has no sightings yet (both are written in one transaction), so no anti-join is needed."""
    return f"""
        insert into raw.ingest_sightings
        select distinct new_snapshots.snapshot_id, staged.raw_record_id
        from read_parquet('{_sql_text(staged)}') as staged
        inner join ingest_new_snapshots as new_snapshots
            on staged.file_seq = new_snapshots.file_seq
    """


PUBLISH_SNAPSHOTS_SQL = """
    insert into raw.ingest_snapshots
    select snapshot_id, $batch_id, source, board, file_path, fetched_at, records_n, is_complete, $loaded_at
    from ingest_new_snapshots
    order by file_seq
"""


def _publish_rejects_sql(staged: Path) -> str:
    return f"""
        insert into raw.ingest_rejects
        select $batch_id, staged.source, staged.file_path, staged.record_index, staged.field,
            staged.reason, staged.raw_text, staged.rejected_at
        from read_parquet('{_sql_text(staged)}') as staged
    """


@dataclass
class BatchWriter:
    """Stages one batch, then publishes it in one transaction: `begin()`, `add()`/`reject()`, `commit()`.

    `rollback()` after any failure: the warehouse is then as it was before `begin()`.
    """

    con: duckdb.DuckDBPyConnection
    db: Path
    batch_id: str
    chunk_rows: int = CHUNK_ROWS
    chunk_bytes: int = CHUNK_BYTES
    loaded_by_table: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FORMATS, 0))
    snapshots_n: int = 0  # new snapshots published
    sightings_n: int = 0  # sightings published
    file_seq: int = 0  # the file being read (set by `next_file()`)
    staged_n: int = 0
    staged_rejects_n: int = 0
    _postings: dict[str, list[tuple[int, Posting]]] = field(default_factory=lambda: defaultdict(list))
    _rejects: list[Reject] = field(default_factory=list)
    _snapshots: list[tuple[int, Snapshot]] = field(default_factory=list)  # one per file: few, kept in memory
    _profiles: list[profiles.CompanyProfile] = field(default_factory=list)  # a company a line: kept in memory
    _profile_rejects: list[Reject] = field(default_factory=list)
    profiles_loaded_n: int = 0  # new rows in raw.company_profiles
    _pending_rows: int = 0
    _pending_bytes: int = 0
    _writers: dict[str, pq.ParquetWriter] = field(default_factory=dict)
    _publishing: bool = False

    @property
    def staging(self) -> Path:
        return staging_dir(self.db)

    def begin(self) -> None:
        """Start with an empty staging folder (deleting any left by a killed run)."""
        remove_staging(self.db)
        self.staging.mkdir(parents=True)

    def next_file(self) -> None:
        """The postings added from now on were read from the next file."""
        self.file_seq += 1

    def snapshot(self, snapshot: Snapshot) -> None:
        """The current file was read as a listing."""
        self._snapshots.append((self.file_seq, snapshot))

    def profile(self, profile: profiles.CompanyProfile | Reject) -> None:
        """A company profile line (raw.company_profiles) or its reject (raw.company_profile_rejects),
        published with the batch."""
        if isinstance(profile, Reject):
            self._profile_rejects.append(profile)
        else:
            self._profiles.append(profile)

    def add(self, posting: Posting) -> None:
        self._postings[posting.table].append((self.file_seq, posting))
        self._pending_rows += 1
        self._pending_bytes += len(posting.payload)
        if self._pending_rows >= self.chunk_rows or self._pending_bytes >= self.chunk_bytes:
            self.flush()

    def reject(self, reject: Reject) -> None:
        self._rejects.append(reject)
        self._pending_rows += 1
        self._pending_bytes += len(reject.raw_text)
        if self._pending_rows >= self.chunk_rows or self._pending_bytes >= self.chunk_bytes:
            self.flush()

    def flush(self) -> None:
        """Append the buffered chunk to the staging files (one Parquet row group per file)."""
        for fmt, postings in self._postings.items():
            if postings:
                self._stage_postings(fmt, postings)
        self._postings.clear()
        if self._rejects:
            self._stage_rejects(self._rejects)
            self._rejects = []
        self._pending_rows = 0
        self._pending_bytes = 0

    def _stage(self, name: str, chunk: pa.Table) -> None:
        writer = self._writers.get(name)
        if writer is None:
            writer = pq.ParquetWriter(self.staging / f"{name}.parquet", chunk.schema,
                                      compression="snappy", use_dictionary=STAGING_DICTIONARY)
            self._writers[name] = writer
        writer.write_table(chunk)

    def _stage_postings(self, fmt: str, tagged: list[tuple[int, Posting]]) -> None:
        start = self.staged_n
        self.staged_n += len(tagged)
        postings = [posting for _, posting in tagged]
        self._stage(f"{fmt}_postings", pa.Table.from_pydict(
            {
                "seq": range(start, self.staged_n),
                "file_seq": [file_seq for file_seq, _ in tagged],
                "raw_record_id": [p.raw_record_id for p in postings],
                "source": [p.source for p in postings],
                "board": [p.board for p in postings],
                "file_path": [p.file_path for p in postings],
                "record_index": [p.record_index for p in postings],
                "fetched_at": [p.fetched_at for p in postings],
                "payload_hash": [p.payload_hash for p in postings],
                "payload": [p.payload for p in postings],
            },
            schema=POSTING_SCHEMA,
        ))

    def _stage_rejects(self, rejects: list[Reject]) -> None:
        self.staged_rejects_n += len(rejects)
        self._stage("rejects", pa.Table.from_pydict(
            {
                "source": [r.source for r in rejects],
                "file_path": [r.file_path for r in rejects],
                "record_index": [r.record_index for r in rejects],
                "field": [r.field for r in rejects],
                "reason": [r.reason for r in rejects],
                "raw_text": [r.raw_text for r in rejects],
                "rejected_at": [r.rejected_at for r in rejects],
            },
            schema=REJECT_SCHEMA,
        ))

    def _stage_snapshots(self) -> None:
        snapshots = [snapshot for _, snapshot in self._snapshots]
        table = pa.Table.from_pydict(
            {
                "file_seq": [file_seq for file_seq, _ in self._snapshots],
                "snapshot_id": [s.snapshot_id for s in snapshots],
                "source": [s.source for s in snapshots],
                "board": [s.board for s in snapshots],
                "file_path": [s.file_path for s in snapshots],
                "fetched_at": [s.fetched_at for s in snapshots],
                "records_n": [s.records_n for s in snapshots],
                "is_complete": [s.is_complete for s in snapshots],
            },
            schema=SNAPSHOT_SCHEMA,
        )
        pq.write_table(table, self.staging / "snapshots.parquet", compression="snappy")

    def _close_writers(self) -> None:
        writers, self._writers = self._writers, {}
        for writer in writers.values():
            writer.close()

    def commit(self, started_at: datetime, paths: list[str], read_n: int, rejected_n: int) -> datetime:
        """Stage the rest, then publish the batch in one transaction. Returns the commit time.

        If DuckDB runs out of its capped memory while publishing, the transaction is rolled back and
        published again, from the same staged files, with FALLBACK_MEMORY_LIMIT.
        """
        self.flush()
        self._close_writers()
        self._stage_snapshots()
        try:
            return self._publish(started_at, paths, read_n, rejected_n)
        except duckdb.OutOfMemoryException:
            self._rollback_publish()
            self.con.execute(f"set memory_limit = '{FALLBACK_MEMORY_LIMIT}'")
            return self._publish(started_at, paths, read_n, rejected_n)

    def _publish(self, started_at: datetime, paths: list[str], read_n: int, rejected_n: int) -> datetime:
        finished_at = utc_now()
        self.con.execute("begin transaction")
        self._publishing = True
        self.con.execute(_new_snapshots_sql(self.staging / "snapshots.parquet"))
        for fmt in FORMATS:
            staged = self.staging / f"{fmt}_postings.parquet"
            if staged.exists():
                self.loaded_by_table[fmt] = self._publish_postings(fmt, staged, finished_at)
                row = self.con.execute(_publish_sightings_sql(staged)).fetchone()
                self.sightings_n += int(row[0]) if row else 0
        row = self.con.execute(PUBLISH_SNAPSHOTS_SQL, {"batch_id": self.batch_id, "loaded_at": finished_at}
                               ).fetchone()
        self.snapshots_n = int(row[0]) if row else 0
        self.profiles_loaded_n = profiles.publish_profiles(
            self.con, self._profiles, self._profile_rejects, self.batch_id, finished_at
        )
        rejects = self.staging / "rejects.parquet"
        if rejects.exists():
            self.con.execute(_publish_rejects_sql(rejects), {"batch_id": self.batch_id})
        loaded_n = sum(self.loaded_by_table.values())
        self.con.execute(
            "insert into raw.ingest_batches values ($batch_id, $started_at, $finished_at, $paths, "
            "$read_n, $loaded_n, $duplicate_n, $rejected_n)",
            {
                "batch_id": self.batch_id,
                "started_at": started_at,
                "finished_at": finished_at,
                "paths": paths,
                "read_n": read_n,
                "loaded_n": loaded_n,
                "duplicate_n": read_n - rejected_n - loaded_n,
                "rejected_n": rejected_n,
            },
        )
        self.con.execute("drop table if exists ingest_new_seqs")
        self.con.execute("drop table if exists ingest_new_snapshots")
        self.con.execute("commit")
        self._publishing = False
        remove_staging(self.db)
        return finished_at

    def _publish_postings(self, fmt: str, staged: Path, loaded_at: datetime) -> int:
        self.con.execute(_new_seqs_sql(fmt, staged))
        row = self.con.execute(
            _publish_postings_sql(fmt, staged), {"batch_id": self.batch_id, "loaded_at": loaded_at}
        ).fetchone()
        return int(row[0]) if row else 0

    def _rollback_publish(self) -> None:
        if self._publishing:
            self._publishing = False
            with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already rolled back
                self.con.execute("rollback")
        self.loaded_by_table = dict.fromkeys(FORMATS, 0)
        self.snapshots_n = self.sightings_n = self.profiles_loaded_n = 0

    def rollback(self) -> None:
        """Undo an open publish transaction and delete the staging folder."""
        self._rollback_publish()
        self._close_writers()
        remove_staging(self.db)


def _sql_text(value: object) -> str:
    return str(value).replace("'", "''")
