"""Company profile files: one JSON object a line describing a company, landed in raw.company_profiles.

A file is read as company profiles when `--format companies` is given, or when the nearest folder
above it named like a format is `companies` (`corpus/payloads/companies/companies.jsonl`, which
`rolegap generate` writes for its fictional companies). Each line needs `company` (text), `industry`
(one of INDUSTRIES) and `is_startup` (true/false); `hq`, `ats` and `board` are optional text. A line
that breaks a rule is quarantined in raw.company_profile_rejects (file, line, field, reason, text),
never dropped. Profiles are counted apart from postings (the posting funnel reconciles
raw.ingest_batches with the posting tables): the ingest summary has its own profile line.
The key is sha256 of `companies||<payload hash>`: ingesting the same line again adds nothing; a
changed line for a company is a new version (the warehouse keeps the latest loaded).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolegap.ingest.payload_file import GZIP_ERRORS, PayloadFile, gzip_reason
from rolegap.ingest.records import (
    FORMATS,
    Reject,
    canonical_json,
    printable_path,
    raw_record_id,
    sha256_hex,
    utc_now,
)

PROFILE_FORMAT = "companies"
# The industries of the company dimension (seeds/_company_registry__seeds.yml tests the same list;
# tests/python/test_company_profiles.py checks the two agree).
INDUSTRIES: tuple[str, ...] = (
    "mobility", "ai_ml", "consumer", "fintech", "enterprise_software", "healthcare", "media",
    "hardware", "consulting",
)
OPTIONAL_TEXT: tuple[str, ...] = ("hq", "ats", "board")
BOM = b"\xef\xbb\xbf"

DDL = ["""
    create table if not exists raw.company_profiles (
        raw_record_id varchar not null,
        batch_id varchar not null,
        file_path varchar not null,
        record_index integer not null,
        payload_hash varchar not null,
        payload json not null,
        loaded_at timestamp not null
    )
""", """
    create table if not exists raw.company_profile_rejects (
        batch_id varchar not null,
        file_path varchar not null,
        record_index integer,
        field varchar,
        reason varchar not null,
        raw_text varchar,
        rejected_at timestamp not null
    )
"""]

Advance = Callable[[int], None]


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON constant {name}")


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    """One valid profile line, ready to land in raw.company_profiles."""

    file_path: str
    record_index: int  # 1-based line
    payload_hash: str
    payload: str  # canonical JSON of the line's object

    @property
    def raw_record_id(self) -> str:
        return raw_record_id(PROFILE_FORMAT, "", self.payload_hash)


def is_profile_file(path: Path, fmt: str) -> bool:
    """`--format companies`, or (auto) the nearest format-named folder above the file is `companies`."""
    if fmt != "auto":
        return fmt == PROFILE_FORMAT
    for part in reversed(path.parent.parts):
        name = part.lower()
        if name == PROFILE_FORMAT:
            return True
        if name in FORMATS:
            return False
    return False


def check_profile(record: Any) -> tuple[str | None, str] | None:
    """(field, reason) for the first rule `record` breaks, else None."""
    if not isinstance(record, dict):
        return None, f"a company profile must be a JSON object, not {type(record).__name__}"
    company = record.get("company")
    if not isinstance(company, str) or not company.strip():
        return "company", "missing or empty (the company's name is required)"
    industry = record.get("industry")
    if industry not in INDUSTRIES:
        return "industry", f"{industry!r} is not an industry (expected one of {', '.join(INDUSTRIES)})"
    if not isinstance(record.get("is_startup"), bool):
        return "is_startup", f"{record.get('is_startup')!r} is not true or false"
    for name in OPTIONAL_TEXT:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return name, f"{value!r} is not text"
    return None


def read_profiles(path: Path, advance: Advance) -> Iterator[CompanyProfile | Reject]:
    """Every non-blank line of a profile file (plain or gzip), as a CompanyProfile or a Reject."""
    display = printable_path(path)

    def reject(line: int | None, field: str | None, reason: str, raw_text: str) -> Reject:
        where = f"{display}:{line}" if line is not None else display
        return Reject(PROFILE_FORMAT, display, where, line, field, reason, raw_text, utc_now())

    with PayloadFile(path) as payload:
        done = 0
        lines = enumerate(payload.stream, start=1)
        line = 0
        while True:
            try:
                line, raw = next(lines)
            except StopIteration:
                break
            except GZIP_ERRORS as err:
                yield reject(line + 1, None, f"{gzip_reason(err)}; rest of the file rejected", "")
                break
            advance(payload.position() - done)
            done = payload.position()
            if line == 1 and raw.startswith(BOM):
                raw = raw[len(BOM):]
            if not raw.strip():
                continue
            raw_text = raw.decode("utf-8", "backslashreplace").rstrip("\r\n")
            try:
                record = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
            except UnicodeDecodeError as err:
                yield reject(line, None, f"not valid UTF-8: byte 0x{raw[err.start]:02x}", raw_text)
                continue
            except ValueError as err:
                yield reject(line, None, f"malformed JSON line: {err}", raw_text)
                continue
            problem = check_profile(record)
            if problem is not None:
                yield reject(line, problem[0], problem[1], raw_text)
                continue
            canonical = canonical_json(record)
            yield CompanyProfile(display, line, sha256_hex(canonical), canonical)


PUBLISH_SQL = """
    insert into raw.company_profiles
    select staged.raw_record_id, $batch_id, staged.file_path, staged.record_index, staged.payload_hash,
        staged.payload::json, $loaded_at
    from (
        select *
        from ingest_staged_profiles
        qualify row_number() over (partition by raw_record_id order by seq) = 1
    ) as staged
    where not exists (
        select 1 from raw.company_profiles as existing
        where existing.raw_record_id = staged.raw_record_id
    )
"""


def publish_profiles(
    con: Any, profiles: list[CompanyProfile], rejects: list[Reject], batch_id: str, loaded_at: Any
) -> int:
    """Insert the batch's new profiles and its profile rejects inside the caller's open transaction;
    returns how many profiles landed. Profile files are small (a company a line), so they are staged
    in a temp table, not in Parquet like postings."""
    if rejects:
        con.executemany(
            "insert into raw.company_profile_rejects values (?, ?, ?, ?, ?, ?, ?)",
            [(batch_id, r.file_path, r.record_index, r.field, r.reason, r.raw_text, r.rejected_at)
             for r in rejects],
        )
    if not profiles:
        return 0
    con.execute(
        "create or replace temp table ingest_staged_profiles (seq integer, raw_record_id varchar, "
        "file_path varchar, record_index integer, payload_hash varchar, payload varchar)"
    )
    con.executemany(
        "insert into ingest_staged_profiles values (?, ?, ?, ?, ?, ?)",
        [(seq, p.raw_record_id, p.file_path, p.record_index, p.payload_hash, p.payload)
         for seq, p in enumerate(profiles)],
    )
    row = con.execute(PUBLISH_SQL, {"batch_id": batch_id, "loaded_at": loaded_at}).fetchone()
    con.execute("drop table if exists ingest_staged_profiles")
    return int(row[0]) if row else 0
