"""`rolegap fetch`: job boards -> `DIR/<ats>/<board>__YYYY-MM-DD.json` snapshots (as received), politely.

Modules: `boards` (the boards file), `endpoints` (URLs and hosts), `client` (polite HTTP: UA, per-host
cap and interval, timeouts, retries, size cap), `snapshot` (file names, parsing, diffs), `state`
(ETag/Last-Modified, resumability, pending ingest; one run per DIR), `board` (one board), `log`
(`_fetch_log/<run_id>.jsonl`), `warehouse` (`raw.fetch_log`), `land` (`--ingest` under the warehouse
lock), `run` (`run_fetch`), `summary` (the table), `replay` (a loopback server replaying saved boards).
"""

from rolegap.fetch.boards import Board, BoardsError, read_boards, select
from rolegap.fetch.client import Politeness
from rolegap.fetch.run import FetchRun, FetchSettings, run_fetch
from rolegap.fetch.state import FetchError

__all__ = ["Board", "BoardsError", "FetchError", "FetchRun", "FetchSettings", "Politeness", "read_boards",
           "run_fetch", "select"]
