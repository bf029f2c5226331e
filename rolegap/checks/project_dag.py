"""DAG rules of dbt-project-evaluator that need the whole graph: model fan-out, rejoined concepts.

- `model_fanout`: a staging or intermediate model with FANOUT_THRESHOLD or more direct children
  that are leaf models (no model reads them): the leaves probably repeat work that belongs in one
  model between them (the evaluator's fct_model_fanout, threshold models_fanout_threshold = 3);
- `rejoining_upstream_concepts`: parent P is read by model C both directly and through model B,
  and nothing but C depends on B: B is part of C's concept and should live inside C (or C should
  read only B) (the evaluator's fct_rejoining_of_upstream_concepts). An exposure or semantic model
  on B counts as a dependant (the evaluator leaves exposures out): B is then used on its own.
"""

from __future__ import annotations

from rolegap.checks.manifest import Manifest, Violation, children, layer, model_children, models, path_of

NOT_DEPENDANTS = ("test.", "unit_test.")

# dbt-project-evaluator's models_fanout_threshold (default 3): a model with this many direct leaf
# children or more fans out. A leaf is a model no other model reads; exposures, semantic models and
# tests downstream do not count (the evaluator counts them, which would make every mart a consumer
# is declared for a non-leaf: they document or check a mart, they do not rebuild it). Only staging
# and intermediate models are judged: a mart read by marts (the calendar spine) is a published
# dimension, read as it is meant to be.
FANOUT_THRESHOLD = 3


def check_model_fanout(manifest: Manifest) -> list[Violation]:
    own = models(manifest)
    readers = model_children(manifest)
    violations = []
    for uid, node in own.items():
        if layer(node) not in ("staging", "intermediate"):
            continue
        leaves = [child for child in readers.get(uid, []) if not readers.get(child)]
        if len(leaves) >= FANOUT_THRESHOLD:
            names = ", ".join(own[leaf]["name"] for leaf in leaves)
            violations.append(
                Violation(
                    "model_fanout",
                    uid,
                    path_of(node),
                    f"{len(leaves)} leaf models read it directly ({names}; threshold {FANOUT_THRESHOLD}): "
                    "build what they share once, in a model between",
                )
            )
    return violations


def check_rejoining(manifest: Manifest) -> list[Violation]:
    own = models(manifest)
    readers = model_children(manifest)
    dependants = children(manifest)
    violations = []
    for parent, direct in sorted(readers.items()):
        if parent not in own and not parent.startswith(("source.", "seed.")):
            continue
        for between in direct:
            # what else depends on `between`: models, exposures, semantic models (tests do not count)
            onward = sorted(
                {uid for uid in dependants.get(between, []) if not uid.startswith(NOT_DEPENDANTS)}
            )
            if len(onward) == 1 and onward[0] in direct:
                child = onward[0]
                violations.append(
                    Violation(
                        "rejoining_upstream_concepts",
                        child,
                        path_of(own[child]),
                        f"reads {parent} directly and through {between}, which nothing else reads: "
                        f"fold {between} into it, or read {parent} only through {between}",
                    )
                )
    return violations


RULES = (check_model_fanout, check_rejoining)
