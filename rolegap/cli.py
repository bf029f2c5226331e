"""The `rolegap` command. Thin: it parses arguments and calls library functions that tests call too."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rolegap.config import db_path


def _cmd_ingest(args: argparse.Namespace) -> int:
    from rolegap.ingest import ingest_paths

    summary = ingest_paths(
        [Path(p) for p in args.paths],
        db=db_path(),
        fmt=args.format,
        company=args.company,
        progress=not args.quiet,
    )
    print(summary.describe())
    return 1 if summary.rejected_n else 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from rolegap.generate import generate_corpus

    result = generate_corpus(Path(args.out), scale=args.scale, seed=args.seed, progress=not args.quiet)
    print(result.describe())
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from rolegap.checks import run_checks
    from rolegap.checks.docs_assets import DocsAssetsError

    try:
        result = run_checks(
            db=db_path(), docs_dir=Path(args.docs_dir), reference_corpus=args.reference_corpus
        )
    except DocsAssetsError as exc:
        print(f"check failed: {exc}", file=sys.stderr)
        return 2
    print(result.describe())
    return 0 if result.success else 1


def _cmd_report(args: argparse.Namespace) -> int:
    from rolegap.quality import write_dq_status
    from rolegap.report import ReportError, write_report

    write_dq_status(Path(args.out), run_results=Path(args.dbt_results), gx_summary=Path(args.gx_summary))
    try:
        index = write_report(db=db_path(), out_dir=Path(args.out))
    except ReportError as exc:
        print(f"report failed: {exc}", file=sys.stderr)
        return 1
    print(f"report: {index}")
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from rolegap.publish import PublishError, publish

    try:
        result = publish(db=db_path(), serving_path=Path(args.serving), parquet_dir=Path(args.parquet_dir))
    except PublishError as exc:
        print(f"publish failed: {exc}", file=sys.stderr)
        return 1
    print(result.describe())
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
        choices=["auto", "greenhouse", "lever", "ashby", "jsonl"],
        help="payload format (auto: from the folder name, extension and content)",
    )
    ingest.add_argument("--company", help="company/board for ATS files (default: from the file name)")
    ingest.set_defaults(func=_cmd_ingest)

    generate = sub.add_parser("generate", help="write the reference corpus (raw payloads + a truth file)")
    generate.add_argument("--out", required=True, help="output folder")
    generate.add_argument("--scale", type=float, default=1.0, help="1 = the article's corpus (~5k openings)")
    generate.add_argument("--seed", type=int, default=42)
    generate.set_defaults(func=_cmd_generate)

    check = sub.add_parser("check", help="run the Great Expectations suites on the built warehouse")
    check.add_argument("--docs-dir", default="reports/data-docs", help="where the Data Docs HTML goes")
    check.add_argument(
        "--reference-corpus",
        action="store_true",
        help="also require every published figure to be reproduced (marts.reproduction)",
    )
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
    report.set_defaults(func=_cmd_report)

    publish_cmd = sub.add_parser("publish", help="publish the marts to a read-only serving copy and Parquet")
    publish_cmd.add_argument("--serving", default="warehouse/serving.duckdb", help="serving DuckDB file")
    publish_cmd.add_argument("--parquet-dir", default="warehouse/marts", help="folder for marts/*.parquet")
    publish_cmd.set_defaults(func=_cmd_publish)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
