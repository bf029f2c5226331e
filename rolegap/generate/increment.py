"""`write_increment`: a daily batch on top of a generated corpus: a share of its openings changed, as
many new ones, in board files dated the day after the corpus's last fetch.

The daily fetch the collection issue makes normal lands mostly unchanged postings (duplicates: a
sighting, no new version) and a few new or changed ones. This writes those few, the part that costs a
build something. The openings picked are the `share` of the corpus's openings with the smallest hash
of (seed, source, board, job id); alternately, each becomes a changed version (same job id, a
sentence added to its description, updated later) or a new opening (a fresh job id, the same edit).
Files are named and shaped as the corpus's own (`<ats>/<board>__<date>.json`,
`jsonl/postings__<date>.jsonl`), so `rolegap ingest` reads them as one batch; `OUT/.increment.json`
(hidden, so not ingested) counts what was written. An ATS file is a complete listing of its board,
so the openings of a touched board that the increment leaves out count as closed on that day: the
increment also exercises the history models.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ATS_SOURCES = ("greenhouse", "lever", "ashby")
EDIT_SENTENCE = "Update: this team now also hires for a second location; the scope of the role is unchanged."
_DATE = re.compile(r"__(\d{4}-\d{2}-\d{2})")
NEW_GREENHOUSE_ID_BASE = 9_000_000_000
MANIFEST = ".increment.json"  # hidden: `rolegap ingest` skips it


@dataclass
class IncrementResult:
    out: Path
    day: date
    changed_n: int = 0
    new_n: int = 0
    files_n: int = 0
    bytes_n: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def postings_n(self) -> int:
        return self.changed_n + self.new_n

    def describe(self) -> str:
        per_source = ", ".join(f"{source} {n}" for source, n in sorted(self.by_source.items()))
        return (f"increment for {self.day}: {self.changed_n} changed + {self.new_n} new postings "
                f"({per_source}) in {self.files_n} files, {self.bytes_n / 1e6:.1f} MB -> {self.out}")


def _unit(*parts: object) -> float:
    """A deterministic number in [0, 1) for the given key."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _file_day(path: Path) -> date | None:
    match = _DATE.search(path.name)
    return date.fromisoformat(match.group(1)) if match else None


def _jobs(path: Path, source: str) -> Iterator[dict[str, Any]]:
    if source == "jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    yield from (document["jobs"] if isinstance(document, dict) else document)


def _job_id(job: dict[str, Any], source: str) -> str:
    return str(job["source_job_id"] if source == "jsonl" else job["id"])


def _edit(job: dict[str, Any], source: str, day: date) -> dict[str, Any]:
    """The job with EDIT_SENTENCE added to its description (every text field that carries it)."""
    edited = json.loads(json.dumps(job))
    paragraph = f"<p>{EDIT_SENTENCE}</p>"
    stamp = f"{day.isoformat()}T05:00:00+00:00"
    if source == "greenhouse":
        edited["content"] = edited.get("content", "") + html.escape(paragraph, quote=True)
        edited["updated_at"] = stamp
    elif source == "lever":
        edited["description"] = edited.get("description", "") + paragraph
        edited["descriptionPlain"] = edited.get("descriptionPlain", "") + "\n" + EDIT_SENTENCE
    elif source == "ashby":
        edited["descriptionHtml"] = edited.get("descriptionHtml", "") + paragraph
        edited["descriptionPlain"] = edited.get("descriptionPlain", "") + "\n" + EDIT_SENTENCE
    else:
        edited["description"] = edited.get("description", "") + paragraph
        edited["fetched_at"] = f"{day.isoformat()}T06:00:00Z"
    return edited


def _renumber(job: dict[str, Any], source: str, serial: int, seed: int) -> dict[str, Any]:
    """The job as a new opening: a job id the corpus does not use (and URLs naming it)."""
    old = _job_id(job, source)
    if source == "greenhouse":
        new: str | int = NEW_GREENHOUSE_ID_BASE + serial
        job["id"] = new
    elif source in ("lever", "ashby"):
        digest = hashlib.sha256(f"increment:{seed}:{source}:{serial}".encode()).hexdigest()
        new = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"
        job["id"] = new
    else:
        new = f"NEW-{serial:08d}"
        job["source_job_id"] = new
    for key in ("absolute_url", "hostedUrl", "applyUrl", "jobUrl", "url"):
        if isinstance(job.get(key), str):
            job[key] = job[key].replace(old, str(new))
    return job


def latest_day(payloads: Path) -> date:
    """The latest fetch date among the corpus's payload file names."""
    days = [day for path in payloads.rglob("*.json*") if (day := _file_day(path)) is not None]
    if not days:
        raise ValueError(f"no dated payload files (<board>__YYYY-MM-DD.json) under {payloads}")
    return max(days)


def write_increment(payloads: Path, out: Path, share: float = 0.01, seed: int = 42) -> IncrementResult:
    """Write OUT/<source>/... with `share` of the corpus's openings as new or changed postings (half
    each), fetched the day after PAYLOADS' latest file. Deterministic for (corpus, share, seed)."""
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    payloads, out = Path(payloads), Path(out)
    day = latest_day(payloads) + timedelta(days=1)
    result = IncrementResult(out=out, day=day)
    # Every opening gets a draw; the `share` of them with the smallest draws are picked. Only
    # candidates (a draw below 3 x share) are kept, at their latest version (a re-fetched opening
    # appears in several files), so memory holds a few percent of the corpus.
    draws: set[float] = set()
    candidates: dict[tuple[str, str, str], tuple[float, date, dict[str, Any]]] = {}
    for source in (*ATS_SOURCES, "jsonl"):
        folder = payloads / source
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json*")):
            file_day = _file_day(path) or date.min
            board = path.name.split("__", 1)[0]
            for job in _jobs(path, source):
                job_id = _job_id(job, source)
                key_board = str(job.get("company", board)) if source == "jsonl" else board
                draw = _unit(seed, source, key_board, job_id)
                draws.add(draw)
                key = (source, key_board, job_id)
                if draw < 3 * share and (key not in candidates or candidates[key][1] <= file_day):
                    candidates[key] = (draw, file_day, job)
    wanted = max(1, round(share * len(draws)))
    chosen = sorted(candidates.items(), key=lambda item: item[1][0])[:wanted]
    boards: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for serial, ((source, board, _), (_, _, job)) in enumerate(sorted(chosen)):
        edited = _edit(job, source, day)
        if serial % 2 == 0:
            result.changed_n += 1
        else:
            edited = _renumber(edited, source, serial, seed)
            result.new_n += 1
        result.by_source[source] = result.by_source.get(source, 0) + 1
        boards[(source, "postings" if source == "jsonl" else board)].append(edited)
    out.mkdir(parents=True, exist_ok=True)
    for (source, board), jobs in sorted(boards.items()):
        folder = out / source
        folder.mkdir(parents=True, exist_ok=True)
        if source == "jsonl":
            path = folder / f"{board}__{day.isoformat()}.jsonl"
            text = "".join(json.dumps(job, ensure_ascii=False) + "\n" for job in jobs)
        else:
            path = folder / f"{board}__{day.isoformat()}.json"
            body: Any = jobs if source == "lever" else {"jobs": jobs}
            text = json.dumps(body, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        result.files_n += 1
        result.bytes_n += path.stat().st_size
    manifest = {"day": day.isoformat(), "share": share, "seed": seed, "changed_n": result.changed_n,
                "new_n": result.new_n, "postings_n": result.postings_n, "files_n": result.files_n,
                "bytes_n": result.bytes_n, "by_source": dict(sorted(result.by_source.items()))}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return result
