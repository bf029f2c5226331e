"""Governance rules (dbt-project-evaluator's governance family, dbt 1.5+ access and contracts).

- `exposure_parents_public`: an exposure depends only on models with `access: public` (never on a
  source, seed or protected model): what consumers read is the published contract;
- `public_model_contract`: a public model has an enforced contract and a description
  (fct_public_models_without_contract, fct_undocumented_public_models); marts are held to more
  by `mart_contract` / `mart_columns_documented`;
- `mart_access`: marts are `access: public` and nothing else is (the folder decides, in
  dbt_project.yml): public is the promise that a relation name and its columns stay stable.
"""

from __future__ import annotations

from rolegap.checks.manifest import (
    Manifest,
    Violation,
    access,
    blank,
    contract_enforced,
    exposures,
    layer,
    models,
    parents,
    path_of,
)


def check_exposure_parents(manifest: Manifest) -> list[Violation]:
    own = models(manifest)
    violations = []
    for uid, exposure in exposures(manifest).items():
        for parent in parents(exposure):
            node = own.get(parent)
            if node is not None and access(node) == "public":
                continue
            what = f"{access(node)} model" if node is not None else parent.split(".")[0]
            violations.append(
                Violation(
                    "exposure_parents_public",
                    uid,
                    path_of(exposure),
                    f"depends on {parent} ({what}); an exposure reads only access: public models",
                )
            )
    return violations


def check_public_models(manifest: Manifest) -> list[Violation]:
    violations = []
    for uid, node in models(manifest).items():
        if access(node) != "public" or layer(node) == "marts":
            continue
        if not contract_enforced(node):
            violations.append(
                Violation(
                    "public_model_contract", uid, path_of(node), "public model without an enforced contract"
                )
            )
        if blank(node.get("description")):
            violations.append(
                Violation("public_model_contract", uid, path_of(node), "public model without a description")
            )
    return violations


def check_mart_access(manifest: Manifest) -> list[Violation]:
    violations = []
    for uid, node in models(manifest).items():
        is_mart = layer(node) == "marts"
        if is_mart != (access(node) == "public"):
            want = "public" if is_mart else "protected (only marts are public)"
            violations.append(
                Violation("mart_access", uid, path_of(node), f"access is {access(node)}; should be {want}")
            )
    return violations


RULES = (check_exposure_parents, check_public_models, check_mart_access)
