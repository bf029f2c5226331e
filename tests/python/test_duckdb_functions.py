"""rolegap_regexp_extract_all (rolegap/duckdb_functions.py) returns what DuckDB's regexp_extract_all
returns, also for a pattern too large for DuckDB's own RE2 budget (the case it exists for), and the
dbt profile loads it on every connection."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from rolegap.config import PROJECT_ROOT
from rolegap.duckdb_functions import REGEXP_EXTRACT_ALL, PatternError, compiled, register

REAL_POSTINGS = PROJECT_ROOT.parent / "shared" / "realdata" / "postings" / "postings.jsonl"


@pytest.fixture()
def connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    register(con)
    register(con)  # idempotent
    yield con
    con.close()


def both(con: duckdb.DuckDBPyConnection, text: str | None, pattern: str) -> tuple[object, object]:
    return con.execute(
        f"select regexp_extract_all(?::varchar, ?), {REGEXP_EXTRACT_ALL}(?::varchar, ?)",
        [text, pattern, text, pattern],
    ).fetchone()


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Python, SQL and python3; PYTHON", r"(?i:\bpython3?\b)|\bSQL\b"),
        ("no match here", r"\bscala\b"),
        ("", r"a"),
        ("C++ and C# and .NET", r"(?i:\bc\+\+)|(?i:\bc#)|(?i:\.net\b)"),
        ("apache spark sql", r"\bapache\s+spark\b|\bspark\s+sql\b|\bsql\b"),  # leftmost, non-overlapping
        ("a1b22c333", r"([a-z])(\d+)"),  # capture groups: the whole match, as DuckDB returns
        ("naïve café — Zürich", r"(?i:caf\w)|z\w+"),
    ],
)
def test_same_matches_as_duckdb(connection: duckdb.DuckDBPyConnection, text: str, pattern: str) -> None:
    duck, ours = both(connection, text, pattern)
    assert ours == duck


def test_null_text_gives_null(connection: duckdb.DuckDBPyConnection) -> None:
    assert both(connection, None, "a") == (None, None)


def test_large_alternation_on_real_postings(connection: duckdb.DuckDBPyConnection) -> None:
    """A ~1,500-alternative case-insensitive word alternation with optional cue groups (the tagger's
    shape): DuckDB's RE2 runs it on the NFA, ours on the DFA; every posting's matches agree."""
    lines = REAL_POSTINGS.read_text().splitlines()
    texts = [json.loads(line)["description"] for line in lines if line.strip()]
    words = sorted({w.lower() for t in texts for w in t.split() if w.isalpha() and len(w) > 3})[:1500]
    alternation = "|".join(f"(?i:\\b{w}\\b)" for w in sorted(words, key=lambda w: (-len(w), w)))
    before_cue = "(?:\\bno\\s+(?:[\\w+#.-]+\\s*(?:,|/|\\s+or)\\s+){0,3})?"
    pattern = f"{before_cue}(?:{alternation})(?:\\s+experience\\s+required)?"
    connection.execute("create table posts (text varchar)")
    connection.executemany("insert into posts values (?)", [(t,) for t in texts])
    differing = connection.execute(
        "select count(*) from posts"
        f" where regexp_extract_all(text, $p) is distinct from {REGEXP_EXTRACT_ALL}(text, $p)",
        {"p": pattern},
    ).fetchone()[0]
    matched = connection.execute(
        f"select sum(len({REGEXP_EXTRACT_ALL}(text, $p))) from posts", {"p": pattern}
    ).fetchone()[0]
    assert len(texts) >= 100 and matched > 1000
    assert differing == 0


def test_invalid_pattern_says_so() -> None:
    with pytest.raises(PatternError, match="invalid pattern"):
        compiled("(unclosed")


def test_profile_loads_the_plugin() -> None:
    profile = (PROJECT_ROOT / "profiles.yml").read_text()
    assert "module: rolegap.duckdb_functions" in profile


def test_dbt_connection_has_the_function(tmp_path: Path) -> None:
    """Through dbt itself: an inline query calling the function compiles and runs."""
    from rolegap.dbt import run_dbt

    result = run_dbt(
        ["show", "--output", "json", "--inline",
         f"select {REGEXP_EXTRACT_ALL}('R and Python', '\\bPython\\b') as found"],
        tmp_path / "functions.duckdb",
        tmp_path / "target",
        PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"found": "[\\"Python\\"]"' in result.stdout
