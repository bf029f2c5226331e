"""The posting-level data the dashboard embeds: in-scope postings and their roles, as codes + lookups.

Columnar (one list per field) with every repeated string replaced by an index into a lookup
list, so the file stays small; the dashboard recomputes every figure from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from rolegap.report import figures, fmt
from rolegap.report.data import ReportError

# The marts the dashboard reads, beyond those the report checks (data.REQUIRED_COLUMNS).
DASHBOARD_COLUMNS: dict[str, tuple[str, ...]] = {
    "postings": (
        "posting_id",
        "title",
        "company",
        "market",
        "posted_date",
        "role_id",
        "role_family",
        "seniority",
        "industry",
        "is_startup",
        "is_in_scope",
        "url",
        "salary_min_usd",
        "salary_max_usd",
    ),
    "roles": (
        "role_id",
        "role_family",
        "is_in_skills_sample",
        "is_in_salary_sample",
        "salary_min_usd",
        "salary_max_usd",
    ),
    "posting_skills": ("posting_id", "skill"),
    "skill_gap": ("skill", "display_name", "skill_group"),
    "seniority_mix": ("seniority", "seniority_rank"),
}


@dataclass(frozen=True)
class AnalysisWindow:
    start: date | None
    end: date | None
    source: str  # "marts.analysis_window" or "posting dates"

    def describe(self) -> str:
        if self.start is None or self.end is None:
            return "Analysis window: no in-scope postings."
        origin = (
            "from marts.analysis_window"
            if self.source == "marts.analysis_window"
            else ("derived from the in-scope posting dates")
        )
        return f"Analysis window: {self.start.isoformat()} to {self.end.isoformat()} ({origin})."


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def check_contract(con: duckdb.DuckDBPyConnection) -> None:
    problems = []
    for table, needed in DASHBOARD_COLUMNS.items():
        have = set(_columns(con, table))
        if not have:
            problems.append(f"marts.{table} is missing")
            continue
        lacking = [c for c in needed if c not in have]
        if lacking:
            problems.append(f"marts.{table} lacks column(s) {', '.join(lacking)}")
    if problems:
        raise ReportError("dashboard: " + "; ".join(problems) + ". No report was written.")


def analysis_window(con: duckdb.DuckDBPyConnection) -> AnalysisWindow:
    """marts.analysis_window when it exists (its first two date columns), else the posting dates."""
    cols = con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = 'analysis_window' and data_type = 'DATE' order by ordinal_position"
    ).fetchall()
    if len(cols) >= 2:
        start_col, end_col = cols[0][0], cols[1][0]
        row = con.execute(
            f'select min("{start_col}"), max("{end_col}") from marts.analysis_window'
        ).fetchone()
        if row and row[0] is not None:
            return AnalysisWindow(row[0], row[1], "marts.analysis_window")
    row = con.execute(
        "select min(posted_date), max(posted_date) from marts.postings where is_in_scope"
    ).fetchone()
    return AnalysisWindow(row[0] if row else None, row[1] if row else None, "posting dates")


class _Codes:
    """Assigns each distinct value an index, in first-seen (or given) order."""

    def __init__(self, ordered: list[str] | None = None) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}
        for value in ordered or []:
            self.code(value)

    def code(self, value: str | None) -> int:
        key = value if value is not None else "unknown"
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(key)
        return self._index[key]


def _distinct(con: duckdb.DuckDBPyConnection, column: str) -> list[str]:
    """A filter's options in a stable order (alphabetical codes), so the URL hash is too."""
    rows = con.execute(
        f"select distinct {column} from marts.postings where is_in_scope and {column} is not null order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def _label(kind: str, code: str) -> str:
    if kind == "role_family":
        return fmt.role_label(code)
    if kind == "seniority":
        return fmt.seniority_label(code)
    if kind == "industry":
        return fmt.industry_label(code)
    return code.replace("_", " ").title()


def load(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Everything dashboard.js needs, as one JSON-ready dict."""
    check_contract(con)
    seniority_order = [
        r[0]
        for r in con.execute(
            "select seniority, min(seniority_rank) as rank_n from marts.seniority_mix "
            "group by seniority order by rank_n, seniority"
        ).fetchall()
    ]
    skill_rows = con.execute(
        "select skill, display_name, skill_group from marts.skill_gap order by skill"
    ).fetchall()
    codes = {
        "market": _Codes(_distinct(con, "market")),
        "role_family": _Codes(list(fmt.ROLE_ORDER)),
        "seniority": _Codes(seniority_order),
        "industry": _Codes(_distinct(con, "industry")),
        "company": _Codes(),
        "skill": _Codes([r[0] for r in skill_rows]),
    }
    role_rows = con.execute(
        "select role_id, role_family, is_in_skills_sample, is_in_salary_sample, "
        "salary_min_usd, salary_max_usd "
        "from marts.roles where role_id in (select role_id from marts.postings where is_in_scope) "
        "order by role_id"
    ).fetchall()
    role_index = {r[0]: i for i, r in enumerate(role_rows)}
    roles = {
        "role_family": [codes["role_family"].code(r[1]) for r in role_rows],
        "skills_sample": [int(bool(r[2])) for r in role_rows],
        "salary_sample": [int(bool(r[3])) for r in role_rows],
        "salary_min_usd": [r[4] for r in role_rows],
        "salary_max_usd": [r[5] for r in role_rows],
    }
    posting_rows = con.execute(
        """
        select
            postings.posting_id, postings.title, postings.company, postings.market, postings.posted_date,
            postings.role_id, postings.role_family, postings.seniority, postings.industry,
            postings.is_startup, postings.url, postings.salary_min_usd, postings.salary_max_usd,
            coalesce(
                (select list(posting_skills.skill order by posting_skills.skill) from marts.posting_skills
                 where posting_skills.posting_id = postings.posting_id),
                []
            ) as skills
        from marts.postings
        where postings.is_in_scope
        order by postings.posted_date desc nulls last, postings.posting_id
        """
    ).fetchall()
    postings: dict[str, list[Any]] = {
        k: []
        for k in (
            "posting_id",
            "title",
            "company",
            "market",
            "posted_date",
            "role",
            "role_family",
            "seniority",
            "industry",
            "is_startup",
            "url",
            "salary_min_usd",
            "salary_max_usd",
            "skills",
        )
    }
    for row in posting_rows:
        (
            pid,
            title,
            company,
            market,
            posted,
            role_id,
            family,
            seniority,
            industry,
            startup,
            url,
            smin,
            smax,
            skills,
        ) = row
        postings["posting_id"].append(pid)
        postings["title"].append(title or "")
        postings["company"].append(codes["company"].code(company))
        postings["market"].append(codes["market"].code(market))
        postings["posted_date"].append(posted.isoformat() if posted else "")
        postings["role"].append(role_index.get(role_id, -1))
        postings["role_family"].append(codes["role_family"].code(family))
        postings["seniority"].append(codes["seniority"].code(seniority))
        postings["industry"].append(codes["industry"].code(industry))
        postings["is_startup"].append(int(bool(startup)))
        postings["url"].append(url or "")
        postings["salary_min_usd"].append(round(smin) if smin is not None else None)
        postings["salary_max_usd"].append(round(smax) if smax is not None else None)
        postings["skills"].append([codes["skill"].code(s) for s in skills])
    window = analysis_window(con)
    labels = {kind: [_label(kind, v) for v in c.values] for kind, c in codes.items() if kind != "skill"}
    labels["skill"] = [r[1] for r in skill_rows] + codes["skill"].values[len(skill_rows) :]
    return {
        "min_sample_n": fmt.MIN_SAMPLE_N,
        "not_published": fmt.NOT_PUBLISHED,
        "window": {
            "start": window.start.isoformat() if window.start else None,
            "end": window.end.isoformat() if window.end else None,
            "source": window.source,
            "text": window.describe(),
        },
        "codes": {kind: c.values for kind, c in codes.items()},
        "labels": labels,
        "skill_group": {r[0]: r[2] for r in skill_rows},
        "chart_skills": {
            "llm": list(figures.LLM_SKILLS),
            "falls_away": list(figures.FALLS_AWAY_SKILLS),
            "max_overlap": figures.MAX_OVERLAP,
            "max_bridging": figures.MAX_BRIDGING,
            "max_industries": figures.MAX_INDUSTRIES,
        },
        "postings": postings,
        "roles": roles,
    }
