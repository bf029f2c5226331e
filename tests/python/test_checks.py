"""The Great Expectations checkpoint passes a clean warehouse and fails, naming table, column and
expectation, on each kind of violation. Warehouses are small DuckDB fixtures built here."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from rolegap.checks import run_checks
from rolegap.checks.result import CheckResult
from rolegap.checks.suites import RAW_TABLES, STAGING_VIEWS

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"
# The seeds holding the lists the suites read, loaded as dbt seed loads them.
LIST_SEEDS = ("role_families", "seniority_levels", "pipeline_funnel_steps", "market_locations")
FUNNEL_STEPS = [
    row[0]
    for row in duckdb.sql(
        f"select step from read_csv('{SEEDS / 'pipeline_funnel_steps.csv'}') order by step_order"
    ).fetchall()
]
INCLUDED_MARKETS = yaml.safe_load((PROJECT / "dbt_project.yml").read_text())["vars"]["included_markets"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def build_warehouse(db: Path, reproduced: bool = True) -> None:
    """A tiny warehouse with every relation and column the suites read, all of it valid."""
    con = duckdb.connect(str(db))
    for schema in ("raw", "staging", "marts", "seeds", "intermediate"):
        con.execute(f"create schema {schema}")
    for seed in LIST_SEEDS:
        con.execute(f"create table seeds.{seed} as select * from read_csv('{SEEDS / (seed + '.csv')}')")
    markets = ", ".join(f"'{market}'" for market in INCLUDED_MARKETS)
    con.execute(
        f"create table intermediate.int_analysis_window as select [{markets}]::varchar[] as included_markets"
    )
    for table in RAW_TABLES:
        con.execute(
            f"create table raw.{table} (raw_record_id varchar, batch_id varchar, record_index integer, "
            "fetched_at timestamp, payload_hash varchar, loaded_at timestamp)"
        )
    con.executemany(
        "insert into raw.greenhouse_postings values (?, 'b1', ?, timestamp '2026-01-05', ?, now())",
        [(_sha(f"r{i}"), i, _sha(f"p{i}")) for i in range(3)],
    )
    for view in STAGING_VIEWS:
        source = view.removeprefix("stg_").removesuffix("__postings")
        con.execute(
            f"create view staging.{view} as select raw_record_id, "
            f"md5('{source}:' || raw_record_id) as posting_id, "
            "'Data Scientist' as title, fetched_at, 'year' as salary_interval, 'USD' as salary_currency "
            f"from raw.{source}_postings"
        )
    con.execute(
        "create table marts.postings (posting_id varchar, market varchar, role_family varchar, "
        "seniority varchar, "
        "is_in_scope boolean, exclusion_reason varchar, salary_source varchar, salary_currency varchar, "
        "salary_interval varchar, salary_min_usd double, salary_max_usd double)"
    )
    con.executemany(
        "insert into marts.postings values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                _md5("1"),
                "new_york",
                "ml_engineer",
                "senior",
                True,
                None,
                "structured",
                "USD",
                "year",
                180e3,
                240e3,
            ),
            (
                _md5("2"),
                "london",
                "data_scientist",
                "mid",
                True,
                None,
                "salary_text",
                "GBP",
                "year",
                None,
                None,
            ),
            (_md5("3"), "other", "other", "junior", False, "out_of_scope_role", None, None, None, None, None),
        ],
    )
    con.execute(
        "create table marts.skill_gap as select 'skill_' || i as skill, "
        "['overlap', 'bridging', 'falls_away', 'other'][1 + i % 4] as skill_group, "
        "100 as ds_sample_n, 120 as mle_sample_n, 0.1 as ds_share, 0.05 as ds_share_lower, "
        "0.2 as ds_share_upper, 0.3 as mle_share, 0.2 as mle_share_lower, 0.4 as mle_share_upper "
        "from range(160) as t(i)"
    )
    con.execute(
        "create table marts.salary_bands as select * from (values "
        "('data_scientist', 80, 167000.0, 236000.0, 201500.0), "
        "('ml_engineer', 90, 193000.0, 255000.0, 224000.0)) "
        "as t(role_family, salary_sample_n, min_p50_usd, max_p50_usd, midpoint_usd)"
    )
    con.execute(
        "create table marts.role_volume as select * from (values "
        "('data_scientist', 400, 350, 0.2), ('ml_engineer', 600, 520, 0.3)) "
        "as t(role_family, openings_n, roles_n, startup_share)"
    )
    con.execute("create table marts.pipeline_funnel (step_order integer, step varchar, records_n hugeint)")
    con.executemany(
        "insert into marts.pipeline_funnel values (?, ?, ?)",
        [(i + 1, step, 100 - i) for i, step in enumerate(FUNNEL_STEPS)],
    )
    con.execute(
        "create table marts.reproduction (figure_id varchar, computed_value double, is_reproduced boolean)"
    )
    con.executemany(
        "insert into marts.reproduction values (?, ?, ?)",
        [("sql_ds", 85.0, True), ("sql_mle", 19.0, reproduced)],
    )
    con.close()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "wh.duckdb"
    build_warehouse(db)
    return db


def _break(db: Path, sql: str) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute(sql)


def _check(db: Path, tmp_path: Path, reference_corpus: bool = False) -> CheckResult:
    return run_checks(db=db, docs_dir=tmp_path / "docs", reference_corpus=reference_corpus)


def test_clean_warehouse_passes_and_writes_docs_and_summary(warehouse: Path, tmp_path: Path) -> None:
    result = _check(warehouse, tmp_path, reference_corpus=True)
    assert result.success, result.describe()
    assert result.docs_index is not None and result.docs_index.is_file()
    assert str(result.docs_index) in result.describe()
    assert "open offline" in result.describe()
    pages = list((tmp_path / "docs").rglob("*.html"))
    assert pages
    for page in pages:  # every script and stylesheet is local (links to docs sites may stay)
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""\bsrc=["']https?://""", html), page
        assert not re.search(r"""<link[^>]+href=["']https?://""", html), page
    assert (tmp_path / "docs" / "static" / "vendor" / "jquery" / "dist" / "jquery.min.js").is_file()
    summary = json.loads((tmp_path / "docs" / "gx_summary.json").read_text())
    assert summary["success"] is True
    assert summary["failures"] == []
    suites = {suite["suite"] for suite in summary["suites"]}
    assert {"raw.greenhouse_postings", "staging.stg_lever__postings", "marts.postings"} <= suites
    assert {"marts.skill_gap", "marts.salary_bands", "marts.role_volume"} <= suites
    assert {"marts.pipeline_funnel", "marts.reproduction", "raw.all_postings"} <= suites
    assert summary["expectations_evaluated"] >= 100
    assert all(suite["expectations_n"] > 0 for suite in summary["suites"])


