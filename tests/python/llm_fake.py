"""A fake OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM tagger tests.

`FakeLLM(respond)` serves `POST /v1/chat/completions`; `respond(body, n)` gets the request JSON and
its 1-based number and returns a `Reply` (status, JSON or raw text, headers, delay). Every request
body is kept in `requests` so tests can count what was asked.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import duckdb

_POSTING = re.compile(r"Posting text:\n<<<\n(?P<text>.*)\n>>>", re.DOTALL)


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message (for status 200)
    raw: str | None = None  # a whole body instead (an error text, or a malformed completion)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    usage: tuple[int, int] = (100, 20)


def answer(*tags: tuple[str, str]) -> str:
    return json.dumps({"skills": [{"skill": skill, "evidence": span} for skill, span in tags]})


def posting_text(body: dict[str, Any]) -> str:
    """The posting the request asks about (from the first user message)."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    match = _POSTING.search(user)
    assert match, "request without a posting text"
    return match["text"]


class FakeLLM:
    def __init__(self, respond: Callable[[dict[str, Any], int], Reply]) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                with fake._lock:
                    fake.requests.append(body)
                    n = len(fake.requests)
                if self.path != "/v1/chat/completions":
                    reply = Reply(status=404, raw="not found")
                else:
                    reply = fake.respond(body, n)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw is not None:
                    payload = reply.raw.encode()
                else:
                    payload = json.dumps(
                        {
                            "id": f"fake-{n}",
                            "object": "chat.completion",
                            "model": body.get("model"),
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": reply.content},
                                }
                            ],
                            "usage": {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1]},
                        }
                    ).encode()
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def tiny_warehouse(db, postings: dict[str, str], out_of_scope: dict[str, str] | None = None) -> None:
    """The two relations `rolegap llm-tag` reads, as a dbt build leaves them (only the columns it reads)."""
    rows = [(pid, text, True) for pid, text in postings.items()]
    rows += [(pid, text, False) for pid, text in (out_of_scope or {}).items()]
    with duckdb.connect(str(db)) as con:
        con.execute("create schema marts")
        con.execute("create schema intermediate")
        con.execute("create table marts.postings (posting_id varchar, is_in_scope boolean)")
        con.execute(
            "create table intermediate.int_postings_deduplicated"
            " (posting_id varchar, description_text varchar)"
        )
        con.executemany("insert into marts.postings values (?, ?)", [(r[0], r[2]) for r in rows])
        con.executemany(
            "insert into intermediate.int_postings_deduplicated values (?, ?)", [(r[0], r[1]) for r in rows]
        )
