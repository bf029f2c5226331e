"""SQL functions rolegap adds to every DuckDB connection dbt opens (a dbt-duckdb plugin, `profiles.yml`).

`rolegap_regexp_extract_all(text, pattern)` is DuckDB's `regexp_extract_all(text, pattern)` (every
non-overlapping match, leftmost first, as a list) run by Google's RE2, the engine DuckDB itself
vendors, with a larger DFA memory budget. The skill tagger's one combined pattern (~900 aliases,
stop phrases, negation cues) needs more DFA states than the 8 MB DuckDB gives RE2, which then falls
back to its NFA at ~1 MB/s; with a 256 MB budget the same pattern runs on the DFA (README, "Scale":
measured 1.1 -> 16-18 MB/s on the reference corpus, identical matches). Same engine, same
leftmost-first semantics, so the matches are the same as DuckDB's (tests/python/test_duckdb_functions.py).

Outside dbt (the tagger's compiled SQL in tests and benchmarks) call `register(connection)`.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from typing import Any

import duckdb
import pyarrow as pa
import re2
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb.sqltypes import VARCHAR

REGEXP_EXTRACT_ALL = "rolegap_regexp_extract_all"
# RE2's memory budget for one compiled pattern: program plus DFA state cache (RE2's default: 8 MB).
DFA_BUDGET_BYTES = int(os.environ.get("ROLEGAP_RE2_MAX_MEM_MB", "256")) << 20


class PatternError(ValueError):
    """The pattern does not compile in RE2."""


@lru_cache(maxsize=64)
def compiled(pattern: str) -> Any:
    """The pattern compiled once per process, over UTF-8 bytes (str input makes the wrapper map every
    byte offset back to a character offset: half the speed)."""
    options = re2.Options()
    options.max_mem = DFA_BUDGET_BYTES
    options.log_errors = False
    try:
        return re2.compile(pattern.encode(), options)
    except re2.error as error:
        raise PatternError(f"{REGEXP_EXTRACT_ALL}: invalid pattern ({error}): {pattern[:200]}") from error


def _matches(regex: Any, text: bytes) -> list[bytes]:
    # findall returns the groups when the pattern has capturing groups; DuckDB returns group 0
    return regex.findall(text) if regex.groups == 0 else [match.group(0) for match in regex.finditer(text)]


def regexp_extract_all(texts: pa.Array, patterns: pa.Array) -> pa.Array:
    """Vectorised (Arrow) body: one list of matches per text; null text or pattern -> null.

    The pattern is nearly always one constant that DuckDB repeats on every row: it is dictionary-
    encoded, so each distinct pattern is compiled (cached) once and rows carry only its index."""
    if isinstance(patterns, pa.ChunkedArray):  # DuckDB hands the UDF chunked arrays
        patterns = patterns.combine_chunks()
    encoded = patterns.dictionary_encode()
    regexes = [compiled(pattern) for pattern in encoded.dictionary.to_pylist()]
    out = [
        None if text is None or index is None else _matches(regexes[index], text)
        for text, index in zip(texts.cast(pa.binary()).to_pylist(), encoded.indices.to_pylist(), strict=True)
    ]
    return pa.array(out, type=pa.list_(pa.binary())).cast(pa.list_(pa.string()))


def register(connection: duckdb.DuckDBPyConnection) -> None:
    """Add rolegap's functions to a DuckDB connection (idempotent)."""
    with contextlib.suppress(duckdb.InvalidInputException, duckdb.CatalogException):
        connection.remove_function(REGEXP_EXTRACT_ALL)
    connection.create_function(
        REGEXP_EXTRACT_ALL,
        regexp_extract_all,
        [VARCHAR, VARCHAR],
        duckdb.list_type(VARCHAR),
        type="arrow",
        null_handling="special",
        side_effects=False,
    )


class Plugin(BasePlugin):
    """dbt-duckdb plugin (`plugins: [{module: rolegap.duckdb_functions}]` in profiles.yml)."""

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register(conn)
