"""`rolegap llm-tag` against a fake OpenAI-compatible endpoint on 127.0.0.1 (no model, no network)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from llm_fake import FakeLLM, Reply, answer, posting_text, tiny_warehouse

from rolegap.llm import ChatClient, LLMSettings, LLMTagError, tag_postings
from rolegap.llm import store as llm_store
from rolegap.llm.client import retry_after_seconds

TEXTS = {
    "p1": "You will build models in Python and PyTorch, and query data with SQL.",
    "p2": "Own A/B testing and causal inference for the growth team; strong SQL required.",
    "p3": "Deploy services on Kubernetes. No Spark experience needed.",
}
CANNED = {
    TEXTS["p1"]: answer(("python", "Python"), ("pytorch", "PyTorch"), ("sql", "query data with SQL")),
    TEXTS["p2"]: answer(
        ("a/b testing", "A/B testing"), ("causal inference", "causal inference"), ("sql", "strong SQL")
    ),
    TEXTS["p3"]: answer(("kubernetes", "Kubernetes")),
}


def canned(body: dict[str, Any], n: int) -> Reply:
    return Reply(content=CANNED[posting_text(body)])


class Sleeps:
    """Records the waits the client asks for instead of sleeping (backoff is checked, not timed)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def settings(fake: FakeLLM, **overrides: Any) -> LLMSettings:
    base = LLMSettings(
        base_url=fake.base_url,
        model="fake-model",
        timeout_seconds=5,
        max_concurrency=2,
        requests_per_minute=60_000,
        backoff_seconds=0.5,
    )
    return LLMSettings(**{**vars(base), **overrides})


def run(db: Path, fake: FakeLLM, sleeps: Sleeps | None = None, **kwargs: Any):
    opts = settings(fake, **kwargs.pop("settings", {}))
    client = ChatClient(opts, sleep=sleeps or Sleeps())
    return tag_postings(db, opts, progress=False, say=lambda _: None, client=client, **kwargs)


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wh.duckdb"
    tiny_warehouse(path, TEXTS, out_of_scope={"x1": "Recruiter for Python roles."})
    return path


def test_canned_answers_land_with_evidence_tokens_and_lineage(db: Path) -> None:
    with FakeLLM(canned) as fake:
        summary = run(db, fake)
    assert len(fake.requests) == 3  # the out-of-scope posting is not asked
    body = fake.requests[0]
    assert body["model"] == "fake-model"
    assert body["response_format"]["type"] == "json_schema"
    assert "python (Python): General-purpose language" in body["messages"][1]["content"]
    assert (summary.run.ok_n, summary.run.failed_n, summary.run.requests_n) == (3, 0, 3)
    assert summary.run.prompt_tokens == 300 and summary.run.completion_tokens == 60
    tags = rows(db, "select skill, evidence_span from raw.llm_skill_tags order by skill, evidence_span")
    assert tags == [
        ("a/b testing", "A/B testing"),
        ("causal inference", "causal inference"),
        ("kubernetes", "Kubernetes"),
        ("python", "Python"),
        ("pytorch", "PyTorch"),
        ("sql", "query data with SQL"),
        ("sql", "strong SQL"),
    ]
    answers = rows(
        db,
        "select posting_ids, status, attempts_n, model, prompt_version from raw.llm_tag_answers"
        " order by posting_ids",
    )
    assert answers == [
        (["p1"], "ok", 1, "fake-model", "skills-v1"),
        (["p2"], "ok", 1, "fake-model", "skills-v1"),
        (["p3"], "ok", 1, "fake-model", "skills-v1"),
    ]
    assert rows(db, "select ok_n, failed_n, asked_n, finished_at is not null from raw.llm_tag_runs") == [
        (3, 0, 3, True)
    ]


def test_rerun_is_served_from_the_cache_with_zero_requests(db: Path) -> None:
    with FakeLLM(canned) as fake:
        run(db, fake)
        first = len(fake.requests)
        again = run(db, fake)
    assert first == 3 and len(fake.requests) == 3
    assert (again.run.cached_n, again.run.asked_n) == (3, 0)
    assert rows(db, "select count(*) from raw.llm_skill_tags") == [(7,)]
    assert rows(db, "select count(*) from raw.llm_tag_runs") == [(2,)]


