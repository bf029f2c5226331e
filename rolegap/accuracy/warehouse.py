"""Build a private warehouse from a feed (ingest, then dbt seeds and models) and read the predictions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from rolegap.config import PROJECT_ROOT
from rolegap.dbt import run_dbt
from rolegap.ingest import ingest_paths


class BuildError(RuntimeError):
    """Ingest rejected records or dbt failed; the message says which and shows dbt's tail."""


@dataclass(frozen=True)
class Prediction:
    role_family: str
    seniority: str
    is_agency: bool
    salary_min_usd: float | None
    salary_max_usd: float | None
    skills: frozenset[str]


def build_warehouse(feed: Path, work_dir: Path, project_dir: Path = PROJECT_ROOT) -> Path:
    """Ingest `feed` into work_dir/rolegap.duckdb and build seeds and models (no tests: real data
    is not the reference corpus). Returns the warehouse file."""
    db = work_dir / "rolegap.duckdb"
    summary = ingest_paths([feed], db=db, fmt="jsonl", progress=False)
    if summary.rejected_n:
        raise BuildError(f"ingest rejected {summary.rejected_n} record(s): {summary.describe()}")
    build_seeds_and_models(db, work_dir, project_dir)
    return db


def build_seeds_and_models(db: Path, work_dir: Path, project_dir: Path = PROJECT_ROOT) -> None:
    """dbt seeds and models (no tests: real data is not the reference corpus) on a private warehouse."""
    args = ["build", "--resource-type", "seed", "--resource-type", "model"]
    args += ["--vars", '{"reference_corpus": false}']
    proc = run_dbt(args, db, work_dir / "target", project_dir)
    if proc.returncode != 0:
        raise BuildError("dbt build failed:\n" + (proc.stdout + proc.stderr)[-4000:])


SOURCE_JOB_ID = "postings.source_job_id"
# The ATS hold-out's key: job ids are unique only within a board.
BOARD_JOB_KEY = "postings.source || ':' || postings.board || ':' || postings.source_job_id"


def read_predictions(db: Path, core_skills: set[str], key: str = SOURCE_JOB_ID) -> dict[str, Prediction]:
    """Per posting key (a SQL expression over marts.postings, default source_job_id): the
    classifiers' fields from marts.postings and the core skills tagged."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            f"select {key}, postings.role_family, postings.seniority, postings.is_agency,"
            " postings.salary_min_usd, postings.salary_max_usd from marts.postings"
        ).fetchall()
        tags = con.execute(
            f"select {key}, posting_skills.skill from marts.posting_skills"
            " inner join marts.postings on posting_skills.posting_id = postings.posting_id"
        ).fetchall()
    skills: dict[str, set[str]] = {}
    for job_key, skill in tags:
        if skill in core_skills:
            skills.setdefault(job_key, set()).add(skill)
    return {
        job_key: Prediction(family, seniority, bool(agency), lo, hi, frozenset(skills.get(job_key, set())))
        for job_key, family, seniority, agency, lo, hi in rows
    }
