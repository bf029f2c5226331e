"""The rule skill tagger outside the warehouse build: the dbt macro `skill_tag_postings` compiled
to plain SQL over any relation, in a scratch project holding only the skill seeds and macros.

Used by the hard-sentence accuracy test (tests/python/test_skill_tagging.py) and the tagging
benchmark (scripts/bench_tagging.py); both run exactly the committed macro and seed files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rolegap.config import PROJECT_ROOT, SEEDS_DIR
from rolegap.dbt import run_dbt

SKILL_SEEDS = ("skill_taxonomy", "skill_aliases", "skill_stop_phrases", "skill_negation_cues")


class TaggerCompileError(RuntimeError):
    """dbt could not seed or compile the scratch project; the message has dbt's output."""


def build_skill_project(work_dir: Path) -> Path:
    """Copy the skill seeds and macros into a minimal dbt project under work_dir.

    Isolates the tagger from the rest of the project (other models may be mid-edit) while
    running exactly the committed macro and seed files.
    """
    project = work_dir / "skill_project"
    (project / "seeds").mkdir(parents=True, exist_ok=True)
    (project / "macros").mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "dbt_project.yml", project / "dbt_project.yml")
    shutil.copy(PROJECT_ROOT / "profiles.yml", project / "profiles.yml")
    for seed in SKILL_SEEDS:
        shutil.copy(SEEDS_DIR / f"{seed}.csv", project / "seeds" / f"{seed}.csv")
    shutil.copy(SEEDS_DIR / "_skills__seeds.yml", project / "seeds" / "_skills__seeds.yml")
    # Every macro: the skill macros, and those dbt_project.yml names (schema names, on-run-start).
    for macro in (PROJECT_ROOT / "macros").rglob("*.sql"):
        target = project / "macros" / macro.relative_to(PROJECT_ROOT / "macros")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(macro, target)
    return project


def compile_tagger_sql(work_dir: Path, relation: str, id_column: str, text_column: str) -> tuple[Path, str]:
    """Seed a scratch warehouse and compile `skill_tag_postings(relation, ...)` to plain SQL.

    Returns (warehouse path, compiled SQL). dbt runs in a subprocess so it holds no DuckDB lock
    when this returns; the SQL reads the seeds from the warehouse as `<db>.seeds.<seed>`.
    """
    project = build_skill_project(work_dir)
    warehouse = work_dir / "skills.duckdb"
    target = work_dir / "target"
    seeded = run_dbt(["seed", "--select", *SKILL_SEEDS], warehouse, target, project)
    if seeded.returncode != 0:
        raise TaggerCompileError(f"dbt seed failed in {project}:\n{seeded.stdout}\n{seeded.stderr}")
    inline = f"{{{{ skill_tag_postings('{relation}', '{id_column}', '{text_column}') }}}}"
    compiled = run_dbt(["--quiet", "compile", "--inline", inline], warehouse, target, project)
    if compiled.returncode != 0:
        raise TaggerCompileError(f"dbt compile failed in {project}:\n{compiled.stdout}\n{compiled.stderr}")
    return warehouse, compiled.stdout.strip()
