"""`make engines`: the reference corpus built on DuckDB, Postgres and Spark, every mart compared row by
row with DuckDB's (rolegap.engines.compare, floats to 1e-9), one line at the end naming each engine.

Steps, each timed, with the peak memory of its process tree (PSS, sampled every 0.2 s from /proc; for
Postgres the server's processes count too):

1. generate the corpus (`rolegap generate --seed 42`) and ingest it into a fresh DuckDB warehouse in
   the work folder; ingest writes the Parquet lake beside it;
2. DuckDB: `dbt seed`, `dbt build` (models, data tests, unit tests), marts snapshotted to Parquet;
3. Postgres: a throwaway cluster; `rolegap load --target postgres`; seed; build; snapshot;
4. Spark: `rolegap load --target spark` (external tables over the lake); seed; build; snapshot.

An engine whose step fails is reported with the step, dbt's summary line and the first node that
failed (from that step's run_results.json); the others still run. The article's figures each engine
reproduces are counted from its `reproduction` mart (is_reproduced; the build's data test
reference_corpus_reproduces_article fails unless all are). Exit 0 only when every engine built and
every mart is identical to DuckDB's. The Postgres cluster is stopped whatever happens (SIGTERM, as
from a CI timeout, unwinds like Ctrl-C: the running step's process is terminated, then the cluster).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rolegap.config import PROJECT_ROOT
from rolegap.engines.compare import diff_snapshots

ENGINES = ("duckdb", "postgres", "spark")
TARGETS = {"duckdb": "dev", "postgres": "postgres", "spark": "spark"}
REFERENCE_VARS = json.dumps({"reference_corpus": True})
SAMPLE_S = 0.2
_DBT_DONE = re.compile(r"Done\. PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+.*")


@dataclass
class Step:
    name: str
    seconds: float
    peak_mb: float
    returncode: int
    summary: str = ""  # dbt's "Done. PASS=... ERROR=..." line, or the error's last line
    first_failure: str = ""  # the first node dbt reports failed: "<node> (<first line of its error>)"


@dataclass
class EngineRun:
    engine: str
    steps: list[Step] = field(default_factory=list)
    failed: str | None = None  # the step that failed
    diff: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    marts_n: int = 0
    reproduced: tuple[int, int] | None = None  # (figures reproduced, figures) from marts.reproduction

    @property
    def ok(self) -> bool:
        return self.failed is None and not self.differing

    def verdict(self) -> str:
        if self.failed:
            step = next(s for s in self.steps if s.name == self.failed)
            detail = step.summary or f"exit {step.returncode}"
            if step.first_failure:
                detail += f"; first failure: {step.first_failure}"
            return f"{self.engine} FAILED at {self.failed} ({detail})"
        if self.differing:
            return f"{self.engine} DIFFERS in {len(self.differing)} of {self.marts_n} marts"
        if self.engine == "duckdb":
            return f"duckdb built ({self.marts_n} marts: the reference)"
        return f"{self.engine} identical ({self.marts_n} marts)"


def first_failure(run_results: Path) -> str:
    """The first node of a dbt run_results.json whose status is error or fail, as "<name> (<first
    line of its message>)"; "" when none failed or the file is missing (dbt stopped before writing it)."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return ""
    failed = [r for r in results if r.get("status") in ("error", "fail", "runtime error")]
    if not failed:
        return ""
    node = failed[0]
    name = str(node.get("unique_id", "?")).split(".", 2)[-1]
    lines = [line.strip() for line in str(node.get("message") or "").splitlines() if line.strip()]
    # dbt's message starts "Database Error in model X (path)": the line after it says what went wrong
    message = next((line for line in lines if " Error in " not in line), lines[0] if lines else "")
    more = f", {len(failed) - 1} more" if len(failed) > 1 else ""
    return f"{name} ({message[:160]}{more})"


def reproduced_figures(snapshot: Path) -> tuple[int, int] | None:
    """(figures reproduced, figures) from an engine's snapshot of marts.reproduction, None without it."""
    import pyarrow.parquet as pq

    path = snapshot / "reproduction.parquet"
    if not path.exists():
        return None
    flags = pq.read_table(path, columns=["is_reproduced"]).column("is_reproduced").to_pylist()
    return sum(1 for flag in flags if flag), len(flags)


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return tree


