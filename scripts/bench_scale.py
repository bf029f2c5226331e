"""Benchmark the whole pipeline at growing corpus sizes: full builds, a daily increment, a full refresh.

    scripts/bench_scale.py --scales 1 20 100 [150] [--share 0.01] [--work DIR] [--json OUT]

Per scale, in a fresh folder (a temporary one unless --work), each stage a child process:

    generate     rolegap generate --scale S                      (the corpus)
    ingest       rolegap ingest payloads                         (the first load)
    build        rolegap build                                   (the first, full dbt build)
    inc-write    rolegap generate --increment-of ...             (--share of the openings new or changed)
    inc-ingest   rolegap ingest increment                        (one new batch)
    inc-build    rolegap build                                   (the daily build)
    refresh      rolegap build --full-refresh                    (everything rebuilt from raw)

Builds run with the article's window (vars window_start / window_end) and without the rules' unit
tests (they do not depend on the data; `make test` runs them). After inc-build every mart is
snapshotted and compared with the marts after refresh (the same data): incremental and full builds
must agree (rolegap.marts_diff, as scripts/compare_marts.py).

Prints one table row per stage: seconds, MB of payload read (the corpus, or the increment for the
inc-* stages) and MB/s, openings and openings/s, and the peak RSS of the stage's process tree (from
wait4: the largest resident set of the child or any process it waited for, DuckDB included). Then
the ratios: inc-build / build, and seconds per MB of each stage relative to the smallest scale
(1.00 = linear in text size), and the slowest dbt nodes of build and inc-build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.generate.increment import MANIFEST  # noqa: E402
from rolegap.marts_diff import diff_snapshots, snapshot_marts  # noqa: E402

# The article's window, fixed (an increment moves the latest fetch), without the reproduction check
# (an increment changes the counts the article states).
BENCH_VARS = json.dumps({"window_start": "2025-11-01", "window_end": "2026-02-28"})
BUILD_ARGS = ["--vars", BENCH_VARS, "--exclude", "test_type:unit"]
SLOWEST_NODES = 8


@dataclass
class Stage:
    scale: float
    stage: str
    seconds: float
    cpu_seconds: float
    mb: float
    openings: int
    peak_rss_mb: float
    returncode: int

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else 0.0

    @property
    def openings_per_s(self) -> float:
        return self.openings / self.seconds if self.seconds else 0.0


def tree_bytes(path: Path) -> int:
    """Bytes of the payload files under `path` (hidden files, such as the increment's manifest, aside)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))


def run_stage(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float, float, int]:
    """Run one stage; (wall seconds, CPU seconds, peak RSS MB of its process tree, exit code). Output
    goes to `log`. CPU seconds (user + system of the tree) move less than wall time on a shared machine."""
    with log.open("w") as out:
        clock = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - clock
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode  # Linux: ru_maxrss in KiB


def slowest_nodes(run_results: Path, n: int = SLOWEST_NODES) -> list[tuple[str, float]]:
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text())["results"]
    timed = sorted(((r["unique_id"], float(r["execution_time"])) for r in results), key=lambda r: -r[1])
    return [(unique_id.split(".", 2)[-1], seconds) for unique_id, seconds in timed[:n]]


