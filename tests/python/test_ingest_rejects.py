"""Nothing lost: every bad input is quarantined in raw.ingest_rejects with where and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ingest_support import FIXTURES, jsonl_record, rows, run, write_jsonl


def rejects(db: Path) -> list[tuple[object, ...]]:
    return rows(db, "select source, file_path, record_index, field, reason, raw_text from raw.ingest_rejects "
                    "order by file_path, record_index")


def test_bad_jsonl_lines_are_rejected_with_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = json.dumps(jsonl_record(1))
    lines = [
        good.encode(),
        b'{"source_job_id": "j-2", "company": "Acme", "title": "DS"',  # malformed (truncated line)
        json.dumps({"source_job_id": "j-3", "company": "Acme", "title": "DS"}).encode(),  # no description
        json.dumps(jsonl_record(4, title=17)).encode(),  # wrong type
        json.dumps(jsonl_record(5, salary_min="lots")).encode(),
        json.dumps(jsonl_record(6, source_job_id=True)).encode(),
        json.dumps(jsonl_record(7, description="caf\u00e9")).encode().replace(b"\\u00e9", b"\xe9"),  # latin-1
        b"[1, 2, 3]",
        json.dumps(jsonl_record(9, posted_at="last tuesday")).encode(),
        b'{"source_job_id": "j-10", "company": "Acme", "title": "DS", "description": "x", "salary_min": NaN}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (10, 1, 9)
    shown = "\n".join(summary.reject_messages)
    assert f"{path}:2: malformed JSON line: Expecting ',' delimiter at column" in shown
    assert f"{path}:3: field 'description': missing required field" in shown
    assert f"{path}:4: field 'title': expected non-empty string, got int" in shown
    assert f"{path}:5: field 'salary_min': expected number, got string" in shown
    assert f"{path}:6: field 'source_job_id': expected int or non-empty string, got bool" in shown
    assert f"{path}:7: not valid UTF-8: byte 0xe9 at column" in shown
    assert f"{path}:8: expected a JSON object, got array" in shown
    assert f"{path}:9: field 'posted_at': expected ISO-8601 timestamp string, got string 'last tuesday'" \
        in shown
    assert f"{path}:10: invalid JSON: invalid JSON constant NaN" in shown

    stored = rejects(db)
    assert [r[2] for r in stored] == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert stored[0][5] == lines[1].decode()  # raw text kept, quarantined
    assert stored[2][3:5] == ("title", "expected non-empty string, got int")
    assert stored[5][5].endswith('"caf\\xe9"}')  # undecodable byte kept, escaped


def test_wrong_types_in_ats_postings_are_rejected_alone(tmp_path: Path) -> None:
    board = json.loads((FIXTURES / "lever" / "globex__2024-05-01.json").read_text())
    board[1]["createdAt"] = "2024-04-27"
    board.append({"id": 99, "text": "Analyst"})  # no description at all
    path = tmp_path / "lever" / "globex__2024-05-01.json"
    path.parent.mkdir()
    path.write_text(json.dumps(board))
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (3, 1, 2)
    assert summary.reject_messages == [
        f"{path}:[1]: field 'createdAt': expected int, got string",
        f"{path}:[2]: field 'descriptionPlain': missing required field (need one of descriptionPlain, "
        "description)",
    ]
    assert json.loads(rejects(db)[0][5]) == board[1]


def test_greenhouse_nested_field_path_is_named(tmp_path: Path) -> None:
    board = json.loads((FIXTURES / "greenhouse" / "acme__2024-05-01.json").read_text())
    board["jobs"][0]["pay_input_ranges"][0]["min_cents"] = "160k"
    path = tmp_path / "acme__2024-05-01.json"
    path.write_text(json.dumps(board))
    summary = run([path], tmp_path / "rolegap.duckdb")
    assert summary.reject_messages == [
        f"{path}:jobs[0]: field 'pay_input_ranges[0].min_cents': expected number, got string"
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty__2024-05-01.json", b"", "empty file"),
        ("blank.jsonl", b"\n  \n", "empty file"),
        ("bad__2024-05-01.json", b'{"jobs": [{"title": "caf\xe9"}]}', "not valid UTF-8: byte 0xe9 at line 1 "
         "column 25 (byte offset 24); whole file rejected"),
        ("mystery.json", b'{"items": [1, 2]}', "unknown format: not a Greenhouse/Ashby"),
        ("notes.txt", b"hello", "invalid JSON (truncated or malformed): Expecting value at line 1 column 1"),
    ],
)
def test_whole_file_rejects(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (1, 0, 1)
    assert message in summary.reject_messages[0]
    assert summary.reject_messages[0].startswith(str(path))
    (stored,) = rejects(db)
    assert stored[1] == str(path)
    assert stored[5].strip() == content.decode("utf-8", "backslashreplace").strip()


def test_truncated_ats_file_is_one_reject_with_parser_position(tmp_path: Path) -> None:
    text = (FIXTURES / "ashby" / "initech__2024-05-01.json").read_text()
    path = tmp_path / "ashby" / "initech__2024-05-01.json"
    path.parent.mkdir()
    path.write_text(text[:700])
    db = tmp_path / "rolegap.duckdb"
    summary = run([path], db)
    assert (summary.read_n, summary.rejected_n) == (1, 1)
    (message,) = summary.reject_messages
    assert message.startswith(f"{path}:")
    assert "invalid JSON (truncated or malformed): " in message and "(char " in message
    (stored,) = rejects(db)
    assert stored[0] == "ashby" and stored[5] == text[:700]


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    summary = run([tmp_path / "nope"], tmp_path / "rolegap.duckdb")
    assert summary.reject_messages == [f"{tmp_path / 'nope'}: path not found"]


def test_rejects_are_stored_and_good_records_still_land(tmp_path: Path) -> None:
    payloads = tmp_path / "payloads"
    shutil.copytree(FIXTURES, payloads)
    write_jsonl(payloads / "jsonl" / "broken.jsonl", [jsonl_record(1), {"company": "Acme"}])
    db = tmp_path / "rolegap.duckdb"
    summary = run([payloads], db)
    assert (summary.read_n, summary.loaded_n, summary.rejected_n) == (10, 9, 1)
    again = run([payloads], db)  # rejects are logged per batch; postings stay deduplicated
    assert (again.loaded_n, again.duplicate_n, again.rejected_n) == (0, 9, 1)