def test_every_expectation_is_really_evaluated(warehouse: Path, tmp_path: Path) -> None:
    """No silently empty metric: each result carries an observed value or element counts."""
    from rolegap.checks import runner

    seen: list[dict] = []
    original = runner._evaluation_problem

    def spy(result):  # type: ignore[no-untyped-def]
        seen.append(dict(result.result or {}))
        return original(result)

    runner._evaluation_problem = spy
    try:
        result = _check(warehouse, tmp_path)
    finally:
        runner._evaluation_problem = original
    assert result.success, result.describe()
    assert len(seen) == result.expectations_evaluated
    assert all("observed_value" in detail or "element_count" in detail for detail in seen)


# (statement that breaks the fixture, table, column, expectation that must report it)
Violation = tuple[str, str, str, str]

MARKET_OUT_OF_SET: Violation = (
    "update marts.postings set market = 'mars' where posting_id = md5('3')",
    "marts.postings",
    "market",
    "expect_column_values_to_be_in_set",
)
SALARY_OF_FIVE_DOLLARS: Violation = (
    "update marts.postings set salary_min_usd = 5 where posting_id = md5('1')",
    "marts.postings",
    "salary_min_usd",
    "expect_column_values_to_be_between",
)
SHARE_ABOVE_ONE: Violation = (
    "update marts.skill_gap set mle_share = 1.3 where skill = 'skill_7'",
    "marts.skill_gap",
    "mle_share",
    "expect_column_values_to_be_between",
)
MART_MISSING: Violation = ("drop table marts.role_volume", "marts.role_volume", "", "relation_exists")
RAW_EMPTY: Violation = (
    "delete from raw.greenhouse_postings",
    "raw.*_postings",
    "",
    "expect_table_row_count_to_be_between",
)