def tree_pss_mb(roots: list[int]) -> float:
    """PSS of the processes under `roots` (shared pages divided among their users, so a server's
    shared buffers count once)."""
    tree, seen, todo = _children(), set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(tree.get(pid, []))
    return sum(_pss_kb(pid) for pid in seen) / 1024


def timed(
    name: str, command: list[str], env: dict[str, str], log: Path, extra_roots: Callable[[], list[int]] = list
) -> Step:
    """Run `command`, its output to `log`; wall time and peak PSS of its tree (+ `extra_roots`)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    is_dbt = Path(command[0]).name == "dbt"
    run_results = Path(env.get("DBT_TARGET_PATH", PROJECT_ROOT / "target")) / "run_results.json"
    if is_dbt:
        run_results.unlink(missing_ok=True)  # a failure read afterwards is this step's, not an earlier one's
    peak = 0.0
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, tree_pss_mb([proc.pid, *extra_roots()]))
                stop.wait(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            returncode = proc.wait()
        except BaseException:
            # interrupted (Ctrl-C, SIGTERM): stop the step's process before the caller unwinds
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
            raise
        finally:
            stop.set()
            sampler.join()
    seconds = time.monotonic() - started
    text = log.read_text(errors="replace")
    done = _DBT_DONE.findall(text)
    lines = [line for line in text.splitlines() if line.strip()]
    summary = done[-1] if done else (lines[-1][-200:] if returncode and lines else "")
    failure = first_failure(run_results) if returncode and is_dbt else ""
    return Step(name, seconds, peak, returncode, summary, failure)


@dataclass
class Workspace:
    root: Path
    out: Path  # logs, snapshots, results

    @property
    def db(self) -> Path:
        return self.root / "reference.duckdb"

    def env(self, engine: str) -> dict[str, str]:
        target = self.root / "target" / engine
        return {
            **os.environ,
            "ROLEGAP_DB": str(self.db),
            "DBT_PROFILES_DIR": str(PROJECT_ROOT),
            "DBT_TARGET_PATH": str(target),
            "DBT_LOG_PATH": str(target / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "ROLEGAP_SPARK_DIR": str(self.root / "spark"),
            "PYTHONPATH": str(PROJECT_ROOT),
        }


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _snapshot_code(engine: str, out: Path) -> list[str]:
    """A child process (Spark's catalog admits one process) writing every marts relation to Parquet."""
    return [sys.executable, "-m", "rolegap.engines.snapshot", engine, str(out)]


def build_engine(
    engine: str,
    ws: Workspace,
    extra_env: dict[str, str] | None = None,
    extra_roots: Callable[[], list[int]] = list,
) -> EngineRun:
    run = EngineRun(engine)
    env = {**ws.env(engine), **(extra_env or {})}
    logs = ws.out / "logs" / engine
    target = ["--target", TARGETS[engine]]
    steps: list[tuple[str, list[str]]] = []
    if engine != "duckdb":
        steps.append(("load", [sys.executable, "-m", "rolegap.cli", "-q", "load", "--target", engine]))
    steps += [
        ("seed", [_bin("dbt"), "seed", *target]),
        (
            "build",
            [_bin("dbt"), "build", *target, "--exclude", "resource_type:seed", "--vars", REFERENCE_VARS],
        ),
        ("snapshot", _snapshot_code(engine, ws.out / "marts" / engine)),
    ]
    for name, command in steps:
        step = timed(name, command, env, logs / f"{name}.log", extra_roots)
        run.steps.append(step)
        print(
            f"  {engine:8} {name:8} {step.seconds:7.1f} s  peak {step.peak_mb:7.0f} MB  "
            f"{'ok' if step.returncode == 0 else 'FAILED'}  {step.summary}",
            flush=True,
        )
        if step.returncode != 0:
            if step.first_failure:
                print(f"  {engine:8} {name:8} first failure: {step.first_failure}", flush=True)
            print(f"  {engine:8} {name:8} log: {logs / (name + '.log')}", flush=True)
            run.failed = name
            break
    run.reproduced = reproduced_figures(ws.out / "marts" / engine)
    return run


def _postmaster_pid(cluster_root: Path) -> list[int]:
    pid_file = cluster_root / "data" / "postmaster.pid"
    try:
        return [int(pid_file.read_text().splitlines()[0])]
    except (OSError, ValueError, IndexError):
        return []


def run_engines(
    work: Path, out: Path, engines: tuple[str, ...] = ENGINES, scale: float = 1.0
) -> list[EngineRun]:
    from rolegap.engines.postgres_cluster import ClusterError, temporary_cluster

    def _sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _sigterm)  # unwind through the cluster's finally: it is stopped
    ws = Workspace(work, out)
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(out / "marts", ignore_errors=True)
    work.mkdir(parents=True)
    env = ws.env("duckdb")
    print(f"engines: reference corpus (scale {scale:g}) in {work}", flush=True)
    for name, command in [
        (
            "generate",
            [
                sys.executable,
                "-m",
                "rolegap.cli",
                "-q",
                "generate",
                "--out",
                str(work / "corpus"),
                "--seed",
                "42",
                "--scale",
                f"{scale:g}",
            ],
        ),
        ("ingest", [sys.executable, "-m", "rolegap.cli", "-q", "ingest", str(work / "corpus" / "payloads")]),
    ]:
        step = timed(name, command, env, out / "logs" / f"{name}.log")
        print(f"  {'corpus':8} {name:8} {step.seconds:7.1f} s  peak {step.peak_mb:7.0f} MB", flush=True)
        if step.returncode != 0:
            raise SystemExit(f"engines: {name} failed: {step.summary}")
    runs: list[EngineRun] = []
    for engine in engines:
        if engine == "postgres":
            try:
                with temporary_cluster() as cluster:
                    runs.append(
                        build_engine(
                            engine, ws, cluster.env(), extra_roots=lambda c=cluster: _postmaster_pid(c.root)
                        )
                    )
            except ClusterError as exc:
                failed = EngineRun(engine, [Step("cluster", 0, 0, 1, str(exc))], failed="cluster")
                print(f"  postgres cluster FAILED: {exc}", flush=True)
                runs.append(failed)
        else:
            runs.append(build_engine(engine, ws))
    reference = out / "marts" / "duckdb"
    for run in runs:
        if run.engine == "duckdb" or run.failed:
            continue
        if run.failed is None and reference.exists():
            diff = diff_snapshots(reference, out / "marts" / run.engine, across_engines=True)
            run.diff, run.differing, run.marts_n = diff.lines(), diff.differing, len(diff.relations)
    duck = next((r for r in runs if r.engine == "duckdb"), None)
    if duck and not duck.failed:
        duck.marts_n = len(list(reference.glob("*.parquet")))
    (out / "engines.json").write_text(
        json.dumps(
            [
                {
                    "engine": r.engine,
                    "failed": r.failed,
                    "differing": r.differing,
                    "marts_n": r.marts_n,
                    "reproduced": r.reproduced,
                    "steps": [s.__dict__ for s in r.steps],
                }
                for r in runs
            ],
            indent=1,
        )
    )
    return runs


def _reproduction(runs: list[EngineRun]) -> str:
    """"; the article reproduced 60 of 60 on each" (or per engine where the counts differ)."""
    counts = {r.engine: r.reproduced for r in runs if r.reproduced is not None}
    if not counts:
        return ""
    if len(counts) == len(runs) and len(set(counts.values())) == 1:
        done, total = next(iter(counts.values()))
        return f"; the article reproduced {done} of {total} on each"
    per_engine = (f"{done} of {total} on {engine}" for engine, (done, total) in counts.items())
    return "; the article reproduced " + ", ".join(per_engine)


def final_line(runs: list[EngineRun]) -> str:
    if all(r.ok for r in runs):
        names = ", ".join(r.engine for r in runs)
        marts = max(r.marts_n for r in runs)
        return f"engines: {names}: all {marts} marts identical (floats to 1e-9){_reproduction(runs)}"
    return "engines: " + "; ".join(r.verdict() for r in runs) + _reproduction(runs)
