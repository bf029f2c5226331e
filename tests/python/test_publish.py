"""rolegap.publish: the serving copy and Parquet files are complete, failures leave the old ones alone,
and the SQLAlchemy URIs documented in docs/bi.md work with duckdb_engine."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

import rolegap.publish as publish_module
from rolegap.publish import PublishError, publish

MART_TABLES = ("postings", "posting_skills", "skill_gap")
PARQUET_LISTING = ["_publication.json", *sorted(f"{table}.parquet" for table in MART_TABLES)]


def build_source(db: Path, build_id: str, rows_n: int = 500) -> None:
    """A small warehouse: marts tables whose rows all carry build_id, and relations not to publish."""
    con = duckdb.connect(str(db))
    try:
        con.execute("create schema if not exists marts")
        con.execute("create schema if not exists intermediate")
        con.execute(
            "create or replace table marts.postings as select 'p' || i as posting_id, ? as build_id, "
            "i * 1.5 as salary_min_usd, date '2025-11-01' + (i % 90)::integer as posted_date, "
            "i % 7 = 0 as is_agency from range(?) as t(i)",
            [build_id, rows_n],
        )
        con.execute(
            "create or replace table marts.posting_skills as select 'p' || (i // 3) as posting_id, "
            "'skill_' || (i % 3) as skill, ? as build_id from range(?) as t(i)",
            [build_id, rows_n * 3],
        )
        con.execute(
            "create or replace table marts.skill_gap as select 'skill_' || i as skill, ? as build_id, "
            "i / 10.0 as gap_pts, null::double as nothing from range(10) as t(i)",
            [build_id],
        )
        con.execute("create or replace view marts.some_view as select 1 as one")
        con.execute("create or replace table intermediate.not_published as select 1 as one")
    finally:
        con.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(serving: Path, parquet_dir: Path) -> dict[str, str]:
    files = {serving.name: sha256(serving)}
    files.update({path.name: sha256(path) for path in sorted(parquet_dir.iterdir())})
    return files


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path, Path]:
    return tmp_path / "rolegap.duckdb", tmp_path / "serve" / "serving.duckdb", tmp_path / "serve" / "marts"


def test_serving_copy_and_parquet_are_complete(paths: tuple[Path, Path, Path]) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "b1")

    result = publish(db, serving, parquet_dir)

    assert [table.name for table in result.tables] == sorted(MART_TABLES)
    assert result.skipped_views == ["some_view"]
    assert result.rows_n == 500 + 1500 + 10
    con = duckdb.connect(str(serving), read_only=True)
    try:
        con.execute(f"attach '{db}' as src (read_only)")
        published = con.execute(
            "select table_name from duckdb_tables() where database_name = 'serving' order by all"
        ).fetchall()
        assert [row[0] for row in published] == ["_publication", *sorted(MART_TABLES)]
        tags = con.execute("select tags from duckdb_databases() where database_name = 'serving'").fetchall()
        assert tags == [({"storage_version": "v1.0.0+"},)]  # readable by DuckDB 1.0+ in BI drivers
        schemas = con.execute(
            "select distinct schema_name from duckdb_tables() where database_name = 'serving'"
        ).fetchall()
        assert schemas == [("marts",)]
        record = {
            row[0]: row[1:]
            for row in con.execute(
                "select table_name, rows_n, publication_id, source_db from marts._publication"
            ).fetchall()
        }
        assert set(record) == set(MART_TABLES)
        for table in MART_TABLES:
            source_n = con.execute(f"select count(*) from src.marts.{table}").fetchall()[0][0]
            served_n = con.execute(f"select count(*) from marts.{table}").fetchall()[0][0]
            assert served_n == source_n == record[table][0]
            assert record[table][1] == result.publication_id
            assert record[table][2] == str(db.resolve())
            # same rows both ways (types included: except fails on a type mismatch of columns)
            diff_n = con.execute(
                f"select count(*) from ("
                f"(select * from marts.{table} except all select * from src.marts.{table}) union all "
                f"(select * from src.marts.{table} except all select * from marts.{table}))"
            ).fetchall()[0][0]
            assert diff_n == 0, table
            source_arrow = con.sql(f"select * from src.marts.{table}").to_arrow_table()
            parquet_arrow = pq.read_table(parquet_dir / f"{table}.parquet")
            assert parquet_arrow.schema.names == source_arrow.schema.names
            assert parquet_arrow.schema.types == source_arrow.schema.types  # nullability may differ
            keys = [(name, "ascending") for name in source_arrow.schema.names if name != "nothing"]
            assert parquet_arrow.sort_by(keys).to_pylist() == source_arrow.sort_by(keys).to_pylist(), table
            metadata = pq.read_metadata(parquet_dir / f"{table}.parquet").metadata
            assert metadata[b"rolegap_publication_id"] == result.publication_id.encode()
    finally:
        con.close()

    manifest = json.loads((parquet_dir / "_publication.json").read_text())
    assert manifest["publication_id"] == result.publication_id
    assert {entry["name"]: entry["rows_n"] for entry in manifest["tables"]} == {
        "postings": 500,
        "posting_skills": 1500,
        "skill_gap": 10,
    }
    assert sorted(os.listdir(parquet_dir)) == PARQUET_LISTING
    assert not list(serving.parent.glob("*tmp*")) and not list(serving.parent.glob("*.wal"))
    text_out = result.describe()
    assert "3 marts tables" in text_out and "2,010 rows" in text_out and str(serving) in text_out


def test_republish_replaces_the_file_and_drops_parquet_of_removed_tables(
    paths: tuple[Path, Path, Path],
) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "b1")
    publish(db, serving, parquet_dir)
    old_inode = serving.stat().st_ino
    con = duckdb.connect(str(db))
    con.execute("drop table marts.skill_gap")
    con.close()

    result = publish(db, serving, parquet_dir)

    assert serving.stat().st_ino != old_inode  # a new file, never the old one modified in place
    assert not (parquet_dir / "skill_gap.parquet").exists()
    assert parquet_dir / "skill_gap.parquet" in result.removed_stale
    assert [table.name for table in result.tables] == ["posting_skills", "postings"]


def test_reader_holding_the_old_file_keeps_its_snapshot(paths: tuple[Path, Path, Path]) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "old", rows_n=100)
    publish(db, serving, parquet_dir)
    reader = duckdb.connect(str(serving), read_only=True)
    try:
        build_source(db, "new", rows_n=200)
        publish(db, serving, parquet_dir)  # not blocked by the open reader
        assert reader.execute("select distinct build_id from marts.postings").fetchall() == [("old",)]
        assert reader.execute("select count(*) from marts.postings").fetchall() == [(100,)]
    finally:
        reader.close()
    fresh = duckdb.connect(str(serving), read_only=True)
    try:
        assert fresh.execute("select distinct build_id from marts.postings").fetchall() == [("new",)]
    finally:
        fresh.close()


@pytest.mark.parametrize("failure", ["while_copying", "while_writing_parquet"])
def test_failed_publish_leaves_previous_publication_untouched(
    paths: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "b1")
    first = publish(db, serving, parquet_dir)
    before = snapshot(serving, parquet_dir)
    inode = serving.stat().st_ino
    build_source(db, "b2", rows_n=900)

    if failure == "while_copying":
        real = publish_module._mart_relations

        def relations_with_a_broken_table(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
            tables, views = real(con)
            return [*tables, "zz_vanished_mid_copy"], views  # copied after the real ones, then fails

        monkeypatch.setattr(publish_module, "_mart_relations", relations_with_a_broken_table)
    else:
        monkeypatch.setattr(
            publish_module, "_parquet_tmp_path", lambda directory, table, pid: directory / "missing" / table
        )

    with pytest.raises(PublishError, match="Nothing was published"):
        publish(db, serving, parquet_dir)

    assert snapshot(serving, parquet_dir) == before
    assert serving.stat().st_ino == inode
    assert sorted(os.listdir(serving.parent)) == [".serving.duckdb.publish-lock", "marts", "serving.duckdb"]
    assert sorted(os.listdir(parquet_dir)) == PARQUET_LISTING
    con = duckdb.connect(str(serving), read_only=True)
    try:
        assert con.execute("select distinct publication_id from marts._publication").fetchall() == [
            (first.publication_id,)
        ]
        assert con.execute("select distinct build_id from marts.postings").fetchall() == [("b1",)]
    finally:
        con.close()


def test_leftovers_of_a_killed_publish_and_a_stale_wal_are_removed(paths: tuple[Path, Path, Path]) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "b1")
    publish(db, serving, parquet_dir)
    leftovers = [
        serving.with_name("serving.duckdb.tmp-deadbeef"),
        parquet_dir / ".postings.parquet.tmp-deadbeef",
        parquet_dir / "._publication.json.tmp-deadbeef",
    ]
    for path in leftovers:
        path.write_bytes(b"half written")
    # a WAL beside the serving file (someone opened it read-write) would not match the new file
    serving.with_name("serving.duckdb.wal").write_bytes(b"not ours")

    result = publish(db, serving, parquet_dir)

    assert not any(path.exists() for path in leftovers)
    assert not serving.with_name("serving.duckdb.wal").exists()
    assert set(leftovers) <= set(result.removed_stale)
    con = duckdb.connect(str(serving), read_only=True)
    try:
        assert con.execute("select count(*) from marts.postings").fetchall() == [(500,)]
    finally:
        con.close()


def test_clear_errors_for_missing_or_unbuilt_warehouse(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="no warehouse at"):
        publish(tmp_path / "nope.duckdb", tmp_path / "serving.duckdb", tmp_path / "marts")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(PublishError, match="no tables in schema 'marts'"):
        publish(empty, tmp_path / "serving.duckdb", tmp_path / "marts")
    assert not (tmp_path / "serving.duckdb").exists()
    with pytest.raises(PublishError, match="is the warehouse itself"):
        publish(empty, empty, tmp_path / "marts")


def test_waits_for_a_writer_then_says_what_blocks_it(paths: tuple[Path, Path, Path]) -> None:
    db, serving, parquet_dir = paths
    build_source(db, "b1")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time\nc = duckdb.connect({str(db)!r})\nprint('ready', "
         "flush=True)\nsys.stdin.readline()\nc.close()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(PublishError, match="dbt"):
            publish(db, serving, parquet_dir, lock_wait_s=0.6)
        assert time.monotonic() - started >= 0.5
        assert not serving.exists() and not list(serving.parent.glob("*tmp*"))
    finally:
        holder.communicate("done\n", timeout=30)
    assert publish(db, serving, parquet_dir).rows_n == 2010


def test_documented_sqlalchemy_uris_open_the_serving_copy_read_only(paths: tuple[Path, Path, Path]) -> None:
    """The forms docs/bi.md gives for Superset and scripts (duckdb_engine)."""
    db, serving, parquet_dir = paths
    build_source(db, "b1")
    publish(db, serving, parquet_dir)
    absolute = serving.resolve()
    assert absolute.is_absolute()
    engines = [
        create_engine(f"duckdb:///{absolute}?access_mode=read_only", poolclass=NullPool),  # four slashes
        create_engine(f"duckdb:///{absolute}", connect_args={"read_only": True}, poolclass=NullPool),
    ]
    assert str(engines[0].url).startswith("duckdb:////")
    for engine in engines:
        with engine.connect() as conn:
            assert conn.execute(text("select count(*) from marts.postings")).scalar() == 500
            assert conn.execute(text("select current_setting('access_mode')")).scalar() == "read_only"
            with pytest.raises(Exception, match="read-only"):
                conn.execute(text("create table marts.scribble (x int)"))
        engine.dispose()


def test_nullpool_engine_sees_each_new_publication(paths: tuple[Path, Path, Path]) -> None:
    """With NullPool every query opens the file anew, so a long-running BI process follows publications."""
    db, serving, parquet_dir = paths
    engine = create_engine(f"duckdb:///{serving.resolve()}?access_mode=read_only", poolclass=NullPool)
    try:
        for build_id in ("b1", "b2", "b3"):
            build_source(db, build_id)
            publish(db, serving, parquet_dir)
            with engine.connect() as conn:
                seen = conn.execute(text("select distinct build_id from marts.skill_gap")).all()
            assert seen == [(build_id,)]
    finally:
        engine.dispose()
