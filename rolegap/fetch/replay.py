"""A loopback HTTP server that replays saved board files at the three ATS endpoints (Lever paged),
with scripted faults: for tests, benchmarks and offline demos. Binds 127.0.0.1 on an ephemeral port.

`ReplayServer({("greenhouse", "acme"): b'{"jobs": [...]}', ...})`; `server.fault("lever", "x", Fault(503))`
queues a fault for that board's next request(s); `server.requests` records what was asked (path, headers).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

LAST_MODIFIED = "Mon, 01 Dec 2025 00:00:00 GMT"


@dataclass
class Fault:
    """What a board's next request gets instead of its document.

    `status`: answer with it (and `retry_after` as the Retry-After header); `delay`: sleep that long
    before answering (a read timeout); `truncate`: send half the body under the full Content-Length;
    `malformed`: a complete 200 whose body is not JSON. `times`: how many requests (None: all).
    """

    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    truncate: bool = False
    malformed: bool = False
    times: int | None = 1


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]
    client: str


@dataclass
class _Board:
    body: bytes
    faults: list[Fault] = field(default_factory=list)


def load_folder(folder: Path) -> dict[tuple[str, str], bytes]:
    """`<folder>/<ats>/<board>__YYYY-MM-DD.json` -> {(ats, board): bytes}."""
    files: dict[tuple[str, str], bytes] = {}
    for ats in ("greenhouse", "lever", "ashby"):
        for path in sorted((folder / ats).glob("*.json")):
            files[(ats, path.stem.split("__", 1)[0])] = path.read_bytes()
    return files


class ReplayServer:
    def __init__(self, files: dict[tuple[str, str], bytes]) -> None:
        self.boards = {key: _Board(body) for key, body in files.items()}
        self.requests: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def set_body(self, ats: str, board: str, body: bytes) -> None:
        with self._lock:
            self.boards.setdefault((ats, board), _Board(body)).body = body

    def fault(self, ats: str, board: str, *faults: Fault) -> None:
        with self._lock:
            self.boards[(ats, board)].faults.extend(faults)

    def requests_for(self, ats: str, board: str) -> list[SeenRequest]:
        marker = {"greenhouse": f"/v1/boards/{board}/jobs", "lever": f"/v0/postings/{board}",
                  "ashby": f"/posting-api/job-board/{board}"}[ats]
        return [seen for seen in self.requests if urlsplit(seen.path).path == marker]

    def _next_fault(self, key: tuple[str, str]) -> Fault | None:
        with self._lock:
            board = self.boards.get(key)
            if board is None or not board.faults:
                return None
            fault = board.faults[0]
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    board.faults.pop(0)
            return fault

    def answer(self, path: str) -> tuple[tuple[str, str] | None, bytes | None]:
        """Which board a path asks for, and the document (Lever: the page) it gets; None if unknown."""
        parts = urlsplit(path)
        segments = [unquote(s) for s in parts.path.strip("/").split("/")]
        query = parse_qs(parts.query)
        if len(segments) == 4 and segments[:2] == ["v1", "boards"] and segments[3] == "jobs":
            key = ("greenhouse", segments[2])
        elif len(segments) == 3 and segments[:2] == ["v0", "postings"]:
            key = ("lever", segments[2])
        elif len(segments) == 3 and segments[:2] == ["posting-api", "job-board"]:
            key = ("ashby", segments[2])
        else:
            return None, None
        with self._lock:
            board = self.boards.get(key)
            body = board.body if board else None
        if body is None or key[0] != "lever" or "limit" not in query:
            return key, body
        skip = int(query.get("skip", ["0"])[0])
        limit = int(query["limit"][0])
        postings: list[Any] = json.loads(body)
        return key, json.dumps(postings[skip:skip + limit], ensure_ascii=False).encode("utf-8")


def _handler(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            with server._lock:
                seen = SeenRequest(self.path, dict(self.headers.items()), self.client_address[0])
                server.requests.append(seen)
            key, body = server.answer(self.path)
            if key is None or body is None:
                self._send(404, b'{"ok":false,"error":"Document not found"}')
                return
            fault = server._next_fault(key)
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status is not None:
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    self._send(fault.status, b'{"error":"scripted fault"}', headers)
                    return
                if fault.malformed:
                    self._send(200, body[: len(body) // 2])
                    return
                if fault.truncate:
                    self._send(200, body, cut=len(body) // 2)
                    return
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", {"ETag": etag, "Last-Modified": LAST_MODIFIED})
                return
            self._send(200, body, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                  cut: int | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body if cut is None else body[:cut])
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its read timeout): nothing to answer
            if cut is not None:
                self.close_connection = True

    return Handler
