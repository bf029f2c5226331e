"""postings.jsonl (id, company, title, location, description) -> a generic JSONL feed for ingest."""

from __future__ import annotations

import json
from pathlib import Path

from rolegap.accuracy.labels import LabelError, read_jsonl

FEED_FIELDS = ("company", "title", "description")
# The feed requires a company; a posting that names none (a saved ad) gets this stand-in.
NO_COMPANY = "(company not stated)"


def write_feed(postings: Path, out_dir: Path) -> Path:
    """One feed line per posting: id -> source_job_id; location kept when given. No dates: the
    postings are measured whatever their scope. Returns the feed file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for line_n, row in read_jsonl(postings):
        row = {**row, "company": row.get("company") or NO_COMPANY}
        for key in ("id", *FEED_FIELDS):
            if not isinstance(row.get(key), str):
                raise LabelError(f"{postings}:{line_n}: field {key}: missing or not text")
        record = {"source_job_id": row["id"], **{key: row[key] for key in FEED_FIELDS}}
        if row.get("location"):
            record["location"] = row["location"]
        lines.append(json.dumps(record, ensure_ascii=False))
    feed = out_dir / "realtext.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed
