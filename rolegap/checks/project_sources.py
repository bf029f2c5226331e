"""Source rules: one source per system in staging/<source>/, each table read once, every one fresh.

- `source_location`: a source is declared in `models/staging/<source>/_<source>__sources.yml`;
- `staging_model_location`: a staging model reading source S is `staging/S/stg_S__<table>`-shaped:
  in folder `staging/S/`, named `stg_S__...`;
- `multiple_sources_joined`: a model reads at most one source table (evaluator rule of that name);
- `source_fanout`: a source table is read by at most one model (evaluator rule of that name);
- `unused_source`: every declared source table is read (evaluator rule of that name);
- `source_freshness`: a source table has a `loaded_at_field` among its declared columns and a
  warn_after or error_after, or `freshness: null` set explicitly with a description (the table's
  or its source's) that says why it has none (names "freshness").
"""

from __future__ import annotations

from typing import Any

from rolegap.checks.manifest import (
    Manifest,
    Node,
    Violation,
    blank,
    children,
    layer,
    models,
    parents,
    path_of,
    sources,
)


def _source_parents(node: Node) -> list[str]:
    return [parent for parent in parents(node) if parent.startswith("source.")]


def check_source_location(manifest: Manifest) -> list[Violation]:
    violations = []
    for uid, source in sources(manifest).items():
        name = source.get("source_name") or "?"
        expected = f"models/staging/{name}/_{name}__sources.yml"
        if path_of(source) != expected:
            violations.append(
                Violation(
                    "source_location",
                    uid,
                    path_of(source),
                    f"source {name} is declared outside {expected} (one source per system, by its staging)",
                )
            )
    return violations


def check_staging_model_location(manifest: Manifest) -> list[Violation]:
    all_sources = manifest.get("sources", {})
    violations = []
    for uid, node in models(manifest).items():
        if layer(node) != "staging":
            continue
        names = sorted(
            {all_sources.get(p, {}).get("source_name", p.split(".")[-2]) for p in _source_parents(node)}
        )
        fqn = node.get("fqn") or []
        folder = fqn[2] if len(fqn) > 3 else None
        for name in names:
            if folder != name or not str(node.get("name", "")).startswith(f"stg_{name}__"):
                violations.append(
                    Violation(
                        "staging_model_location",
                        uid,
                        path_of(node),
                        f"reads source {name}: belongs in models/staging/{name}/ named stg_{name}__<table>",
                    )
                )
    return violations


def check_multiple_sources_joined(manifest: Manifest) -> list[Violation]:
    return [
        Violation(
            "multiple_sources_joined",
            uid,
            path_of(node),
            f"reads {len(read)} source tables ({', '.join(read)}): one staging model per source table",
        )
        for uid, node in models(manifest).items()
        if len(read := sorted(set(_source_parents(node)))) > 1
    ]


def check_source_fanout(manifest: Manifest) -> list[Violation]:
    own = models(manifest)
    downstream = children(manifest)
    violations = []
    for uid, source in sources(manifest).items():
        readers = sorted(child for child in downstream.get(uid, []) if child in own)
        if len(readers) > 1:
            violations.append(
                Violation(
                    "source_fanout",
                    uid,
                    path_of(source),
                    f"read by {len(readers)} models ({', '.join(readers)}): "
                    "one staging model reads it, the rest ref that model",
                )
            )
        elif not readers:
            violations.append(
                Violation("unused_source", uid, path_of(source), "no model reads this source table")
            )
    return violations


def _freshness_set(freshness: Any) -> bool:
    if not isinstance(freshness, dict):
        return False
    return any(
        isinstance(freshness.get(key), dict) and freshness[key].get("count") and freshness[key].get("period")
        for key in ("warn_after", "error_after")
    )


def check_source_freshness(manifest: Manifest) -> list[Violation]:
    violations = []
    for uid, source in sources(manifest).items():
        freshness = source.get("freshness")
        loaded_at = source.get("loaded_at_field") or (source.get("config") or {}).get("loaded_at_field")
        explained = "freshness" in f"{source.get('description')} {source.get('source_description')}".lower()
        if freshness is None and "freshness" in source:
            if not explained:
                violations.append(
                    Violation(
                        "source_freshness",
                        uid,
                        path_of(source),
                        "freshness: null without a reason: say in the description why it has no freshness",
                    )
                )
            continue
        if not _freshness_set(freshness):
            violations.append(
                Violation(
                    "source_freshness",
                    uid,
                    path_of(source),
                    "no freshness: set warn_after/error_after, or freshness: null with the reason",
                )
            )
            continue
        columns = source.get("columns") or {}
        if blank(loaded_at):
            violations.append(
                Violation("source_freshness", uid, path_of(source), "freshness without a loaded_at_field")
            )
        elif columns and loaded_at not in columns:
            violations.append(
                Violation(
                    "source_freshness",
                    uid,
                    path_of(source),
                    f"loaded_at_field {loaded_at} is not one of its columns ({', '.join(sorted(columns))})",
                )
            )
    return violations


RULES = (
    check_source_location,
    check_staging_model_location,
    check_multiple_sources_joined,
    check_source_fanout,
    check_source_freshness,
)
