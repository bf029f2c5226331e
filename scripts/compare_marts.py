"""Before/after comparison of every mart: refactors of the models must not change what users see.

    # on the commit before a refactor
    python scripts/compare_marts.py snapshot --scale 1 --out /tmp/marts-before/scale1
    python scripts/compare_marts.py snapshot --scale 5 --out /tmp/marts-before/scale5
    # after it
    python scripts/compare_marts.py snapshot --scale 1 --out /tmp/marts-after/scale1
    python scripts/compare_marts.py diff /tmp/marts-before/scale1 /tmp/marts-after/scale1

`snapshot` generates the corpus (`rolegap generate --scale N --seed 42`), ingests it into a fresh
warehouse in a temporary folder, runs `rolegap build` with the reference-corpus vars (at a scale
other than 1 without the test that the article's figures are reproduced: volumes scale), and writes
every relation of the `marts` schema to `OUT/<relation>.parquet` (rows sorted by every column).
`diff` compares two snapshots relation by relation (rolegap.engines.compare): the same relations,
the same columns, the same rows as a multiset (floats equal to 1e-9 relative). It prints one line
per relation and exits 1 if any differ, naming them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.marts_diff import diff_snapshots, snapshot_marts  # noqa: E402

REFERENCE_VARS = {"reference_corpus": True}


def run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"compare_marts: {' '.join(command[:4])} failed (exit {completed.returncode})")


def snapshot(scale: float, out: Path, seed: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="compare-marts-"))
    env = dict(os.environ)
    env["ROLEGAP_DB"] = str(work / "warehouse.duckdb")
    env["DBT_TARGET_PATH"] = str(work / "target")
    env["DBT_PROFILES_DIR"] = str(ROOT)
    env["DBT_LOG_PATH"] = str(work / "logs")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    rolegap = [sys.executable, "-m", "rolegap.cli"]  # this checkout's package, whatever the venv installed
    corpus = work / "corpus"
    run([*rolegap, "generate", "--out", str(corpus), "--scale", f"{scale:g}", "--seed", str(seed)], env)
    run([*rolegap, "ingest", str(corpus / "payloads")], env)
    build = [*rolegap, "build", "--vars", json.dumps(REFERENCE_VARS)]
    if scale != 1:
        # Only the article's own corpus (scale 1) reproduces the article's volumes.
        build += ["--exclude", "reference_corpus_reproduces_article"]
    run(build, env)
    relations = snapshot_marts(Path(env["ROLEGAP_DB"]), out)
    shutil.rmtree(work, ignore_errors=True)
    print(f"snapshot: {len(relations)} mart relations at scale {scale} -> {out}")


def diff(before_dir: Path, after_dir: Path) -> int:
    try:
        result = diff_snapshots(before_dir, after_dir)
    except FileNotFoundError as exc:
        raise SystemExit(f"compare_marts: {exc}") from exc
    print(result.describe())
    return 0 if result.identical else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="build a corpus and write every mart to parquet")
    snap.add_argument("--scale", type=float, default=1)
    snap.add_argument("--seed", type=int, default=42)
    snap.add_argument("--out", type=Path, required=True)
    cmp_ = sub.add_parser("diff", help="compare two snapshots")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.scale, args.out, args.seed)
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
