"""Porting survey: what fails on Postgres and Spark, by file (rolegap.engines.survey, .probe).

    # the static scan only (no engine needed)
    python scripts/engines_survey.py scan > test-output/engines/survey.md
    # the probe on one engine, after a DuckDB build of the reference corpus ($ROLEGAP_DB) and
    # `rolegap load --target ENGINE` + `dbt seed --target ENGINE`; Postgres inside
    # `python -m rolegap.engines.postgres_cluster -- ...` (make engines-survey does all of it)
    python scripts/engines_survey.py probe --engine postgres --out test-output/engines/probe_postgres.json
    python scripts/engines_survey.py report test-output/engines/probe_*.json >> test-output/engines/survey.md

`probe` creates every relation of the DuckDB build empty on the engine, compiles the project for
it (`dbt compile --target ENGINE`), plans each model and data test with `explain`, then runs the
unit tests for real; it writes {node: first error or null} and the unit tests' run_results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from rolegap.config import PROJECT_ROOT, db_path
from rolegap.engines import probe, survey

BIN = Path(sys.executable).parent


def dbt(args: list[str], target_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_TARGET_PATH": str(target_path),
        "DBT_LOG_PATH": str(target_path / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [str(BIN / "dbt"), *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False
    )


def create_empty(engine: str, statements: list[str]) -> None:
    if engine == "postgres":
        import psycopg2

        from rolegap.engines.load import postgres_connect_kwargs

        with psycopg2.connect(**postgres_connect_kwargs()) as con, con.cursor() as cur:
            for statement in statements:
                cur.execute(statement)
        return
    from rolegap.engines.spark_session import session

    spark = session()
    for statement in statements:
        spark.sql(statement)


def explain_all(engine: str, nodes: dict[str, tuple[str, str]]) -> dict[str, str | None]:
    results: dict[str, str | None] = {}
    if engine == "postgres":
        import psycopg2

        from rolegap.engines.load import postgres_connect_kwargs

        con = psycopg2.connect(**postgres_connect_kwargs())
        with con.cursor() as cur:
            for unique_id, (_, sql) in sorted(nodes.items()):
                results[unique_id] = probe.explain_postgres(cur, sql)
        con.close()
        return results
    from rolegap.engines.spark_session import session

    spark = session()
    for unique_id, (_, sql) in sorted(nodes.items()):
        results[unique_id] = probe.explain_spark(spark, sql)
    return results


_FAILED_NODE = re.compile(r"(?:Database|Runtime|Compilation) Error in (?:model|test|seed|unit_test) (\S+)")


def compile_all(engine: str, target: Path, attempts: int = 40) -> dict[str, str]:
    """`dbt compile` stops at the first node whose compilation runs a query that fails (dbt.date_spine,
    run_query in a macro); compile again without it until the rest compiles. {node: its error}."""
    failed: dict[str, str] = {}
    for _ in range(attempts):
        args = ["compile", "--target", engine, "--vars", '{"reference_corpus": true}']
        if failed:
            args += ["--exclude", *failed]
        compiled = dbt(args, target)
        if compiled.returncode == 0:
            break
        output = compiled.stdout + compiled.stderr
        match = _FAILED_NODE.search(output)
        if not match:
            print(output[-3000:], file=sys.stderr)
            break
        tail = output[match.end() :].strip().splitlines()
        failed[match.group(1)] = " ".join(line.strip() for line in tail[:2])[:200]
    print(f"{engine}: dbt compile: {len(failed)} nodes fail to compile", file=sys.stderr)
    return failed


def run_probe(engine: str, out: Path, step: str) -> int:
    target = PROJECT_ROOT / "target" / f"probe-{engine}"
    if step in ("all", "empty"):
        relations = probe.built_relations(db_path())
        create_empty(engine, probe.empty_relation_ddl(relations, engine))
        print(f"{engine}: {len(relations)} relations created empty", file=sys.stderr)
        if step == "empty":
            return 0
    compile_errors: dict[str, str] = {}
    if step in ("all", "compile"):
        compile_errors = compile_all(engine, target)
        (target / "compile_errors.json").write_text(json.dumps(compile_errors, indent=1))
        if step == "compile":
            return 0
    if step in ("all", "explain"):
        nodes = probe.compiled_nodes(target / "manifest.json")
        results = explain_all(engine, nodes)
        errors_path = target / "compile_errors.json"
        for name, error in (json.loads(errors_path.read_text()) if errors_path.exists() else {}).items():
            results[name] = f"dbt compile: {error}"
        out.parent.mkdir(parents=True, exist_ok=True)
        files = {unique_id: nodes[unique_id][0] for unique_id in nodes}
        previous = json.loads(out.read_text()) if out.exists() else {}
        data = {**previous, "engine": engine, "explain": results, "files": files}
        out.write_text(json.dumps(data, indent=1))
        failing = sum(1 for v in results.values() if v)
        print(
            f"{engine}: {failing} of {len(results)} models and data tests fail to plan -> {out}",
            file=sys.stderr,
        )
        if step == "explain":
            return 0
    if step in ("all", "unit"):
        unit = dbt(["test", "--target", engine, "--select", "test_type:unit"], target / "unit")
        results_path = target / "unit" / "run_results.json"
        if results_path.exists():
            data = json.loads(out.read_text()) if out.exists() else {"engine": engine}
            data["unit"] = {k: list(v) for k, v in survey.run_results(results_path).items()}
            out.write_text(json.dumps(data, indent=1))
        print(f"{engine}: unit tests exit {unit.returncode}", file=sys.stderr)
    return 0


def report(paths: list[Path]) -> str:
    """Per file: the nodes that fail on each engine, with the first error."""
    per_engine = [json.loads(p.read_text()) for p in paths]
    lines = []
    for data in per_engine:
        engine = data["engine"]
        explain = data.get("explain", {})
        files = data.get("files", {})
        failing = {k: v for k, v in explain.items() if v}
        lines += [
            "",
            f"### {engine}: {len(failing)} of {len(explain)} models and data tests fail to plan",
            "",
            "| file | node | first error |",
            "|---|---|---|",
        ]
        for unique_id, error in sorted(failing.items(), key=lambda kv: (files.get(kv[0], ""), kv[0])):
            name = unique_id.split(".")[-1] if unique_id.startswith("model.") else unique_id.split(".", 2)[-1]
            lines.append(f"| `{files.get(unique_id, '')}` | {name} | {str(error).replace('|', '/')} |")
        unit = data.get("unit", {})
        bad = {k: v for k, v in unit.items() if v[0] != "pass"}
        lines += ["", f"{engine} unit tests: {len(unit) - len(bad)} of {len(unit)} pass", ""]
        if bad:
            lines += ["| unit test | status | first error |", "|---|---|---|"]
            for unique_id, (status, message) in sorted(bad.items()):
                lines.append(f"| {unique_id.split('.')[-1]} | {status} | {message.replace('|', '/')} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("scan", help="the static scan as markdown tables")
    pr = sub.add_parser("probe", help="plan every model and data test on one engine, run its unit tests")
    pr.add_argument("--engine", choices=["postgres", "spark"], required=True)
    pr.add_argument("--out", type=Path, required=True)
    pr.add_argument(
        "--step",
        choices=["all", "empty", "compile", "explain", "unit"],
        default="all",
        help="one step (Spark: each step in its own process, one holds the catalog at a time)",
    )
    rep = sub.add_parser("report", help="markdown tables from probe results")
    rep.add_argument("paths", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "scan":
        print(survey.markdown(survey.scan()))
        return 0
    if args.command == "probe":
        return run_probe(args.engine, args.out, args.step)
    print(report(args.paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
