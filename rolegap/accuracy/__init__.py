"""Classifier accuracy on real postings against blind labels (the real-text issue).

Modules: `labels` (read the labels and the core skill list), `feed` (postings.jsonl -> a generic
JSONL feed for ingest), `warehouse` (ingest + dbt seeds and models in a temp warehouse, read the
predictions back), `score` (per field accuracy, per skill precision / recall / support; importable
by other taggers: `score_skills`), `run` (`measure`: all of it, JSON + a printed table).
"""

from rolegap.accuracy.labels import Label, read_core_skills, read_labels
from rolegap.accuracy.run import measure
from rolegap.accuracy.score import SkillScores, score_fields, score_skills

__all__ = [
    "Label",
    "SkillScores",
    "measure",
    "read_core_skills",
    "read_labels",
    "score_fields",
    "score_skills",
]