def bench_scale(scale: float, work: Path, share: float, compare: bool) -> tuple[list[Stage], dict]:
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        ROLEGAP_DB=str(work / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    rolegap = [sys.executable, "-m", "rolegap.cli", "-q"]
    corpus, increment = work / "corpus", work / "increment"
    stages: list[Stage] = []
    nodes: dict[str, list[tuple[str, float]]] = {}

    def stage(name: str, command: list[str], mb: float, openings: int) -> Stage:
        seconds, cpu, rss, code = run_stage(command, env, work / f"{name}.log")
        row = Stage(scale, name, seconds, cpu, mb, openings, rss, code)
        stages.append(row)
        print(f"  scale {scale:g} {name:<10} {seconds:8.1f} s  cpu {cpu:8.1f} s  peak RSS {rss:7.0f} MB  "
              f"load {os.getloadavg()[0]:.1f}  exit {code}",
              file=sys.stderr, flush=True)
        if code != 0:
            tail = (work / f"{name}.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"bench_scale: stage {name} at scale {scale:g} failed (exit {code}):\n{tail}")
        if name in ("build", "inc-build", "refresh"):
            nodes[name] = slowest_nodes(work / "target" / "run_results.json")
        return row

    stage("generate", [*rolegap, "generate", "--out", str(corpus), "--scale", f"{scale:g}"], 0, 0)
    manifest = json.loads((corpus / "manifest.json").read_text())
    payload_mb = tree_bytes(corpus / "payloads") / 1e6
    openings = int(manifest["openings"])
    stages[-1].mb, stages[-1].openings = payload_mb, openings
    stage("ingest", [*rolegap, "ingest", str(corpus / "payloads")], payload_mb, openings)
    stage("build", [*rolegap, "build", *BUILD_ARGS], payload_mb, openings)
    stage("inc-write", [*rolegap, "generate", "--increment-of", str(corpus), "--out", str(increment),
                        "--share", f"{share:g}"], 0, 0)
    increment_mb = tree_bytes(increment) / 1e6
    increment_postings = int(json.loads((increment / MANIFEST).read_text())["postings_n"])
    stages[-1].mb, stages[-1].openings = increment_mb, increment_postings
    stage("inc-ingest", [*rolegap, "ingest", str(increment)], increment_mb, increment_postings)
    stage("inc-build", [*rolegap, "build", *BUILD_ARGS], increment_mb, increment_postings)
    diff_result = None
    if compare:
        snapshot_marts(work / "warehouse.duckdb", work / "marts-incremental")
    stage("refresh", [*rolegap, "build", "--full-refresh", *BUILD_ARGS], payload_mb + increment_mb,
          openings + increment_postings)
    if compare:
        snapshot_marts(work / "warehouse.duckdb", work / "marts-refresh")
        diff_result = diff_snapshots(work / "marts-refresh", work / "marts-incremental")
    extra = {
        "warehouse_mb": (work / "warehouse.duckdb").stat().st_size / 1e6,
        "slowest_nodes": nodes,
        "marts_differ": None if diff_result is None else diff_result.differing,
        "marts_compared": None if diff_result is None else len(diff_result.lines),
    }
    return stages, extra


def format_table(stages: list[Stage]) -> str:
    lines = [
        "| scale | stage | seconds | CPU s | MB | MB/s | openings | openings/s | peak RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stages:
        lines.append(
            f"| {s.scale:g} | {s.stage} | {s.seconds:.1f} | {s.cpu_seconds:.1f} | {s.mb:.1f} | "
            f"{s.mb_per_s:.1f} | {s.openings:,} | {s.openings_per_s:,.0f} | {s.peak_rss_mb:,.0f} |"
        )
    return "\n".join(lines)


def format_ratios(stages: list[Stage]) -> str:
    by = {(s.scale, s.stage): s for s in stages}
    scales = sorted({s.scale for s in stages})
    lines = ["| scale | inc-build / build | inc-build / refresh |"
             + "".join(f" s/MB {name} (x smallest) |" for name in ("ingest", "build", "refresh")),
             "|---:|---:|---:|" + "---:|" * 3]
    base = scales[0]
    for scale in scales:
        inc, full, refresh = by[(scale, "inc-build")], by[(scale, "build")], by[(scale, "refresh")]
        cells = [f"{inc.seconds / full.seconds:.3f}", f"{inc.seconds / refresh.seconds:.3f}"]
        for name in ("ingest", "build", "refresh"):
            here, first = by[(scale, name)], by[(base, name)]
            per_mb = here.seconds / here.mb
            cells.append(f"{per_mb:.3f} ({per_mb / (first.seconds / first.mb):.2f})")
        lines.append(f"| {scale:g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 20])
    parser.add_argument("--share", type=float, default=0.01, help="share of openings new or changed")
    parser.add_argument("--work", type=Path, help="keep each scale's corpus and warehouse in WORK/scale-S")
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON")
    parser.add_argument("--no-compare", action="store_true", help="skip the incremental vs refresh diff")
    args = parser.parse_args(argv)

    all_stages: list[Stage] = []
    extras: dict[str, dict] = {}
    failed = False
    for scale in args.scales:
        tmp = None
        if args.work:
            work = args.work / f"scale-{scale:g}"
            shutil.rmtree(work, ignore_errors=True)
        else:
            tmp = tempfile.mkdtemp(prefix=f"bench_scale_{scale:g}_")
            work = Path(tmp)
        try:
            stages, extra = bench_scale(scale, work, args.share, compare=not args.no_compare)
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        all_stages += stages
        extras[f"{scale:g}"] = extra
        if extra["marts_differ"]:
            failed = True
    print(format_table(all_stages))
    print()
    print(format_ratios(all_stages))
    for scale, extra in extras.items():
        print(f"\nscale {scale}: warehouse {extra['warehouse_mb']:.0f} MB; marts incremental vs refresh: "
              + ("not compared" if extra["marts_compared"] is None else
                 f"{extra['marts_compared']} compared, "
                 + (f"DIFFER: {', '.join(extra['marts_differ'])}" if extra["marts_differ"] else "identical")))
        for name, nodes in extra["slowest_nodes"].items():
            print(f"  slowest nodes, {name}: " + ", ".join(f"{node} {sec:.1f} s" for node, sec in nodes))
    if args.json:
        args.json.write_text(json.dumps({
            "stages": [{**asdict(s), "mb_per_s": s.mb_per_s, "openings_per_s": s.openings_per_s}
                       for s in all_stages],
            "scales": extras,
            "cpu_count": os.cpu_count(),
        }, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