# Independent of each other: applied together, each must still be reported.
OTHER_VIOLATIONS: list[Violation] = [
    (
        "update marts.postings set exclusion_reason = 'agency' where posting_id = md5('2')",
        "marts.postings",
        "exclusion_reason",
        "expect_column_values_to_be_null",
    ),
    (
        "update marts.postings set exclusion_reason = null where posting_id = md5('3')",
        "marts.postings",
        "exclusion_reason",
        "expect_column_values_to_not_be_null",
    ),
    (
        "insert into marts.postings values (md5('4'), 'denver', 'ml_engineer', 'staff_principal', "
        "true, null, "
        "'description', 'USD', 'year', 200000, 150000)",
        "marts.postings",
        "salary_max_usd,salary_min_usd",
        "expect_column_pair_values_a_to_be_greater_than_b",
    ),
    (
        "update marts.postings set salary_min_usd = 90000 where posting_id = md5('2')",
        "marts.postings",
        "salary_min_usd",
        "expect_column_values_to_be_null",
    ),
    (
        "alter table marts.postings drop column seniority",
        "marts.postings",
        "seniority",
        "expect_column_values_to_be_in_set",
    ),
    (
        "update marts.skill_gap set skill_group = 'maybe' where skill = 'skill_8'",
        "marts.skill_gap",
        "skill_group",
        "expect_column_values_to_be_in_set",
    ),
    (
        "delete from marts.skill_gap where skill like 'skill_1%'",
        "marts.skill_gap",
        "",
        "expect_table_row_count_to_be_between",
    ),
    (
        "update marts.salary_bands set midpoint_usd = 50000 where role_family = 'ml_engineer'",
        "marts.salary_bands",
        "midpoint_usd",
        "expect_column_median_to_be_between",
    ),
    (
        "update marts.salary_bands set min_p50_usd = 300000 where role_family = 'data_scientist'",
        "marts.salary_bands",
        "max_p50_usd,min_p50_usd",
        "expect_column_pair_values_a_to_be_greater_than_b",
    ),
    (
        "insert into marts.role_volume values ('other', 3, 3, 0.0)",
        "marts.role_volume",
        "",
        "expect_table_row_count_to_equal",
    ),
    (
        "update marts.role_volume set openings_n = 0 where role_family = 'ml_engineer'",
        "marts.role_volume",
        "openings_n",
        "expect_column_values_to_be_between",
    ),
    (
        "update raw.greenhouse_postings set payload_hash = 'not-a-hash' where record_index = 1",
        "raw.greenhouse_postings",
        "payload_hash",
        "expect_column_values_to_match_regex",
    ),
    (
        "update raw.greenhouse_postings set record_index = -1 where record_index = 2",
        "raw.greenhouse_postings",
        "record_index",
        "expect_column_values_to_be_between",
    ),
    (
        "update raw.greenhouse_postings set fetched_at = null where record_index = 0",
        "raw.greenhouse_postings",
        "fetched_at",
        "expect_column_values_to_not_be_null",
    ),
    (
        "create or replace view staging.stg_greenhouse__postings as select raw_record_id, "
        "'XYZ' as posting_id, null as title, fetched_at, 'fortnight' as salary_interval, "
        "'USD' as salary_currency from raw.greenhouse_postings",
        "staging.stg_greenhouse__postings",
        "posting_id",
        "expect_column_values_to_match_regex",
    ),
    (
        "select 1",  # the same broken view: titles missing
        "staging.stg_greenhouse__postings",
        "title",
        "expect_column_values_to_not_be_null",
    ),
    (
        "select 1",  # the same broken view: an unknown pay interval
        "staging.stg_greenhouse__postings",
        "salary_interval",
        "expect_column_values_to_be_in_set",
    ),
    (
        "update marts.pipeline_funnel set step = 'teleported' where step = 'rejected'",
        "marts.pipeline_funnel",
        "step",
        "expect_column_values_to_be_in_set",
    ),
]


def _assert_reported(result: CheckResult, summary_path: Path, violation: Violation) -> None:
    _, table, column, expectation = violation
    matching = [
        f
        for f in result.failures
        if f.table == table and (f.column or "") == column and f.expectation == expectation
    ]
    assert matching, f"{violation} not reported:\n{result.describe()}"
    where = f"{table}.{column}" if column else table
    assert f"FAIL {where} {expectation}" in result.describe()
    summary = json.loads(summary_path.read_text())
    assert summary["success"] is False
    assert any(
        f["table"] == table and (f["column"] or "") == column and f["expectation"] == expectation
        for f in summary["failures"]
    )


@pytest.mark.parametrize(
    "violation",
    [MARKET_OUT_OF_SET, SALARY_OF_FIVE_DOLLARS, SHARE_ABOVE_ONE, MART_MISSING, RAW_EMPTY],
    ids=["market_out_of_set", "salary_of_5_usd", "share_of_1.3", "mart_missing", "raw_empty"],
)
def test_single_violation_fails_naming_table_column_expectation(
    warehouse: Path, tmp_path: Path, violation: Violation
) -> None:
    _break(warehouse, violation[0])
    result = run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    assert not result.success
    _assert_reported(result, tmp_path / "docs" / "gx_summary.json", violation)
    assert len(result.failures) == 1, result.describe()


