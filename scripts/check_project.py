"""Evaluator-style checks on dbt's manifest; exits 1 listing each violation (logic in rolegap.checks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolegap.checks.project import check_manifest_file  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="target/manifest.json", help="dbt manifest (after `dbt parse`)")
    parser.add_argument(
        "--catalog", help="optional catalog.json (`dbt docs generate`): also compares built mart columns"
    )
    args = parser.parse_args(argv)
    try:
        result = check_manifest_file(Path(args.manifest), Path(args.catalog) if args.catalog else None)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(result.describe())
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
