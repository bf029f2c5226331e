"""The `rolegap ingest` command: exit code and printed summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ingest_support import FIXTURES, count, jsonl_record, write_jsonl

from rolegap.cli import main


def test_cli_ingest_prints_summary_and_exits_by_rejects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "warehouse" / "rolegap.duckdb"
    monkeypatch.setenv("ROLEGAP_DB", str(db))
    payloads = tmp_path / "payloads"
    shutil.copytree(FIXTURES, payloads)

    assert main(["-q", "ingest", str(payloads)]) == 0
    out = capsys.readouterr().out
    assert "read 8 | loaded 8 | duplicate 0 | rejected 0" in out
    assert "ingest batch " in out and str(db) in out

    bad = write_jsonl(payloads / "jsonl" / "bad.jsonl", [jsonl_record(1, title=5)])
    assert main(["-q", "ingest", "--format", "auto", str(payloads)]) == 1
    out = capsys.readouterr().out
    assert "read 9 | loaded 0 | duplicate 8 | rejected 1" in out
    assert f"{bad}:1: field 'title': expected non-empty string, got int" in out
    assert count(db, "ingest_rejects") == 1  # stored although the exit code is 1
