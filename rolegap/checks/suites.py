"""The Great Expectations suites: one per warehouse relation, as data.

They hold the domain checks dbt's generic tests express poorly: value shapes (regexes),
plausible ranges, distribution sanity, conditional rules and row-count bounds. Each
`TableSuite` names the relation it validates, the columns it reads (only those are
snapshotted) and its expectations.

The lists the suites check labels against (role families, seniority levels, funnel steps,
markets) are not spelled out here: they are defined once in the dbt project (seeds
role_families, seniority_levels, pipeline_funnel_steps, market_locations; var included_markets)
and read from the built warehouse (`Definitions`, `rolegap.checks.definitions`), so the suites
check what the build used.
"""

from __future__ import annotations

from dataclasses import dataclass

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column, ComparisonCondition, Operator

from rolegap.checks.definitions import Definitions

RAW_TABLES = ("greenhouse_postings", "lever_postings", "ashby_postings", "jsonl_postings")
STAGING_VIEWS = (
    "stg_greenhouse__postings",
    "stg_lever__postings",
    "stg_ashby__postings",
    "stg_jsonl__postings",
)

EXCLUSION_REASONS = ["agency", "out_of_scope_role", "outside_window", "outside_markets"]
SALARY_INTERVALS = ["year", "month", "week", "day", "hour"]
SALARY_SOURCES = ["structured", "salary_text", "description"]
SKILL_GROUPS = ["overlap", "bridging", "falls_away", "other"]

SHA256_HEX = r"^[0-9a-f]{64}$"
MD5_HEX = r"^[0-9a-f]{32}$"
MAX_RAW_ROWS = 20_000_000
MIN_SALARY_USD = 20_000
MAX_SALARY_USD = 2_000_000


@dataclass(frozen=True)
class TableSuite:
    """One relation, the columns read from it and the expectations it must meet.

    `relation` is `schema.table`. `sql`, when set, replaces `select <columns> from <relation>`
    (used for the combined raw row count, which spans the four raw tables).
    """

    name: str
    relation: str
    columns: tuple[str, ...]
    expectations: tuple[gxe.Expectation, ...]
    sql: str | None = None


def _is(column: str, value: bool) -> ComparisonCondition:
    """Row condition `column == value` for a boolean column (GX evaluates it in pandas)."""
    return ComparisonCondition(column=Column(column), operator=Operator.EQUAL, parameter=value)


def _between(column: str, low: float | None, high: float | None) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high)


def _share(column: str) -> gxe.Expectation:
    return _between(column, 0, 1)


def raw_suites(existing: set[str] | None = None) -> list[TableSuite]:
    """Per raw table: key and hash shapes, lineage present; plus the combined row count.

    `existing` (relations present in the warehouse) limits the combined union to tables that exist.
    """
    suites = [
        TableSuite(
            name=f"raw.{table}",
            relation=f"raw.{table}",
            columns=("raw_record_id", "batch_id", "record_index", "fetched_at", "payload_hash", "loaded_at"),
            expectations=(
                gxe.ExpectTableRowCountToBeBetween(min_value=0, max_value=MAX_RAW_ROWS),
                gxe.ExpectColumnValuesToNotBeNull(column="raw_record_id"),
                gxe.ExpectColumnValuesToBeUnique(column="raw_record_id"),
                gxe.ExpectColumnValuesToMatchRegex(column="raw_record_id", regex=SHA256_HEX),
                gxe.ExpectColumnValuesToNotBeNull(column="payload_hash"),
                gxe.ExpectColumnValuesToMatchRegex(column="payload_hash", regex=SHA256_HEX),
                gxe.ExpectColumnValuesToNotBeNull(column="fetched_at"),
                gxe.ExpectColumnValuesToNotBeNull(column="loaded_at"),
                gxe.ExpectColumnValuesToNotBeNull(column="batch_id"),
                gxe.ExpectColumnValuesToNotBeNull(column="record_index"),
                _between("record_index", 0, None),
            ),
        )
        for table in RAW_TABLES
    ]
    present = [t for t in RAW_TABLES if existing is None or f"raw.{t}" in existing]
    union = " union all ".join(f"select '{t}' as raw_table from raw.{t}" for t in present)
    suites.append(
        TableSuite(
            name="raw.all_postings",
            relation="raw.*_postings",
            columns=("raw_table",),
            expectations=(gxe.ExpectTableRowCountToBeBetween(min_value=1, max_value=MAX_RAW_ROWS),),
            sql=union or "select cast(null as varchar) as raw_table where false",
        )
    )
    return suites


