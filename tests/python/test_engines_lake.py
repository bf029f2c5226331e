"""The raw Parquet lake (rolegap.engines.lake) and the loads into Postgres and Spark
(rolegap.engines.load): every batch ingest commits reaches the lake whole, a batch is visible to a
loader only once committed, loading is idempotent per batch and atomic, and the counts reconcile.
Postgres and Spark cases need requirements-engines.lock (`make engines` runs them in .venv-engines)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml

from rolegap.config import PROJECT_ROOT, lake_path
from rolegap.engines import lake as lake_mod
from rolegap.ingest import ingest_paths

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _raw_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t.name: int(con.execute(f"select count(*) from raw.{t.name}").fetchone()[0])
            for t in lake_mod.TABLES
            if t.name != "fetch_log"
        }


def _lake_counts(lake: Path) -> dict[str, int]:
    return {
        t.name: sum(lake_mod.committed_partitions(lake, t).values())
        for t in lake_mod.TABLES
        if t.name != "fetch_log"
    }


def _second_batch(tmp: Path) -> Path:
    """A new Greenhouse board file: one more batch with new postings."""
    folder = tmp / "more" / "greenhouse"
    folder.mkdir(parents=True)
    jobs = json.loads((FIXTURES / "greenhouse" / "acme__2024-05-01.json").read_text())
    for job in jobs["jobs"]:
        job["id"] = int(job["id"]) + 1000
    (folder / "acme__2024-05-02.json").write_text(json.dumps(jobs))
    return tmp / "more"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "wh.duckdb"
    summary = ingest_paths([FIXTURES], db=db, progress=False)
    assert summary.rejected_n == 0 and summary.loaded_n == 8
    assert summary.lake.startswith("lake: ") and "partitions written" in summary.lake
    return db


def test_ingest_writes_every_raw_table_to_the_lake(warehouse: Path) -> None:
    lake = lake_path(warehouse)
    assert lake == warehouse.with_name("wh.lake")
    assert _lake_counts(lake) == _raw_counts(warehouse)
    assert _lake_counts(lake)["greenhouse_postings"] == 2
    for table in lake_mod.TABLES:
        if table.name != "fetch_log":  # written by `rolegap fetch --ingest` only
            assert (lake / lake_mod.SCHEMAS / f"{table.name}.parquet").exists(), table.name
    # the partition column is the folder, not a file column; sightings carry their snapshot's batch
    part = next((lake / "ingest_sightings").glob("batch_id=*/*.parquet"))
    assert duckdb.sql(f"select * from read_parquet('{part}', hive_partitioning = false)").columns == [
        "snapshot_id",
        "raw_record_id",
    ]


def test_reingest_adds_only_a_batch_row_and_sync_is_idempotent(warehouse: Path) -> None:
    lake = lake_path(warehouse)
    before = _lake_counts(lake)
    again = ingest_paths([FIXTURES], db=warehouse, progress=False)
    assert again.loaded_n == 0 and again.duplicate_n == 8
    after = _lake_counts(lake)
    assert after["ingest_batches"] == before["ingest_batches"] + 1
    assert {k: v for k, v in after.items() if k != "ingest_batches"} == {
        k: v for k, v in before.items() if k != "ingest_batches"
    }
    with duckdb.connect(str(warehouse)) as con:
        assert lake_mod.sync_lake(con, lake).partitions_n == 0


def test_a_batch_the_lake_missed_is_exported_by_the_next_sync(warehouse: Path) -> None:
    lake = lake_path(warehouse)
    table = lake_mod.BY_NAME["lever_postings"]
    [partition] = list((lake / table.name).glob("batch_id=*"))
    shutil.rmtree(partition)  # as if the process was killed before exporting it
    (lake / table.name / ".tmp-deadbeef").mkdir()  # and a half-written export left behind
    assert sum(lake_mod.lake_counts(lake, table).values()) == 0
    with duckdb.connect(str(warehouse)) as con:
        result = lake_mod.sync_lake(con, lake)
    assert result.partitions_n == 1 and result.rows_n == 2
    assert _lake_counts(lake) == _raw_counts(warehouse)


def test_a_batch_is_invisible_to_loaders_until_its_commit_partition_exists(warehouse: Path) -> None:
    lake = lake_path(warehouse)
    [commit] = list((lake / "ingest_batches").glob("batch_id=*"))
    batch = commit.name.split("=", 1)[1]
    shutil.rmtree(commit)
    postings = lake_mod.BY_NAME["greenhouse_postings"]
    assert batch in lake_mod.lake_counts(lake, postings)
    assert lake_mod.committed_partitions(lake, postings) == {}


def test_unsafe_partition_values_are_refused(tmp_path: Path) -> None:
    with pytest.raises(lake_mod.LakeError, match="not a safe folder name"):
        lake_mod.partition_dir(tmp_path, lake_mod.BY_NAME["ingest_batches"], "../x")


def test_spark_settings_match_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rolegap load --target spark` must open the catalog dbt's `spark` target opens."""
    from rolegap.engines.spark_session import spark_conf

    monkeypatch.setenv("ROLEGAP_SPARK_DIR", "/some/where")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals["env_var"] = lambda name, default=None: os.environ.get(name, default)
    env.filters["as_number"] = int
    text = env.from_string((PROJECT_ROOT / "profiles.yml").read_text()).render()
    spark = yaml.safe_load(text)["rolegap"]["outputs"]["spark"]
    assert spark["method"] == "session"
    profile = {k: str(v) for k, v in spark["server_side_parameters"].items()}
    profile["spark.sql.ansi.enabled"] = "false"  # dbt-spark adds it to every session
    assert profile == spark_conf()


