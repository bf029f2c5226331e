"""Regenerate (--write) or verify (--check) the model graph in docs/architecture.md from dbt's
manifest (logic in rolegap.checks.lineage). Exits 1 with --check when the document is stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolegap.checks.lineage import is_current, render  # noqa: E402
from rolegap.checks.manifest import load_manifest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="target/manifest.json", help="dbt manifest (after `dbt parse`)")
    parser.add_argument("--doc", default=str(ROOT / "docs" / "architecture.md"))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the generated block")
    mode.add_argument("--check", action="store_true", help="exit 1 if the generated block is stale")
    args = parser.parse_args(argv)
    try:
        manifest = load_manifest(Path(args.manifest))
        doc = Path(args.doc)
        if args.check:
            if is_current(doc, manifest):
                print(f"{doc}: the model graph matches {args.manifest}")
                return 0
            print(
                f"{doc}: the model graph is stale; run scripts/architecture_graph.py --write", file=sys.stderr
            )
            return 1
        doc.write_text(render(doc.read_text(encoding="utf-8"), manifest), encoding="utf-8")
        print(f"{doc}: model graph written from {args.manifest}")
        return 0
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
