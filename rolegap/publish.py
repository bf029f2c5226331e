"""Publish the `marts` schema for BI tools without holding the warehouse lock.

DuckDB lets one process write a database file, and while it writes nobody else can open it; a BI tool
that keeps the warehouse open blocks `dbt build`. So readers never touch the warehouse. `publish()`
copies every table of its `marts` schema to

* a serving DuckDB file (default `warehouse/serving.duckdb`), built under a temporary name beside the
  target and swapped in with `os.replace()` (an atomic rename on POSIX). A reader that opened the old
  file keeps reading the old inode, a complete snapshot; a new connection sees the new file. The
  serving file is never modified in place. It carries `marts._publication` (one row per table).
* Parquet files `parquet_dir/<table>.parquet`, each written under a temporary name and renamed into
  place, then `parquet_dir/_publication.json`, written last (also atomically). Every Parquet file
  carries the publication id in its key-value metadata (`rolegap_publication_id`).

Everything is written to temporary files first; only then are the renames done. A failure before the
renames leaves the previous publication exactly as it was and removes the temporary files.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

DEFAULT_SERVING_PATH = Path("warehouse/serving.duckdb")
DEFAULT_PARQUET_DIR = Path("warehouse/marts")
MARTS_SCHEMA = "marts"
PUBLICATION_TABLE = "_publication"
MANIFEST_NAME = "_publication.json"
PARQUET_METADATA_KEY = "rolegap_publication_id"
_TMP_MARK = ".tmp-"
_SOURCE_ALIAS = "rolegap_publish_source"
_TARGET_ALIAS = "rolegap_publish_target"
# DuckDB 2.x writes files older DuckDB releases cannot open unless told otherwise; BI drivers often
# bundle an older DuckDB (duckdb-engine installs whatever duckdb pip resolves; the Metabase driver ships
# its own). v1.0.0 storage is readable by DuckDB 1.0 and later.
DEFAULT_STORAGE_VERSION = "v1.0.0"


class PublishError(RuntimeError):
    """Publishing failed; the message says what and where, and that the previous publication is intact."""


@dataclass(frozen=True)
class PublishedTable:
    name: str
    rows_n: int
    parquet_path: Path


@dataclass
class PublishResult:
    publication_id: str
    published_at: datetime
    source_db: Path
    serving_path: Path
    parquet_dir: Path
    manifest_path: Path
    tables: list[PublishedTable]
    seconds: float
    storage_version: str = DEFAULT_STORAGE_VERSION
    skipped_views: list[str] = field(default_factory=list)
    removed_stale: list[Path] = field(default_factory=list)

    @property
    def rows_n(self) -> int:
        return sum(table.rows_n for table in self.tables)

    def describe(self) -> str:
        width = max((len(table.name) for table in self.tables), default=5)
        lines = [
            f"published {len(self.tables)} marts tables, {self.rows_n:,} rows, in {self.seconds:.2f} s "
            f"(publication {self.publication_id})",
            f"  source:   {self.source_db}",
            f"  serving:  {self.serving_path}  (open read-only; schema {MARTS_SCHEMA}; "
            f"storage {self.storage_version}+)",
            f"  parquet:  {self.parquet_dir}/<table>.parquet",
            f"  manifest: {self.manifest_path}",
        ]
        lines += [f"    {table.name:<{width}}  {table.rows_n:>12,} rows" for table in self.tables]
        if self.skipped_views:
            lines.append(f"  skipped views (only tables are published): {', '.join(self.skipped_views)}")
        for path in self.removed_stale:
            lines.append(f"  removed stale file: {path}")
        return "\n".join(lines)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be fsynced
        _fsync_file(path)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


@contextlib.contextmanager
def _temp_paths() -> Iterator[list[Path]]:
    """Collects temporary files; all that are still there when the block ends are removed."""
    paths: list[Path] = []
    try:
        yield paths
    finally:
        for path in paths:
            _remove_quietly(path)
            _remove_quietly(path.with_name(path.name + ".wal"))


@contextlib.contextmanager
def _publish_lock(serving_path: Path) -> Iterator[None]:
    """One publish at a time per serving file (an flock on a lock file beside it), so two publishes
    cannot interleave their renames."""
    lock_path = serving_path.with_name(f".{serving_path.name}.publish-lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _leftover_temps(serving_path: Path, parquet_dir: Path) -> list[Path]:
    """Temporary files of an earlier publish that was killed before it could clean up."""
    found = list(serving_path.parent.glob(f"{serving_path.name}{_TMP_MARK}*"))
    found += parquet_dir.glob(f".*.parquet{_TMP_MARK}*")
    found += parquet_dir.glob(f".{MANIFEST_NAME}{_TMP_MARK}*")
    return sorted(found)


def _attach_source(con: duckdb.DuckDBPyConnection, db: Path, lock_wait_s: float) -> None:
    """ATTACH the warehouse read-only, waiting up to lock_wait_s while another process (dbt) writes it."""
    deadline = time.monotonic() + lock_wait_s
    while True:
        try:
            con.execute(f"attach {_quote_literal(str(db))} as {_SOURCE_ALIAS} (read_only)")
            return
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise PublishError(
                    f"cannot open the warehouse {db} read-only: {exc}. Is dbt (or another writer) still "
                    f"running on it? Nothing was published; the previous publication is unchanged."
                ) from exc
            time.sleep(0.2)


def _mart_relations(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    tables = [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = ? "
            "order by table_name",
            [_SOURCE_ALIAS, MARTS_SCHEMA],
        ).fetchall()
    ]
    views = [
        row[0]
        for row in con.execute(
            "select view_name from duckdb_views() where database_name = ? and schema_name = ? "
            "order by view_name",
            [_SOURCE_ALIAS, MARTS_SCHEMA],
        ).fetchall()
    ]
    return tables, views


def _build_serving_copy(
    tmp_db: Path,
    db: Path,
    parquet_dir: Path,
    publication_id: str,
    published_at: datetime,
    lock_wait_s: float,
    storage_version: str,
    temps: list[Path],
) -> tuple[list[tuple[str, int]], list[str], dict[str, Path]]:
    """Write the serving copy and the Parquet files under temporary names.

    Returns the (table, rows) copied, the views skipped and each table's temporary Parquet file.
    """
    parquet_tmp: dict[str, Path] = {}
    con = duckdb.connect()  # in memory; the new file is attached so its storage version can be chosen
    try:
        con.execute(
            f"attach {_quote_literal(str(tmp_db))} as {_TARGET_ALIAS} "
            f"(storage_version {_quote_literal(storage_version)})"
        )
        con.execute(f"use {_TARGET_ALIAS}")
        _attach_source(con, db, lock_wait_s)
        tables, views = _mart_relations(con)
        if not tables:
            raise PublishError(
                f"the warehouse {db} has no tables in schema {MARTS_SCHEMA!r}: run `dbt build` first. "
                f"Nothing was published; the previous publication is unchanged."
            )
        if PUBLICATION_TABLE in tables:
            raise PublishError(f"{db}: schema {MARTS_SCHEMA!r} has a table named {PUBLICATION_TABLE!r}, "
                               f"a name reserved for the publication record. Nothing was published.")
        con.execute("begin transaction")
        con.execute(f"create schema {MARTS_SCHEMA}")
        counts: list[tuple[str, int]] = []
        for table in tables:
            target = f"{MARTS_SCHEMA}.{_quote_ident(table)}"
            source = f"{_SOURCE_ALIAS}.{MARTS_SCHEMA}.{_quote_ident(table)}"
            con.execute(f"create table {target} as select * from {source}")
            copied_n = con.execute(f"select count(*) from {target}").fetchall()[0][0]
            source_n = con.execute(f"select count(*) from {source}").fetchall()[0][0]
            if copied_n != source_n:
                raise PublishError(f"copy of {MARTS_SCHEMA}.{table} has {copied_n} rows, the source "
                                   f"{source_n}. Nothing was published.")
            counts.append((table, int(copied_n)))
        con.execute(
            f"create table {MARTS_SCHEMA}.{PUBLICATION_TABLE} ("
            "publication_id varchar not null, published_at timestamp not null, source_db varchar not null, "
            "table_name varchar not null, rows_n bigint not null)"
        )
        con.executemany(
            f"insert into {MARTS_SCHEMA}.{PUBLICATION_TABLE} values (?, ?, ?, ?, ?)",
            [
                (publication_id, published_at.replace(tzinfo=None), str(db.resolve()), table, rows_n)
                for table, rows_n in counts
            ],
        )
        con.execute("commit")
        con.execute(f"detach {_SOURCE_ALIAS}")
        for table, _ in counts:
            tmp = parquet_tmp[table] = _parquet_tmp_path(parquet_dir, table, publication_id)
            temps.append(tmp)
            con.execute(
                f"copy {MARTS_SCHEMA}.{_quote_ident(table)} to {_quote_literal(str(tmp))} (format parquet, "
                f"compression zstd, kv_metadata {{{PARQUET_METADATA_KEY}: {_quote_literal(publication_id)}}})"
            )
        con.execute(f"checkpoint {_TARGET_ALIAS}")
        con.execute("use memory")
        con.execute(f"detach {_TARGET_ALIAS}")
    finally:
        con.close()
    return counts, views, parquet_tmp


def _parquet_tmp_path(parquet_dir: Path, table: str, publication_id: str) -> Path:
    return parquet_dir / f".{table}.parquet{_TMP_MARK}{publication_id}"


def _write_json_atomically(path: Path, payload: dict[str, object], temps: list[Path]) -> None:
    tmp = path.with_name(f".{path.name}{_TMP_MARK}{uuid.uuid4().hex}")
    temps.append(tmp)
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    _fsync_file(tmp)
    os.replace(tmp, path)


def publish(
    db: Path,
    serving_path: Path = DEFAULT_SERVING_PATH,
    parquet_dir: Path = DEFAULT_PARQUET_DIR,
    *,
    lock_wait_s: float = 30.0,
    storage_version: str = DEFAULT_STORAGE_VERSION,
) -> PublishResult:
    """Atomically publish every table of `db`'s marts schema to `serving_path` and `parquet_dir`.

    Opens `db` read-only (waiting up to `lock_wait_s` seconds while a writer such as dbt holds it).
    The serving file is written in DuckDB storage format `storage_version` (oldest DuckDB able to read it).
    Raises PublishError, leaving the previous publication untouched, when anything fails before the
    final renames.
    """
    started = time.perf_counter()
    db = Path(db)
    serving_path = Path(serving_path)
    parquet_dir = Path(parquet_dir)
    if not db.is_file():
        raise PublishError(f"no warehouse at {db}: run ingest and `dbt build` first. Nothing was published.")
    if serving_path.resolve() == db.resolve():
        raise PublishError(f"the serving path {serving_path} is the warehouse itself; choose another file.")
    serving_path.parent.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)

    publication_id = uuid.uuid4().hex
    published_at = datetime.now(UTC).replace(microsecond=0)
    tmp_db = serving_path.with_name(f"{serving_path.name}{_TMP_MARK}{publication_id}")
    removed: list[Path] = []

    with _publish_lock(serving_path), _temp_paths() as temps:
        for leftover in _leftover_temps(serving_path, parquet_dir):
            _remove_quietly(leftover)
            removed.append(leftover)
        temps.append(tmp_db)
        try:
            counts, views, parquet_tmp = _build_serving_copy(
                tmp_db, db, parquet_dir, publication_id, published_at, lock_wait_s, storage_version, temps
            )
            stray_wal = tmp_db.with_name(tmp_db.name + ".wal")
            if stray_wal.exists():  # close() checkpoints; a WAL here means the copy is not self-contained
                raise PublishError(f"{stray_wal} was left after closing the serving copy.")
            _fsync_file(tmp_db)
            for table, _ in counts:
                _fsync_file(parquet_tmp[table])
        except PublishError:
            raise
        except (duckdb.Error, OSError) as exc:
            raise PublishError(
                f"publishing {db} failed while writing the new copy ({type(exc).__name__}: {exc}). "
                f"Nothing was published: {serving_path} and {parquet_dir} are unchanged and the temporary "
                f"files were removed."
            ) from exc

        # Commit phase: renames only. A WAL beside the serving file belongs to the file being replaced
        # (someone opened it read-write); DuckDB refuses to open a file whose WAL does not match, so it
        # goes first. Without its WAL the old file is still its last checkpoint, so readers are safe.
        serving_wal = serving_path.with_name(serving_path.name + ".wal")
        if serving_wal.exists():
            _remove_quietly(serving_wal)
            removed.append(serving_wal)
        os.replace(tmp_db, serving_path)
        _fsync_dir(serving_path.parent)

        tables: list[PublishedTable] = []
        for table, rows_n in counts:
            target = parquet_dir / f"{table}.parquet"
            os.replace(parquet_tmp[table], target)
            tables.append(PublishedTable(name=table, rows_n=rows_n, parquet_path=target))
        current = {f"{table}.parquet" for table, _ in counts}
        for old in sorted(parquet_dir.glob("*.parquet")):
            if old.name not in current:  # a table that is no longer in marts
                old.unlink()
                removed.append(old)
        manifest_path = parquet_dir / MANIFEST_NAME
        _write_json_atomically(
            manifest_path,
            {
                "publication_id": publication_id,
                "published_at": published_at.isoformat(),
                "source_db": str(db.resolve()),
                "serving_path": str(serving_path),
                "serving_storage_version": storage_version,
                "tables": [
                    {"name": table.name, "rows_n": table.rows_n, "file": table.parquet_path.name}
                    for table in tables
                ],
            },
            temps,
        )
        _fsync_dir(parquet_dir)

    return PublishResult(
        publication_id=publication_id,
        published_at=published_at,
        source_db=db,
        serving_path=serving_path,
        parquet_dir=parquet_dir,
        manifest_path=manifest_path,
        tables=tables,
        seconds=time.perf_counter() - started,
        storage_version=storage_version,
        skipped_views=views,
        removed_stale=removed,
    )
