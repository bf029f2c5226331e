"""A polite HTTP client: identifying User-Agent, per-host concurrency cap and minimum interval,
timeouts, retries with exponential backoff and jitter honouring Retry-After, and a body-size cap.

Built on `requests` (already locked); the per-host gate and the retry loop are a few dozen lines
by hand because urllib3's Retry neither spaces requests per host nor reports its attempts.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests

from rolegap import __version__
from rolegap.fetch.endpoints import host_of

DEFAULT_USER_AGENT = f"rolegap/{__version__} (job-market research; contact: set ROLEGAP_USER_AGENT)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def user_agent(explicit: str | None = None) -> str:
    """`--user-agent`, else $ROLEGAP_USER_AGENT, else DEFAULT_USER_AGENT (which names no contact)."""
    return explicit or os.environ.get("ROLEGAP_USER_AGENT") or DEFAULT_USER_AGENT


@dataclass(frozen=True)
class Politeness:
    """How hard we may knock. Defaults are for the real public hosts."""

    user_agent: str = DEFAULT_USER_AGENT
    min_interval: float = 1.0  # seconds between request starts to one host
    per_host: int = 2  # requests in flight to one host
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_attempts: int = 4  # per request, retries included
    backoff_base: float = 1.0  # first retry waits ~1 s, then 2, 4... (+ up to 50% jitter)
    backoff_cap: float = 60.0
    retry_after_cap: float = 120.0  # a longer Retry-After is honoured only up to this
    max_bytes: int = 50 * 1024 * 1024


@dataclass
class Reply:
    url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    attempts: int


class FetchFailed(Exception):
    """A request that did not give a usable answer; str is one line."""

    def __init__(self, reason: str, http_status: int | None, attempts: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.http_status = http_status
        self.attempts = attempts


class _Retryable(Exception):
    def __init__(self, reason: str, http_status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.http_status = http_status
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class _HostGate:
    """At most `per_host` requests in flight, and request starts `min_interval` apart."""

    per_host: int
    min_interval: float
    slots: threading.BoundedSemaphore = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0

    def __post_init__(self) -> None:
        self.slots = threading.BoundedSemaphore(self.per_host)

    def reserve(self) -> float:
        """Claim the next start time; returns how long to wait for it."""
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.min_interval
            return start - now

    def defer(self, seconds: float) -> None:
        """The host asked us to wait (Retry-After): nobody starts a request to it before then."""
        with self.lock:
            self.next_start = max(self.next_start, time.monotonic() + seconds)


class PoliteClient:
    """GETs with the politeness rules; safe to share between threads (one requests.Session per thread)."""

    def __init__(
        self,
        politeness: Politeness,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.politeness = politeness
        self.sleep = sleep
        self.rng = rng or random.Random()
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._local = threading.local()

    def _gate(self, url: str) -> _HostGate:
        host = host_of(url)
        with self._gates_lock:
            if host not in self._gates:
                self._gates[host] = _HostGate(self.politeness.per_host, self.politeness.min_interval)
            return self._gates[host]

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update({"User-Agent": self.politeness.user_agent, "Accept": "application/json"})
            self._local.session = session
        return session

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt `attempt + 1`: exponential with jitter, at least Retry-After."""
        p = self.politeness
        delay = min(p.backoff_cap, p.backoff_base * 2 ** (attempt - 1))
        delay += self.rng.uniform(0, delay / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, p.retry_after_cap))
        return delay

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Reply:
        """One answer (200 or 304), after retries on 429/5xx/connection errors; else FetchFailed."""
        gate = self._gate(url)
        attempt = 0
        while True:
            attempt += 1
            wait = gate.reserve()
            if wait > 0:
                self.sleep(wait)
            try:
                with gate.slots:
                    return self._once(url, headers or {}, attempt)
            except _Retryable as err:
                if attempt >= self.politeness.max_attempts:
                    raise FetchFailed(f"{err.reason} (gave up after {attempt} attempts)",
                                      err.http_status, attempt) from None
                delay = self.backoff(attempt, err.retry_after)
                if err.retry_after is not None:
                    gate.defer(min(err.retry_after, self.politeness.retry_after_cap))
                self.sleep(delay)

    def _once(self, url: str, headers: Mapping[str, str], attempt: int) -> Reply:
        p = self.politeness
        try:
            response = self._session().get(url, headers=dict(headers), stream=True,
                                           timeout=(p.connect_timeout, p.read_timeout))
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as err:
            reason = f"bad URL {url!r}: {_short(err)} (check ROLEGAP_*_API_BASE)"
            raise FetchFailed(reason, None, attempt) from None
        except requests.Timeout:
            limits = f"connect {p.connect_timeout:g} s, read {p.read_timeout:g} s"
            raise _Retryable(f"timed out ({limits})") from None
        except requests.RequestException as err:
            raise _Retryable(f"connection error: {_short(err)}") from None
        with response:
            status = response.status_code
            if status in RETRY_STATUSES:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                raise _Retryable(f"HTTP {status}", status, retry_after)
            if status == 304:
                return Reply(url, status, b"", response.headers.get("ETag"),
                             response.headers.get("Last-Modified"), attempt)
            if status != 200:
                raise FetchFailed(f"HTTP {status}{_not_found_hint(status)}", status, attempt)
            body = self._read_capped(response, attempt)
            return Reply(url, status, body, response.headers.get("ETag"),
                         response.headers.get("Last-Modified"), attempt)

    def _read_capped(self, response: requests.Response, attempt: int) -> bytes:
        cap = self.politeness.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchFailed(f"body of {int(declared):,} bytes exceeds the cap of {cap:,}", 200, attempt)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > cap:
                    raise FetchFailed(f"body exceeds the cap of {cap:,} bytes", 200, attempt)
                chunks.append(chunk)
        except requests.Timeout:
            raise _Retryable("timed out while reading the body", 200) from None
        except requests.RequestException as err:
            raise _Retryable(f"body cut short: {_short(err)}", 200) from None
        return b"".join(chunks)


def _not_found_hint(status: int) -> str:
    return " (unknown board?)" if status == 404 else ""


def _short(err: BaseException, limit: int = 160) -> str:
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
