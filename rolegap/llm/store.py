"""The raw LLM tables and their atomic, idempotent landing (the same contract as ingest's batches).

Answers are staged in memory as Arrow tables (one checkpoint holds at most CHECKPOINT_ANSWERS
answers, so there is nothing to spill) and published in one transaction: the answers that are
new (answer_id not stored yet, and no `ok` answer stored for the same cache key), their tags, and
the run's row (replaced, so its counts are the latest). A failure rolls the transaction back: the
tables then hold the earlier checkpoints whole and nothing of this one.

- raw.llm_tag_runs: one row per `rolegap llm-tag` run (settings, counts, tokens).
- raw.llm_tag_answers: one row per description asked in a run, `ok` or `failed` (with the reason);
  lineage: run_id, the posting ids that carried the description, the raw response text.
- raw.llm_skill_tags: one row per (ok answer, skill) with the evidence span.
The cache key is sha256 of description_hash | taxonomy_version | model | prompt_version.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

CHECKPOINT_ANSWERS = 25

DDL = [
    "create schema if not exists raw",
    """
    create table if not exists raw.llm_tag_runs (
        run_id varchar not null,
        started_at timestamp not null,
        finished_at timestamp,
        base_url varchar not null,
        model varchar not null,
        prompt_version varchar not null,
        taxonomy_version varchar not null,
        postings_n bigint not null,
        descriptions_n bigint not null,
        cached_n bigint not null,
        asked_n bigint not null,
        ok_n bigint not null,
        failed_n bigint not null,
        requests_n bigint not null,
        prompt_tokens bigint,
        completion_tokens bigint,
        estimated_prompt_tokens bigint not null,
        loaded_at timestamp not null
    )
    """,
    """
    create table if not exists raw.llm_tag_answers (
        answer_id varchar not null,
        run_id varchar not null,
        cache_key varchar not null,
        description_hash varchar not null,
        taxonomy_version varchar not null,
        model varchar not null,
        prompt_version varchar not null,
        posting_ids varchar[] not null,
        status varchar not null,
        failure_reason varchar,
        attempts_n integer not null,
        requests_n integer not null,
        latency_ms bigint,
        prompt_tokens bigint,
        completion_tokens bigint,
        response_text varchar,
        answered_at timestamp not null,
        loaded_at timestamp not null
    )
    """,
    """
    create table if not exists raw.llm_skill_tags (
        answer_id varchar not null,
        run_id varchar not null,
        cache_key varchar not null,
        description_hash varchar not null,
        taxonomy_version varchar not null,
        model varchar not null,
        prompt_version varchar not null,
        skill varchar not null,
        evidence_span varchar not null,
        loaded_at timestamp not null
    )
    """,
]


def create_llm_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The LLM raw tables, empty until a run: dbt's `llm` source reads them in every build."""
    for statement in DDL:
        con.execute(statement)


def cache_key(description_hash: str, taxonomy_version: str, model: str, prompt_version: str) -> str:
    return hashlib.sha256(
        f"{description_hash}|{taxonomy_version}|{model}|{prompt_version}".encode()
    ).hexdigest()


def answered_keys(con: duckdb.DuckDBPyConnection, keys: list[str]) -> set[str]:
    """Which cache keys already have an `ok` answer (failed answers are asked again)."""
    if not keys:
        return set()
    con.execute("create or replace temp table llm_wanted_keys (cache_key varchar)")
    con.executemany("insert into llm_wanted_keys values (?)", [(key,) for key in keys])
    rows = con.execute(
        "select distinct answers.cache_key from raw.llm_tag_answers as answers"
        " inner join llm_wanted_keys as wanted on answers.cache_key = wanted.cache_key"
        " where answers.status = 'ok'"
    ).fetchall()
    con.execute("drop table llm_wanted_keys")
    return {row[0] for row in rows}


@dataclass
class Answer:
    """One description's outcome in a run (tags empty unless status is ok)."""

    cache_key: str
    description_hash: str
    posting_ids: list[str]
    status: str  # ok | failed
    failure_reason: str | None
    attempts_n: int
    requests_n: int
    latency_ms: int | None
    prompt_tokens: int | None
    completion_tokens: int | None
    response_text: str | None
    answered_at: datetime
    tags: list[tuple[str, str]] = field(default_factory=list)  # (skill, evidence_span)


@dataclass
class RunRow:
    run_id: str
    started_at: datetime
    base_url: str
    model: str
    prompt_version: str
    taxonomy_version: str
    postings_n: int
    descriptions_n: int
    cached_n: int
    estimated_prompt_tokens: int
    finished_at: datetime | None = None
    asked_n: int = 0
    ok_n: int = 0
    failed_n: int = 0
    requests_n: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


