"""Typed rows read from the marts (read-only; nothing outside the ``marts`` schema)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

# Every table and column the report reads (the marts contract: models/marts/entities/ and analysis/).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "skill_gap": (
        "skill",
        "display_name",
        "skill_group",
        "ds_sample_n",
        "ds_share",
        "ds_share_lower",
        "ds_share_upper",
        "mle_sample_n",
        "mle_share",
        "mle_share_lower",
        "mle_share_upper",
        "gap_pts",
        "is_gap_significant",
    ),
    "seniority_mix": (
        "role_family",
        "seniority",
        "seniority_rank",
        "openings_n",
        "family_openings_n",
        "share",
        "share_lower",
        "share_upper",
        "is_below_min_sample",
    ),
    "industry_mix": (
        "role_family",
        "industry",
        "openings_n",
        "family_openings_n",
        "share",
        "share_lower",
        "share_upper",
    ),
    "salary_bands": (
        "role_family",
        "salary_sample_n",
        "min_p50_usd",
        "max_p50_usd",
        "midpoint_usd",
        "is_below_min_sample",
    ),
    "role_volume": (
        "role_family",
        "openings_n",
        "roles_n",
        "skills_sample_n",
        "salary_sample_n",
        "startup_share",
        "startup_share_lower",
        "startup_share_upper",
    ),
    "pipeline_funnel": ("step_order", "step", "step_description", "records_n"),
    "reproduction": (
        "figure_id",
        "metric",
        "role_family",
        "dimension",
        "unit",
        "comparison",
        "published_value",
        "tolerance",
        "computed_value",
        "difference",
        "is_reproduced",
        "source_sentence",
    ),
    "postings": ("posting_id", "title", "company", "market", "posted_date", "exclusion_reason"),
}

EXAMPLES_PER_REASON = 5


class ReportError(Exception):
    """The warehouse cannot be reported on (missing file, table or column); the message says which."""


@dataclass(frozen=True)
class SkillRow:
    skill: str
    display_name: str
    skill_group: str
    ds_sample_n: int | None
    ds_share: float | None
    ds_share_lower: float | None
    ds_share_upper: float | None
    mle_sample_n: int | None
    mle_share: float | None
    mle_share_lower: float | None
    mle_share_upper: float | None
    gap_pts: float | None
    is_gap_significant: bool | None


@dataclass(frozen=True)
class MixRow:
    """One row of seniority_mix (dimension = seniority) or industry_mix (dimension = industry)."""

    role_family: str
    dimension: str
    rank: int
    openings_n: int
    family_openings_n: int
    share: float | None
    share_lower: float | None
    share_upper: float | None


@dataclass(frozen=True)
class SalaryBand:
    role_family: str
    salary_sample_n: int
    min_p50_usd: float | None
    max_p50_usd: float | None
    midpoint_usd: float | None
    is_below_min_sample: bool

    @property
    def is_published(self) -> bool:
        return not self.is_below_min_sample and None not in (self.min_p50_usd, self.max_p50_usd)


@dataclass(frozen=True)
class RoleVolume:
    role_family: str
    openings_n: int
    roles_n: int
    skills_sample_n: int
    salary_sample_n: int
    startup_share: float | None
    startup_share_lower: float | None
    startup_share_upper: float | None


@dataclass(frozen=True)
class FunnelStep:
    step_order: int
    step: str
    step_description: str
    records_n: int


@dataclass(frozen=True)
class ReproductionRow:
    figure_id: str
    metric: str
    role_family: str
    dimension: str
    unit: str
    comparison: str
    published_value: float | None
    tolerance: float | None
    computed_value: float | None
    difference: float | None
    is_reproduced: bool | None
    source_sentence: str


@dataclass(frozen=True)
class ExcludedExample:
    exclusion_reason: str
    title: str | None
    company: str | None
    market: str | None
    posted_date: str | None


@dataclass(frozen=True)
class ReportData:
    skills: list[SkillRow]
    seniority: list[MixRow]
    industry: list[MixRow]
    salary: list[SalaryBand]
    volume: list[RoleVolume]
    funnel: list[FunnelStep]
    reproduction: list[ReproductionRow]
    excluded_examples: list[ExcludedExample]
    excluded_counts: dict[str, int]
    table_rows: dict[str, int]

    def volume_of(self, role_family: str) -> RoleVolume | None:
        return next((v for v in self.volume if v.role_family == role_family), None)

    def salary_of(self, role_family: str) -> SalaryBand | None:
        return next((s for s in self.salary if s.role_family == role_family), None)

    def skill(self, skill: str) -> SkillRow | None:
        return next((s for s in self.skills if s.skill == skill), None)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _opt_int(value: Any) -> int | None:
    return int(value) if value is not None else None


def _opt_float(value: Any) -> float | None:
    return float(value) if value is not None else None


def check_contract(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Fail with the missing tables/columns named; return row counts of every marts table."""
    found = _rows(
        con,
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'",
    )
    columns: dict[str, set[str]] = {}
    for row in found:
        columns.setdefault(row["table_name"], set()).add(row["column_name"])
    problems = []
    for table, needed in REQUIRED_COLUMNS.items():
        if table not in columns:
            problems.append(f"table marts.{table} is missing")
            continue
        missing = [c for c in needed if c not in columns[table]]
        if missing:
            problems.append(f"marts.{table} lacks column(s) {', '.join(missing)}")
    if problems:
        raise ReportError(
            "the warehouse does not meet the marts contract (models/marts/, one YAML per mart): "
            + "; ".join(problems)
            + ". Build it first (make build); no report was written."
        )
    counts: dict[str, int] = {}
    for table in sorted(columns):
        counts[table] = _int(con.execute(f'select count(*) from marts."{table}"').fetchone()[0])  # type: ignore[index]
    return counts


