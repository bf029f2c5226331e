"""The boards file: which job boards to fetch (CSV with at least `ats,board,company`; optional `region`)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rolegap.config import COMPANY_REGISTRY_CSV

ATS_NAMES: tuple[str, ...] = ("greenhouse", "lever", "ashby")
REQUIRED_COLUMNS: tuple[str, ...] = ("ats", "board", "company")
DEFAULT_BOARDS = COMPANY_REGISTRY_CSV
# a board token becomes a URL path segment and a file name `<board>__YYYY-MM-DD.json`
_BOARD_TOKEN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]|_(?!_))*$")


class BoardsError(Exception):
    """The boards file (or an --only choice) cannot be used; its str is one line naming file and line."""


@dataclass(frozen=True, slots=True)
class Board:
    ats: str
    board: str
    company: str
    region: str = ""  # `eu`: Lever's EU host; anything else: the default host

    @property
    def key(self) -> str:
        return f"{self.ats}:{self.board}"


@dataclass
class BoardsFile:
    path: Path
    boards: list[Board] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows not fetched, one line each (they fail the run)
    warnings: list[str] = field(default_factory=list)  # duplicates merged into their first row


def read_boards(path: Path | str) -> BoardsFile:
    """Every usable row of the boards file; an unusable row is a problem naming file, line and field."""
    path = Path(path)
    result = BoardsFile(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise BoardsError(f"{path}: boards file not found (pass --boards FILE: a CSV with "
                          f"columns {','.join(REQUIRED_COLUMNS)}[,region])") from None
    except OSError as err:
        raise BoardsError(f"{path}: cannot read the boards file: {err.strerror}") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            columns = [name.strip().lower() for name in reader.fieldnames or []]
            missing = [name for name in REQUIRED_COLUMNS if name not in columns]
            if missing:
                raise BoardsError(f"{path}:1: missing column(s) {', '.join(missing)} "
                                  f"(need {','.join(REQUIRED_COLUMNS)}; optional region)")
            reader.fieldnames = columns
            first_line: dict[str, int] = {}
            for row in reader:
                line = reader.line_num
                board = _row_board(row, f"{path}:{line}", result.problems)
                if board is None:
                    continue
                if board.key in first_line:
                    result.warnings.append(f"{path}:{line}: duplicate of line {first_line[board.key]} "
                                           f"({board.key}); fetched once")
                    continue
                first_line[board.key] = line
                result.boards.append(board)
        except (csv.Error, UnicodeDecodeError) as err:
            raise BoardsError(f"{path}: not a readable CSV file: {err}") from None
    return result


def _row_board(row: dict[str, str | None], where: str, problems: list[str]) -> Board | None:
    values = {name: (row.get(name) or "").strip() for name in (*REQUIRED_COLUMNS, "region")}
    if not any(values.values()):
        return None  # a blank line is not a row
    ats = values["ats"].lower()
    if ats not in ATS_NAMES:
        problems.append(f"{where}: field 'ats': unknown ATS {values['ats']!r} "
                        f"(expected {', '.join(ATS_NAMES)}); row not fetched")
        return None
    if not _BOARD_TOKEN.match(values["board"]):
        problems.append(f"{where}: field 'board': {values['board']!r} is not a board token (letters, digits, "
                        "'.', '-', single '_'); row not fetched")
        return None
    if not values["company"]:
        problems.append(f"{where}: field 'company': empty; row not fetched")
        return None
    return Board(ats, values["board"], values["company"], values["region"].lower())


def select(boards: Iterable[Board], only: Iterable[str] | None) -> list[Board]:
    """The boards named by `--only ATS:BOARD ...` (all when none), in the boards file's order."""
    boards = list(boards)
    wanted = [choice.strip() for choice in only or []]
    if not wanted:
        return boards
    known = {board.key.lower(): board for board in boards}
    unknown = [choice for choice in wanted if choice.lower() not in known]
    if unknown:
        raise BoardsError(f"--only {' '.join(unknown)}: not in the boards file (expected ATS:BOARD, "
                          f"e.g. {boards[0].key if boards else 'greenhouse:acme'})")
    chosen = {choice.lower() for choice in wanted}
    return [board for board in boards if board.key.lower() in chosen]
