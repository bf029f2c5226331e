"""Evaluator-style project checks on dbt's manifest.json (after `dbt parse`), in the spirit of
dbt-project-evaluator: documentation, tested primary keys, layer boundaries, hard-coded relations,
root models and long view chains.

Each rule returns `Violation`s naming the node, its file and what is wrong. Run it with
`scripts/check_project.py [--manifest target/manifest.json] [--catalog target/catalog.json]`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Manifest = dict[str, Any]
Node = dict[str, Any]

LAYERS = ("staging", "intermediate", "marts")
MAX_VIEW_CHAIN = 4  # a chain of 5 or more consecutive views is a violation
PK_UNIQUE_TESTS = {"unique"}
PK_COMBINATION_TESTS = {"unique_combination", "unique_combination_of_columns"}
# SQL functions whose arguments use the keyword `from` (extract(year from x.y), substring(a from 2), ...).
FROM_KEYWORD_FUNCTIONS = {"extract", "substring", "substr", "trim", "overlay", "position", "date_part"}


@dataclass(frozen=True)
class Violation:
    """One rule broken by one node."""

    rule: str
    node: str
    path: str
    message: str

    def describe(self) -> str:
        return f"[{self.rule}] {self.node} ({self.path}): {self.message}"


@dataclass
class ProjectCheckResult:
    violations: list[Violation]
    models_n: int
    sources_n: int

    @property
    def success(self) -> bool:
        return not self.violations

    def describe(self) -> str:
        status = "passed" if self.success else f"FAILED with {len(self.violations)} violation(s)"
        lines = [f"Project checks {status} ({self.models_n} models, {self.sources_n} sources)"]
        lines += [f"  {violation.describe()}" for violation in self.violations]
        return "\n".join(lines)


# ---------------------------------------------------------------------------- manifest helpers


def load_manifest(path: Path) -> Manifest:
    if not path.is_file():
        raise FileNotFoundError(f"manifest {path} not found: run `dbt parse` first")
    return json.loads(path.read_text(encoding="utf-8"))


def _project(manifest: Manifest) -> str | None:
    return manifest.get("metadata", {}).get("project_name")


def models(manifest: Manifest) -> dict[str, Node]:
    """The project's own models (package models are not ours to judge)."""
    project = _project(manifest)
    return {
        uid: node
        for uid, node in manifest.get("nodes", {}).items()
        if node.get("resource_type") == "model" and (project is None or node.get("package_name") == project)
    }


def _tests(manifest: Manifest) -> list[Node]:
    return [node for node in manifest.get("nodes", {}).values() if node.get("resource_type") == "test"]


def layer(node: Node) -> str | None:
    """The folder under models/ (fqn: project, folder, ..., name); None for a root model."""
    fqn = node.get("fqn") or []
    return fqn[1] if len(fqn) > 2 else None


def _path(node: Node) -> str:
    return str(node.get("original_file_path") or node.get("path") or "?")


def _materialized(node: Node) -> str:
    return str((node.get("config") or {}).get("materialized") or "")


def _parents(node: Node) -> list[str]:
    return list((node.get("depends_on") or {}).get("nodes") or [])


def _contract_enforced(node: Node) -> bool:
    contract = node.get("contract") or (node.get("config") or {}).get("contract") or {}
    return bool(contract.get("enforced"))


def _blank(text: Any) -> bool:
    return not str(text or "").strip()


# ---------------------------------------------------------------------------- rules


def check_model_descriptions(manifest: Manifest) -> list[Violation]:
    return [
        Violation("model_description", uid, _path(node), "model has no description")
        for uid, node in models(manifest).items()
        if _blank(node.get("description"))
    ]


def _test_columns(test: Node) -> tuple[str | None, list[str]]:
    """(test name, the columns it covers) for a generic test."""
    meta = test.get("test_metadata") or {}
    name = meta.get("name")
    kwargs = meta.get("kwargs") or {}
    arguments = kwargs.get("arguments") if isinstance(kwargs.get("arguments"), dict) else {}
    if name in PK_COMBINATION_TESTS:
        columns = (
            kwargs.get("columns")
            or kwargs.get("combination_of_columns")
            or arguments.get("columns")
            or arguments.get("combination_of_columns")
            or []
        )
        return name, [str(column) for column in columns]
    column = test.get("column_name") or kwargs.get("column_name") or arguments.get("column_name")
    return name, [str(column)] if column else []


def _tested_columns(manifest: Manifest) -> dict[str, dict[str, list[list[str]]]]:
    """model id -> test name -> column lists, for tests attached to one model."""
    tested: dict[str, dict[str, list[list[str]]]] = {}
    for test in _tests(manifest):
        name, columns = _test_columns(test)
        if not name or not columns:
            continue
        attached = test.get("attached_node") or next(
            (p for p in _parents(test) if p.startswith("model.")), None
        )
        if attached:
            tested.setdefault(attached, {}).setdefault(name, []).append(columns)
    return tested


