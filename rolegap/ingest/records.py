"""What a payload file turns into: postings to land and rejects to quarantine, plus the hashing rules."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

FORMATS: tuple[str, ...] = ("greenhouse", "lever", "ashby", "jsonl")


def canonical_json(obj: Any) -> str:
    """Sorted keys, compact separators, non-ASCII kept as is: the text the payload hash is taken of."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def float_has_exponent(value: float) -> bool:
    """json.dumps prints this float with an exponent (`1e+16`, `1e-05`), where orjson does not."""
    magnitude = abs(value)
    return magnitude >= 1e16 or (magnitude != 0 and magnitude < 1e-4)


class FloatScan:
    """json.loads's parse_float hook: parses as json does and notes whether any float of the document
    is one json.dumps prints with an exponent. Without such floats, orjson writes the same bytes as
    json.dumps (ingest's fast path, `compact_json`); with one, the document takes json.dumps."""

    def __init__(self) -> None:
        self.exponent = False

    def __call__(self, text: str) -> float:
        value = float(text)
        if not self.exponent and float_has_exponent(value):
            self.exponent = True
        return value


def compact_json(obj: Any, sort_keys: bool = False, exact: bool = False) -> str:
    """`json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=...)`, through orjson
    (several times faster) when `exact` says the object has no float json.dumps prints with an
    exponent (FloatScan). orjson then writes the same text; for what it refuses (an integer beyond
    64 bits, an unpaired surrogate, nesting deeper than 255) json.dumps answers as before, so a
    payload's hash and text never depend on the path (tests/python/test_ingest_json.py)."""
    if exact:
        try:
            return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS if sort_keys else 0).decode("utf-8")
        except (orjson.JSONEncodeError, TypeError):
            pass
    return json.dumps(obj, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def raw_record_id(source: str, board: str, payload_hash: str) -> str:
    """The raw tables' key (docs/architecture.md): sha256 of `source|board|payload_hash`."""
    return sha256_hex(f"{source}|{board}|{payload_hash}")


def utc_now() -> datetime:
    """Naive UTC, the convention of every `_at` column in the warehouse."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc_naive(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def printable_path(path: object) -> str:
    """A file name that always encodes as UTF-8 (undecodable bytes in names become U+FFFD)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class Posting:
    """One valid posting, ready to land in raw.<table>_postings."""

    table: str  # payload format: greenhouse / lever / ashby / jsonl
    source: str
    board: str
    file_path: str
    record_index: int  # jsonl: 1-based line; ATS files: 0-based index in the array
    fetched_at: datetime
    payload_hash: str
    payload: str

    @property
    def raw_record_id(self) -> str:
        return raw_record_id(self.source, self.board, self.payload_hash)


@dataclass(frozen=True, slots=True)
class Reject:
    """A record (or a whole file) that could not be landed, with where and why."""

    source: str | None
    file_path: str
    where: str  # human location: "x.jsonl:17", "x.json:jobs[3]", "x.json:1:345" or "x.json"
    record_index: int | None
    field: str | None
    reason: str
    raw_text: str
    rejected_at: datetime

    @property
    def message(self) -> str:
        field = f"field '{self.field}': " if self.field else ""
        return f"{self.where}: {field}{self.reason}"


def snapshot_id(source: str, board: str | None, fetched_at: datetime, content_hash: str) -> str:
    """raw.ingest_snapshots' key: sha256 of `source|board|fetched_at|content_hash` (board '' when none)."""
    return sha256_hex(f"{source}|{board or ''}|{fetched_at.isoformat()}|{content_hash}")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One payload file that was read as a listing (yielded after its postings and rejects).

    An ATS board file is its board's listing at `fetched_at`: complete when none of its records was
    rejected (so a posting missing from its sightings was really not listed). A jsonl file is never
    complete: it holds whatever postings someone collected, of any boards.
    """

    source: str
    board: str | None
    file_path: str
    fetched_at: datetime
    content_hash: str  # sha256 of the file's (decompressed) bytes
    records_n: int  # records read from the file: loaded + duplicate + rejected
    is_complete: bool

    @property
    def snapshot_id(self) -> str:
        return snapshot_id(self.source, self.board, self.fetched_at, self.content_hash)


Record = Posting | Reject
