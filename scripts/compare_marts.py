"""Before/after comparison of every mart: refactors of the models must not change what users see.

    # on the commit before a refactor
    python scripts/compare_marts.py snapshot --scale 1 --out /tmp/marts-before/scale1
    python scripts/compare_marts.py snapshot --scale 5 --out /tmp/marts-before/scale5
    # after it
    python scripts/compare_marts.py snapshot --scale 1 --out /tmp/marts-after/scale1
    python scripts/compare_marts.py diff /tmp/marts-before/scale1 /tmp/marts-after/scale1

`snapshot` generates the corpus (`rolegap generate --scale N --seed 42`), ingests it into a fresh
warehouse in a temporary folder, runs `rolegap build` with the reference-corpus vars (at a scale
other than 1 without the test `reference_corpus_reproduces_article`: the article's figures, its
sample sizes exactly, hold only for the scale-1 corpus), and writes
every relation of the `marts` schema to `OUT/<relation>.parquet` (rows sorted by every column).
`diff` compares two snapshots relation by relation: the same relations, the same columns, the
same rows as a multiset (floats equal to 1e-9 relative). It prints one line per relation and
exits 1 if any differ, naming them.
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

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REFERENCE_VARS = {"reference_corpus": True}
FLOAT_TOLERANCE = 1e-9


def run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"compare_marts: {' '.join(command[:3])} failed (exit {completed.returncode})")


def snapshot(scale: float, out: Path, seed: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="compare-marts-"))
    env = dict(os.environ)
    env["ROLEGAP_DB"] = str(work / "warehouse.duckdb")
    env["DBT_TARGET_PATH"] = str(work / "target")
    env["DBT_PROFILES_DIR"] = str(ROOT)
    env["DBT_LOG_PATH"] = str(work / "logs")
    rolegap = str(BIN / "rolegap")
    corpus = work / "corpus"
    run([rolegap, "generate", "--out", str(corpus), "--scale", f"{scale:g}", "--seed", str(seed)], env)
    run([rolegap, "ingest", str(corpus / "payloads")], env)
    build = [rolegap, "build", "--vars", json.dumps(REFERENCE_VARS)]
    if scale != 1:
        build += ["--exclude", "reference_corpus_reproduces_article"]
    run(build, env)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):
        old.unlink()
    with duckdb.connect(env["ROLEGAP_DB"], read_only=True) as con:
        relations = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        for relation in relations:
            columns = [row[0] for row in con.execute(f'describe marts."{relation}"').fetchall()]
            order = ", ".join(f'"{column}"' for column in columns)
            con.execute(
                f"copy (select * from marts.\"{relation}\" order by {order}) "
                f"to '{out / (relation + '.parquet')}' (format parquet)"
            )
    shutil.rmtree(work, ignore_errors=True)
    print(f"snapshot: {len(relations)} mart relations at scale {scale} -> {out}")


def diff_relation(con: duckdb.DuckDBPyConnection, before: Path, after: Path) -> str | None:
    """None when equal, else a short reason."""
    before_cols = con.execute(f"describe select * from '{before}'").fetchall()
    after_cols = con.execute(f"describe select * from '{after}'").fetchall()
    if [c[0] for c in before_cols] != [c[0] for c in after_cols]:
        return f"columns differ: {[c[0] for c in before_cols]} vs {[c[0] for c in after_cols]}"
    if [c[1] for c in before_cols] != [c[1] for c in after_cols]:
        return f"types differ: {[c[1] for c in before_cols]} vs {[c[1] for c in after_cols]}"
    floats = {c[0] for c in before_cols if c[1] in ("DOUBLE", "FLOAT", "REAL")}
    keys = [f'"{c[0]}"' for c in before_cols if c[0] not in floats]
    n_before = con.execute(f"select count(*) from '{before}'").fetchone()[0]
    n_after = con.execute(f"select count(*) from '{after}'").fetchone()[0]
    if n_before != n_after:
        return f"rows {n_before} -> {n_after}"
    if not floats:
        missing = con.execute(
            f"select count(*) from (select * from '{before}' except all select * from '{after}')"
        ).fetchone()[0]
        return None if missing == 0 else f"{missing} rows differ"
    # Pair rows by their non-float columns and position among equals, then compare floats.
    order = ", ".join(keys + [f'"{f}"' for f in sorted(floats)]) or "1"
    partition = ", ".join(keys) or "1"
    numbered = (
        "select *, row_number() over (partition by {p} order by {o}) as _n from '{f}'"
    )
    join_on = " and ".join([f"b.{k} is not distinct from a.{k}" for k in keys] + ["b._n = a._n"])
    float_diff = " or ".join(
        f"not (b.\"{f}\" is not distinct from a.\"{f}\" or abs(b.\"{f}\" - a.\"{f}\") "
        f"<= {FLOAT_TOLERANCE} * greatest(1, abs(b.\"{f}\")))"
        for f in sorted(floats)
    )
    bad = con.execute(
        f"select count(*) from ({numbered.format(p=partition, o=order, f=before)}) b "
        f"full join ({numbered.format(p=partition, o=order, f=after)}) a on {join_on} "
        f"where b._n is null or a._n is null or {float_diff}"
    ).fetchone()[0]
    return None if bad == 0 else f"{bad} rows differ"


def diff(before_dir: Path, after_dir: Path) -> int:
    before = {p.stem: p for p in before_dir.glob("*.parquet")}
    after = {p.stem: p for p in after_dir.glob("*.parquet")}
    if not before:
        raise SystemExit(f"compare_marts: no snapshot in {before_dir}")
    differing = []
    con = duckdb.connect()
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            reason = "missing after"
        elif name not in before:
            reason = "new (not in before)"
        else:
            reason = diff_relation(con, before[name], after[name])
        rows = con.execute(f"select count(*) from '{(after.get(name) or before[name])}'").fetchone()[0]
        print(f"{name:32} {rows:>8} rows  {'identical' if reason is None else 'DIFFERS: ' + reason}")
        if reason is not None:
            differing.append(name)
    if differing:
        total = len(before.keys() | after.keys())
        print(f"{len(differing)} of {total} mart relations differ: {', '.join(differing)}")
        return 1
    print(f"all {len(before)} mart relations identical")
    return 0


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
