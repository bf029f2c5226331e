"""Benchmark `rolegap ingest`: postings/s, MB/s of payload bytes, peak RSS.

    scripts/bench_ingest.py [--scale F] [DIR]      # DIR/payloads, generated with rolegap.generate if empty
    scripts/bench_ingest.py --synthetic N [DIR]     # N synthetic jsonl postings instead (no generator needed)

Ingests into a fresh temporary DuckDB file, twice: the first run lands everything, the second is all
duplicates (the idempotent re-run).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.ingest import IngestSummary, ingest_paths  # noqa: E402


def write_synthetic(out: Path, n: int) -> Path:
    """N jsonl postings of realistic size (~2.5 KB), split in files of 50k lines."""
    payloads = out / "payloads" / "jsonl"
    payloads.mkdir(parents=True, exist_ok=True)
    body = "<p>We use Python, SQL, dbt and PyTorch to ship models. " * 40 + "</p>"
    for start in range(0, n, 50_000):
        with (payloads / f"synthetic__2024-05-{1 + start // 50_000 % 28:02d}.jsonl").open("w") as handle:
            for i in range(start, min(n, start + 50_000)):
                record = {
                    "source_job_id": f"syn-{i}", "company": f"Company {i % 500}",
                    "title": f"Data Scientist {i % 97}", "description": body, "location": "Remote",
                    "posted_at": "2024-04-30", "salary_min": 100_000 + i % 50_000, "salary_max": 180_000,
                    "salary_currency": "USD", "salary_interval": "year",
                }
                handle.write(json.dumps(record) + "\n")
    return out / "payloads"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def report(label: str, summary: IngestSummary) -> None:
    mb = summary.payload_bytes / 1e6
    print(
        f"{label}: read {summary.read_n} postings ({mb:.1f} MB) in {summary.seconds:.2f} s = "
        f"{summary.read_n / summary.seconds:,.0f} postings/s, {mb / summary.seconds:.1f} MB/s | "
        f"loaded {summary.loaded_n}, duplicate {summary.duplicate_n}, rejected {summary.rejected_n} | "
        f"peak RSS so far {peak_rss_mb():.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dir", nargs="?", help="corpus folder (default: a temporary one)")
    parser.add_argument("--scale", type=float, default=1.0, help="generator scale when DIR has no payloads")
    parser.add_argument("--synthetic", type=int, help="N synthetic jsonl postings, no generator")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        out = Path(args.dir) if args.dir else Path(tmp) / "corpus"
        payloads = out / "payloads"
        if not (payloads.is_dir() and any(p.is_file() for p in payloads.rglob("*"))):
            clock = time.perf_counter()
            if args.synthetic:
                write_synthetic(out, args.synthetic)
            else:
                from rolegap.generate import generate_corpus

                generate_corpus(out, scale=args.scale, seed=42, progress=False)
            print(f"wrote payloads to {payloads} in {time.perf_counter() - clock:.1f} s")
        db = Path(tmp) / "bench.duckdb"
        report("first load ", ingest_paths([payloads], db=db, progress=args.progress))
        report("re-run     ", ingest_paths([payloads], db=db, progress=args.progress))
        print(f"warehouse file {db.stat().st_size / 1e6:.1f} MB; peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