def _not_null_columns(node: Node, tests: dict[str, list[list[str]]]) -> set[str]:
    """Columns with a not_null test, or a not_null constraint the contract enforces."""
    columns = {cols[0] for cols in tests.get("not_null", [])}
    if _contract_enforced(node):
        for name, column in (node.get("columns") or {}).items():
            if any(c.get("type") == "not_null" for c in column.get("constraints") or []):
                columns.add(name)
    return columns


def check_primary_keys(manifest: Manifest) -> list[Violation]:
    """A `unique` + `not_null` column, or a unique combination whose columns are all not null."""
    tested = _tested_columns(manifest)
    violations = []
    for uid, node in models(manifest).items():
        tests = tested.get(uid, {})
        not_null = _not_null_columns(node, tests)
        unique = {cols[0] for name in PK_UNIQUE_TESTS for cols in tests.get(name, [])}
        combos = [cols for name in PK_COMBINATION_TESTS for cols in tests.get(name, [])]
        if unique & not_null or any(set(combo) <= not_null for combo in combos):
            continue
        found = []
        if unique:
            found.append(f"unique on {sorted(unique)} without not_null")
        if combos:
            found.append(f"unique combination {combos} with columns lacking not_null")
        detail = "; ".join(found) if found else "no unique or unique_combination test"
        violations.append(
            Violation("primary_key_tested", uid, _path(node), f"no tested primary key ({detail})")
        )
    return violations


def check_mart_columns(manifest: Manifest, catalog: Manifest | None = None) -> list[Violation]:
    """Marts: contract enforced (produced columns = declared), every declared column described.

    With a catalog (`dbt docs generate`), columns in the built relation but not in the YAML are reported too.
    """
    violations = []
    catalog_nodes = (catalog or {}).get("nodes", {})
    for uid, node in models(manifest).items():
        if layer(node) != "marts":
            continue
        declared = node.get("columns") or {}
        if not _contract_enforced(node):
            violations.append(
                Violation(
                    "mart_contract",
                    uid,
                    _path(node),
                    "mart has no enforced contract: its produced columns are not guaranteed to be declared",
                )
            )
        if not declared:
            violations.append(Violation("mart_columns_documented", uid, _path(node), "no columns declared"))
        undocumented = sorted(name for name, column in declared.items() if _blank(column.get("description")))
        if undocumented:
            violations.append(
                Violation(
                    "mart_columns_documented",
                    uid,
                    _path(node),
                    f"columns without a description: {', '.join(undocumented)}",
                )
            )
        untyped = sorted(name for name, column in declared.items() if _blank(column.get("data_type")))
        if untyped and _contract_enforced(node):
            violations.append(
                Violation(
                    "mart_columns_documented",
                    uid,
                    _path(node),
                    f"contracted columns without a data_type: {', '.join(untyped)}",
                )
            )
        built = {name.lower() for name in (catalog_nodes.get(uid, {}).get("columns") or {})}
        undeclared = sorted(built - {name.lower() for name in declared})
        if undeclared:
            violations.append(
                Violation(
                    "mart_columns_documented",
                    uid,
                    _path(node),
                    f"columns produced but not declared in YAML: {', '.join(undeclared)}",
                )
            )
    return violations


def check_staging_on_staging(manifest: Manifest) -> list[Violation]:
    all_models = models(manifest)
    violations = []
    for uid, node in all_models.items():
        if layer(node) != "staging":
            continue
        for parent in _parents(node):
            if parent in all_models and layer(all_models[parent]) == "staging":
                violations.append(
                    Violation(
                        "staging_depends_on_staging",
                        uid,
                        _path(node),
                        f"staging model reads another staging model {parent}",
                    )
                )
    return violations


def check_source_outside_staging(manifest: Manifest) -> list[Violation]:
    """Only staging models may read sources (marts above all must not)."""
    violations = []
    for uid, node in models(manifest).items():
        if layer(node) == "staging":
            continue
        for parent in _parents(node):
            if parent.startswith("source."):
                violations.append(
                    Violation(
                        "direct_source_dependency",
                        uid,
                        _path(node),
                        f"{layer(node) or 'root'} model reads source {parent} directly; go through staging",
                    )
                )
    return violations


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_STRINGS = re.compile(r"'(?:[^']|'')*'")
_IS_DISTINCT = re.compile(r"\bdistinct\s*$", re.IGNORECASE)
_IDENT = r'(?:"[^"]+"|[A-Za-z_][\w$]*)'
_DOTTED_AFTER_FROM = re.compile(
    rf"\b(from|join)\s+({_IDENT}\s*\.\s*{_IDENT}(?:\s*\.\s*{_IDENT})?)(?!\s*\()", re.IGNORECASE
)


