"""`raw.fetch_log`: every fetch attempt, one row per (run_id, ats, board), loaded from the JSONL logs."""

from __future__ import annotations

from dataclasses import astuple, fields
from pathlib import Path

import duckdb

from rolegap.fetch.log import FetchLogEntry, read_logs

FETCH_LOG_DDL = """
create table if not exists raw.fetch_log (
    run_id varchar not null,
    ats varchar not null,
    board varchar not null,
    url varchar,
    http_status integer,
    status varchar not null,
    attempts integer,
    bytes bigint,
    jobs_n integer,
    etag varchar,
    last_modified varchar,
    file_path varchar,
    started_at timestamp,
    finished_at timestamp,
    error varchar,
    primary key (run_id, ats, board)
)
"""
COLUMNS = [f.name for f in fields(FetchLogEntry)]


def create_fetch_log(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(FETCH_LOG_DDL)


def land_fetch_logs(con: duckdb.DuckDBPyConnection, log_dir: Path) -> tuple[int, list[str]]:
    """Insert every log entry not yet in raw.fetch_log (idempotent); returns (rows added, problems)."""
    create_fetch_log(con)
    entries, problems = read_logs(log_dir)
    if not entries:
        return 0, problems
    unique: dict[tuple[str, str, str], FetchLogEntry] = {}
    for entry in entries:
        unique[(entry.run_id, entry.ats, entry.board)] = entry  # a key written twice: the later line wins
    columns = ", ".join(COLUMNS)
    con.execute("begin transaction")
    try:
        con.execute(f"create or replace temp table fetch_log_new as "
                    f"select {columns} from raw.fetch_log limit 0")
        placeholders = ", ".join("?" for _ in COLUMNS)
        con.executemany(f"insert into fetch_log_new values ({placeholders})",
                        [list(astuple(entry)) for entry in unique.values()])
        row = con.execute(f"""
            insert into raw.fetch_log
            select {columns} from fetch_log_new as new
            where not exists (
                select 1 from raw.fetch_log as existing
                where existing.run_id = new.run_id and existing.ats = new.ats and existing.board = new.board
            )
        """).fetchone()
        con.execute("drop table fetch_log_new")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return (int(row[0]) if row else 0), problems
