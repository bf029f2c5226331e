"""`ingest_paths`: discover files, read them, land postings and rejects as one batch."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import duckdb
from tqdm import tqdm

from rolegap.config import lake_path
from rolegap.ingest.detect import discover
from rolegap.ingest.formats import read_file
from rolegap.ingest.profiles import PROFILE_FORMAT, CompanyProfile, is_profile_file, read_profiles
from rolegap.ingest.records import FORMATS, Posting, Reject, Snapshot, printable_path, utc_now
from rolegap.ingest.store import FALLBACK_MEMORY_LIMIT, MEMORY_LIMIT, BatchWriter, create_tables
from rolegap.ingest.summary import SHOWN_REJECTS, IngestSummary


def new_batch_id() -> str:
    """Sortable and unique: UTC start time plus a random suffix."""
    return f"{utc_now():%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def _sync_lake(con: duckdb.DuckDBPyConnection, db: Path) -> str:
    """Export the committed batch (and any a killed run left unexported) to the Parquet lake. The batch
    is in the warehouse whatever happens here; a lake left behind is caught up by the next ingest or
    `rolegap load`, so a failure is reported, not raised."""
    from rolegap.engines.lake import LakeError, sync_lake  # the lake module reads ingest's FORMATS

    lake = lake_path(db)
    try:
        # the export writes a whole batch per Parquet file: more than ingest's small buffer pool at
        # scale (a 1M-opening batch failed with 128 MB)
        con.execute(f"set memory_limit = '{FALLBACK_MEMORY_LIMIT}'")
        return sync_lake(con, lake).describe()
    except (OSError, duckdb.Error, LakeError) as exc:
        return f"lake: NOT written ({lake}: {exc}); the next ingest or `rolegap load` writes it"


def ingest_paths(
    paths: Iterable[Path | str],
    db: Path | str,
    fmt: str = "auto",
    company: str | None = None,
    progress: bool = True,
    memory_limit: str = MEMORY_LIMIT,
) -> IngestSummary:
    """Land every posting under `paths` in `db`'s raw schema as one atomic, idempotent batch.

    `memory_limit` caps DuckDB's buffer pool (a DuckDB size, e.g. '128MB'); peak memory does not grow
    with the batch.
    """
    if fmt != "auto" and fmt not in (*FORMATS, PROFILE_FORMAT):
        raise ValueError(f"unknown format {fmt!r}: expected auto, {PROFILE_FORMAT} or one of "
                         f"{', '.join(FORMATS)}")
    path_list = [Path(p) for p in paths]
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    clock = time.perf_counter()
    started_at = utc_now()
    summary = IngestSummary(batch_id=new_batch_id(), db_path=printable_path(db))

    found = discover(path_list)
    summary.files_n = len(found.files)
    summary.skipped_n = len(found.skipped)
    total_bytes = sum(f.stat().st_size for f in found.files)

    def handle_reject(reject: Reject) -> None:
        summary.rejected_n += 1
        if len(summary.reject_messages) < SHOWN_REJECTS:
            summary.reject_messages.append(reject.message)
        writer.reject(reject)

    con = duckdb.connect(str(db))
    try:
        con.execute("set memory_limit = '{}'".format(memory_limit.replace("'", "''")))
        con.execute("set enable_progress_bar = false")  # the publish step can take seconds; tqdm reports
        create_tables(con)
        writer = BatchWriter(con, db, summary.batch_id)
        try:
            writer.begin()
            for missing in found.missing:
                summary.read_n += 1
                text = printable_path(missing)
                handle_reject(Reject(None, text, text, None, None, "path not found", "", utc_now()))
            with tqdm(total=total_bytes, unit="B", unit_scale=True, desc="ingest", file=sys.stderr,
                      disable=not progress) as bar:
                for file in found.files:
                    writer.next_file()
                    if is_profile_file(file, fmt):
                        for profile in read_profiles(file, bar.update):
                            summary.profiles_read_n += 1
                            if not isinstance(profile, CompanyProfile):
                                summary.profiles_rejected_n += 1
                                if len(summary.reject_messages) < SHOWN_REJECTS:
                                    summary.reject_messages.append(profile.message)
                            writer.profile(profile)
                        continue
                    for record in read_file(file, fmt, company, bar.update):
                        if isinstance(record, Snapshot):
                            writer.snapshot(record)
                            continue
                        summary.read_n += 1
                        if isinstance(record, Posting):
                            writer.add(record)
                        else:
                            handle_reject(record)
            writer.commit(started_at, [printable_path(p) for p in path_list], summary.read_n,
                          summary.rejected_n)
        except BaseException:
            writer.rollback()
            raise
        summary.lake = _sync_lake(con, db)
    finally:
        con.close()

    summary.loaded_by_table = dict(writer.loaded_by_table)
    summary.loaded_n = sum(writer.loaded_by_table.values())
    summary.snapshots_n = writer.snapshots_n
    summary.sightings_n = writer.sightings_n
    summary.profiles_loaded_n = writer.profiles_loaded_n
    summary.duplicate_n = summary.read_n - summary.rejected_n - summary.loaded_n
    summary.payload_bytes = total_bytes
    summary.seconds = time.perf_counter() - clock
    return summary
