"""The `rolegap` command. Thin: it parses arguments and calls library functions that tests call too."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from rolegap.config import db_path
from rolegap.dbt import dbt_executable
from rolegap.lock import Holder, WarehouseBusy, is_duckdb_lock_error, wait_for_duckdb, warehouse_lock

BUSY_EXIT = 2


def _under_lock(args: argparse.Namespace, read_only: bool, run: Callable[[Path], int]) -> int:
    """Run `run(db)` holding the warehouse lock; busy (rolegap's lock or DuckDB's) is one line, exit 2."""
    db = db_path()
    started = time.monotonic()
    try:
        def tell(holder: Holder | str) -> None:
            who = f"held by {holder.describe()}" if isinstance(holder, Holder) else holder
            print(f"waiting up to {args.wait:g} s for the warehouse ({db}): {who}",
                  file=sys.stderr, flush=True)

        with warehouse_lock(db, f"rolegap {args.command}", args.wait, on_wait=tell) as lock_fd:
            args.lock_fd = lock_fd
            wait_for_duckdb(db, read_only, args.wait - (time.monotonic() - started), on_wait=tell)
            return run(db)
    except WarehouseBusy as exc:
        print(exc, file=sys.stderr)
        return BUSY_EXIT
    except duckdb.Error as exc:
        if not is_duckdb_lock_error(exc):
            raise
        print(WarehouseBusy.held_open(db, exc), file=sys.stderr)
        return BUSY_EXIT


def _cmd_ingest(args: argparse.Namespace) -> int:
    from rolegap.ingest import ingest_paths

    def run(db: Path) -> int:
        summary = ingest_paths(
            [Path(p) for p in args.paths],
            db=db,
            fmt=args.format,
            company=args.company,
            progress=not args.quiet,
        )
        print(summary.describe())
        return 1 if summary.rejected_n or summary.profiles_rejected_n else 0

    return _under_lock(args, read_only=False, run=run)


def _cmd_generate(args: argparse.Namespace) -> int:
    from rolegap.generate import generate_corpus

    if args.increment_of:
        from rolegap.generate.increment import write_increment

        payloads = Path(args.increment_of) / "payloads"
        if not payloads.is_dir():
            print(f"generate: no corpus payloads in {payloads} (write one with rolegap generate first)",
                  file=sys.stderr)
            return 1
        try:
            increment = write_increment(payloads, Path(args.out), share=args.share, seed=args.seed)
        except ValueError as exc:
            print(f"generate: {exc}", file=sys.stderr)
            return 1
        print(increment.describe())
        return 0
    result = generate_corpus(Path(args.out), scale=args.scale, seed=args.seed, progress=not args.quiet)
    print(result.describe())
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from rolegap.checks import run_checks
    from rolegap.checks.docs_assets import DocsAssetsError

    def run(db: Path) -> int:
        try:
            result = run_checks(db=db, docs_dir=Path(args.docs_dir), reference_corpus=args.reference_corpus)
        except DocsAssetsError as exc:
            print(f"check failed: {exc}", file=sys.stderr)
            return 2
        print(result.describe())
        return 0 if result.success else 1

    return _under_lock(args, read_only=True, run=run)


def _cmd_report(args: argparse.Namespace) -> int:
    from rolegap.quality import write_dq_status
    from rolegap.report import ReportError, write_report

    def run(db: Path) -> int:
        write_dq_status(Path(args.out), run_results=Path(args.dbt_results), gx_summary=Path(args.gx_summary))
        try:
            index = write_report(db=db, out_dir=Path(args.out))
        except ReportError as exc:
            print(f"report failed: {exc}", file=sys.stderr)
            return 1
        print(f"report: {index}")
        return 0

    return _under_lock(args, read_only=True, run=run)


def _cmd_publish(args: argparse.Namespace) -> int:
    from rolegap.publish import PublishError, publish

    def run(db: Path) -> int:
        try:
            result = publish(db=db, serving_path=Path(args.serving), parquet_dir=Path(args.parquet_dir))
        except PublishError as exc:
            print(f"publish failed: {exc}", file=sys.stderr)
            return 1
        print(result.describe())
        return 0

    return _under_lock(args, read_only=True, run=run)


def _cmd_fetch(args: argparse.Namespace) -> int:
    from rolegap.fetch import BoardsError, FetchError, FetchSettings, Politeness, run_fetch
    from rolegap.fetch.boards import DEFAULT_BOARDS, read_boards, select
    from rolegap.fetch.client import DEFAULT_USER_AGENT, user_agent

    agent = user_agent(args.user_agent)
    if agent == DEFAULT_USER_AGENT:
        print("note: the User-Agent names no contact; pass --user-agent or set ROLEGAP_USER_AGENT, e.g. "
              "'rolegap (you@example.org)'", file=sys.stderr)
    try:
        boards_file = read_boards(Path(args.boards) if args.boards else DEFAULT_BOARDS)
        boards = select(boards_file.boards, args.only)
        for line in boards_file.warnings:
            print(line, file=sys.stderr)
        run = run_fetch(
            boards,
            Path(args.out),
            FetchSettings(politeness=Politeness(user_agent=agent)),
            force=args.force,
            ingest_db=db_path() if args.ingest else None,
            wait_seconds=args.wait,
            progress=not args.quiet,
            problems=[] if args.only else boards_file.problems,
        )
    except (BoardsError, FetchError) as exc:
        print(f"fetch failed: {exc}", file=sys.stderr)
        return 1
    print(run.describe())
    return run.exit_code


def _cmd_llm_tag(args: argparse.Namespace) -> int:
    from rolegap.llm import LLMSettings, LLMTagError, SettingsError, tag_postings

    try:
        settings = LLMSettings.from_env().with_model(args.model)
        settings.check()
    except SettingsError as exc:
        print(f"llm-tag: {exc}", file=sys.stderr)
        return 1

    def run(db: Path) -> int:
        try:
            summary = tag_postings(db, settings, limit=args.limit, estimate_only=args.estimate_only,
                                   progress=not args.quiet, in_scope_only=not args.all_postings)
        except LLMTagError as exc:
            print(f"llm-tag: {exc}", file=sys.stderr)
            return 1
        if not args.estimate_only:
            print(summary.describe())
        return 1 if summary.run.failed_n else 0

    return _under_lock(args, read_only=False, run=run)


def _cmd_llm_compare(args: argparse.Namespace) -> int:
    from rolegap.accuracy.labels import LabelError
    from rolegap.accuracy.warehouse import BuildError
    from rolegap.llm import LLMSettings, LLMTagError, SettingsError
    from rolegap.llm.compare import compare_taggers, format_comparison

    try:
        settings = LLMSettings.from_env().with_model(args.model)
        if settings.model:
            settings.check()
        result = compare_taggers(settings if settings.model else None, postings=Path(args.postings),
                                 labels_path=Path(args.labels), out=Path(args.out))
    except (SettingsError, LLMTagError, LabelError, BuildError) as exc:
        print(f"llm-compare: {exc}", file=sys.stderr)
        return 1
    print(format_comparison(result))
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from rolegap.config import lake_path
    from rolegap.engines.lake import LakeError, sync_lake
    from rolegap.engines.load import LoadError, load

    def run(db: Path) -> int:
        lake = Path(args.lake) if args.lake else lake_path(db)
        try:
            if db.exists():  # catch the lake up with the warehouse first (a batch a killed run left)
                with duckdb.connect(str(db), read_only=True) as con:
                    print(sync_lake(con, lake).describe())
            result = load(args.target, lake)
        except (LakeError, LoadError) as exc:
            print(f"load failed: {exc}", file=sys.stderr)
            return 1
        print(result.describe())
        return 0

    return _under_lock(args, read_only=True, run=run)


def dbt_command(dbt_args: list[str]) -> list[str]:
    """`[]` -> `dbt build`; `-- ARGS` -> `dbt ARGS`; other args are options of `dbt build`."""
    dbt = dbt_executable()
    if dbt_args[:1] == ["--"]:
        return [dbt, *(dbt_args[1:] or ["build"])]
    return [dbt, "build", *dbt_args]


def _cmd_build(args: argparse.Namespace) -> int:
    def run(db: Path) -> int:
        # the dbt process inherits the lock, so the lock lasts as long as dbt writes, even if we are killed
        env = {**os.environ, "ROLEGAP_DB": str(db)}
        command = dbt_command(args.dbt_args)
        return subprocess.run(command, env=env, pass_fds=(args.lock_fd,), check=False).returncode

    return _under_lock(args, read_only=False, run=run)


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="if another command holds the warehouse, wait up to SECONDS for it (default: fail at once)",
    )


def _cmd_accuracy(args: argparse.Namespace) -> int:
    from rolegap.accuracy import measure
    from rolegap.accuracy.labels import LabelError
    from rolegap.accuracy.run import format_table
    from rolegap.accuracy.warehouse import BuildError

    if args.ats_holdout:
        from rolegap.accuracy.holdout import measure_ats_holdout

        try:
            result = measure_ats_holdout()
        except (LabelError, BuildError) as exc:
            print(f"accuracy failed: {exc}", file=sys.stderr)
            return 1
        print(format_table(result).replace("labelled postings", "labelled ATS hold-out jobs", 1))
        return 0
    if args.agreement:
        from rolegap.accuracy.agreement import measure_agreement

        try:
            agreement = measure_agreement(
                first_path=Path(args.labels), core_skills_path=Path(args.core_skills)
            )
        except LabelError as exc:
            print(f"accuracy failed: {exc}", file=sys.stderr)
            return 1
        print(f"two blind readers on {agreement['postings_n']} postings (second vs first):")
        for name, value in agreement["fields"].items():
            print(f"  {name:<20} {value:.3f}")
        print(f"  {'skill precision':<20} {agreement['skill_precision']:.3f}")
        print(f"  {'skill recall':<20} {agreement['skill_recall']:.3f}")
        print(f"  {'skill kappa':<20} {agreement['skill_kappa']:.3f}")
        return 0
    try:
        result = measure(
            postings=Path(args.postings), labels_path=Path(args.labels),
            core_skills_path=Path(args.core_skills), out=Path(args.out),
        )
    except (LabelError, BuildError) as exc:
        print(f"accuracy failed: {exc}", file=sys.stderr)
        return 1
    print(format_table(result))
    print(f"\nwritten: {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolegap", description=__doc__)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="land raw postings (files or folders) in the raw schema")
    ingest.add_argument("paths", nargs="+", help="files or folders of payloads")
    ingest.add_argument(
        "--format",
        default="auto",
        choices=["auto", "greenhouse", "lever", "ashby", "jsonl", "companies"],
        help="payload format (auto: from the folder name, extension and content); companies: a company "
        "profile file (JSONL: company, industry, is_startup[, hq, ats, board]) for raw.company_profiles",
    )
    ingest.add_argument("--company", help="company/board for ATS files (default: from the file name)")
    _add_wait(ingest)
    ingest.set_defaults(func=_cmd_ingest)

    build = sub.add_parser(
        "build",
        help="run dbt under the warehouse lock: `dbt build [ARGS]`, or `dbt ARGS` after `--`",
        usage="rolegap build [--wait SECONDS] [DBT BUILD OPTIONS...] | [--wait SECONDS] -- DBT ARGS...",
    )
    _add_wait(build)
    build.set_defaults(func=_cmd_build)

    load_cmd = sub.add_parser(
        "load",
        help="load the raw Parquet lake (written by ingest) into another engine's raw schema: Postgres "
        "tables (ROLEGAP_PG_*) or Spark external tables (ROLEGAP_SPARK_*); idempotent per batch",
    )
    load_cmd.add_argument("--target", required=True, choices=["postgres", "spark"], help="the engine")
    load_cmd.add_argument("--lake", metavar="DIR",
                          help="the lake (default: $ROLEGAP_LAKE, else <warehouse stem>.lake beside it)")
    _add_wait(load_cmd)
    load_cmd.set_defaults(func=_cmd_load)

    fetch = sub.add_parser(
        "fetch",
        help="fetch job boards (Greenhouse, Lever, Ashby) politely into DIR/<ats>/<board>__YYYY-MM-DD.json",
    )
    fetch.add_argument("--boards", metavar="FILE",
                       help="CSV: ats,board,company[,region] (default: seeds/company_registry.csv)")
    fetch.add_argument("--only", nargs="+", metavar="ATS:BOARD", help="fetch only these boards of the file")
    fetch.add_argument("--out", default="data/fetched", metavar="DIR",
                       help="snapshot folder (default: data/fetched)")
    fetch.add_argument("--ingest", action="store_true",
                       help="then land new snapshots and the fetch log in the warehouse (under its lock)")
    fetch.add_argument("--force", action="store_true", help="fetch boards already fetched today too")
    fetch.add_argument("--user-agent", metavar="UA",
                       help="identifying User-Agent with a contact (default: $ROLEGAP_USER_AGENT)")
    _add_wait(fetch)
    fetch.set_defaults(func=_cmd_fetch)

    generate = sub.add_parser("generate", help="write the reference corpus (raw payloads + a truth file)")
    generate.add_argument("--out", required=True, help="output folder")
    generate.add_argument("--scale", type=float, default=1.0, help="1 = the article's corpus (~5k openings)")
    generate.add_argument("--seed", type=int, default=42)
    generate.add_argument(
        "--increment-of", metavar="CORPUS",
        help="instead: a daily batch for the corpus in CORPUS (--share of its openings changed or new, "
        "half each, dated the day after its last fetch) written to --out as payload files",
    )
    generate.add_argument("--share", type=float, default=0.01, help="with --increment-of (default 0.01)")
    generate.set_defaults(func=_cmd_generate)

    check = sub.add_parser("check", help="run the Great Expectations suites on the built warehouse")
    check.add_argument("--docs-dir", default="reports/data-docs", help="where the Data Docs HTML goes")
    check.add_argument(
        "--reference-corpus",
        action="store_true",
        help="also require every published figure to be reproduced (marts.reproduction)",
    )
    _add_wait(check)
    check.set_defaults(func=_cmd_check)

    report = sub.add_parser("report", help="write the self-contained HTML report and chart files")
    report.add_argument("--out", default="reports", help="output folder (index.html, charts/)")
    report.add_argument(
        "--dbt-results",
        default="reports/dbt_build_results.json",
        help="run_results.json of the dbt build to report on",
    )
    report.add_argument(
        "--gx-summary",
        default="reports/data-docs/gx_summary.json",
        help="summary written by `rolegap check`",
    )
    _add_wait(report)
    report.set_defaults(func=_cmd_report)

    publish_cmd = sub.add_parser("publish", help="publish the marts to a read-only serving copy and Parquet")
    publish_cmd.add_argument("--serving", default="warehouse/serving.duckdb", help="serving DuckDB file")
    publish_cmd.add_argument("--parquet-dir", default="warehouse/marts", help="folder for marts/*.parquet")
    _add_wait(publish_cmd)
    publish_cmd.set_defaults(func=_cmd_publish)

    llm_tag = sub.add_parser(
        "llm-tag",
        help="tag in-scope postings with an OpenAI-compatible LLM endpoint (ROLEGAP_LLM_BASE_URL, "
        "ROLEGAP_LLM_MODEL, ROLEGAP_LLM_API_KEY); cached, lands in raw.llm_*",
    )
    llm_tag.add_argument("--limit", type=int, help="at most N in-scope postings (by posting_id)")
    llm_tag.add_argument("--model", help="model name (default: $ROLEGAP_LLM_MODEL)")
    llm_tag.add_argument("--all-postings", action="store_true",
                         help="tag every posting with a description, not only the in-scope ones")
    llm_tag.add_argument("--estimate-only", action="store_true",
                         help="print what would be asked and the token estimate, ask nothing")
    _add_wait(llm_tag)
    llm_tag.set_defaults(func=_cmd_llm_tag)

    from rolegap.accuracy.labels import DEFAULT_CORE_SKILLS, DEFAULT_LABELS, DEFAULT_POSTINGS

    accuracy = sub.add_parser("accuracy", help="score the classifiers on real postings against blind labels")
    accuracy.add_argument("--postings", default=str(DEFAULT_POSTINGS), help="postings.jsonl")
    accuracy.add_argument("--labels", default=str(DEFAULT_LABELS), help="labels.jsonl keyed by id")
    accuracy.add_argument("--core-skills", default=str(DEFAULT_CORE_SKILLS), help="core skill list")
    accuracy.add_argument("--out", default="test-output/real_accuracy.json", help="JSON result")
    accuracy.add_argument(
        "--ats-holdout",
        action="store_true",
        help="instead: the rules on the 60-job ATS hold-out, labelled after the fixes",
    )
    accuracy.add_argument(
        "--agreement",
        action="store_true",
        help="instead: how far the second blind reader agrees with the labels",
    )
    accuracy.set_defaults(func=_cmd_accuracy)

    from rolegap.accuracy.labels import DEFAULT_LABELS as LABELS
    from rolegap.accuracy.labels import DEFAULT_POSTINGS as POSTINGS

    llm_compare = sub.add_parser(
        "llm-compare",
        help="skill precision / recall of rules, LLM and union on the real-text labels "
        "(LLM: not measured unless ROLEGAP_LLM_MODEL or --model is set)",
    )
    llm_compare.add_argument("--postings", default=str(POSTINGS), help="postings.jsonl")
    llm_compare.add_argument("--labels", default=str(LABELS), help="labels.jsonl keyed by id")
    llm_compare.add_argument("--model", help="model name (default: $ROLEGAP_LLM_MODEL)")
    llm_compare.add_argument("--out", default="test-output/llm_compare.json", help="JSON result")
    llm_compare.set_defaults(func=_cmd_llm_compare)

    return parser


def split_build_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """`[..., 'build', '--wait', 'N', REST...]` -> (rolegap's part, REST for dbt); else (argv, [])."""
    position = next((i for i, token in enumerate(argv) if not token.startswith("-")), None)
    if position is None or argv[position] != "build":
        return argv, []
    end = position + 1
    while end < len(argv):
        if argv[end] == "--wait" and end + 1 < len(argv):
            end += 2
        elif argv[end].startswith("--wait=") or argv[end] in ("-h", "--help"):
            end += 1
        else:
            break
    return argv[:end], argv[end:]


def main(argv: list[str] | None = None) -> int:
    own, dbt_args = split_build_args(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(own)
    args.dbt_args = dbt_args
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
