"""Reading dbt's manifest.json for the project checks: the project's own nodes, the DAG, violations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Manifest = dict[str, Any]
Node = dict[str, Any]


@dataclass(frozen=True)
class Violation:
    """One rule broken by one node."""

    rule: str
    node: str
    path: str
    message: str

    def describe(self) -> str:
        return f"[{self.rule}] {self.node} ({self.path}): {self.message}"


def load_manifest(path: Path) -> Manifest:
    if not path.is_file():
        raise FileNotFoundError(f"manifest {path} not found: run `dbt parse` first")
    return json.loads(path.read_text(encoding="utf-8"))


def project_name(manifest: Manifest) -> str | None:
    return manifest.get("metadata", {}).get("project_name")


def _ours(manifest: Manifest, node: Node) -> bool:
    project = project_name(manifest)
    return project is None or node.get("package_name") == project


def models(manifest: Manifest) -> dict[str, Node]:
    """The project's own models (package models are not ours to judge)."""
    return {
        uid: node
        for uid, node in manifest.get("nodes", {}).items()
        if node.get("resource_type") == "model" and _ours(manifest, node)
    }


def sources(manifest: Manifest) -> dict[str, Node]:
    """The project's own source tables."""
    return {uid: node for uid, node in manifest.get("sources", {}).items() if _ours(manifest, node)}


def macros(manifest: Manifest) -> dict[str, Node]:
    """The project's own macros (dbt's and packages' are not ours to document)."""
    return {uid: node for uid, node in manifest.get("macros", {}).items() if _ours(manifest, node)}


def exposures(manifest: Manifest) -> dict[str, Node]:
    return {uid: node for uid, node in manifest.get("exposures", {}).items() if _ours(manifest, node)}


def tests(manifest: Manifest) -> list[Node]:
    return [node for node in manifest.get("nodes", {}).values() if node.get("resource_type") == "test"]


def layer(node: Node) -> str | None:
    """The folder under models/ (fqn: project, folder, ..., name); None for a root model."""
    fqn = node.get("fqn") or []
    return fqn[1] if len(fqn) > 2 else None


def path_of(node: Node) -> str:
    return str(node.get("original_file_path") or node.get("path") or "?")


def materialized(node: Node) -> str:
    return str((node.get("config") or {}).get("materialized") or "")


def parents(node: Node) -> list[str]:
    return list((node.get("depends_on") or {}).get("nodes") or [])


def children(manifest: Manifest) -> dict[str, list[str]]:
    """uid -> the resources that depend on it (models, tests, exposures, semantic models, ...)."""
    found: dict[str, list[str]] = {}
    groups = ("nodes", "exposures", "metrics", "semantic_models", "saved_queries")
    for group in groups:
        for uid, node in manifest.get(group, {}).items():
            for parent in parents(node):
                found.setdefault(parent, []).append(uid)
    return found


def model_children(manifest: Manifest) -> dict[str, list[str]]:
    """uid -> the models that read it."""
    own = models(manifest)
    return {
        uid: sorted(child for child in kids if child in own)
        for uid, kids in children(manifest).items()
        if any(child in own for child in kids)
    }


def contract_enforced(node: Node) -> bool:
    contract = node.get("contract") or (node.get("config") or {}).get("contract") or {}
    return bool(contract.get("enforced"))


def access(node: Node) -> str:
    return str(node.get("access") or (node.get("config") or {}).get("access") or "protected")


def meta(node: Node) -> dict[str, Any]:
    """The node's meta (config meta wins, as dbt merges them)."""
    return {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}


def blank(text: Any) -> bool:
    return not str(text or "").strip()