def load(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Read everything the report shows. ``con`` must be a read-only connection to the warehouse."""
    table_rows = check_contract(con)
    skills = [
        SkillRow(
            skill=r["skill"],
            display_name=r["display_name"] or r["skill"],
            skill_group=r["skill_group"] or "other",
            ds_sample_n=_opt_int(r["ds_sample_n"]),
            ds_share=_opt_float(r["ds_share"]),
            ds_share_lower=_opt_float(r["ds_share_lower"]),
            ds_share_upper=_opt_float(r["ds_share_upper"]),
            mle_sample_n=_opt_int(r["mle_sample_n"]),
            mle_share=_opt_float(r["mle_share"]),
            mle_share_lower=_opt_float(r["mle_share_lower"]),
            mle_share_upper=_opt_float(r["mle_share_upper"]),
            gap_pts=_opt_float(r["gap_pts"]),
            is_gap_significant=r["is_gap_significant"],
        )
        for r in _rows(
            con, f"select {', '.join(REQUIRED_COLUMNS['skill_gap'])} from marts.skill_gap order by skill"
        )
    ]
    seniority = [
        MixRow(
            role_family=r["role_family"],
            dimension=r["seniority"],
            rank=_int(r["seniority_rank"]),
            openings_n=_int(r["openings_n"]),
            family_openings_n=_int(r["family_openings_n"]),
            share=None if r["is_below_min_sample"] else _opt_float(r["share"]),
            share_lower=_opt_float(r["share_lower"]),
            share_upper=_opt_float(r["share_upper"]),
        )
        for r in _rows(con, "select * from marts.seniority_mix order by role_family, seniority_rank")
    ]
    industry = [
        MixRow(
            role_family=r["role_family"],
            dimension=r["industry"],
            rank=0,
            openings_n=_int(r["openings_n"]),
            family_openings_n=_int(r["family_openings_n"]),
            share=_opt_float(r["share"]),
            share_lower=_opt_float(r["share_lower"]),
            share_upper=_opt_float(r["share_upper"]),
        )
        for r in _rows(
            con, "select * from marts.industry_mix order by role_family, openings_n desc, industry"
        )
    ]
    salary = [
        SalaryBand(
            role_family=r["role_family"],
            salary_sample_n=_int(r["salary_sample_n"]),
            min_p50_usd=_opt_float(r["min_p50_usd"]),
            max_p50_usd=_opt_float(r["max_p50_usd"]),
            midpoint_usd=_opt_float(r["midpoint_usd"]),
            is_below_min_sample=bool(r["is_below_min_sample"]),
        )
        for r in _rows(con, "select * from marts.salary_bands order by role_family")
    ]
    volume = [
        RoleVolume(
            role_family=r["role_family"],
            openings_n=_int(r["openings_n"]),
            roles_n=_int(r["roles_n"]),
            skills_sample_n=_int(r["skills_sample_n"]),
            salary_sample_n=_int(r["salary_sample_n"]),
            startup_share=_opt_float(r["startup_share"]),
            startup_share_lower=_opt_float(r["startup_share_lower"]),
            startup_share_upper=_opt_float(r["startup_share_upper"]),
        )
        for r in _rows(con, "select * from marts.role_volume order by role_family")
    ]
    funnel = [
        FunnelStep(
            step_order=_int(r["step_order"]),
            step=r["step"],
            step_description=r["step_description"] or "",
            records_n=_int(r["records_n"]),
        )
        for r in _rows(con, "select * from marts.pipeline_funnel order by step_order")
    ]
    reproduction = [
        ReproductionRow(
            figure_id=r["figure_id"],
            metric=r["metric"] or "",
            role_family=r["role_family"] or "",
            dimension=r["dimension"] or "",
            unit=r["unit"] or "",
            comparison=r["comparison"] or "",
            published_value=_opt_float(r["published_value"]),
            tolerance=_opt_float(r["tolerance"]),
            computed_value=_opt_float(r["computed_value"]),
            difference=_opt_float(r["difference"]),
            is_reproduced=r["is_reproduced"],
            source_sentence=r["source_sentence"] or "",
        )
        for r in _rows(con, "select * from marts.reproduction order by figure_id")
    ]
    excluded_examples = [
        ExcludedExample(
            exclusion_reason=r["exclusion_reason"],
            title=r["title"],
            company=r["company"],
            market=r["market"],
            posted_date=str(r["posted_date"]) if r["posted_date"] is not None else None,
        )
        for r in _rows(
            con,
            """
            select exclusion_reason, title, company, market, posted_date
            from (
                select
                    exclusion_reason, title, company, market, posted_date,
                    row_number() over (
                        partition by exclusion_reason order by posted_date desc nulls last, posting_id
                    )
                        as example_rank
                from marts.postings
                where exclusion_reason is not null
            )
            where example_rank <= ?
            order by exclusion_reason, example_rank
            """,
            [EXAMPLES_PER_REASON],
        )
    ]
    excluded_counts = {
        r["exclusion_reason"]: _int(r["n"])
        for r in _rows(
            con,
            "select exclusion_reason, count(*) as n from marts.postings where exclusion_reason is not null "
            "group by exclusion_reason order by n desc",
        )
    }
    return ReportData(
        skills=skills,
        seniority=seniority,
        industry=industry,
        salary=salary,
        volume=volume,
        funnel=funnel,
        reproduction=reproduction,
        excluded_examples=excluded_examples,
        excluded_counts=excluded_counts,
        table_rows=table_rows,
    )