def _blank_out(pattern: re.Pattern[str], text: str) -> str:
    """Replace matches with spaces (keeping offsets and line numbers)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _enclosing_function(sql: str, position: int) -> str | None:
    """The function name whose parentheses enclose `position`, if any."""
    depth = 0
    for index in range(position - 1, -1, -1):
        char = sql[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                match = re.search(r"([A-Za-z_]\w*)\s*$", sql[:index])
                return match.group(1).lower() if match else None
            depth -= 1
    return None


def hard_coded_relations(raw_code: str) -> list[tuple[int, str]]:
    """(line, relation) for every `from|join schema.table` written outside ref()/source()."""
    sql = _blank_out(_JINJA, raw_code)
    sql = _blank_out(_COMMENTS, sql)
    sql = _blank_out(_STRINGS, sql)
    found = []
    for match in _DOTTED_AFTER_FROM.finditer(sql):
        if match.group(1).lower() == "from" and (
            _enclosing_function(sql, match.start()) in FROM_KEYWORD_FUNCTIONS
            or _IS_DISTINCT.search(sql, 0, match.start())  # `a is [not] distinct from b.col`
        ):
            continue
        line = sql.count("\n", 0, match.start()) + 1
        found.append((line, re.sub(r"\s+", "", match.group(2))))
    return found


def check_hard_coded_references(manifest: Manifest) -> list[Violation]:
    violations = []
    for uid, node in models(manifest).items():
        for line, relation in hard_coded_relations(str(node.get("raw_code") or "")):
            violations.append(
                Violation(
                    "hard_coded_reference",
                    uid,
                    f"{_path(node)}:{line}",
                    f"hard-coded relation {relation}; use ref() or source()",
                )
            )
    return violations


def check_root_models(manifest: Manifest) -> list[Violation]:
    return [
        Violation(
            "root_model",
            uid,
            _path(node),
            f"model sits directly in models/; move it to one of {', '.join(LAYERS)}",
        )
        for uid, node in models(manifest).items()
        if layer(node) is None
    ]


def _longest_view_chains(manifest: Manifest) -> list[list[str]]:
    """For each view, the longest chain of consecutive views ending at it (memoised DFS upstream)."""
    views = {uid for uid, node in models(manifest).items() if _materialized(node) == "view"}
    all_models = models(manifest)
    memo: dict[str, list[str]] = {}

    def chain_to(uid: str, seen: frozenset[str]) -> list[str]:
        if uid in memo:
            return memo[uid]
        best: list[str] = []
        for parent in _parents(all_models[uid]):
            if parent in views and parent not in seen:
                candidate = chain_to(parent, seen | {uid})
                if len(candidate) > len(best):
                    best = candidate
        memo[uid] = [*best, uid]
        return memo[uid]

    return [chain_to(uid, frozenset()) for uid in sorted(views)]


def check_view_chains(manifest: Manifest) -> list[Violation]:
    """No path of more than MAX_VIEW_CHAIN consecutive views (reported once, at the chain's end)."""
    chains = _longest_view_chains(manifest)
    inside = {uid for chain in chains for uid in chain[:-1]}
    all_models = models(manifest)
    violations = []
    for chain in chains:
        end = chain[-1]
        if len(chain) > MAX_VIEW_CHAIN and not _extends_longer(end, chains, inside):
            violations.append(
                Violation(
                    "chained_views",
                    end,
                    _path(all_models[end]),
                    f"{len(chain)} views in a row ({' -> '.join(chain)}); materialise one as a table",
                )
            )
    return violations


def _extends_longer(uid: str, chains: list[list[str]], inside: set[str]) -> bool:
    """The chain ending at uid is the prefix of a longer reported chain."""
    return uid in inside and any(uid in chain[:-1] and len(chain) > MAX_VIEW_CHAIN for chain in chains)


def check_source_descriptions(manifest: Manifest) -> list[Violation]:
    project = _project(manifest)
    violations = []
    for uid, source in manifest.get("sources", {}).items():
        if project is not None and source.get("package_name") != project:
            continue
        if _blank(source.get("description")):
            violations.append(
                Violation("source_description", uid, _path(source), "source table has no description")
            )
    return violations


RULES: tuple[Callable[[Manifest], list[Violation]], ...] = (
    check_model_descriptions,
    check_primary_keys,
    check_staging_on_staging,
    check_source_outside_staging,
    check_hard_coded_references,
    check_root_models,
    check_view_chains,
    check_source_descriptions,
)


def check_project(manifest: Manifest, catalog: Manifest | None = None) -> ProjectCheckResult:
    """Every rule on the manifest; `catalog` (optional) adds the built-columns comparison for marts."""
    violations: list[Violation] = []
    for rule in RULES:
        violations.extend(rule(manifest))
    violations.extend(check_mart_columns(manifest, catalog))
    violations.sort(key=lambda v: (v.rule, v.node, v.path))
    sources_n = len(manifest.get("sources", {}))
    return ProjectCheckResult(violations=violations, models_n=len(models(manifest)), sources_n=sources_n)


def check_manifest_file(manifest_path: Path, catalog_path: Path | None = None) -> ProjectCheckResult:
    catalog = load_manifest(catalog_path) if catalog_path else None
    return check_project(load_manifest(manifest_path), catalog)


def rule_names(violations: Iterable[Violation]) -> set[str]:
    return {violation.rule for violation in violations}
