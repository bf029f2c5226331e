"""LLM tags through dbt: `rolegap llm-tag` (fake endpoint) on a copy of the reference warehouse, then
the union build; the agreement marts must match counts computed here from the two taggers' tags."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from conftest import Warehouse, run_dbt
from llm_fake import FakeLLM, Reply, answer, posting_text

from rolegap.llm import ChatClient, LLMSettings, tag_postings

LIMIT = 60
ASKED_SKILLS = {"python": "Python", "sql": "SQL", "statistics": "statistics"}  # skill -> span looked for


def substring_tagger(body: dict[str, Any], n: int) -> Reply:
    """A 'model' that tags a skill whenever its span appears verbatim (so it disagrees with the rules
    in both directions: it misses PySpark-style aliases and ignores negations)."""
    text = posting_text(body)
    return Reply(content=answer(*((skill, span) for skill, span in ASKED_SKILLS.items() if span in text)))


def test_llm_tags_feed_the_agreement_marts_and_the_union_build(
    reference_warehouse: Warehouse, tmp_path: Path
) -> None:
    wh = reference_warehouse.copy(tmp_path / "wh")
    with FakeLLM(substring_tagger) as fake:
        settings = LLMSettings(base_url=fake.base_url, model="substring-fake", requests_per_minute=60_000)
        summary = tag_postings(
            wh.db,
            settings,
            limit=LIMIT,
            progress=False,
            say=lambda _: None,
            client=ChatClient(settings, sleep=lambda _: None),
        )
    assert summary.run.failed_n == 0 and summary.run.ok_n == len(fake.requests) > 0

    build = run_dbt(
        ["run", "--select", "stg_llm__runs+", "stg_llm__answers+", "stg_llm__skill_tags+"],
        db=wh.db,
        target=wh.target,
        reference=False,
        extra_vars={"skill_tag_source": "union"},
    )
    assert build.returncode == 0, build.output[-4000:]
    tests = run_dbt(
        [
            "test",
            "--select",
            "skill_tagger_agreement",
            "skill_tagger_disagreements",
            "skill_tagger_marts_reconcile",
            "int_postings_skills_chosen",
            "int_postings_llm_answered",
        ],
        db=wh.db,
        target=wh.target,
        reference=False,
        extra_vars={"skill_tag_source": "union"},
    )
    assert tests.returncode == 0, tests.output[-4000:]

    # every in-scope posting asked (by posting_id, first LIMIT) got its answer, matched by sha256 in SQL
    answered = {row[0] for row in wh.query("select posting_id from intermediate.int_postings_llm_answered")}
    asked = {pid for row in wh.query("select unnest(posting_ids) from raw.llm_tag_answers") for pid in row}
    assert asked and asked <= answered
    rules = {
        (p, s)
        for p, s in wh.query("select posting_id, skill from intermediate.int_postings_skills_tagged")
        if p in answered
    }
    llm = {
        (p, s)
        for p, s in wh.query("select posting_id, skill from intermediate.int_postings_llm_skills_tagged")
    }
    assert llm and {p for p, _ in llm} <= answered
    expected = {
        skill: (
            len({(p, s) for p, s in rules & llm if s == skill}),
            len({(p, s) for p, s in rules - llm if s == skill}),
            len({(p, s) for p, s in llm - rules if s == skill}),
        )
        for skill in ASKED_SKILLS
    }
    got = {
        skill: (both, rules_only, llm_only)
        for skill, both, rules_only, llm_only, n in wh.query(
            "select skill, both_n, rules_only_n, llm_only_n, postings_n from marts.skill_tagger_agreement"
            " where skill in ('python', 'sql', 'statistics')"
        )
    }
    assert got == expected
    assert wh.query("select distinct postings_n from marts.skill_tagger_agreement") == [(len(answered),)]
    found_by = Counter(row[0] for row in wh.query("select found_by from marts.skill_tagger_disagreements"))
    assert found_by["rules_only"] == len(rules - llm) and found_by["llm_only"] == len(llm - rules)
    assert wh.query(
        "select count(*) from marts.skill_tagger_disagreements where found_by = 'llm_only'"
        " and evidence_span not in ('Python', 'SQL', 'statistics')"
    ) == [(0,)]

    # the skill marts are built from the union, on the answered openings only, and say so
    assert wh.query("select distinct skill_tag_source from marts.skill_gap") == [("union",)]
    assert wh.query("select distinct skill_tag_source from marts.posting_skills") == [("union",)]
    tagged = {row[0] for row in wh.query("select distinct posting_id from marts.posting_skills")}
    assert tagged <= answered
    (sample_n,) = wh.query("select any_value(ds_sample_n + mle_sample_n) from marts.skill_gap")[0]
    # a role is in the sample when one of its in-scope openings (whose tags it counts) was answered
    answered_roles = wh.query(
        "select count(distinct roles.role_id) from intermediate.int_roles_aggregated as roles"
        " inner join intermediate.int_postings_enriched as postings on roles.role_id = postings.role_id"
        " inner join intermediate.int_postings_llm_answered as answered"
        " on postings.posting_id = answered.posting_id"
        " where roles.is_in_skills_sample and postings.is_in_scope"
    )[0][0]
    (rules_sample_n,) = reference_warehouse.query(
        "select any_value(ds_sample_n + mle_sample_n) from marts.skill_gap"
    )[0]
    assert 0 < sample_n == answered_roles < rules_sample_n
