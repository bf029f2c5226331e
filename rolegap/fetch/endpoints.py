"""Where each ATS publishes a board: public, keyless JSON endpoints; hosts overridable by environment."""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit

from rolegap.fetch.boards import Board

DEFAULT_BASES: dict[str, str] = {
    "greenhouse": "https://boards-api.greenhouse.io",
    "lever": "https://api.lever.co",
    "lever_eu": "https://api.eu.lever.co",
    "ashby": "https://api.ashbyhq.com",
}
BASE_ENV: dict[str, str] = {
    "greenhouse": "ROLEGAP_GREENHOUSE_API_BASE",
    "lever": "ROLEGAP_LEVER_API_BASE",
    "lever_eu": "ROLEGAP_LEVER_EU_API_BASE",
    "ashby": "ROLEGAP_ASHBY_API_BASE",
}


def api_base(ats: str, region: str = "") -> str:
    """The API base for an ATS (Lever: the EU host when `region` is `eu`), from env or the real host."""
    name = "lever_eu" if ats == "lever" and region == "eu" else ats
    return (os.environ.get(BASE_ENV[name]) or DEFAULT_BASES[name]).rstrip("/")


def board_url(board: Board, skip: int = 0, limit: int = 100) -> str:
    """The board's URL; Lever's carries one page (`skip`, `limit`)."""
    token = quote(board.board, safe="")
    base = api_base(board.ats, board.region)
    if board.ats == "greenhouse":
        return f"{base}/v1/boards/{token}/jobs?content=true&pay_transparency=true"
    if board.ats == "lever":
        return f"{base}/v0/postings/{token}?mode=json&skip={skip}&limit={limit}"
    if board.ats == "ashby":
        return f"{base}/posting-api/job-board/{token}?includeCompensation=true"
    raise ValueError(f"unknown ATS {board.ats!r}")


def host_of(url: str) -> str:
    """The politeness unit: scheme and host:port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
