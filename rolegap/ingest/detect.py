"""Which files to read, in which format, for which board, fetched when."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rolegap.ingest.records import FORMATS, to_utc_naive

PAYLOAD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
GZIP_SUFFIX = ".gz"  # x.json.gz, x.jsonl.gz, x.ndjson.gz: read like x.json, x.jsonl, x.ndjson
_NAME_STAMP = re.compile(r"__(\d{4}-\d{2}-\d{2})(?:T(\d{2})(\d{2})(\d{2}))?(?:$|[^0-9])")


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # non-payload files inside folders


def discover(paths: Iterable[Path]) -> Discovery:
    """Files named on the command line are always read; folders are walked for *.json/*.jsonl/*.ndjson,
    gzipped or not (hidden files and folders skipped). Each file is read once, sorted per argument."""
    found = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file():
                    continue
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if payload_suffix(child) in PAYLOAD_SUFFIXES and not hidden:
                    add(child)
                else:
                    found.skipped.append(child)
        elif path.is_file():
            add(path)
        else:
            found.missing.append(path)
    return found


def payload_suffix(path: Path) -> str:
    """The suffix that tells the payload kind, under a `.gz`: `x.jsonl.gz` -> `.jsonl`."""
    name = path.name.lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).suffix


def name_stem(path: Path) -> str:
    """The name without payload suffix and `.gz`: `stripe__2026-08-04.json.gz` -> `stripe__2026-08-04`."""
    name = path.name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def format_from_path(path: Path) -> str | None:
    """The nearest parent folder named like a format decides; else a .jsonl/.ndjson suffix means jsonl."""
    for part in reversed(path.parent.parts):
        if part.lower() in FORMATS:
            return part.lower()
    if payload_suffix(path) in JSONL_SUFFIXES:
        return "jsonl"
    return None


def sniff(document: Any) -> str | None:
    """Format of a parsed JSON document from its shape, or None."""
    if isinstance(document, dict) and isinstance(document.get("jobs"), list):
        first = next((job for job in document["jobs"] if isinstance(job, dict)), None)
        if first is None:
            return None
        if "absolute_url" in first or "content" in first:
            return "greenhouse"
        if "jobUrl" in first or "descriptionHtml" in first or "publishedAt" in first:
            return "ashby"
        return None
    if isinstance(document, list):
        first = next((item for item in document if isinstance(item, dict)), None)
        if first is not None and "text" in first and ("categories" in first or "hostedUrl" in first):
            return "lever"
    return None


def is_empty_board(document: Any) -> bool:
    """`{"jobs": []}` or `[]`: a board with no openings that day. Nothing to land, nothing to reject."""
    return document == [] or (isinstance(document, dict) and document.get("jobs") == [])


def board_from_name(path: Path) -> str:
    """`<board>__YYYY-MM-DD.json[.gz]` -> board; a name without `__` is all board."""
    return name_stem(path).split("__", 1)[0]


def fetched_at_from_name(path: Path) -> datetime | None:
    """`...__YYYY-MM-DD` or `...__YYYY-MM-DDTHHMMSS` in the file name, read as UTC."""
    match = _NAME_STAMP.search(name_stem(path))
    if not match:
        return None
    day, hh, mm, ss = match.groups()
    try:
        stamp = datetime.fromisoformat(day)
        if hh is not None:
            stamp = stamp.replace(hour=int(hh), minute=int(mm), second=int(ss))
    except ValueError:
        return None
    return stamp


def file_fetched_at(path: Path) -> datetime:
    """The file's fetch time: from its name, else its modification time (UTC)."""
    stamp = fetched_at_from_name(path)
    if stamp is not None:
        return stamp
    return to_utc_naive(datetime.fromtimestamp(path.stat().st_mtime, tz=UTC))
