"""The `rolegap fetch` command: arguments, the printed table, exit codes, one-line errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fetch_support import Env, env, query

from rolegap.cli import main

__all__ = ["env"]  # the fixture


def _boards(tmp_path: Path) -> Path:
    path = tmp_path / "boards.csv"
    path.write_text("ats,board,company\ngreenhouse,airbnb,Airbnb\nlever,spotify,Spotify\nashby,ramp,Ramp\n"
                    "smartrecruiters,acme,Acme\n", encoding="utf-8")
    return path


def test_cli_fetch_only_ingest_and_user_agent(env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ROLEGAP_DB", str(env.db))
    monkeypatch.setenv("ROLEGAP_USER_AGENT", "from-env/1 (env@example.org)")
    args = ["-q", "fetch", "--boards", str(_boards(tmp_path)), "--out", str(env.out), "--ingest"]
    only = ["--only", "greenhouse:airbnb", "lever:spotify"]
    assert main([*args, *only, "--user-agent", "cli/1 (me@example.org)"]) == 0
    out = capsys.readouterr().out
    assert "board              status  jobs  new  changed  gone  attempts  seconds" in out
    assert "greenhouse:airbnb  ok        20   20        0     0         1" in out
    assert "ashby:ramp" not in out and "smartrecruiters" not in out  # --only: the bad row is not in play
    assert "read 24 | loaded 24 | duplicate 0 | rejected 0" in out and "raw.fetch_log: 2 new rows" in out
    assert {seen.headers["User-Agent"] for seen in env.server.requests} == {"cli/1 (me@example.org)"}
    assert query(env.db, "select count(*) from raw.lever_postings")[0][0] == 4

    # all boards: the unusable row fails the run (named with file and line); the rest are fetched
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "greenhouse:airbnb  skipped" in captured.out and "ashby:ramp         ok" in captured.out
    problem = f"boards file: {tmp_path / 'boards.csv'}:5: field 'ats': unknown ATS 'smartrecruiters'"
    assert problem in captured.out
    assert env.server.requests[-1].headers["User-Agent"] == "from-env/1 (env@example.org)"
    assert (env.out / "ashby" / f"ramp__{datetime.now(UTC).date()}.json").exists()  # the real UTC date


def test_cli_fetch_one_line_errors(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(env.out)
    assert main(["-q", "fetch", "--boards", str(tmp_path / "missing.csv"), "--out", out]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"fetch failed: {tmp_path / 'missing.csv'}: boards file not found (pass --boards FILE: a CSV with "
        "columns ats,board,company[,region])")
    boards = str(_boards(tmp_path))
    assert main(["-q", "fetch", "--boards", boards, "--out", out, "--only", "lever:nope"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("fetch failed: --only lever:nope: not in the boards file")
    assert "Traceback" not in "\n".join(err)
    assert env.server.requests == []