# --- Postgres -------------------------------------------------------------------------------------


@pytest.fixture
def cluster():
    pytest.importorskip("psycopg2", reason="Postgres needs requirements-engines.lock (make engines)")
    from rolegap.engines.postgres_cluster import ClusterError, temporary_cluster

    try:
        context = temporary_cluster()
        running = context.__enter__()
    except ClusterError as exc:
        pytest.skip(str(exc))
    yield running
    context.__exit__(None, None, None)
    assert not running.root.exists(), "the cluster's folder is removed after"


def _pg_counts(cluster) -> dict[str, int]:
    import psycopg2

    with psycopg2.connect(cluster.dsn) as con, con.cursor() as cur:
        counts = {}
        for table in lake_mod.TABLES:
            cur.execute("select to_regclass(%s)", (f"raw.{table.name}",))
            if cur.fetchone()[0]:
                cur.execute(f"select count(*) from raw.{table.name}")
                counts[table.name] = int(cur.fetchone()[0])
        return counts


def _load_kwargs(cluster) -> dict:
    return {"host": cluster.host, "port": cluster.port, "user": cluster.user, "dbname": cluster.dbname}


def test_postgres_cluster_listens_on_loopback_only(cluster) -> None:
    import psycopg2

    with psycopg2.connect(cluster.dsn) as con, con.cursor() as cur:
        cur.execute(
            "select current_setting('listen_addresses'), current_setting('port'), "
            "current_setting('unix_socket_directories'), current_setting('TimeZone')"
        )
        assert cur.fetchone() == ("127.0.0.1", str(cluster.port), str(cluster.socket_dir), "UTC")


def test_postgres_load_is_idempotent_and_reconciles(cluster, warehouse: Path, tmp_path: Path) -> None:
    from rolegap.engines.load import load_postgres

    lake = lake_path(warehouse)
    first = load_postgres(lake, _load_kwargs(cluster))
    assert first.batches_n == 1
    expected = {k: v for k, v in _raw_counts(warehouse).items() if v or k in first.table_rows}
    assert _pg_counts(cluster) == {k: v for k, v in expected.items() if k in first.table_rows}
    again = load_postgres(lake, _load_kwargs(cluster))
    assert (again.batches_n, again.rows_n) == (0, 0)
    ingest_paths([_second_batch(tmp_path)], db=warehouse, progress=False)
    third = load_postgres(lake, _load_kwargs(cluster))
    assert third.batches_n == 1
    counts = _pg_counts(cluster)
    assert counts["greenhouse_postings"] == 4 and counts["ingest_batches"] == 2
    assert {k: counts[k] for k in third.table_rows} == {
        k: _raw_counts(warehouse)[k] for k in third.table_rows
    }


def test_postgres_load_of_a_batch_is_atomic(cluster, warehouse: Path, tmp_path: Path) -> None:
    from rolegap.engines.load import LoadError, load_postgres

    lake = lake_path(warehouse)
    load_postgres(lake, _load_kwargs(cluster))
    before = _pg_counts(cluster)
    ingest_paths([_second_batch(tmp_path)], db=warehouse, progress=False)
    # break the new batch's last table (sightings load after postings and snapshots)
    [batch] = [
        p.name
        for p in (lake / "ingest_batches").glob("batch_id=*")
        if p.name not in {f"batch_id={b}" for b in _ledger_batches(cluster)}
    ]
    broken = lake / "ingest_sightings" / batch / lake_mod.PART_FILE
    good = broken.read_bytes()
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"unexpected": ["x"] * 8}), broken)  # a readable file of the wrong shape
    with pytest.raises(LoadError, match="ingest_sightings"):
        load_postgres(lake, _load_kwargs(cluster))
    assert _pg_counts(cluster) == before, "nothing of the failed batch is in Postgres"
    broken.write_bytes(good)
    assert load_postgres(lake, _load_kwargs(cluster)).batches_n == 1
    assert _pg_counts(cluster)["greenhouse_postings"] == 4