def staging_suites() -> list[TableSuite]:
    """Per staging view: the opening key has the md5 shape, titles present, intervals known."""
    return [
        TableSuite(
            name=f"staging.{view}",
            relation=f"staging.{view}",
            columns=(
                "raw_record_id",
                "posting_id",
                "title",
                "fetched_at",
                "salary_interval",
                "salary_currency",
            ),
            expectations=(
                gxe.ExpectColumnValuesToNotBeNull(column="raw_record_id"),
                gxe.ExpectColumnValuesToBeUnique(column="raw_record_id"),
                gxe.ExpectColumnValuesToNotBeNull(column="posting_id"),
                gxe.ExpectColumnValuesToMatchRegex(column="posting_id", regex=MD5_HEX),
                gxe.ExpectColumnValuesToNotBeNull(column="title"),
                gxe.ExpectColumnValuesToNotBeNull(column="fetched_at"),
                gxe.ExpectColumnValuesToBeInSet(column="salary_interval", value_set=SALARY_INTERVALS),
                gxe.ExpectColumnValuesToMatchRegex(column="salary_currency", regex=r"^[A-Z]{3}$"),
            ),
        )
        for view in STAGING_VIEWS
    ]


def postings_suite(definitions: Definitions) -> TableSuite:
    """marts.postings: labels in their sets, plausible USD salaries, scope and exclusion consistent;
    an in-scope opening is in one of the included markets (var included_markets)."""
    return TableSuite(
        name="marts.postings",
        relation="marts.postings",
        columns=(
            "posting_id",
            "market",
            "role_family",
            "seniority",
            "is_in_scope",
            "exclusion_reason",
            "salary_source",
            "salary_currency",
            "salary_interval",
            "salary_min_usd",
            "salary_max_usd",
        ),
        expectations=(
            gxe.ExpectTableRowCountToBeBetween(min_value=1, max_value=MAX_RAW_ROWS),
            gxe.ExpectColumnValuesToNotBeNull(column="posting_id"),
            gxe.ExpectColumnValuesToBeUnique(column="posting_id"),
            gxe.ExpectColumnValuesToMatchRegex(column="posting_id", regex=MD5_HEX),
            gxe.ExpectColumnValuesToNotBeNull(column="market"),
            gxe.ExpectColumnValuesToBeInSet(column="market", value_set=list(definitions.markets)),
            gxe.ExpectColumnValuesToBeInSet(
                column="market",
                value_set=list(definitions.included_markets),
                row_condition=_is("is_in_scope", True),
            ),
            gxe.ExpectColumnValuesToNotBeNull(column="role_family"),
            gxe.ExpectColumnValuesToBeInSet(column="role_family", value_set=list(definitions.role_families)),
            gxe.ExpectColumnValuesToBeInSet(
                column="role_family",
                value_set=list(definitions.analysed_families),
                row_condition=_is("is_in_scope", True),
            ),
            gxe.ExpectColumnValuesToNotBeNull(column="seniority"),
            gxe.ExpectColumnValuesToBeInSet(column="seniority", value_set=list(definitions.seniorities)),
            gxe.ExpectColumnValuesToNotBeNull(column="is_in_scope"),
            gxe.ExpectColumnValuesToBeInSet(column="exclusion_reason", value_set=EXCLUSION_REASONS),
            gxe.ExpectColumnValuesToBeNull(column="exclusion_reason", row_condition=_is("is_in_scope", True)),
            gxe.ExpectColumnValuesToNotBeNull(
                column="exclusion_reason", row_condition=_is("is_in_scope", False)
            ),
            gxe.ExpectColumnValuesToBeInSet(column="salary_source", value_set=SALARY_SOURCES),
            gxe.ExpectColumnValuesToBeInSet(column="salary_interval", value_set=SALARY_INTERVALS),
            _between("salary_min_usd", MIN_SALARY_USD, MAX_SALARY_USD),
            _between("salary_max_usd", MIN_SALARY_USD, MAX_SALARY_USD),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="salary_max_usd",
                column_B="salary_min_usd",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            # USD columns are only filled for USD pay (never converted).
            gxe.ExpectColumnValuesToBeNull(
                column="salary_min_usd", row_condition=Column("salary_currency") != "USD"
            ),
        ),
    )


def skill_gap_suite() -> TableSuite:
    """marts.skill_gap: every share and bound a fraction, groups known, the whole taxonomy listed."""
    share_columns = (
        "ds_share",
        "ds_share_lower",
        "ds_share_upper",
        "mle_share",
        "mle_share_lower",
        "mle_share_upper",
    )
    return TableSuite(
        name="marts.skill_gap",
        relation="marts.skill_gap",
        columns=("skill", "skill_group", "ds_sample_n", "mle_sample_n", *share_columns),
        expectations=(
            gxe.ExpectTableRowCountToBeBetween(min_value=150),
            gxe.ExpectColumnValuesToNotBeNull(column="skill"),
            gxe.ExpectColumnValuesToBeUnique(column="skill"),
            gxe.ExpectColumnValuesToNotBeNull(column="skill_group"),
            gxe.ExpectColumnValuesToBeInSet(column="skill_group", value_set=SKILL_GROUPS),
            *(_share(column) for column in share_columns),
            _between("ds_sample_n", 0, None),
            _between("mle_sample_n", 0, None),
        ),
    )