def test_each_of_many_violations_is_reported(warehouse: Path, tmp_path: Path) -> None:
    violations = [MARKET_OUT_OF_SET, SALARY_OF_FIVE_DOLLARS, SHARE_ABOVE_ONE, *OTHER_VIOLATIONS]
    for violation in violations:
        _break(warehouse, violation[0])
    result = run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    assert not result.success
    for violation in violations:
        _assert_reported(result, tmp_path / "docs" / "gx_summary.json", violation)
    assert "5.0" in result.describe()  # the offending value is shown
    assert "1.3" in result.describe()
    assert "'mars'" in result.describe()


def test_lists_come_from_the_warehouse_not_the_suites(warehouse: Path, tmp_path: Path) -> None:
    """The label sets are the build's: seeds role_families / seniority_levels /
    pipeline_funnel_steps and var included_markets (int_analysis_window). Change them in the
    warehouse and the same marts pass or fail accordingly."""
    _break(warehouse, "update intermediate.int_analysis_window set included_markets = ['new_york']")
    _break(warehouse, "delete from seeds.seniority_levels where seniority = 'junior'")
    _break(warehouse, "insert into seeds.role_families values ('analyst', true, 'a third family')")
    _break(warehouse, "delete from seeds.pipeline_funnel_steps where step = 'rejected'")
    result = run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    assert not result.success
    found = {(f.table, f.column, f.expectation) for f in result.failures}
    # london is in scope but no longer an included market
    in_scope_market = [
        f for f in result.failures if f.column == "market" and "rows where is_in_scope" in f.message
    ]
    assert in_scope_market and "'london'" in in_scope_market[0].message, result.describe()
    assert ("marts.postings", "seniority", "expect_column_values_to_be_in_set") in found
    assert ("marts.role_volume", None, "expect_table_row_count_to_equal") in found
    assert ("marts.salary_bands", None, "expect_table_row_count_to_equal") in found
    assert ("marts.pipeline_funnel", "step", "expect_column_values_to_be_in_set") in found
    assert ("marts.pipeline_funnel", None, "expect_table_row_count_to_equal") in found
    assert len(result.failures) == 6, result.describe()


def test_in_scope_other_role_fails_the_analysed_families(warehouse: Path, tmp_path: Path) -> None:
    _break(
        warehouse,
        "update marts.postings set is_in_scope = true, exclusion_reason = null where posting_id = md5('3')",
    )
    result = run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    messages = [f.message for f in result.failures if f.column == "role_family"]
    assert len(messages) == 1 and "'other'" in messages[0] and "is_in_scope" in messages[0], result.describe()


def test_missing_list_seed_fails_with_a_clear_message(warehouse: Path, tmp_path: Path) -> None:
    _break(warehouse, "drop table seeds.role_families")
    result = run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    assert not result.success
    (failure,) = result.failures
    assert failure.expectation == "definitions_readable"
    assert "seeds.role_families cannot be read" in failure.message and "make build" in failure.message


def test_unreproduced_figure_fails_only_with_reference_flag(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    build_warehouse(db, reproduced=False)
    assert _check(db, tmp_path / "plain").success
    result = _check(db, tmp_path / "reference", reference_corpus=True)
    assert not result.success
    (failure,) = result.failures
    assert (failure.table, failure.column, failure.expectation) == (
        "marts.reproduction",
        "is_reproduced",
        "expect_column_values_to_be_in_set",
    )
    assert "1 of 2 values unexpected" in failure.message


def test_missing_warehouse_fails_with_a_clear_message(tmp_path: Path) -> None:
    result = _check(tmp_path / "nowhere.duckdb", tmp_path)
    assert not result.success
    assert "does not exist" in result.describe()


def test_locked_warehouse_fails_with_a_clear_message(warehouse: Path, tmp_path: Path) -> None:
    """While a writer (dbt) holds the file, the checks say so instead of crashing."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); "
            "print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = _check(warehouse, tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert not result.success
    assert "cannot be opened read-only" in result.describe()


def test_checks_leave_the_warehouse_unchanged_and_unlocked(warehouse: Path, tmp_path: Path) -> None:
    before = warehouse.read_bytes()
    run_checks(db=warehouse, docs_dir=tmp_path / "docs", data_docs=False)
    assert warehouse.read_bytes() == before
    with duckdb.connect(str(warehouse)) as con:  # a writer can open it right after
        con.execute("select 1")
