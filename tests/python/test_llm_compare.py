"""Rules vs LLM vs union on the real-text labels, with a fake LLM on 127.0.0.1 (no model, no network).

The fake tags a skill when its display name appears verbatim; its scores must equal those computed
here straight from postings.jsonl, and the union must be the two taggers' tags together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from llm_fake import FakeLLM, Reply, answer, posting_text

from rolegap.accuracy import read_core_skills, read_labels, score_skills
from rolegap.accuracy.labels import DEFAULT_CORE_SKILLS, DEFAULT_LABELS, DEFAULT_POSTINGS
from rolegap.llm import ChatClient, LLMSettings
from rolegap.llm.compare import compare_taggers, format_comparison

SPANS = {
    "python": "Python",
    "sql": "SQL",
    "pytorch": "PyTorch",
    "kubernetes": "Kubernetes",
    "statistics": "statistics",
    "spark": "Spark",
    "aws": "AWS",
}


def verbatim(text: str) -> set[str]:
    return {skill for skill, span in SPANS.items() if span in text}


def respond(body: dict[str, Any], n: int) -> Reply:
    text = posting_text(body)
    return Reply(content=answer(*((skill, SPANS[skill]) for skill in sorted(verbatim(text)))))


@pytest.fixture(scope="module")
def postings() -> dict[str, str]:
    if not DEFAULT_POSTINGS.exists():
        pytest.fail(f"real postings not found at {DEFAULT_POSTINGS} (../shared/realdata beside the clone)")
    lines = DEFAULT_POSTINGS.read_text(encoding="utf-8").splitlines()
    return {row["id"]: row["description"] for row in map(json.loads, filter(None, lines))}


def test_rules_llm_and_union_side_by_side(postings: dict[str, str], tmp_path: Path) -> None:
    core = set(read_core_skills(DEFAULT_CORE_SKILLS))
    labels = read_labels(DEFAULT_LABELS, core)
    with FakeLLM(respond) as fake:
        settings = LLMSettings(base_url=fake.base_url, model="verbatim-fake", requests_per_minute=60_000)
        result = compare_taggers(
            settings,
            client=ChatClient(settings, sleep=lambda _: None),
            work_dir=tmp_path,
            out=tmp_path / "compare.json",
        )
    assert result["model"] == "verbatim-fake" and result["failed_n"] == 0
    assert result["postings_n"] == len(labels) == 128
    assert len(fake.requests) == len({posting_text(body) for body in fake.requests}) <= len(postings)
    llm = result["taggers"]["llm"]
    rules = result["taggers"]["rules"]
    union = result["taggers"]["union"]
    assert llm["predicted_n"] > 0 and rules["predicted_n"] > 0
    assert union["true_positive_n"] >= max(rules["true_positive_n"], llm["true_positive_n"])
    assert union["predicted_n"] >= max(rules["predicted_n"], llm["predicted_n"])
    assert union["predicted_n"] <= rules["predicted_n"] + llm["predicted_n"]
    # the LLM column, recomputed here from the postings file (the fake is deterministic)
    expected_llm = score_skills(
        {pid: frozenset(verbatim(text) & core) for pid, text in postings.items()}, labels, core
    )
    assert (llm["true_positive_n"], llm["predicted_n"]) == (
        expected_llm.true_positive_n,
        expected_llm.predicted_n,
    )
    assert json.loads((tmp_path / "compare.json").read_text()) == result
    table = format_comparison(result)
    assert "LLM: verbatim-fake" in table and "not measured" not in table


def test_without_a_model_the_llm_is_not_measured(tmp_path: Path, postings: dict[str, str]) -> None:
    result = compare_taggers(None, work_dir=tmp_path)
    assert result["taggers"]["llm"] is None and result["taggers"]["union"] is None
    assert result["taggers"]["rules"]["predicted_n"] > 0
    table = format_comparison(result)
    assert table.count("not measured") == 2 and "ROLEGAP_LLM_MODEL unset" in table
