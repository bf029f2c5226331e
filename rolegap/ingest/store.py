"""The raw schema's DDL and one batch's transactional writes.

A batch is one DuckDB transaction: postings are staged in Arrow chunks and inserted per chunk with an
anti-join on raw_record_id (rows of earlier chunks are visible inside the transaction, so duplicates
within the batch are caught too), rejects are appended, and the batch row, loaded_at stamps and counts
are written just before COMMIT. Any exception rolls the whole batch back; a killed process leaves an
uncommitted transaction that DuckDB discards on the next open.

Chunks are scanned by DuckDB's replacement scan of a local variable rather than `register()`: a view
registered and dropped inside a transaction keeps its Arrow table alive until commit, so memory would
grow with the batch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

from rolegap.ingest.records import FORMATS, Posting, Reject, utc_now

CHUNK_ROWS = 10_000
CHUNK_BYTES = 64 * 1024 * 1024

POSTING_COLUMNS = """
    raw_record_id varchar primary key,
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
]

POSTING_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
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
    for statement in DDL:
        con.execute(statement)


def _insert_postings_sql(fmt: str) -> str:
    return f"""
        insert into raw.{fmt}_postings
        select
            chunk.raw_record_id,
            $batch_id as batch_id,
            chunk.source,
            chunk.board,
            chunk.file_path,
            chunk.record_index,
            chunk.fetched_at,
            chunk.payload_hash,
            chunk.payload::json as payload,
            null::timestamp as loaded_at
        from chunk
        where not exists (
            select 1 from raw.{fmt}_postings as existing
            where existing.raw_record_id = chunk.raw_record_id
        )
        qualify row_number() over (partition by chunk.raw_record_id order by chunk.seq) = 1
    """


INSERT_REJECTS_SQL = """
    insert into raw.ingest_rejects
    select $batch_id, chunk.source, chunk.file_path, chunk.record_index, chunk.field, chunk.reason,
        chunk.raw_text, chunk.rejected_at
    from chunk
"""


@dataclass
class BatchWriter:
    """Writes one batch inside one transaction. Use `begin()`, `add()`/`reject()`, then `commit()`."""

    con: duckdb.DuckDBPyConnection
    batch_id: str
    chunk_rows: int = CHUNK_ROWS
    chunk_bytes: int = CHUNK_BYTES
    loaded_by_table: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FORMATS, 0))
    _postings: dict[str, list[Posting]] = field(default_factory=lambda: defaultdict(list))
    _rejects: list[Reject] = field(default_factory=list)
    _pending_rows: int = 0
    _pending_bytes: int = 0
    _seq: int = 0

    def begin(self) -> None:
        self.con.execute("begin transaction")

    def add(self, posting: Posting) -> None:
        self._postings[posting.table].append(posting)
        self._pending_rows += 1
        self._pending_bytes += len(posting.payload)
        if self._pending_rows >= self.chunk_rows or self._pending_bytes >= self.chunk_bytes:
            self.flush()

    def reject(self, reject: Reject) -> None:
        self._rejects.append(reject)
        self._pending_bytes += len(reject.raw_text)
        if len(self._rejects) >= self.chunk_rows or self._pending_bytes >= self.chunk_bytes:
            self.flush()

    def flush(self) -> None:
        for fmt, postings in self._postings.items():
            if postings:
                self.loaded_by_table[fmt] += self._write_postings(fmt, postings)
        self._postings.clear()
        if self._rejects:
            self._write_rejects(self._rejects)
            self._rejects = []
        self._pending_rows = 0
        self._pending_bytes = 0

    def _write_postings(self, fmt: str, postings: list[Posting]) -> int:
        start = self._seq
        self._seq += len(postings)
        chunk = pa.Table.from_pydict(
            {
                "seq": range(start, self._seq),
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
        )
        row = self.con.execute(_insert_postings_sql(fmt), {"batch_id": self.batch_id}).fetchone()
        del chunk  # scanned above by name (DuckDB replacement scan)
        return int(row[0]) if row else 0

    def _write_rejects(self, rejects: list[Reject]) -> None:
        chunk = pa.Table.from_pydict(
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
        )
        self.con.execute(INSERT_REJECTS_SQL, {"batch_id": self.batch_id})
        del chunk  # scanned above by name (DuckDB replacement scan)

    def commit(self, started_at: datetime, paths: list[str], read_n: int, rejected_n: int) -> datetime:
        """Flush, stamp loaded_at, record the batch row, COMMIT. Returns the commit time."""
        self.flush()
        loaded_n = sum(self.loaded_by_table.values())
        finished_at = utc_now()
        for fmt, loaded in self.loaded_by_table.items():
            if loaded:
                self.con.execute(
                    f"update raw.{fmt}_postings set loaded_at = $at where batch_id = $batch_id",
                    {"at": finished_at, "batch_id": self.batch_id},
                )
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
        self.con.execute("commit")
        return finished_at

    def rollback(self) -> None:
        self.con.execute("rollback")
