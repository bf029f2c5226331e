"""`rolegap llm-tag`: read in-scope postings, ask only what the cache lacks, land the answers.

Input contract (read from a built warehouse): `marts.postings` (posting_id, is_in_scope) joined to
`intermediate.int_postings_deduplicated` (posting_id, description_text: the text the rule tagger
reads). Postings with the same description share one question (the cache key is the description's
sha256, not the posting). Answers land every CHECKPOINT_ANSWERS answers, so a stopped run keeps
what it paid for and the next run asks only the rest.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import duckdb
from tqdm import tqdm

from rolegap.ingest.records import utc_now
from rolegap.llm.client import ChatClient, LLMFatalError, LLMTransportError
from rolegap.llm.prompt import (
    ANSWER_TOKENS_ESTIMATE,
    PROMPT_VERSION,
    build_messages,
    correction_message,
    estimate_prompt_tokens,
    response_format,
)
from rolegap.llm.settings import LLMSettings
from rolegap.llm.store import (
    CHECKPOINT_ANSWERS,
    Answer,
    RunRow,
    answered_keys,
    cache_key,
    create_llm_tables,
    publish,
)
from rolegap.llm.taxonomy import Taxonomy, load_taxonomy
from rolegap.llm.validate import InvalidAnswer, parse_answer

POSTINGS_SQL = """
    select postings.posting_id, deduplicated.description_text
    from marts.postings as postings
    inner join intermediate.int_postings_deduplicated as deduplicated
        on postings.posting_id = deduplicated.posting_id
    where length(trim(coalesce(deduplicated.description_text, ''))) > 0
"""
ORDER_SQL = " order by postings.posting_id"


class LLMTagError(RuntimeError):
    """The run cannot start or had to stop; one line saying why and what was kept."""


@dataclass
class Description:
    description_hash: str
    text: str
    posting_ids: list[str]
    cache_key: str


@dataclass
class Plan:
    postings_n: int
    descriptions: list[Description]
    to_ask: list[Description]
    estimated_prompt_tokens: int
    estimated_completion_tokens: int
    estimated_cost: float

    def describe(self) -> str:
        cost = f", est. cost {self.estimated_cost:.2f}" if self.estimated_cost else ""
        return (
            f"llm-tag plan: {self.postings_n} postings, "
            f"{len(self.descriptions)} distinct descriptions, "
            f"{len(self.descriptions) - len(self.to_ask)} cached, {len(self.to_ask)} to ask; "
            f"est. {self.estimated_prompt_tokens:,} prompt + {self.estimated_completion_tokens:,} "
            f"completion tokens{cost}"
        )


@dataclass
class RunSummary:
    run: RunRow
    plan: Plan

    def describe(self) -> str:
        run = self.run
        if run.prompt_tokens is not None:
            tokens = f"{run.prompt_tokens:,} prompt + {run.completion_tokens or 0:,} completion tokens"
        else:
            tokens = "no tokens" if run.asked_n == 0 else "tokens not reported by the server"
        return (
            f"llm-tag run {run.run_id} ({run.model}, prompt {run.prompt_version}, taxonomy "
            f"{run.taxonomy_version}): {run.descriptions_n} descriptions, {run.cached_n} cached, "
            f"{run.asked_n} asked: {run.ok_n} ok, {run.failed_n} failed; {run.requests_n} requests, {tokens}"
        )


def description_hash(text: str) -> str:
    """sha256 hex of the UTF-8 text: the same value as DuckDB's sha256(description_text) in dbt."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_postings(
    con: duckdb.DuckDBPyConnection, limit: int | None, in_scope_only: bool = True
) -> list[tuple[str, str]]:
    """(posting_id, description_text) of the postings to tag, by posting_id, at most `limit`."""
    try:
        sql = POSTINGS_SQL + (" and postings.is_in_scope" if in_scope_only else "") + ORDER_SQL
        sql += f" limit {int(limit)}" if limit is not None else ""
        return [(row[0], row[1]) for row in con.execute(sql).fetchall()]
    except duckdb.CatalogException as exc:
        raise LLMTagError(
            f"the warehouse has no built postings ({str(exc).splitlines()[0]}): run `dbt build` first"
        ) from None


def make_plan(
    con: duckdb.DuckDBPyConnection,
    settings: LLMSettings,
    taxonomy: Taxonomy,
    limit: int | None,
    prompt_version: str = PROMPT_VERSION,
    in_scope_only: bool = True,
) -> Plan:
    postings = read_postings(con, limit, in_scope_only)
    by_hash: dict[str, Description] = {}
    for posting_id, text in postings:
        digest = description_hash(text)
        if digest not in by_hash:
            key = cache_key(digest, taxonomy.version, settings.model, prompt_version)
            by_hash[digest] = Description(digest, text, [], key)
        by_hash[digest].posting_ids.append(posting_id)
    descriptions = list(by_hash.values())
    cached = answered_keys(con, [d.cache_key for d in descriptions])
    to_ask = [d for d in descriptions if d.cache_key not in cached]
    prompt_tokens = sum(estimate_prompt_tokens(d.text, taxonomy) for d in to_ask)
    completion_tokens = ANSWER_TOKENS_ESTIMATE * len(to_ask)
    cost = (
        prompt_tokens * settings.price_per_million_prompt_tokens
        + completion_tokens * settings.price_per_million_completion_tokens
    ) / 1_000_000
    return Plan(len(postings), descriptions, to_ask, prompt_tokens, completion_tokens, cost)


