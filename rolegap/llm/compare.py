"""Rules vs LLM vs union on the real-text labels (the accuracy harness's postings, labels and scorer).

Builds the accuracy harness's private warehouse from the real postings, tags every labelled posting
with the LLM when a model is configured (`rolegap llm-tag --all-postings` on that warehouse), and
scores the three taggers with `rolegap.accuracy.score_skills` on the same postings and the same core
skill list. Without a model the LLM and union rows say "not measured": nothing is guessed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path

import duckdb

from rolegap.accuracy import read_core_skills, read_labels, score_skills
from rolegap.accuracy.feed import write_feed
from rolegap.accuracy.labels import DEFAULT_CORE_SKILLS, DEFAULT_LABELS, DEFAULT_POSTINGS
from rolegap.accuracy.warehouse import build_warehouse, read_predictions
from rolegap.llm.client import ChatClient
from rolegap.llm.run import tag_postings
from rolegap.llm.settings import LLMSettings

TAGGERS = ("rules", "llm", "union")


def read_llm_tags(db: Path, core_skills: set[str]) -> tuple[dict[str, set[str]], set[str]]:
    """Per source_job_id, the core skills of its latest ok LLM answer; and which ids were answered."""
    sql = """
        with answered as (
            select unnest(answers.posting_ids) as posting_id, answers.answer_id, answers.answered_at
            from raw.llm_tag_answers as answers
            where answers.status = 'ok'
        ),
        latest as (
            select answered.posting_id, answered.answer_id,
                row_number() over (partition by answered.posting_id
                                   order by answered.answered_at desc, answered.answer_id) as answer_rank
            from answered
        )
        select postings.source_job_id, tags.skill
        from latest
        inner join marts.postings as postings on latest.posting_id = postings.posting_id
        left join raw.llm_skill_tags as tags on latest.answer_id = tags.answer_id
        where latest.answer_rank = 1
    """
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(sql).fetchall()
    tags: dict[str, set[str]] = {}
    for job_id, skill in rows:
        found = tags.setdefault(job_id, set())
        if skill in core_skills:
            found.add(skill)
    return tags, set(tags)


def _scores(predicted: Mapping[str, set[str]], labels: Mapping, core: set[str]) -> dict:
    scores = score_skills({pid: frozenset(s) for pid, s in predicted.items()}, labels, core)
    return {"precision": scores.precision, "recall": scores.recall, "true_positive_n": scores.true_positive_n,
            "predicted_n": scores.predicted_n, "expected_n": scores.expected_n}


def compare_taggers(
    settings: LLMSettings | None,
    postings: Path = DEFAULT_POSTINGS,
    labels_path: Path = DEFAULT_LABELS,
    core_skills_path: Path = DEFAULT_CORE_SKILLS,
    work_dir: Path | None = None,
    client: ChatClient | None = None,
    out: Path | None = None,
) -> dict:
    """Scores per tagger on the labelled postings the LLM answered (all of them with no model)."""
    core = set(read_core_skills(core_skills_path))
    labels = read_labels(labels_path, core)
    with tempfile.TemporaryDirectory(prefix="rolegap-llm-compare-") as tmp:
        work = work_dir or Path(tmp)
        db = build_warehouse(write_feed(postings, work / "feed"), work)
        rules = {pid: set(p.skills) for pid, p in read_predictions(db, core).items()}
        result: dict = {"model": None, "postings_n": len(labels), "taggers": {}}
        if settings is None or not settings.model:
            result["taggers"] = {"rules": _scores(rules, labels, core), "llm": None, "union": None}
        else:
            run = tag_postings(db, settings, in_scope_only=False, progress=False, say=lambda _: None,
                               client=client)
            llm, answered = read_llm_tags(db, core)
            subset = {pid: label for pid, label in labels.items() if pid in answered}
            union = {pid: rules.get(pid, set()) | llm.get(pid, set()) for pid in subset}
            result.update(model=settings.model, postings_n=len(subset), failed_n=run.run.failed_n)
            result["taggers"] = {
                "rules": _scores(rules, subset, core),
                "llm": _scores(llm, subset, core),
                "union": _scores(union, subset, core),
            }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def format_comparison(result: dict) -> str:
    model = result["model"] or "no model configured (ROLEGAP_LLM_MODEL unset)"
    lines = [f"skill taggers on {result['postings_n']} labelled real postings; LLM: {model}", "",
             f"{'tagger':<8} {'precision':>9} {'recall':>7}  tags"]
    for name in TAGGERS:
        row = result["taggers"][name]
        if row is None:
            lines.append(f"{name:<8} {'not measured':>17}")
        else:
            lines.append(f"{name:<8} {row['precision']:>9.3f} {row['recall']:>7.3f}  "
                         f"{row['true_positive_n']} of {row['predicted_n']} right, "
                         f"{row['true_positive_n']} of {row['expected_n']} labelled found")
    return "\n".join(lines)
