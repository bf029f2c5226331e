"""A small client for OpenAI-compatible `POST {base}/chat/completions` (llama.cpp, vLLM, Ollama, hosted).

Retries with exponential backoff on 429 (honouring Retry-After), 5xx, timeouts and refused
connections; a rate limit spaces request starts; the caller's thread pool caps concurrency.
Structured output (`response_format` json_schema) is sent first; a server that rejects it with a
400 naming `response_format` is asked again, from then on, for plain JSON. It shares the fetcher's
Retry-After parser; it is not `rolegap.fetch.client.PoliteClient` because that one GETs public
pages per host (ETags, body caps), while this POSTs to one endpoint with a key and must read a
400's body to fall back to plain JSON.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from rolegap.fetch.client import parse_retry_after
from rolegap.llm.settings import LLMSettings

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
FATAL_STATUSES = frozenset({401, 403, 404, 405})  # every request would fail alike: stop the run


class LLMFatalError(RuntimeError):
    """The endpoint refuses every request (401/403/404/405: bad key, wrong URL or model): the run
    stops. One line."""


class LLMTransportError(RuntimeError):
    """One request failed after every retry (the posting is recorded as failed). One line."""

    def __init__(self, message: str, requests_n: int) -> None:
        super().__init__(message)
        self.requests_n = requests_n


@dataclass
class Completion:
    content: str
    prompt_tokens: int | None
    completion_tokens: int | None
    latency_ms: int
    requests_n: int


class RateLimiter:
    """At most `per_minute` request starts per minute, across threads."""

    def __init__(self, per_minute: float, sleep: Callable[[float], None], clock: Callable[[], float]):
        self.interval = 60.0 / per_minute
        self.sleep = sleep
        self.clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self.sleep(start - now)


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Retry-After (delta-seconds or an HTTP date, read by the fetcher's parser) capped at `cap`."""
    seconds = parse_retry_after(value)
    return None if seconds is None else min(seconds, cap)


class ChatClient:
    def __init__(
        self,
        settings: LLMSettings,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.limiter = RateLimiter(settings.requests_per_minute, sleep, clock)
        self.structured_output = True
        self._local = threading.local()

    @property
    def url(self) -> str:
        return f"{self.settings.base_url}/chat/completions"

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            if self.settings.api_key:
                session.headers["Authorization"] = f"Bearer {self.settings.api_key}"
            self._local.session = session
        return session

    def _body(self, messages: list[dict[str, str]], response_format: dict[str, Any] | None) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.settings.model, "messages": messages, "temperature": 0}
        if response_format is not None and self.structured_output:
            body["response_format"] = response_format
        return body

    def _backoff(self, retry: int) -> float:
        return min(self.settings.backoff_seconds * 2**retry, self.settings.max_backoff_seconds)

    def complete(
        self, messages: list[dict[str, str]], response_format: dict[str, Any] | None = None
    ) -> Completion:
        """One chat completion, retried as the module says; `LLMTransportError` when retries run out."""
        requests_n = 0
        retry = 0
        started = self.clock()
        while True:
            self.limiter.acquire()
            requests_n += 1
            sent_format = response_format is not None and self.structured_output
            try:
                body = self._body(messages, response_format)
                response = self._session().post(self.url, json=body, timeout=self.settings.timeout_seconds)
            except requests.Timeout:
                problem, wait = f"timed out after {self.settings.timeout_seconds:g} s", self._backoff(retry)
            except requests.ConnectionError as exc:
                problem, wait = f"connection failed ({type(exc).__name__})", self._backoff(retry)
            else:
                status = response.status_code
                if status == 200:
                    return self._completion(response, requests_n, started)
                if status == 400 and sent_format and "response_format" in response.text:
                    self.structured_output = False  # this server wants plain JSON: ask again at once
                    continue
                if status in FATAL_STATUSES:
                    raise LLMFatalError(f"{self.url} answered HTTP {status}: {response.text[:200]!r}")
                if status not in RETRY_STATUSES:  # e.g. 400 prompt too long: this posting fails, not the run
                    raise LLMTransportError(f"HTTP {status}: {response.text[:160]!r}", requests_n)
                problem = f"HTTP {status}"
                wait = self._backoff(retry)
                if status == 429:
                    header = retry_after_seconds(
                        response.headers.get("Retry-After"), self.settings.max_backoff_seconds
                    )
                    wait = wait if header is None else header
            if retry >= self.settings.max_retries:
                raise LLMTransportError(f"{problem}, {requests_n} attempt(s)", requests_n)
            retry += 1
            self.sleep(wait)

    def _completion(self, response: requests.Response, requests_n: int, started: float) -> Completion:
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            content = response.text  # not a chat completion: validation records it as invalid
            data = {}
        usage = data.get("usage") or {}
        return Completion(
            content=content,
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            latency_ms=int((self.clock() - started) * 1000),
            requests_n=requests_n,
        )