def ask(client: ChatClient, description: Description, taxonomy: Taxonomy) -> Answer:
    """Ask once; an invalid answer is asked again once with the problem named, then recorded as failed."""
    messages = build_messages(description.text, taxonomy)
    fmt = response_format(taxonomy)
    requests_n = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms = 0
    content: str | None = None
    problem = ""
    for attempt in (1, 2):
        try:
            completion = client.complete(messages, fmt)
        except LLMTransportError as exc:
            return _answer(description, "failed", f"request failed: {exc}", attempt,
                           requests_n + exc.requests_n, latency_ms or None, prompt_tokens,
                           completion_tokens, content)
        requests_n += completion.requests_n
        latency_ms += completion.latency_ms
        if completion.prompt_tokens is not None:
            prompt_tokens = (prompt_tokens or 0) + completion.prompt_tokens
        if completion.completion_tokens is not None:
            completion_tokens = (completion_tokens or 0) + completion.completion_tokens
        content = completion.content
        try:
            tags = parse_answer(content, description.text, taxonomy)
        except InvalidAnswer as exc:
            problem = str(exc)
            messages = messages + correction_message(content, problem)
            continue
        answer = _answer(description, "ok", None, attempt, requests_n, latency_ms, prompt_tokens,
                         completion_tokens, content)
        answer.tags = [(tag.skill, tag.evidence) for tag in tags]
        return answer
    return _answer(description, "failed", f"invalid answer twice: {problem}", 2, requests_n, latency_ms,
                   prompt_tokens, completion_tokens, content)


def _answer(
    description: Description,
    status: str,
    reason: str | None,
    attempts_n: int,
    requests_n: int,
    latency_ms: int | None,
    prompt_tokens: int | None,
    completion_tokens: int | None,
    content: str | None,
) -> Answer:
    return Answer(
        cache_key=description.cache_key,
        description_hash=description.description_hash,
        posting_ids=description.posting_ids,
        status=status,
        failure_reason=reason,
        attempts_n=attempts_n,
        requests_n=requests_n,
        latency_ms=latency_ms,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        response_text=content,
        answered_at=utc_now(),
    )


def _count(run: RunRow, answer: Answer) -> None:
    run.asked_n += 1
    run.ok_n += answer.status == "ok"
    run.failed_n += answer.status == "failed"
    run.requests_n += answer.requests_n
    if answer.prompt_tokens is not None:
        run.prompt_tokens = (run.prompt_tokens or 0) + answer.prompt_tokens
    if answer.completion_tokens is not None:
        run.completion_tokens = (run.completion_tokens or 0) + answer.completion_tokens


def tag_postings(
    db: Path,
    settings: LLMSettings,
    limit: int | None = None,
    estimate_only: bool = False,
    progress: bool = True,
    say: Callable[[str], None] = print,
    client: ChatClient | None = None,
    taxonomy: Taxonomy | None = None,
    prompt_version: str = PROMPT_VERSION,
    in_scope_only: bool = True,
) -> RunSummary:
    """The whole run; the caller holds the warehouse lock. `LLMTagError` if it cannot start or stops.
    `in_scope_only=False` tags every posting with a description (the real-text comparison does)."""
    settings.check()
    taxonomy = taxonomy or load_taxonomy()
    client = client or ChatClient(settings)
    if not Path(db).exists():
        raise LLMTagError(f"no warehouse at {db}: run `rolegap ingest` and `dbt build` first")
    with duckdb.connect(str(db)) as con:
        create_llm_tables(con)
        plan = make_plan(con, settings, taxonomy, limit, prompt_version, in_scope_only)
        say(plan.describe())
        run = RunRow(
            run_id=uuid.uuid4().hex, started_at=utc_now(), base_url=settings.base_url, model=settings.model,
            prompt_version=prompt_version, taxonomy_version=taxonomy.version, postings_n=plan.postings_n,
            descriptions_n=len(plan.descriptions), cached_n=len(plan.descriptions) - len(plan.to_ask),
            estimated_prompt_tokens=plan.estimated_prompt_tokens,
        )
        if estimate_only:
            return RunSummary(run, plan)
        _ask_all(con, client, taxonomy, plan, run, progress)
        return RunSummary(run, plan)


def _ask_all(
    con: duckdb.DuckDBPyConnection, client: ChatClient, taxonomy: Taxonomy, plan: Plan, run: RunRow,
    progress: bool,
) -> None:
    pending: list[Answer] = []
    bar = tqdm(total=len(plan.to_ask), desc="llm-tag", unit="posting", disable=not progress)

    def land(final: bool) -> None:
        if final:
            run.finished_at = utc_now()
        publish(con, run, pending, utc_now())
        pending.clear()

    with ThreadPoolExecutor(max_workers=client.settings.max_concurrency) as pool:
        futures: set[Future[Answer]] = {pool.submit(ask, client, d, taxonomy) for d in plan.to_ask}
        try:
            while futures:
                done, futures = wait(futures, return_when=FIRST_COMPLETED)
                for future in done:
                    answer = future.result()
                    _count(run, answer)
                    pending.append(answer)
                    bar.update(1)
                    bar.set_postfix(ok=run.ok_n, failed=run.failed_n, tokens=(run.prompt_tokens or 0)
                                    + (run.completion_tokens or 0))
                if len(pending) >= CHECKPOINT_ANSWERS:
                    land(final=False)
        except LLMFatalError as exc:
            for future in futures:
                future.cancel()
            land(final=True)
            raise LLMTagError(f"stopped: {exc}; {run.asked_n} answers kept, rerun to ask the rest") from None
        finally:
            bar.close()
    land(final=True)
