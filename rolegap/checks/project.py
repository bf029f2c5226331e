"""Evaluator-style project checks on dbt's manifest.json (after `dbt parse`), in the spirit of
dbt-project-evaluator's rule families:

- documentation: models, sources, mart columns and macros described (macro arguments as in the
  macro's signature); every model's YAML beside it, one per folder or one per model;
- testing: a tested primary key on every model;
- structure: no root models; one source per system, declared in
  `models/staging/<source>/_<source>__sources.yml` and read only by `staging/<source>/stg_<source>__*`;
- DAG: only staging reads sources (one source table each, every source table read once), no
  staging-on-staging, no hard-coded relations, no intermediate model fanning out to 3 or more
  leaf marts (`project_dag.FANOUT_THRESHOLD`, the evaluator's default), no rejoining of upstream
  concepts;
- performance: no chain of more than MAX_VIEW_CHAIN views;
- governance: marts contracted; exposures read only `access: public` models, which are contracted
  and documented; every source has a freshness (or says in its description why it has none).

The rules live here and in `project_sources`, `project_dag`, `project_governance` and
`project_docs`; each returns `Violation`s naming the node, its file and what is wrong. A node can waive a rule
with a reason in its meta (`project_check_exceptions: {rule: reason}`, as the evaluator's exceptions
seed does); waivers are printed with the result, and one that waives nothing is itself a violation.
Run it with `scripts/check_project.py [--manifest target/manifest.json] [--catalog target/catalog.json]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rolegap.checks import project_dag, project_docs, project_governance, project_sources
from rolegap.checks.manifest import (
    Manifest,
    Node,
    Violation,
    blank,
    contract_enforced,
    layer,
    load_manifest,
    materialized,
    meta,
    models,
    parents,
    path_of,
    sources,
    tests,
)

LAYERS = ("staging", "intermediate", "marts")
MAX_VIEW_CHAIN = 4  # a chain of 5 or more consecutive views is a violation
EXCEPTIONS_META = "project_check_exceptions"
PK_UNIQUE_TESTS = {"unique"}
PK_COMBINATION_TESTS = {"unique_combination", "unique_combination_of_columns"}
# SQL functions whose arguments use the keyword `from` (extract(year from x.y), substring(a from 2), ...).
FROM_KEYWORD_FUNCTIONS = {"extract", "substring", "substr", "trim", "overlay", "position", "date_part"}


@dataclass(frozen=True)
class Waiver:
    """A violation a node waives, with its reason (meta `project_check_exceptions`)."""

    violation: Violation
    reason: str

    def describe(self) -> str:
        return f"{self.violation.describe()} -- waived: {self.reason}"


@dataclass
class ProjectCheckResult:
    violations: list[Violation]
    models_n: int
    sources_n: int
    waived: list[Waiver] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.violations

    def describe(self) -> str:
        status = "passed" if self.success else f"FAILED with {len(self.violations)} violation(s)"
        lines = [f"Project checks {status} ({self.models_n} models, {self.sources_n} sources)"]
        lines += [f"  {violation.describe()}" for violation in self.violations]
        if self.waived:
            lines.append(f"  {len(self.waived)} waived (meta {EXCEPTIONS_META}):")
            lines += [f"    {waiver.describe()}" for waiver in self.waived]
        return "\n".join(lines)


# ---------------------------------------------------------------------------- rules


def check_model_descriptions(manifest: Manifest) -> list[Violation]:
    return [
        Violation("model_description", uid, path_of(node), "model has no description")
        for uid, node in models(manifest).items()
        if blank(node.get("description"))
    ]


def _test_columns(test: Node) -> tuple[str | None, list[str]]:
    """(test name, the columns it covers) for a generic test."""
    metadata = test.get("test_metadata") or {}
    name = metadata.get("name")
    kwargs = metadata.get("kwargs") or {}
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
    for test in tests(manifest):
        name, columns = _test_columns(test)
        if not name or not columns:
            continue
        attached = test.get("attached_node") or next(
            (p for p in parents(test) if p.startswith("model.")), None
        )
        if attached:
            tested.setdefault(attached, {}).setdefault(name, []).append(columns)
    return tested


def _not_null_columns(node: Node, tests: dict[str, list[list[str]]]) -> set[str]:
    """Columns with a not_null test, or a not_null constraint the contract enforces."""
    columns = {cols[0] for cols in tests.get("not_null", [])}
    if contract_enforced(node):
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
            Violation("primary_key_tested", uid, path_of(node), f"no tested primary key ({detail})")
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
        if not contract_enforced(node):
            violations.append(
                Violation(
                    "mart_contract",
                    uid,
                    path_of(node),
                    "mart has no enforced contract: its produced columns are not guaranteed to be declared",
                )
            )
        if not declared:
            violations.append(Violation("mart_columns_documented", uid, path_of(node), "no columns declared"))
        undocumented = sorted(name for name, column in declared.items() if blank(column.get("description")))
        if undocumented:
            violations.append(
                Violation(
                    "mart_columns_documented",
                    uid,
                    path_of(node),
                    f"columns without a description: {', '.join(undocumented)}",
                )
            )
        untyped = sorted(name for name, column in declared.items() if blank(column.get("data_type")))
        if untyped and contract_enforced(node):
            violations.append(
                Violation(
                    "mart_columns_documented",
                    uid,
                    path_of(node),
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
                    path_of(node),
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
        for parent in parents(node):
            if parent in all_models and layer(all_models[parent]) == "staging":
                violations.append(
                    Violation(
                        "staging_depends_on_staging",
                        uid,
                        path_of(node),
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
        for parent in parents(node):
            if parent.startswith("source."):
                violations.append(
                    Violation(
                        "direct_source_dependency",
                        uid,
                        path_of(node),
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
                    f"{path_of(node)}:{line}",
                    f"hard-coded relation {relation}; use ref() or source()",
                )
            )
    return violations


def check_root_models(manifest: Manifest) -> list[Violation]:
    return [
        Violation(
            "root_model",
            uid,
            path_of(node),
            f"model sits directly in models/; move it to one of {', '.join(LAYERS)}",
        )
        for uid, node in models(manifest).items()
        if layer(node) is None
    ]


def _longest_view_chains(manifest: Manifest) -> list[list[str]]:
    """For each view, the longest chain of consecutive views ending at it (memoised DFS upstream)."""
    views = {uid for uid, node in models(manifest).items() if materialized(node) == "view"}
    all_models = models(manifest)
    memo: dict[str, list[str]] = {}

    def chain_to(uid: str, seen: frozenset[str]) -> list[str]:
        if uid in memo:
            return memo[uid]
        best: list[str] = []
        for parent in parents(all_models[uid]):
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
                    path_of(all_models[end]),
                    f"{len(chain)} views in a row ({' -> '.join(chain)}); materialise one as a table",
                )
            )
    return violations


def _extends_longer(uid: str, chains: list[list[str]], inside: set[str]) -> bool:
    """The chain ending at uid is the prefix of a longer reported chain."""
    return uid in inside and any(uid in chain[:-1] and len(chain) > MAX_VIEW_CHAIN for chain in chains)


def check_source_descriptions(manifest: Manifest) -> list[Violation]:
    return [
        Violation("source_description", uid, path_of(source), "source table has no description")
        for uid, source in sources(manifest).items()
        if blank(source.get("description"))
    ]


RULES: tuple[Callable[[Manifest], list[Violation]], ...] = (
    check_model_descriptions,
    check_primary_keys,
    check_staging_on_staging,
    check_source_outside_staging,
    check_hard_coded_references,
    check_root_models,
    check_view_chains,
    check_source_descriptions,
    *project_sources.RULES,
    *project_dag.RULES,
    *project_governance.RULES,
    *project_docs.RULES,
)


def _waivers(manifest: Manifest) -> dict[str, dict[str, str]]:
    """node uid -> {rule: reason} from meta `project_check_exceptions`."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("sources", {}), **manifest.get("macros", {})}
    found = {}
    for uid, node in nodes.items():
        waived = meta(node).get(EXCEPTIONS_META)
        if isinstance(waived, dict) and waived:
            found[uid] = {str(rule): str(reason) for rule, reason in waived.items()}
    return found


