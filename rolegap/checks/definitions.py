"""The lists the suites check labels against, read from the built warehouse.

They are defined once in the dbt project and the build writes them to the warehouse: seeds
`role_families`, `seniority_levels`, `pipeline_funnel_steps` and `market_locations`, and var
`included_markets` as the build used it (`intermediate.int_analysis_window.included_markets`, so
a `--vars` override is honoured). Reading them back means a suite checks what the models used,
never a copy that could drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

# int_postings_located's market for a location no rule of seed market_locations places.
UNPLACED_MARKET = "other"

RELATIONS = {
    "role_families": "seeds.role_families",
    "seniority_levels": "seeds.seniority_levels",
    "funnel_steps": "seeds.pipeline_funnel_steps",
    "market_locations": "seeds.market_locations",
    "analysis_window": "intermediate.int_analysis_window",
}


class DefinitionsUnavailableError(RuntimeError):
    """A relation holding one of the lists is missing or unreadable (the warehouse is not built)."""


@dataclass(frozen=True)
class Definitions:
    role_families: tuple[str, ...]
    analysed_families: tuple[str, ...]
    seniorities: tuple[str, ...]
    funnel_steps: tuple[str, ...]
    markets: tuple[str, ...]
    included_markets: tuple[str, ...]


def _column(con: duckdb.DuckDBPyConnection, relation: str, sql: str) -> tuple[str, ...]:
    try:
        rows = con.execute(sql).fetchall()
    except duckdb.Error as error:
        raise DefinitionsUnavailableError(
            f"{relation} cannot be read ({str(error).splitlines()[0]}): "
            "build the warehouse first (make build)"
        ) from error
    return tuple(str(row[0]) for row in rows)


def load_definitions(con: duckdb.DuckDBPyConnection) -> Definitions:
    """Every list, from the warehouse `con` is connected to."""
    window = _column(
        con,
        RELATIONS["analysis_window"],
        f"select unnest(included_markets) from {RELATIONS['analysis_window']}",
    )
    seed_markets = _column(
        con, RELATIONS["market_locations"], f"select distinct market from {RELATIONS['market_locations']}"
    )
    return Definitions(
        role_families=_column(
            con,
            RELATIONS["role_families"],
            f"select role_family from {RELATIONS['role_families']} order by 1",
        ),
        analysed_families=_column(
            con,
            RELATIONS["role_families"],
            f"select role_family from {RELATIONS['role_families']} where is_analysed order by 1",
        ),
        seniorities=_column(
            con,
            RELATIONS["seniority_levels"],
            f"select seniority from {RELATIONS['seniority_levels']} order by seniority_rank",
        ),
        funnel_steps=_column(
            con,
            RELATIONS["funnel_steps"],
            f"select step from {RELATIONS['funnel_steps']} order by step_order",
        ),
        markets=tuple(sorted({*seed_markets, UNPLACED_MARKET})),
        included_markets=window,
    )
