"""Read one payload file into postings and rejects, then its snapshot: detection, parsing, validation.

jsonl is streamed line by line. An ATS board file (Greenhouse, Lever, Ashby) is one JSON document,
bounded by a board's size, so it is parsed whole; a file that cannot be decoded or parsed is rejected
whole (one reject that keeps the file's text), a posting that fails its format's rules is rejected alone.
Either kind may be gzipped (`.json.gz`, `.jsonl.gz`): it is read the same way, decompressed as it
streams. A file read as a listing ends with a `Snapshot` (raw.ingest_snapshots); a file rejected
whole has none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from rolegap.ingest.detect import (
    board_from_name,
    file_fetched_at,
    format_from_path,
    is_empty_board,
    sniff,
)
from rolegap.ingest.payload_file import GZIP_ERRORS, PayloadFile, gzip_reason
from rolegap.ingest.records import (
    FloatScan,
    Posting,
    Record,
    Reject,
    Snapshot,
    compact_json,
    printable_path,
    sha256_hex,
    to_utc_naive,
    utc_now,
)
from rolegap.ingest.validate import FieldError, check_format, type_name

Advance = Callable[[int], None]
Item = Record | Snapshot  # what read_file yields: records, then the file's snapshot
BOM = b"\xef\xbb\xbf"
SURROGATE_REASON = "contains an unpaired UTF-16 surrogate escape (\\ud800-\\udfff): not storable as UTF-8"


class _Invalid(ValueError):
    """A JSON text that cannot be landed; `where` refines the location (line:column)."""

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON constant {name}")


def _loads(text: str, line: bool = False, floats: FloatScan | None = None) -> Any:
    """Parse strict JSON (no NaN/Infinity, which DuckDB's JSON type refuses). `line`: one jsonl line.
    `floats` notes the floats json.dumps would print with an exponent (compact_json's fast path)."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=floats)
    except json.JSONDecodeError as err:
        if line:
            raise _Invalid(f"malformed JSON line: {err.msg} at column {err.colno}") from err
        raise _Invalid(
            f"invalid JSON (truncated or malformed): {err.msg} at line {err.lineno} column {err.colno} "
            f"(char {err.pos})",
            f":{err.lineno}:{err.colno}",
        ) from err
    except RecursionError as err:
        raise _Invalid("invalid JSON: nested too deeply") from err
    except ValueError as err:
        raise _Invalid(f"invalid JSON: {err}") from err


def _hash(obj: Any, exact: bool = False) -> str:
    try:
        return sha256_hex(compact_json(obj, sort_keys=True, exact=exact))
    except UnicodeEncodeError as err:
        raise _Invalid(SURROGATE_REASON) from err


def _raw_text(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj)
    return text


def _utf8_error(data: bytes, err: UnicodeDecodeError) -> tuple[str, str]:
    line = data.count(b"\n", 0, err.start) + 1
    column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    reason = (
        f"not valid UTF-8: byte 0x{data[err.start]:02x} at line {line} column {column} "
        f"(byte offset {err.start})"
    )
    return reason, f":{line}:{column}"


def read_file(path: Path, fmt: str, company: str | None, advance: Advance) -> Iterator[Item]:
    """Every record of one file, each a Posting or a Reject, then the file's Snapshot (unless the whole
    file was rejected). `fmt` is 'auto' or a format name."""
    display = printable_path(path)
    detected = format_from_path(path) if fmt == "auto" else fmt
    if detected == "jsonl":
        yield from read_jsonl(path, display, advance)
        return

    with PayloadFile(path) as payload:
        try:
            data = payload.stream.read()
            error: BaseException | None = None
        except GZIP_ERRORS as err:
            data, error = b"", err
    on_disk = path.stat().st_size
    advance(on_disk)

    def file_reject(reason: str, where: str = "", source: str | None = detected) -> Reject:
        return Reject(source, display, display + where, None, None, reason,
                      data.decode("utf-8", "backslashreplace"), utc_now())

    if error is not None:
        data = path.read_bytes()  # the compressed bytes, kept with the reject
        yield file_reject(f"{gzip_reason(error)}; whole file rejected")
        return
    if not data.strip():
        yield file_reject("empty file")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        reason, where = _utf8_error(data, err)
        yield file_reject(f"{reason}; whole file rejected", where)
        return
    floats = FloatScan()
    try:
        document = _loads(text, floats=floats)
    except _Invalid as err:
        if detected is None and "Extra data" in err.reason and _first_line_is_object(text):
            yield from read_jsonl(path, display, lambda _n: None)  # a JSON-lines file named .json
            return
        yield file_reject(err.reason, err.where)
        return

    if detected is None:
        detected = sniff(document)
        if detected is None:
            if not is_empty_board(document):
                yield file_reject(
                    "unknown format: not a Greenhouse/Ashby {\"jobs\": [...]} board, a Lever postings "
                    "array or JSON lines; put the file in a folder named after its format or pass --format"
                )
            return

    board = company or board_from_name(path)
    if not board:
        yield file_reject("cannot tell the board: pass --company or name the file <board>__YYYY-MM-DD.json",
                          source=detected)
        return
    try:
        fetched_at = _wrapper_fetched_at(document) or file_fetched_at(path)
    except FieldError as err:
        yield Reject(detected, display, display, None, err.field, f"{err.reason}; whole file rejected",
                     text, utc_now())
        return
    records_n = rejected_n = 0
    exact = not floats.exponent
    for record in _ats_records(document, detected, display, board, fetched_at, file_reject, exact):
        records_n += 1
        rejected_n += isinstance(record, Reject)
        yield record
    if records_n == 1 and rejected_n == 1 and not _is_listing(document, detected):
        return  # the document was not a listing at all (one reject for the whole file)
    yield Snapshot(detected, board, display, fetched_at, hashlib.sha256(data).hexdigest(), records_n,
                   is_complete=rejected_n == 0)


def _is_listing(document: Any, fmt: str) -> bool:
    if fmt == "lever":
        return isinstance(document, list)
    return isinstance(document, dict) and isinstance(document.get("jobs"), list)


def _wrapper_fetched_at(document: Any) -> datetime | None:
    """A scraper's wrapper may say when it fetched the board (`{"company", "fetched_at", "jobs"}`)."""
    if not isinstance(document, dict) or document.get("fetched_at") is None:
        return None
    value = document["fetched_at"]
    if isinstance(value, str):
        try:
            return to_utc_naive(datetime.fromisoformat(value))
        except ValueError:
            pass
    got = f"string {value[:40]!r}" if isinstance(value, str) else type_name(value)
    raise FieldError("fetched_at", f"expected ISO-8601 timestamp string, got {got}")


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(_loads(first, line=True), dict)
    except _Invalid:
        return False


def _ats_records(
    document: Any,
    fmt: str,
    display: str,
    board: str,
    fetched_at: datetime,
    file_reject: Callable[..., Reject],
    exact: bool = False,
) -> Iterator[Record]:
    if fmt == "lever":
        if not isinstance(document, list):
            got = type_name(document)
            yield file_reject(f"expected a JSON array of Lever postings, got {got}", source=fmt)
            return
        items, label = document, ""
    else:
        if not (isinstance(document, dict) and isinstance(document.get("jobs"), list)):
            got = type_name(document)
            if isinstance(document, dict):
                got = "object without a 'jobs' array"
            yield file_reject(f"expected a JSON object with a 'jobs' array, got {got}", source=fmt)
            return
        items, label = document["jobs"], "jobs"

    for index, item in enumerate(items):
        where = f"{display}:{label}[{index}]"
        try:
            check_format(fmt, item)
            payload_hash = _hash(item, exact)
        except (FieldError, _Invalid) as err:
            field = err.field if isinstance(err, FieldError) else None
            yield Reject(fmt, display, where, index, field, err.reason, _raw_text(item), utc_now())
            continue
        payload = compact_json(item, exact=exact)
        yield Posting(fmt, fmt, board, display, index, fetched_at, payload_hash, payload)


def read_jsonl(path: Path, display: str, advance: Advance) -> Iterator[Item]:
    """One posting per line (1-based line numbers; blank lines are not records), then the snapshot."""
    fallback: datetime | None = None
    records_n = 0
    content = hashlib.sha256()
    with PayloadFile(path) as payload:
        lines = enumerate(payload.stream, start=1)
        line_number, done = 0, 0
        while True:
            try:
                line_number, raw = next(lines)
            except StopIteration:
                break
            except GZIP_ERRORS as err:
                if line_number == 0:  # nothing could be read: the file is rejected whole, no snapshot
                    raw_text = path.read_bytes().decode("utf-8", "backslashreplace")
                    reason = f"{gzip_reason(err)}; whole file rejected"
                    yield Reject("jsonl", display, display, None, None, reason, raw_text, utc_now())
                    return
                records_n += 1
                where = f"{display}:{line_number + 1}"
                reason = f"{gzip_reason(err)} after line {line_number}; rest of the file rejected"
                yield Reject("jsonl", display, where, line_number + 1, None, reason, "", utc_now())
                break
            content.update(raw)
            advance(payload.position() - done)
            done = payload.position()
            if line_number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM):]
            if not raw.strip():
                continue
            records_n += 1
            where = f"{display}:{line_number}"
            try:
                text = raw.decode("utf-8").strip()
            except UnicodeDecodeError as err:
                reason = f"not valid UTF-8: byte 0x{raw[err.start]:02x} at column {err.start + 1}"
                raw_text = raw.decode("utf-8", "backslashreplace").rstrip("\r\n")
                yield Reject("jsonl", display, where, line_number, None, reason, raw_text, utc_now())
                continue
            record: Any = None
            try:
                floats = FloatScan()
                record = _loads(text, line=True, floats=floats)
                check_format("jsonl", record)
                payload_hash = _hash({key: value for key, value in record.items() if key != "fetched_at"},
                                     not floats.exponent)
            except (FieldError, _Invalid) as err:
                field = err.field if isinstance(err, FieldError) else None
                reason = err.reason
                source = record.get("source") if isinstance(record, dict) else None
                yield Reject(source if isinstance(source, str) else "jsonl", display, where, line_number,
                             field, reason, text, utc_now())
                continue
            if record.get("fetched_at") is not None:
                fetched_at = to_utc_naive(datetime.fromisoformat(record["fetched_at"]))
            else:
                fallback = fallback or file_fetched_at(path)
                fetched_at = fallback
            source = record.get("source") or "jsonl"
            yield Posting("jsonl", source, record["company"], display, line_number, fetched_at,
                          payload_hash, text)
        advance(path.stat().st_size - done)
    if records_n == 0:
        yield Reject("jsonl", display, display, None, None, "empty file", "", utc_now())
        return
    yield Snapshot("jsonl", None, display, file_fetched_at(path), content.hexdigest(), records_n,
                   is_complete=False)
