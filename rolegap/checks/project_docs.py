"""Documentation rules beyond models and sources: macros, and where property YAML lives.

- `macro_documented`: every macro of the project (macros/ and generic tests) has a description,
  and its documented arguments are exactly those of its signature (so docs cannot go stale when an
  argument is added, renamed or dropped). An adapter implementation (`<adapter>__<macro>` for a
  macro of the project) is documented by the macro it implements;
- `properties_layout`: a model's YAML sits beside it, either the folder's `_<folder>__models.yml`
  or its own `<model>.yml`, and a folder uses one of the two, not both (house style: one YAML per
  folder; per model once the folder's passes a few hundred lines).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePosixPath

from rolegap.checks.manifest import Manifest, Node, Violation, blank, macros, models, path_of

_SIGNATURE = re.compile(r"\{%-?\s*(?:macro|test)\s+(\w+)\s*\((.*?)\)\s*-?%\}", re.DOTALL)
_IMPLEMENTATION = re.compile(r"^(\w+?)__(\w+)$")


def signature(macro: Node) -> list[str] | None:
    """Argument names of the macro's `{% macro name(a, b=1) %}` (None when it cannot be read)."""
    for match in _SIGNATURE.finditer(str(macro.get("macro_sql") or "")):
        if match.group(1) in (macro.get("name"), str(macro.get("name", "")).removeprefix("test_")):
            return [part.split("=")[0].strip() for part in match.group(2).split(",") if part.strip()]
    return None


def check_macro_docs(manifest: Manifest) -> list[Violation]:
    own = macros(manifest)
    names = {macro.get("name") for macro in own.values()}
    violations = []
    for uid, macro in own.items():
        implementation = _IMPLEMENTATION.match(str(macro.get("name")))
        if implementation and implementation.group(2) in names:
            continue
        if blank(macro.get("description")):
            violations.append(
                Violation("macro_documented", uid, path_of(macro), "macro has no description (macros/_*.yml)")
            )
        arguments = signature(macro)
        documented = [str(argument.get("name")) for argument in macro.get("arguments") or []]
        if arguments is not None and sorted(arguments) != sorted(documented):
            missing = sorted(set(arguments) - set(documented))
            stale = sorted(set(documented) - set(arguments))
            detail = "; ".join(
                part
                for part in (
                    f"undocumented arguments: {', '.join(missing)}" if missing else "",
                    f"documented but not in the signature: {', '.join(stale)}" if stale else "",
                )
                if part
            )
            violations.append(Violation("macro_documented", uid, path_of(macro), detail))
    return violations


def check_properties_layout(manifest: Manifest) -> list[Violation]:
    styles: dict[PurePosixPath, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    violations = []
    for uid, node in models(manifest).items():
        sql = PurePosixPath(path_of(node))
        patch = str(node.get("patch_path") or "").split("://", 1)[-1]
        if not patch:
            continue  # an undocumented model is model_description's finding
        yml = PurePosixPath(patch)
        folder_file = f"_{sql.parent.name}__models.yml"
        if yml.parent != sql.parent or yml.name not in (folder_file, f"{sql.stem}.yml"):
            violations.append(
                Violation(
                    "properties_layout",
                    uid,
                    str(yml),
                    f"its YAML belongs beside it: {sql.parent / folder_file} or {sql.with_suffix('.yml')}",
                )
            )
            continue
        styles[sql.parent]["folder" if yml.name == folder_file else "model"].append(str(yml))
    for folder, found in sorted(styles.items()):
        if len(found) > 1:
            violations.append(
                Violation(
                    "properties_layout",
                    str(folder),
                    str(folder),
                    f"mixes a folder YAML ({sorted(set(found['folder']))[0]}) with per-model YAML "
                    f"({', '.join(sorted(set(found['model'])))}): use one",
                )
            )
    return violations


RULES = (check_macro_docs, check_properties_layout)