def _ledger_batches(cluster) -> set[str]:
    import psycopg2

    with psycopg2.connect(cluster.dsn) as con, con.cursor() as cur:
        cur.execute("select partition_value from raw.lake_loads where table_name = 'ingest_batches'")
        return {row[0] for row in cur.fetchall()}


def test_rolegap_load_cli_catches_the_lake_up_then_loads(cluster, warehouse: Path) -> None:
    lake = lake_path(warehouse)
    shutil.rmtree(lake)  # the lake lost: the CLI writes it again from the warehouse first
    env = {**os.environ, **cluster.env(), "ROLEGAP_DB": str(warehouse), "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "rolegap.cli", "load", "--target", "postgres"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "lake: 7 partitions written" in done.stdout and "1 batches" in done.stdout
    bad = {**env, "ROLEGAP_PG_PORT": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "rolegap.cli", "load", "--target", "postgres"],
        env=bad,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert (
        done.stderr.startswith("load failed: cannot connect to Postgres") and "Traceback" not in done.stderr
    )


# --- Spark ----------------------------------------------------------------------------------------


def test_spark_external_tables_over_the_lake(warehouse: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="Spark needs requirements-engines.lock (make engines)")
    code = (
        "import json, sys\nfrom rolegap.engines.load import load_spark\n"
        "first = load_spark(sys.argv[1]); second = load_spark(sys.argv[1])\n"
        "print(json.dumps([first.batches_n, second.batches_n, first.table_rows]))\n"
    )
    env = {**os.environ, "ROLEGAP_SPARK_DIR": str(tmp_path / "spark"), "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(lake_path(warehouse))],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    first_n, second_n, rows = json.loads(done.stdout.strip().splitlines()[-1])
    assert (first_n, second_n) == (1, 0)
    raw = _raw_counts(warehouse)
    assert rows == {k: raw[k] for k in rows}


def test_cluster_command_runs_with_the_cluster_variables_then_stops_it(tmp_path: Path) -> None:
    """`python -m rolegap.engines.postgres_cluster -- COMMAND` (what `make engines` users can run)."""
    from rolegap.engines.postgres_cluster import ClusterError, find_bin_dir

    try:
        find_bin_dir()
    except ClusterError as exc:
        pytest.skip(str(exc))
    out = tmp_path / "env.txt"
    code = (
        f"import os; open({str(out)!r}, 'w')"
        ".write(os.environ['ROLEGAP_PG_PORT'] + ' ' + os.environ['ROLEGAP_PG_HOST'])"
    )
    done = subprocess.run(
        [sys.executable, "-m", "rolegap.engines.postgres_cluster", "--", sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    port, host = out.read_text().split()
    assert host == "127.0.0.1" and int(port) > 0
    root = done.stderr.split("(", 1)[1].split(")", 1)[0]
    assert not Path(root).exists(), "the cluster's folder is deleted after the command"


def test_cluster_command_help_starts_nothing_and_a_missing_command_is_reported() -> None:
    """`--help` prints usage without a cluster; a missing command exits 127, the cluster still removed."""
    from rolegap.engines.postgres_cluster import ClusterError, find_bin_dir

    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    module = [sys.executable, "-m", "rolegap.engines.postgres_cluster"]
    shown = subprocess.run([*module, "--help"], env=env, capture_output=True, text=True, check=False)
    assert shown.returncode == 0 and "usage:" in shown.stdout
    assert "throwaway cluster on" not in shown.stderr
    try:
        find_bin_dir()
    except ClusterError as exc:
        pytest.skip(str(exc))
    missing = subprocess.run(
        [*module, "--", "rolegap-no-such-command"], env=env, capture_output=True, text=True, check=False
    )
    assert missing.returncode == 127
    assert "cannot run 'rolegap-no-such-command'" in missing.stderr
    assert "Traceback" not in missing.stderr
    root = missing.stderr.split("(", 1)[1].split(")", 1)[0]
    assert not Path(root).exists(), "the cluster's folder is deleted after the failed command"
