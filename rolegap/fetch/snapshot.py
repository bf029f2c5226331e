"""A board's snapshot files `DIR/<ats>/<board>__YYYY-MM-DD.json`: naming, parsing, comparing."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rolegap.ingest.records import canonical_json


class MalformedBody(ValueError):
    """A 200 answer that is not the ATS's board document; str is one line."""


def board_file(out_dir: Path, ats: str, board: str, day: date, at: datetime | None = None) -> Path:
    """The name `rolegap ingest` reads: folder = format, stem = board, date = the UTC fetch date.

    `at` (UTC) adds the time, `<board>__YYYY-MM-DDTHHMMSS.json` (ingest reads it too): a second, different
    snapshot on the same day then sits beside the first instead of replacing it.
    """
    stamp = day.isoformat() if at is None else f"{day.isoformat()}T{at:%H%M%S}"
    return out_dir / ats / f"{board}__{stamp}.json"


def latest_file(out_dir: Path, ats: str, board: str) -> Path | None:
    """The board's newest snapshot: ISO dates sort by name, `__DATE.json` before `__DATETHHMMSS.json`."""
    folder = out_dir / ats
    if not folder.is_dir():
        return None
    prefix = f"{board}__"
    names = sorted(path.name for path in folder.glob(f"{board}__*.json")
                   if path.name[len(prefix):len(prefix) + 10].count("-") == 2)
    return folder / names[-1] if names else None


def parse_jobs(ats: str, body: bytes) -> list[Any]:
    """The jobs in a board document: Greenhouse/Ashby `{"jobs": [...]}`, Lever `[...]`."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise MalformedBody(f"body is not UTF-8 (byte offset {err.start})") from None
    except json.JSONDecodeError as err:
        raise MalformedBody(f"body is not JSON (truncated or malformed): {err.msg} at char {err.pos} "
                            f"of {len(body):,} bytes") from None
    if ats == "lever":
        if not isinstance(document, list):
            raise MalformedBody(f"expected a JSON array of Lever postings, got {type(document).__name__}")
        return document
    if not (isinstance(document, dict) and isinstance(document.get("jobs"), list)):
        raise MalformedBody("expected a JSON object with a 'jobs' array")
    return list(document["jobs"])


def join_pages(pages: list[bytes]) -> bytes:
    """Lever's pages as one JSON array, each posting's bytes as received (pages already parsed as arrays)."""
    if len(pages) == 1:
        return pages[0]
    parts = [page.strip().removeprefix(b"\xef\xbb\xbf").strip()[1:-1].strip() for page in pages]
    return b"[" + b",".join(part for part in parts if part) + b"]"


@dataclass(frozen=True)
class Diff:
    new: int
    changed: int
    gone: int


def _by_id(jobs: list[Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for index, job in enumerate(jobs):
        text = canonical_json(job)
        has_id = isinstance(job, dict) and job.get("id") is not None
        key = str(job["id"]) if has_id else f"#{index}:{text}"
        out[key] = text
    return out


def diff(previous: list[Any] | None, current: list[Any]) -> Diff:
    """Jobs new, changed (same id, other content) and gone, by job id, against the previous snapshot."""
    before = _by_id(previous or [])
    after = _by_id(current)
    return Diff(
        new=sum(1 for key in after if key not in before),
        changed=sum(1 for key, text in after.items() if key in before and before[key] != text),
        gone=sum(1 for key in before if key not in after),
    )


def read_jobs(ats: str, path: Path | None) -> list[Any] | None:
    """The jobs of an existing snapshot; None when there is none or it cannot be parsed."""
    if path is None:
        return None
    try:
        return parse_jobs(ats, path.read_bytes())
    except (OSError, MalformedBody):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
