"""The cross-engine mart comparison (rolegap.engines.compare), the porting survey's scan
(rolegap.engines.survey) and `make engines`' last line (rolegap.engines.run)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from rolegap.engines import survey
from rolegap.engines.compare import diff_snapshots
from rolegap.engines.run import EngineRun, Step, final_line, first_failure, reproduced_figures


def _write(folder: Path, name: str, sql: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    duckdb.sql(f"copy ({sql}) to '{folder / (name + '.parquet')}' (format parquet)")


@pytest.fixture
def duck(tmp_path: Path) -> Path:
    folder = tmp_path / "duckdb"
    _write(
        folder,
        "shares",
        "select * from (values ('sql', 0.851162790697674, 430, ['a', 'b'], "
        "timestamp '2026-01-01 00:00:00'), ('go', null, 12, [], null)) as t (skill, share, n, "
        "tags, seen_at)",
    )
    return folder


def test_types_of_another_engine_compare_by_family(duck: Path, tmp_path: Path) -> None:
    other = tmp_path / "postgres"
    # numeric instead of double, int64 instead of int32, rows in another order, float noise below 1e-9
    _write(
        other,
        "shares",
        "select * from (values ('go', null::decimal(18, 15), 12::bigint, []::varchar[], "
        "null::timestamptz), ('sql', 0.8511627906976745::decimal(18, 16), 430::bigint, "
        "['a', 'b'], timestamptz '2026-01-01 00:00:00+00')) as t (skill, share, n, tags, seen_at)",
    )
    diff = diff_snapshots(duck, other, across_engines=True)
    assert diff.differing == [], diff.lines()
    assert diff_snapshots(duck, other).differing == ["shares"]  # within one engine types must match


def test_a_changed_value_or_a_missing_mart_differs(duck: Path, tmp_path: Path) -> None:
    other = tmp_path / "spark"
    _write(
        other,
        "shares",
        "select * from (values ('sql', 0.8512, 430, ['a', 'b'], timestamp '2026-01-01'), "
        "('go', null, 12, [], null)) as t (skill, share, n, tags, seen_at)",
    )
    _write(other, "extra", "select 1 as x")
    diff = diff_snapshots(duck, other, across_engines=True)
    assert diff.relations == {"extra": "new (not in before)", "shares": "1 rows differ"}
    assert diff.lines()[-1] == "2 of 2 mart relations differ: extra, shares"


def test_scan_counts_duckdb_constructs_and_skips_ported_bodies(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "macros").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "models" / "m.sql").write_text(
        "-- arg_min( in a comment does not count\n"
        "select arg_min(a, b), {{ median('x') }}, try_cast(y as double)\n"
        "from t group by all\n"
    )
    (tmp_path / "macros" / "ported.sql").write_text(
        "{% macro default__f(x) %}arg_min({{ x }}, 1){% endmacro %}\n"
        "{% macro postgres__f(x) %}min({{ x }}){% endmacro %}\n"
        "{% macro spark__f(x) %}min_by({{ x }}, 1){% endmacro %}\n"
    )
    (tmp_path / "macros" / "unported.sql").write_text(
        "{% macro default__g(x) %}any_value({{ x }}){% endmacro %}\n"
    )
    (tmp_path / "seeds" / "rules.csv").write_text("pattern\n\\bml\\b\n(?i:python)\n")
    found = survey.scan(tmp_path)
    assert found["models/m.sql"] == {
        "arg_min / arg_max": 1,
        "try_cast": 1,
        "group by all": 1,
        "DuckDB types: varchar / double / json / list types in SQL": 1,
    }
    assert "macros/ported.sql" not in found
    assert found["macros/unported.sql"] == {"any_value": 1}
    assert found["seeds/rules.csv"] == {
        "seed regex: \\b word boundary": 2,
        "seed regex: inline flags (?i) / (?i:...)": 1,
    }
    table = survey.markdown(found)
    assert "| arg_min / arg_max | 1 | 1 |" in table and "| **total** | **8** | **3** |" in table


def test_final_line_names_every_engine() -> None:
    ok = [EngineRun("duckdb", marts_n=21), EngineRun("postgres", marts_n=21), EngineRun("spark", marts_n=21)]
    assert final_line(ok) == "engines: duckdb, postgres, spark: all 21 marts identical (floats to 1e-9)"
    failed = EngineRun(
        "spark", [Step("seed", 30.0, 200.0, 1, "Done. PASS=3 WARN=0 ERROR=8 SKIP=0")], failed="seed"
    )
    differs = EngineRun("postgres", marts_n=21, differing=["skill_gap"])
    assert final_line([ok[0], differs, failed]) == (
        "engines: duckdb built (21 marts: the reference); postgres DIFFERS in 1 of 21 marts; "
        "spark FAILED at seed (Done. PASS=3 WARN=0 ERROR=8 SKIP=0)"
    )


def test_final_line_counts_the_articles_figures_on_each_engine() -> None:
    runs = [EngineRun(engine, marts_n=21, reproduced=(60, 60)) for engine in ("duckdb", "postgres", "spark")]
    assert final_line(runs) == (
        "engines: duckdb, postgres, spark: all 21 marts identical (floats to 1e-9); "
        "the article reproduced 60 of 60 on each"
    )
    failed = EngineRun(
        "postgres",
        [
            Step("build", 9.0, 80.0, 1, "Done. PASS=1 WARN=0 ERROR=1 SKIP=3", "stg_lever__postings (syntax)")
        ],
        failed="build",
    )
    assert final_line([runs[0], failed]) == (
        "engines: duckdb built (21 marts: the reference); postgres FAILED at build "
        "(Done. PASS=1 WARN=0 ERROR=1 SKIP=3; first failure: stg_lever__postings (syntax)); "
        "the article reproduced 60 of 60 on duckdb"
    )


def test_first_failure_names_the_node_and_what_went_wrong(tmp_path: Path) -> None:
    results = tmp_path / "run_results.json"
    assert first_failure(results) == ""  # dbt stopped before writing it
    results.write_text(
        json.dumps(
            {
                "results": [
                    {"unique_id": "model.rolegap.skills", "status": "success", "message": "OK"},
                    {
                        "unique_id": "model.rolegap.stg_lever__postings",
                        "status": "error",
                        "message": "Database Error in model stg_lever__postings (models/x.sql)\n"
                        '  syntax error at or near "["\n  LINE 3: ...',
                    },
                    {"unique_id": "test.rolegap.trend_months_are_complete", "status": "fail", "message": "1"},
                    {"unique_id": "model.rolegap.roles", "status": "skipped", "message": None},
                ]
            }
        )
    )
    assert first_failure(results) == 'stg_lever__postings (syntax error at or near "[", 1 more)'


def test_reproduced_figures_counts_the_reproduction_mart(tmp_path: Path) -> None:
    assert reproduced_figures(tmp_path) is None
    _write(tmp_path, "reproduction", "select * from (values (true), (false), (true)) as t (is_reproduced)")
    assert reproduced_figures(tmp_path) == (2, 3)


def test_probe_creates_relations_in_each_engines_types() -> None:
    from rolegap.engines import probe

    relations = {
        ("seeds", "skills"): [probe.Column("skill", "VARCHAR")],
        ("marts", "skill_gap"): [
            probe.Column("gap_pts", "DOUBLE"),
            probe.Column("tags", "VARCHAR[]"),
            probe.Column("n", "DECIMAL(18,3)"),
            probe.Column("at", "TIMESTAMP WITH TIME ZONE"),
            probe.Column("s", "STRUCT(a INTEGER)"),
        ],
    }
    pg = probe.empty_relation_ddl(relations, "postgres")
    assert 'create table if not exists "seeds"."skills" ("skill" text)' in pg  # a loaded seed is kept
    assert (
        'create table "marts"."skill_gap" ("gap_pts" double precision, "tags" text[], "n" numeric(18,3), '
        '"at" timestamptz, "s" jsonb)'
    ) in pg
    drop = pg.index('drop table if exists "marts"."skill_gap"')
    assert pg[drop + 1].startswith('create table "marts"."skill_gap"')
    spark = probe.empty_relation_ddl(relations, "spark")
    assert (
        "create table `marts`.`skill_gap` (`gap_pts` double, `tags` array<string>, `n` decimal(18,3), "
        "`at` timestamp, `s` string)"
    ) in spark


def test_steps_are_timed_with_the_peak_memory_of_their_process_tree(tmp_path: Path) -> None:
    import os
    import sys

    from rolegap.engines.run import timed

    code = "import time; x = bytearray(150 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096]); time.sleep(1)"
    step = timed("alloc", [sys.executable, "-c", code], dict(os.environ), tmp_path / "alloc.log")
    assert step.returncode == 0 and step.seconds >= 1
    assert step.peak_mb >= 150, step
    failed = timed(
        "fail",
        [sys.executable, "-c", "raise SystemExit('no such corpus')"],
        dict(os.environ),
        tmp_path / "fail.log",
    )
    assert failed.returncode == 1 and failed.summary == "no such corpus"