def test_same_description_is_asked_once_for_all_its_postings(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    tiny_warehouse(db, {"a": TEXTS["p1"], "b": TEXTS["p1"], "c": TEXTS["p3"]})
    with FakeLLM(canned) as fake:
        run(db, fake)
    assert len(fake.requests) == 2
    assert rows(db, "select posting_ids from raw.llm_tag_answers order by posting_ids") == [
        (["a", "b"],),
        (["c"],),
    ]


def test_changed_prompt_version_or_model_asks_again_only_what_it_must(db: Path) -> None:
    with FakeLLM(canned) as fake:
        run(db, fake)
        run(db, fake, prompt_version="skills-v2")
        assert len(fake.requests) == 6
        run(db, fake, settings={"model": "other-model"}, limit=1)
        assert len(fake.requests) == 7
        run(db, fake, prompt_version="skills-v2")
        assert len(fake.requests) == 7
    assert rows(
        db, "select prompt_version, model, count(*) from raw.llm_tag_answers group by all order by all"
    ) == [("skills-v1", "fake-model", 3), ("skills-v1", "other-model", 1), ("skills-v2", "fake-model", 3)]


def test_changed_taxonomy_asks_again(db: Path) -> None:
    from rolegap.llm.taxonomy import Skill, Taxonomy, load_taxonomy, taxonomy_version

    full = load_taxonomy()
    edited = tuple(
        Skill(s.skill, s.display_name, s.description + " (edited)") if s.skill == "sql" else s
        for s in full.skills
    )
    with FakeLLM(canned) as fake:
        run(db, fake, taxonomy=full)
        run(db, fake, taxonomy=Taxonomy(edited, taxonomy_version(edited)))
    assert len(fake.requests) == 6
    assert rows(db, "select count(distinct taxonomy_version) from raw.llm_tag_answers") == [(2,)]


def test_malformed_answer_is_retried_once_then_recorded_as_failed(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        text = posting_text(body)
        return (
            Reply(content='{"skills": [{"skill": "python"')
            if text == TEXTS["p1"]
            else Reply(content=CANNED[text])
        )

    with FakeLLM(respond) as fake:
        summary = run(db, fake)
        p1_requests = [b for b in fake.requests if posting_text(b) == TEXTS["p1"]]
    assert len(p1_requests) == 2
    assert p1_requests[1]["messages"][-1]["content"].startswith("That answer is invalid: not JSON")
    assert (summary.run.ok_n, summary.run.failed_n) == (2, 1)
    failed = rows(
        db,
        "select posting_ids, attempts_n, requests_n, failure_reason, response_text"
        " from raw.llm_tag_answers where status = 'failed'",
    )
    assert failed == [(["p1"], 2, 2, failed[0][3], '{"skills": [{"skill": "python"')]
    assert failed[0][3].startswith("invalid answer twice: not JSON")
    assert rows(
        db,
        "select count(*) from raw.llm_skill_tags where answer_id in (select answer_id from"
        " raw.llm_tag_answers where status = 'failed')",
    ) == [(0,)]
    # a failed answer is not cached: the next run asks it again (and only it)
    with FakeLLM(canned) as fake:
        again = run(db, fake)
    assert len(fake.requests) == 1 and again.run.ok_n == 1


def test_a_valid_second_answer_is_kept(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        text = posting_text(body)
        if text == TEXTS["p3"] and len(body["messages"]) == 2:
            return Reply(content="Sure! Here are the skills: Kubernetes")
        return Reply(content=CANNED[text])

    with FakeLLM(respond) as fake:
        summary = run(db, fake)
    assert (summary.run.ok_n, summary.run.failed_n, len(fake.requests)) == (3, 0, 4)
    assert rows(db, "select attempts_n from raw.llm_tag_answers where posting_ids = ['p3']") == [(2,)]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (
            answer(("python", "Python"), ("cobol", "Python")),
            "skills[1].skill: 'cobol' is not in the taxonomy",
        ),
        (answer(("python", "Python"), ("rust", "Rust")), "skills[1].evidence: 'Rust' is not in the text"),
        (json.dumps({"skills": [{"skill": "python"}]}), "skills.0: 'evidence' is a required property"),
        (json.dumps({"tags": []}), "answer: 'skills' is a required property"),
    ],
    ids=["skill_outside_taxonomy", "evidence_not_in_text", "missing_evidence", "wrong_shape"],
)
def test_invalid_answers_are_rejected_never_guessed(db: Path, bad: str, reason: str) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        text = posting_text(body)
        return Reply(content=bad) if text == TEXTS["p1"] else Reply(content=CANNED[text])

    with FakeLLM(respond) as fake:
        run(db, fake)
    failed = rows(db, "select failure_reason from raw.llm_tag_answers where status = 'failed'")
    assert failed == [(f"invalid answer twice: {reason}",)]
    assert rows(db, "select count(*) from raw.llm_skill_tags where skill = 'python'") == [(0,)]


def test_evidence_matches_across_case_and_whitespace_only(db: Path) -> None:
    from rolegap.llm.taxonomy import load_taxonomy
    from rolegap.llm.validate import InvalidAnswer, parse_answer

    taxonomy = load_taxonomy()
    text = "Experience with\n  Apache   Spark and PySpark."
    tags = parse_answer(answer(("spark", "apache spark"), ("spark", "PySpark")), text, taxonomy)
    assert [(t.skill, t.evidence) for t in tags] == [("spark", "apache spark")]
    with pytest.raises(InvalidAnswer, match="not in the text"):
        parse_answer(answer(("spark", "Apache Spark 3")), text, taxonomy)
    fenced = "```json\n" + answer(("spark", "PySpark")) + "\n```"
    assert [t.skill for t in parse_answer(fenced, text, taxonomy)] == ["spark"]


def test_429_waits_for_retry_after_then_succeeds(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        if n == 1:
            return Reply(status=429, raw='{"error": "rate limited"}', headers={"Retry-After": "7"})
        return canned(body, n)

    sleeps = Sleeps()
    with FakeLLM(respond) as fake:
        summary = run(db, fake, sleeps, settings={"max_concurrency": 1})
    assert summary.run.ok_n == 3 and summary.run.requests_n == 4
    assert 7.0 in sleeps.waits
    assert rows(db, "select max(requests_n) from raw.llm_tag_answers") == [(2,)]


def test_5xx_is_retried_with_exponential_backoff_then_recorded_as_failed(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        if posting_text(body) == TEXTS["p2"]:
            return Reply(status=503, raw="overloaded")
        return canned(body, n)

    sleeps = Sleeps()
    with FakeLLM(respond) as fake:
        summary = run(db, fake, sleeps, settings={"max_concurrency": 1, "max_retries": 3})
    p2 = [b for b in fake.requests if posting_text(b) == TEXTS["p2"]]
    assert len(p2) == 4  # 1 + 3 retries, and the answer is not retried as invalid: it never came
    assert [w for w in sleeps.waits if w >= 0.5] == [0.5, 1.0, 2.0]
    assert (summary.run.ok_n, summary.run.failed_n) == (2, 1)
    assert rows(db, "select failure_reason, requests_n from raw.llm_tag_answers where status = 'failed'") == [
        ("request failed: HTTP 503, 4 attempt(s)", 4)
    ]


def test_a_timeout_is_retried(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        reply = canned(body, n)
        if n == 1:
            reply.delay = 2.0  # longer than the client's timeout below
        return reply

    with FakeLLM(respond) as fake:
        summary = run(db, fake, settings={"timeout_seconds": 0.3, "max_concurrency": 1})
    assert summary.run.ok_n == 3 and summary.run.requests_n == 4


def test_a_server_without_structured_output_gets_plain_json(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        if "response_format" in body:
            return Reply(status=400, raw='{"error": "response_format json_schema is not supported"}')
        return canned(body, n)

    with FakeLLM(respond) as fake:
        summary = run(db, fake, settings={"max_concurrency": 1})
    assert summary.run.ok_n == 3
    assert sum("response_format" in b for b in fake.requests) == 1


def test_a_refusing_endpoint_stops_the_run_with_one_line(db: Path) -> None:
    refuse = FakeLLM(lambda body, n: Reply(status=401, raw='{"error": "bad key"}'))
    with refuse as fake, pytest.raises(LLMTagError, match=r"stopped: .*HTTP 401"):
        run(db, fake, settings={"max_concurrency": 1})
    assert rows(db, "select count(*) from raw.llm_tag_answers") == [(0,)]


def test_no_built_warehouse_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with FakeLLM(canned) as fake, pytest.raises(LLMTagError, match="run `dbt build` first"):
        run(db, fake)


def test_landing_is_atomic(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = llm_store._publish

    def fail_after_inserts(con: duckdb.DuckDBPyConnection, run_row: Any, loaded_at: Any) -> int:
        original(con, run_row, loaded_at)
        raise RuntimeError("disk full")

    monkeypatch.setattr(llm_store, "_publish", fail_after_inserts)
    with FakeLLM(canned) as fake, pytest.raises(RuntimeError, match="disk full"):
        run(db, fake)
    for table in ("llm_tag_runs", "llm_tag_answers", "llm_skill_tags"):
        assert rows(db, f"select count(*) from raw.{table}") == [(0,)], table


def test_landing_is_idempotent(db: Path) -> None:
    from datetime import datetime

    with FakeLLM(canned) as fake:
        run(db, fake)
    with duckdb.connect(str(db)) as con:
        run_row = llm_store.RunRow(
            run_id="r1",
            started_at=datetime(2026, 1, 1),
            base_url="x",
            model="fake-model",
            prompt_version="skills-v1",
            taxonomy_version="t",
            postings_n=1,
            descriptions_n=1,
            cached_n=0,
            estimated_prompt_tokens=1,
        )
        ans = llm_store.Answer(
            cache_key="k",
            description_hash="h",
            posting_ids=["p9"],
            status="ok",
            failure_reason=None,
            attempts_n=1,
            requests_n=1,
            latency_ms=5,
            prompt_tokens=1,
            completion_tokens=1,
            response_text="{}",
            answered_at=datetime(2026, 1, 1),
            tags=[("python", "Python")],
        )
        assert llm_store.publish(con, run_row, [ans], datetime(2026, 1, 1)) == 1
        assert llm_store.publish(con, run_row, [ans], datetime(2026, 1, 2)) == 0
        other_run = llm_store.RunRow(**{**vars(run_row), "run_id": "r2"})
        assert llm_store.publish(con, other_run, [ans], datetime(2026, 1, 3)) == 0  # key already answered ok
        counts = con.execute(
            "select (select count(*) from raw.llm_tag_answers where cache_key = 'k'),"
            " (select count(*) from raw.llm_skill_tags where cache_key = 'k'),"
            " (select count(*) from raw.llm_tag_runs where run_id = 'r1')"
        ).fetchone()
    assert counts == (1, 1, 1)


def test_estimate_only_asks_nothing(db: Path) -> None:
    lines: list[str] = []
    with FakeLLM(canned) as fake:
        opts = settings(fake, price_per_million_prompt_tokens=1.0)
        summary = tag_postings(db, opts, estimate_only=True, progress=False, say=lines.append)
    assert fake.requests == []
    assert summary.plan.estimated_prompt_tokens > 3 * 1000  # the taxonomy is in every prompt
    assert lines == [summary.plan.describe()]
    assert "3 postings, 3 distinct descriptions, 0 cached, 3 to ask" in lines[0]
    assert "est. cost" in lines[0]


def test_retry_after_as_seconds_or_http_date() -> None:
    assert retry_after_seconds("3", cap=60) == 3.0
    assert retry_after_seconds("600", cap=60) == 60.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", cap=60) == 0.0  # in the past
    assert retry_after_seconds("soon", cap=60) is None
    assert retry_after_seconds(None, cap=60) is None


def test_cli_llm_tag_end_to_end(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rolegap.cli import main

    with FakeLLM(canned) as fake:
        monkeypatch.setenv("ROLEGAP_DB", str(db))
        monkeypatch.setenv("ROLEGAP_LLM_BASE_URL", fake.base_url)
        monkeypatch.delenv("ROLEGAP_LLM_MODEL", raising=False)
        assert main(["-q", "llm-tag"]) == 1
        assert "no model: set ROLEGAP_LLM_MODEL or pass --model" in capsys.readouterr().err
        assert main(["-q", "llm-tag", "--model", "fake-model", "--limit", "2"]) == 0
        out = capsys.readouterr().out
    assert "2 postings, 2 distinct descriptions, 0 cached, 2 to ask" in out
    assert ": 2 ok, 0 failed; 2 requests" in out
    assert len(fake.requests) == 2


def test_all_postings_includes_out_of_scope_ones(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        text = posting_text(body)
        return Reply(content=CANNED.get(text, answer(("python", "Python"))))

    with FakeLLM(respond) as fake:
        summary = run(db, fake, in_scope_only=False)
    assert summary.run.postings_n == 4 and len(fake.requests) == 4
    assert rows(db, "select count(*) from raw.llm_tag_answers where posting_ids = ['x1']") == [(1,)]


def test_a_400_fails_only_its_posting(db: Path) -> None:
    def respond(body: dict[str, Any], n: int) -> Reply:
        if posting_text(body) == TEXTS["p2"]:
            return Reply(status=400, raw='{"error": "the prompt exceeds the context length"}')
        return canned(body, n)

    with FakeLLM(respond) as fake:
        summary = run(db, fake)
    assert (summary.run.ok_n, summary.run.failed_n) == (2, 1)
    assert sum(posting_text(b) == TEXTS["p2"] for b in fake.requests) == 1  # not retried
    [(reason,)] = rows(db, "select failure_reason from raw.llm_tag_answers where status = 'failed'")
    assert reason.startswith("request failed: HTTP 400") and "context length" in reason