def check_project(manifest: Manifest, catalog: Manifest | None = None) -> ProjectCheckResult:
    """Every rule on the manifest; `catalog` (optional) adds the built-columns comparison for marts."""
    found: list[Violation] = []
    for rule in RULES:
        found.extend(rule(manifest))
    found.extend(check_mart_columns(manifest, catalog))
    waivers = _waivers(manifest)
    violations, waived = [], []
    used: set[tuple[str, str]] = set()
    for violation in found:
        reason = waivers.get(violation.node, {}).get(violation.rule)
        if reason is None or blank(reason):
            violations.append(violation)
        else:
            waived.append(Waiver(violation, reason))
            used.add((violation.node, violation.rule))
    nodes = {**manifest.get("nodes", {}), **manifest.get("sources", {}), **manifest.get("macros", {})}
    for uid, rules in waivers.items():
        for rule, reason in rules.items():
            if (uid, rule) in used:
                continue
            problem = "has no reason" if blank(reason) else "waives nothing (the rule holds): remove it"
            violations.append(
                Violation("unused_exception", uid, path_of(nodes[uid]), f"{EXCEPTIONS_META}.{rule} {problem}")
            )
    violations.sort(key=lambda v: (v.rule, v.node, v.path))
    waived.sort(key=lambda w: (w.violation.rule, w.violation.node))
    return ProjectCheckResult(
        violations=violations,
        models_n=len(models(manifest)),
        sources_n=len(sources(manifest)),
        waived=waived,
    )


def check_manifest_file(manifest_path: Path, catalog_path: Path | None = None) -> ProjectCheckResult:
    catalog = load_manifest(catalog_path) if catalog_path else None
    return check_project(load_manifest(manifest_path), catalog)


def rule_names(violations: Iterable[Violation]) -> set[str]:
    return {violation.rule for violation in violations}
