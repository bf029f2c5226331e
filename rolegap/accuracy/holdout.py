"""A second, fresh hold-out: real ATS board payloads labelled blind after the real-text fixes.

The 128 postings drove the fixes, so their after figures are no longer blind. This set was sampled
from the 404 jobs in `../shared/realdata/ats/` (45 with a data/ML/AI/science word in the title,
15 without; seed 7), labelled by a reader who saw only the guide and the ads, and measured once:
the figures say how far the fixed rules generalise. Ids are `<ats>:<board>:<job id>`.

The reader saw each job's text (Lever: description, lists and additional text; Ashby: the
description and the compensation summary), not Lever's structured `salaryRange`: Lever jobs that
carry one are left out of the salary fields (their n says how many are scored).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from rolegap.accuracy.labels import DEFAULT_CORE_SKILLS, REALTEXT, read_core_skills, read_labels
from rolegap.accuracy.run import result_document
from rolegap.accuracy.score import score_fields, score_skills
from rolegap.accuracy.warehouse import BOARD_JOB_KEY, BuildError, build_seeds_and_models, read_predictions
from rolegap.config import PROJECT_ROOT
from rolegap.ingest import ingest_paths

DEFAULT_ATS_DIR = PROJECT_ROOT.parent / "shared" / "realdata" / "ats"
DEFAULT_ATS_LABELS = REALTEXT / "labels_ats_holdout.jsonl"


def build_ats_warehouse(ats_dir: Path, work_dir: Path, project_dir: Path = PROJECT_ROOT) -> Path:
    """Ingest the three ATS folders as `rolegap fetch` would have saved them, build seeds and models."""
    db = work_dir / "rolegap.duckdb"
    folders = [ats_dir / name for name in ("greenhouse", "lever", "ashby")]
    summary = ingest_paths(folders, db=db, fmt="auto", progress=False)
    if summary.rejected_n:
        raise BuildError(f"ingest rejected {summary.rejected_n} record(s): {summary.describe()}")
    build_seeds_and_models(db, work_dir, project_dir)
    return db


def lever_structured_pay_ids(ats_dir: Path) -> set[str]:
    """Lever jobs whose pay is only in `salaryRange`, which the hold-out's reader did not see."""
    ids = set()
    for path in sorted((ats_dir / "lever").glob("*.json")):
        board = path.name.split("__")[0]
        for job in json.loads(path.read_text(encoding="utf-8")):
            if job.get("salaryRange"):
                ids.add(f"lever:{board}:{job['id']}")
    return ids


def measure_ats_holdout(
    ats_dir: Path = DEFAULT_ATS_DIR,
    labels_path: Path = DEFAULT_ATS_LABELS,
    core_skills_path: Path = DEFAULT_CORE_SKILLS,
) -> dict:
    """Fields and skills of the rules on the ATS hold-out, in the shape `measure` returns."""
    core = set(read_core_skills(core_skills_path))
    labels = read_labels(labels_path, core)
    with tempfile.TemporaryDirectory(prefix="rolegap-holdout-") as tmp:
        predictions = read_predictions(build_ats_warehouse(ats_dir, Path(tmp)), core, key=BOARD_JOB_KEY)
    fields = score_fields(predictions, labels)
    unseen = lever_structured_pay_ids(ats_dir)
    pay_labels = {pid: label for pid, label in labels.items() if pid not in unseen}
    salary = score_fields(predictions, pay_labels)
    for name in ("salary_exact", "salary_within_1pct"):
        fields[name] = salary[name]
    skills = score_skills({pid: p.skills for pid, p in predictions.items()}, labels, core)
    return result_document(len(labels), fields, skills)