def answer_id(run_id: str, key: str) -> str:
    return hashlib.sha256(f"{run_id}|{key}".encode()).hexdigest()


def _answers_table(run: RunRow, answers: list[Answer]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "answer_id": answer_id(run.run_id, a.cache_key),
                "run_id": run.run_id,
                "cache_key": a.cache_key,
                "description_hash": a.description_hash,
                "taxonomy_version": run.taxonomy_version,
                "model": run.model,
                "prompt_version": run.prompt_version,
                "posting_ids": a.posting_ids,
                "status": a.status,
                "failure_reason": a.failure_reason,
                "attempts_n": a.attempts_n,
                "requests_n": a.requests_n,
                "latency_ms": a.latency_ms,
                "prompt_tokens": a.prompt_tokens,
                "completion_tokens": a.completion_tokens,
                "response_text": a.response_text,
                "answered_at": a.answered_at,
            }
            for a in answers
        ],
        schema=pa.schema(
            [
                ("answer_id", pa.string()), ("run_id", pa.string()), ("cache_key", pa.string()),
                ("description_hash", pa.string()), ("taxonomy_version", pa.string()),
                ("model", pa.string()), ("prompt_version", pa.string()),
                ("posting_ids", pa.list_(pa.string())), ("status", pa.string()),
                ("failure_reason", pa.string()), ("attempts_n", pa.int32()), ("requests_n", pa.int32()),
                ("latency_ms", pa.int64()), ("prompt_tokens", pa.int64()),
                ("completion_tokens", pa.int64()), ("response_text", pa.string()),
                ("answered_at", pa.timestamp("us")),
            ]
        ),
    )


def _tags_table(run: RunRow, answers: list[Answer]) -> pa.Table:
    rows = [
        {"answer_id": answer_id(run.run_id, a.cache_key), "skill": skill, "evidence_span": span}
        for a in answers
        if a.status == "ok"
        for skill, span in a.tags
    ]
    return pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [("answer_id", pa.string()), ("skill", pa.string()), ("evidence_span", pa.string())]
        ),
    )


def publish(con: duckdb.DuckDBPyConnection, run: RunRow, answers: list[Answer], loaded_at: datetime) -> int:
    """Land a checkpoint of answers and the run's row in one transaction; returns answers added."""
    staged_answers = _answers_table(run, answers)
    staged_tags = _tags_table(run, answers)
    con.register("llm_staged_answers", staged_answers)
    con.register("llm_staged_tags", staged_tags)
    try:
        con.execute("begin transaction")
        try:
            added = _publish(con, run, loaded_at)
            con.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("rollback")
            raise
    finally:
        con.unregister("llm_staged_answers")
        con.unregister("llm_staged_tags")
    return added


def _publish(con: duckdb.DuckDBPyConnection, run: RunRow, loaded_at: datetime) -> int:
    con.execute(
        """
        create or replace temp table llm_new_answers as
        select staged.answer_id
        from llm_staged_answers as staged
        where not exists (
            select 1 from raw.llm_tag_answers as stored where stored.answer_id = staged.answer_id
        )
        and not (
            staged.status = 'ok' and exists (
                select 1 from raw.llm_tag_answers as stored
                where stored.cache_key = staged.cache_key and stored.status = 'ok'
            )
        )
        """
    )
    added = con.execute(
        """
        insert into raw.llm_tag_answers
        select staged.*, $loaded_at as loaded_at
        from llm_staged_answers as staged
        where staged.answer_id in (select new.answer_id from llm_new_answers as new)
        """,
        {"loaded_at": loaded_at},
    ).fetchone()
    con.execute(
        """
        insert into raw.llm_skill_tags
        select tags.answer_id, answers.run_id, answers.cache_key, answers.description_hash,
            answers.taxonomy_version, answers.model, answers.prompt_version, tags.skill,
            tags.evidence_span, $loaded_at as loaded_at
        from llm_staged_tags as tags
        inner join llm_staged_answers as answers on tags.answer_id = answers.answer_id
        where tags.answer_id in (select new.answer_id from llm_new_answers as new)
        """,
        {"loaded_at": loaded_at},
    )
    con.execute("delete from raw.llm_tag_runs where run_id = $run_id", {"run_id": run.run_id})
    con.execute(
        "insert into raw.llm_tag_runs values ($run_id, $started_at, $finished_at, $base_url, $model,"
        " $prompt_version, $taxonomy_version, $postings_n, $descriptions_n, $cached_n, $asked_n, $ok_n,"
        " $failed_n, $requests_n, $prompt_tokens, $completion_tokens, $estimated_prompt_tokens, $loaded_at)",
        {**vars(run), "loaded_at": loaded_at},
    )
    con.execute("drop table llm_new_answers")
    return int(added[0]) if added else 0