def salary_bands_suite(definitions: Definitions) -> TableSuite:
    """marts.salary_bands: one row per analysed family, ordered bands, a plausible MLE midpoint."""
    return TableSuite(
        name="marts.salary_bands",
        relation="marts.salary_bands",
        columns=("role_family", "salary_sample_n", "min_p50_usd", "max_p50_usd", "midpoint_usd"),
        expectations=(
            gxe.ExpectTableRowCountToEqual(value=len(definitions.analysed_families)),
            gxe.ExpectColumnValuesToBeInSet(
                column="role_family", value_set=list(definitions.analysed_families)
            ),
            gxe.ExpectColumnValuesToBeUnique(column="role_family"),
            _between("salary_sample_n", 0, None),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="max_p50_usd",
                column_B="min_p50_usd",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            _between("min_p50_usd", MIN_SALARY_USD, MAX_SALARY_USD),
            _between("max_p50_usd", MIN_SALARY_USD, MAX_SALARY_USD),
            gxe.ExpectColumnMedianToBeBetween(
                column="midpoint_usd",
                min_value=100_000,
                max_value=500_000,
                row_condition=Column("role_family") == "ml_engineer",
            ),
        ),
    )


def role_volume_suite(definitions: Definitions) -> TableSuite:
    """marts.role_volume: exactly the analysed families, each with openings, startup share a fraction."""
    return TableSuite(
        name="marts.role_volume",
        relation="marts.role_volume",
        columns=("role_family", "openings_n", "roles_n", "startup_share"),
        expectations=(
            gxe.ExpectTableRowCountToEqual(value=len(definitions.analysed_families)),
            gxe.ExpectColumnValuesToBeInSet(
                column="role_family", value_set=list(definitions.analysed_families)
            ),
            gxe.ExpectColumnValuesToBeUnique(column="role_family"),
            gxe.ExpectColumnValuesToNotBeNull(column="openings_n"),
            _between("openings_n", 1, None),
            _between("roles_n", 1, None),
            _share("startup_share"),
        ),
    )


def pipeline_funnel_suite(definitions: Definitions) -> TableSuite:
    """marts.pipeline_funnel: the steps of seed pipeline_funnel_steps, once each, non-negative counts."""
    return TableSuite(
        name="marts.pipeline_funnel",
        relation="marts.pipeline_funnel",
        columns=("step_order", "step", "records_n"),
        expectations=(
            gxe.ExpectTableRowCountToEqual(value=len(definitions.funnel_steps)),
            gxe.ExpectColumnValuesToNotBeNull(column="step"),
            gxe.ExpectColumnValuesToBeUnique(column="step"),
            gxe.ExpectColumnValuesToBeInSet(column="step", value_set=list(definitions.funnel_steps)),
            gxe.ExpectColumnValuesToBeUnique(column="step_order"),
            gxe.ExpectColumnValuesToNotBeNull(column="records_n"),
            _between("records_n", 0, None),
            # Something was read: an empty funnel means the build ran on an empty warehouse.
            gxe.ExpectColumnValuesToBeBetween(
                column="records_n", min_value=1, row_condition=Column("step") == "raw_records"
            ),
        ),
    )


def reproduction_suite(reference_corpus: bool) -> TableSuite:
    """marts.reproduction: figures listed and computed; all reproduced on the reference corpus."""
    expectations: list[gxe.Expectation] = [
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectColumnValuesToNotBeNull(column="figure_id"),
        gxe.ExpectColumnValuesToBeUnique(column="figure_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="is_reproduced"),
    ]
    if reference_corpus:
        expectations += [
            gxe.ExpectColumnValuesToNotBeNull(column="computed_value"),
            gxe.ExpectColumnValuesToBeInSet(column="is_reproduced", value_set=[True]),
        ]
    return TableSuite(
        name="marts.reproduction",
        relation="marts.reproduction",
        columns=("figure_id", "computed_value", "is_reproduced"),
        expectations=tuple(expectations),
    )


def all_suites(
    definitions: Definitions, reference_corpus: bool = False, existing: set[str] | None = None
) -> list[TableSuite]:
    """Every suite, raw to marts, in the order the data flows, checking against `definitions`."""
    return [
        *raw_suites(existing),
        *staging_suites(),
        postings_suite(definitions),
        skill_gap_suite(),
        salary_bands_suite(definitions),
        role_volume_suite(definitions),
        pipeline_funnel_suite(definitions),
        reproduction_suite(reference_corpus),
    ]
