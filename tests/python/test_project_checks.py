"""The evaluator-style manifest checks pass a clean project and name each kind of violation."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rolegap.checks import lineage
from rolegap.checks.lineage import lineage_table
from rolegap.checks.project import check_project, hard_coded_relations, rule_names

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _model(
    name: str,
    folder: str | None,
    parents: list[str],
    materialized: str = "table",
    raw_code: str = "select 1 as id",
    columns: dict[str, Any] | None = None,
    contract: bool = False,
) -> dict[str, Any]:
    """A model in models/<folder>/ (folder may be nested, "staging/shop"), with its folder's YAML."""
    folders = folder.split("/") if folder else []
    path = "/".join([*folders, f"{name}.sql"])
    access = "public" if folders[:1] == ["marts"] else "protected"
    yml = "/".join(["models", *folders, f"_{folders[-1]}__models.yml"]) if folders else f"models/{name}.yml"
    return {
        "resource_type": "model",
        "package_name": "shop",
        "name": name,
        "unique_id": f"model.shop.{name}",
        "fqn": ["shop", *folders, name],
        "path": path,
        "original_file_path": f"models/{path}",
        "patch_path": f"shop://{yml}",
        "description": f"The {name} model.",
        "access": access,
        "config": {"materialized": materialized, "contract": {"enforced": contract}, "access": access},
        "contract": {"enforced": contract},
        "columns": columns if columns is not None else {},
        "depends_on": {"nodes": parents, "macros": []},
        "raw_code": raw_code,
    }


def _source(table: str, source: str = "shop", **extra: Any) -> dict[str, Any]:
    """A source table declared in models/staging/<source>/_<source>__sources.yml, daily freshness."""
    node = {
        "resource_type": "source",
        "package_name": "shop",
        "unique_id": f"source.shop.{source}.{table}",
        "source_name": source,
        "name": table,
        "original_file_path": f"models/staging/{source}/_{source}__sources.yml",
        "description": "Orders as landed.",
        "source_description": "The shop's database.",
        "loaded_at_field": "loaded_at",
        "freshness": {
            "warn_after": {"count": 2, "period": "day"},
            "error_after": {"count": 7, "period": "day"},
            "filter": None,
        },
        "columns": {"order_id": {"name": "order_id"}, "loaded_at": {"name": "loaded_at"}},
    }
    node.update(extra)
    return node


def _macro(name: str, sql: str, description: str = "", arguments: list[str] | None = None) -> dict[str, Any]:
    return {
        "resource_type": "macro",
        "package_name": "shop",
        "unique_id": f"macro.shop.{name}",
        "name": name,
        "original_file_path": f"macros/{name.split('__')[-1]}.sql",
        "macro_sql": sql,
        "description": description,
        "arguments": [
            {"name": argument, "type": "string", "description": "x"} for argument in arguments or []
        ],
    }


def _test(
    kind: str, model: str, column: str | None = None, columns: list[str] | None = None
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"model": f"{{{{ get_where_subquery(ref('{model}')) }}}}"}
    if column:
        kwargs["column_name"] = column
    if columns:
        kwargs["columns"] = columns
    return {
        "resource_type": "test",
        "package_name": "shop",
        "unique_id": f"test.shop.{kind}_{model}_{column or '_'.join(columns or [])}",
        "test_metadata": {"name": kind, "kwargs": kwargs, "namespace": None},
        "attached_node": f"model.shop.{model}",
        "column_name": column,
        "depends_on": {"nodes": [f"model.shop.{model}"], "macros": []},
    }


def _pk(model: str, column: str) -> list[dict[str, Any]]:
    return [_test("unique", model, column), _test("not_null", model, column)]


def clean_manifest() -> dict[str, Any]:
    mart_columns = {
        "order_id": {"name": "order_id", "description": "The order.", "data_type": "varchar"},
        "amount": {"name": "amount", "description": "Amount in USD.", "data_type": "double"},
    }
    nodes = [
        _model(
            "stg_shop__orders",
            "staging/shop",
            ["source.shop.shop.orders"],
            materialized="view",
            raw_code="select * from {{ source('shop', 'orders') }}",
        ),
        _model(
            "int_orders_priced",
            "intermediate",
            ["model.shop.stg_shop__orders"],
            raw_code="with orders as (select * from {{ ref('stg_shop__orders') }})\n"
            "select extract(year from orders.ordered_at) as order_year from orders",
        ),
        _model(
            "orders",
            "marts",
            ["model.shop.int_orders_priced"],
            raw_code="select * from {{ ref('int_orders_priced') }} -- not from raw.orders",
            columns=mart_columns,
            contract=True,
        ),
        _model(
            "order_lines", "marts", ["model.shop.orders"], columns=copy.deepcopy(mart_columns), contract=True
        ),
    ]
    tests = [
        *_pk("stg_shop__orders", "order_id"),
        *_pk("int_orders_priced", "order_id"),
        *_pk("orders", "order_id"),
        _test("unique_combination", "order_lines", columns=["order_id", "amount"]),
        _test("not_null", "order_lines", "order_id"),
        _test("not_null", "order_lines", "amount"),
    ]
    macros = [
        _macro(
            "cents_to_dollars",
            "{% macro cents_to_dollars(column_name) %}{{ return(adapter.dispatch('cents_to_dollars')"
            "(column_name)) }}{% endmacro %}",
            "Cents as dollars.",
            ["column_name"],
        ),
        _macro(
            "duckdb__cents_to_dollars",
            "{% macro duckdb__cents_to_dollars(column_name) %}{{ column_name }} / 100{% endmacro %}",
        ),
    ]
    exposure = {
        "resource_type": "exposure",
        "package_name": "shop",
        "unique_id": "exposure.shop.dashboard",
        "name": "dashboard",
        "original_file_path": "models/_exposures.yml",
        "depends_on": {"nodes": ["model.shop.orders", "model.shop.order_lines"]},
    }
    return {
        "metadata": {"project_name": "shop"},
        "nodes": {node["unique_id"]: node for node in [*nodes, *tests]},
        "sources": {"source.shop.shop.orders": _source("orders")},
        "macros": {macro["unique_id"]: macro for macro in macros},
        "exposures": {exposure["unique_id"]: exposure},
    }


def _violations(manifest: dict[str, Any]) -> list[str]:
    return [v.describe() for v in check_project(manifest).violations]


def test_clean_project_passes() -> None:
    result = check_project(clean_manifest())
    assert result.success, result.describe()
    assert "passed" in result.describe()


def _only(manifest: dict[str, Any], rule: str, *needles: str) -> str:
    result = check_project(manifest)
    assert not result.success
    assert {v.rule for v in result.violations} == {rule}, result.describe()
    text = result.describe()
    for needle in needles:
        assert needle in text, text
    return text


def test_model_without_description() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.int_orders_priced"]["description"] = "  "
    _only(manifest, "model_description", "model.shop.int_orders_priced", "no description")


@pytest.mark.parametrize(
    "drop",
    [
        "test.shop.not_null_orders_order_id",
        "test.shop.unique_orders_order_id",
    ],
)
def test_model_without_tested_primary_key(drop: str) -> None:
    manifest = clean_manifest()
    del manifest["nodes"][drop]
    _only(manifest, "primary_key_tested", "model.shop.orders", "no tested primary key")


def test_unique_combination_needs_not_null_on_every_column() -> None:
    manifest = clean_manifest()
    del manifest["nodes"]["test.shop.not_null_order_lines_amount"]
    _only(manifest, "primary_key_tested", "model.shop.order_lines", "unique combination")


def test_unique_and_not_null_on_different_columns_is_not_a_key() -> None:
    manifest = clean_manifest()
    test = manifest["nodes"]["test.shop.not_null_orders_order_id"]
    test["column_name"] = "amount"
    test["test_metadata"]["kwargs"]["column_name"] = "amount"
    _only(manifest, "primary_key_tested", "model.shop.orders", "unique on ['order_id'] without not_null")


def test_enforced_not_null_constraint_counts_as_not_null() -> None:
    manifest = clean_manifest()
    del manifest["nodes"]["test.shop.not_null_orders_order_id"]
    manifest["nodes"]["model.shop.orders"]["columns"]["order_id"]["constraints"] = [{"type": "not_null"}]
    assert check_project(manifest).success


def test_mart_column_without_description() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.orders"]["columns"]["amount"]["description"] = ""
    _only(manifest, "mart_columns_documented", "model.shop.orders", "without a description: amount")


def test_mart_without_contract() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.orders"]["contract"]["enforced"] = False
    manifest["nodes"]["model.shop.orders"]["config"]["contract"]["enforced"] = False
    _only(manifest, "mart_contract", "model.shop.orders", "no enforced contract")


def test_mart_column_produced_but_not_declared_with_catalog() -> None:
    catalog = {"nodes": {"model.shop.orders": {"columns": {"ORDER_ID": {}, "amount": {}, "secret": {}}}}}
    result = check_project(clean_manifest(), catalog)
    assert [v.rule for v in result.violations] == ["mart_columns_documented"]
    assert "produced but not declared in YAML: secret" in result.describe()


def test_staging_depending_on_staging() -> None:
    manifest = clean_manifest()
    other = _model("stg_shop__refunds", "staging", ["model.shop.stg_shop__orders"], materialized="view")
    manifest["nodes"][other["unique_id"]] = other
    manifest["nodes"].update({t["unique_id"]: t for t in _pk("stg_shop__refunds", "order_id")})
    _only(
        manifest, "staging_depends_on_staging", "model.shop.stg_shop__refunds", "model.shop.stg_shop__orders"
    )


def test_mart_reading_a_source_directly() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.orders"]["depends_on"]["nodes"].append("source.shop.shop.orders")
    result = check_project(manifest)
    assert rule_names(result.violations) == {"direct_source_dependency", "source_fanout"}, result.describe()
    assert "model.shop.orders" in result.describe()


@pytest.mark.parametrize(
    ("sql", "relation"),
    [
        ("select * from raw.orders", "raw.orders"),
        (
            "select *\nfrom {{ ref('a') }} as a\nleft join marts.customers as c on a.id = c.id",
            "marts.customers",
        ),
        ('select * from "wh"."raw"."orders"', '"wh"."raw"."orders"'),
        ("select * FROM Staging . stg_x", "Staging.stg_x"),
    ],
)
def test_hard_coded_relation(sql: str, relation: str) -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.int_orders_priced"]["raw_code"] = sql
    _only(manifest, "hard_coded_reference", "model.shop.int_orders_priced", relation, "use ref() or source()")


@pytest.mark.parametrize(
    "sql",
    [
        "select * from {{ ref('orders') }}",
        "select * from {{ source('raw', 'orders') }} join {{ ref('x') }} on true",
        "select extract(year from orders.ordered_at) from orders",
        "select substring(orders.code from 2) from orders",
        "select 'from raw.orders' as note from orders",
        "-- from raw.orders\nselect 1 from orders /* join raw.x */",
        "{# from raw.orders #} select 1 from orders",
        "select * from read_parquet('data/x.parquet')",
        "select 1 from a where a.x is distinct from b.x or a.y is not distinct\n  from b.y",
    ],
)
def test_not_a_hard_coded_relation(sql: str) -> None:
    assert hard_coded_relations(sql) == []


def test_hard_coded_relation_reports_the_line() -> None:
    assert hard_coded_relations("with a as (\n  select 1\n)\nselect * from a\njoin raw.orders on true") == [
        (5, "raw.orders")
    ]


def test_root_model() -> None:
    manifest = clean_manifest()
    root = _model("scratch", None, ["model.shop.orders"])
    manifest["nodes"][root["unique_id"]] = root
    manifest["nodes"].update({t["unique_id"]: t for t in _pk("scratch", "order_id")})
    _only(manifest, "root_model", "model.shop.scratch", "directly in models/")


def _chain(manifest: dict[str, Any], length: int) -> None:
    parent = "model.shop.stg_shop__orders"
    for index in range(1, length):
        node = _model(f"int_step_{index}", "intermediate", [parent], materialized="view")
        manifest["nodes"][node["unique_id"]] = node
        manifest["nodes"].update({t["unique_id"]: t for t in _pk(node["name"], "order_id")})
        parent = node["unique_id"]


def test_chain_of_five_views() -> None:
    manifest = clean_manifest()
    _chain(manifest, 5)  # stg (view) + 4 intermediate views
    text = _only(manifest, "chained_views", "model.shop.int_step_4", "5 views in a row")
    assert text.count("[chained_views]") == 1


def test_chain_of_four_views_is_fine() -> None:
    manifest = clean_manifest()
    _chain(manifest, 4)
    assert check_project(manifest).success


def test_source_without_description() -> None:
    manifest = clean_manifest()
    manifest["sources"]["source.shop.shop.orders"]["description"] = ""
    _only(manifest, "source_description", "source.shop.shop.orders", "no description")


def test_package_models_are_not_judged() -> None:
    manifest = clean_manifest()
    foreign = _model("their_model", None, [])
    foreign["package_name"] = "dbt_utils"
    foreign["description"] = ""
    manifest["nodes"]["model.dbt_utils.their_model"] = foreign
    assert check_project(manifest).success


def test_script_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(clean_manifest()))
    broken_manifest = clean_manifest()
    broken_manifest["nodes"]["model.shop.orders"]["description"] = ""
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(broken_manifest))
    script = str(PROJECT_ROOT / "scripts" / "check_project.py")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, script, *args], capture_output=True, text=True)

    assert run("--manifest", str(clean)).returncode == 0
    failed = run("--manifest", str(broken))
    assert failed.returncode == 1
    assert "[model_description] model.shop.orders (models/marts/orders.sql)" in failed.stdout
    missing = run("--manifest", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert "dbt parse" in missing.stderr


# ---------------------------------------------------------------------------- sources


def test_source_declared_outside_its_staging_folder() -> None:
    manifest = clean_manifest()
    manifest["sources"]["source.shop.shop.orders"]["original_file_path"] = "models/staging/_raw__sources.yml"
    _only(manifest, "source_location", "source.shop.shop.orders", "models/staging/shop/_shop__sources.yml")


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("staging/raw", "stg_shop__orders"),
        ("staging/shop", "stg_orders"),
        ("staging/shop", "stg_erp__orders"),
    ],
)
def test_staging_model_must_sit_in_and_be_named_after_its_source(folder: str, name: str) -> None:
    manifest = clean_manifest()
    node = manifest["nodes"]["model.shop.stg_shop__orders"]
    node["fqn"] = ["shop", *folder.split("/"), name]
    node["name"] = name
    node["original_file_path"] = f"models/{folder}/{name}.sql"
    node["patch_path"] = f"shop://models/{folder}/_{folder.split('/')[-1]}__models.yml"
    _only(manifest, "staging_model_location", "model.shop.stg_shop__orders", "stg_shop__<table>")


def test_one_staging_model_reading_two_source_tables() -> None:
    manifest = clean_manifest()
    manifest["sources"]["source.shop.shop.refunds"] = _source("refunds")
    manifest["nodes"]["model.shop.stg_shop__orders"]["depends_on"]["nodes"].append("source.shop.shop.refunds")
    _only(manifest, "multiple_sources_joined", "model.shop.stg_shop__orders", "2 source tables")


def test_source_table_read_by_two_models() -> None:
    manifest = clean_manifest()
    other = _model("stg_shop__orders_copy", "staging/shop", ["source.shop.shop.orders"], materialized="view")
    manifest["nodes"][other["unique_id"]] = other
    manifest["nodes"].update({t["unique_id"]: t for t in _pk("stg_shop__orders_copy", "order_id")})
    manifest["nodes"]["model.shop.int_orders_priced"]["depends_on"]["nodes"].append(other["unique_id"])
    _only(manifest, "source_fanout", "source.shop.shop.orders", "read by 2 models")


def test_source_table_nobody_reads() -> None:
    manifest = clean_manifest()
    manifest["sources"]["source.shop.shop.refunds"] = _source("refunds")
    _only(manifest, "unused_source", "source.shop.shop.refunds", "no model reads")


def _freshness_violation(**changes: Any) -> str:
    manifest = clean_manifest()
    source = manifest["sources"]["source.shop.shop.orders"]
    for key, value in changes.items():
        if value is _DELETE:
            del source[key]
        else:
            source[key] = value
    return _only(manifest, "source_freshness", "source.shop.shop.orders")


_DELETE = object()


def test_source_without_freshness() -> None:
    unset = {"warn_after": {"count": None, "period": None}, "error_after": {"count": None, "period": None}}
    assert "no freshness" in _freshness_violation(freshness=unset)
    assert "no freshness" in _freshness_violation(freshness=_DELETE)


def test_source_without_freshness_must_say_why() -> None:
    assert "without a reason" in _freshness_violation(freshness=None)
    manifest = clean_manifest()
    manifest["sources"]["source.shop.shop.orders"]["freshness"] = None
    manifest["sources"]["source.shop.shop.orders"]["source_description"] = (
        "No freshness: loaded by hand, rarely."
    )
    assert check_project(manifest).success


def test_source_freshness_needs_a_loaded_at_field_it_has() -> None:
    assert "without a loaded_at_field" in _freshness_violation(loaded_at_field=None)
    assert "loaded_at_field fetched_at is not one of its columns" in _freshness_violation(
        loaded_at_field="fetched_at"
    )


# ---------------------------------------------------------------------------- DAG


def _leaf_marts(manifest: dict[str, Any], parent: str, names: list[str]) -> None:
    for name in names:
        columns = {"order_id": {"name": "order_id", "description": "The order.", "data_type": "varchar"}}
        mart = _model(name, "marts", [parent], columns=columns, contract=True)
        manifest["nodes"][mart["unique_id"]] = mart
        manifest["nodes"].update({t["unique_id"]: t for t in _pk(name, "order_id")})


def test_intermediate_model_fanning_out_to_three_leaf_marts() -> None:
    manifest = clean_manifest()
    _leaf_marts(manifest, "model.shop.int_orders_priced", ["daily_orders", "weekly_orders", "monthly_orders"])
    manifest["exposures"]["exposure.shop.dashboard"]["depends_on"]["nodes"].append("model.shop.daily_orders")
    # an exposure on daily_orders does not make it less of a leaf (orders, read by order_lines, is none)
    _only(manifest, "model_fanout", "model.shop.int_orders_priced", "3 leaf models", "threshold 3")


def test_two_leaf_marts_or_a_mart_spine_do_not_fan_out() -> None:
    manifest = clean_manifest()
    _leaf_marts(manifest, "model.shop.int_orders_priced", ["daily_orders", "weekly_orders"])
    assert check_project(manifest).success
    manifest = clean_manifest()
    _leaf_marts(manifest, "model.shop.orders", ["daily_orders", "weekly_orders", "monthly_orders"])
    assert check_project(manifest).success  # a mart read by marts is a published dimension


def test_rejoining_an_upstream_concept() -> None:
    manifest = clean_manifest()
    # int_orders_priced -> orders -> order_lines, and int_orders_priced -> order_lines directly
    manifest["nodes"]["model.shop.order_lines"]["depends_on"]["nodes"].append("model.shop.int_orders_priced")
    manifest["exposures"]["exposure.shop.dashboard"]["depends_on"]["nodes"] = ["model.shop.order_lines"]
    _only(
        manifest,
        "rejoining_upstream_concepts",
        "model.shop.order_lines",
        "through model.shop.orders, which nothing else reads",
    )


def test_rejoining_is_fine_when_the_model_between_is_used_on_its_own() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.order_lines"]["depends_on"]["nodes"].append("model.shop.int_orders_priced")
    # the exposure still reads `orders`: it is a concept of its own, not a step of order_lines
    assert check_project(manifest).success


# ---------------------------------------------------------------------------- governance


def test_exposure_on_a_protected_model_or_a_source() -> None:
    manifest = clean_manifest()
    manifest["exposures"]["exposure.shop.dashboard"]["depends_on"]["nodes"] += [
        "model.shop.int_orders_priced",
        "source.shop.shop.orders",
    ]
    text = _only(manifest, "exposure_parents_public", "exposure.shop.dashboard")
    assert "model.shop.int_orders_priced (protected model)" in text
    assert "source.shop.shop.orders (source)" in text


def test_only_marts_are_public() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.orders"]["access"] = "protected"
    manifest["nodes"]["model.shop.orders"]["config"]["access"] = "protected"
    result = check_project(manifest)
    assert rule_names(result.violations) == {"mart_access", "exposure_parents_public"}, result.describe()
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.int_orders_priced"]["access"] = "public"
    result = check_project(manifest)
    assert rule_names(result.violations) == {"mart_access", "public_model_contract"}, result.describe()
    assert "access is public; should be protected (only marts are public)" in result.describe()
    assert "public model without an enforced contract" in result.describe()


# ---------------------------------------------------------------------------- docs


def test_macro_without_description() -> None:
    manifest = clean_manifest()
    manifest["macros"]["macro.shop.cents_to_dollars"]["description"] = ""
    _only(manifest, "macro_documented", "macro.shop.cents_to_dollars", "no description")


def test_macro_arguments_must_match_its_signature() -> None:
    manifest = clean_manifest()
    macro = manifest["macros"]["macro.shop.cents_to_dollars"]
    macro["macro_sql"] = macro["macro_sql"].replace("(column_name)", "(column_name, scale=2)", 1)
    _only(manifest, "macro_documented", "undocumented arguments: scale")
    macro["macro_sql"] = macro["macro_sql"].replace("(column_name, scale=2)", "(amount)", 1)
    text = _only(manifest, "macro_documented", "undocumented arguments: amount")
    assert "documented but not in the signature: column_name" in text


def test_adapter_implementation_is_documented_by_its_macro() -> None:
    manifest = clean_manifest()
    del manifest["macros"]["macro.shop.cents_to_dollars"]  # duckdb__cents_to_dollars now implements nothing
    _only(manifest, "macro_documented", "macro.shop.duckdb__cents_to_dollars", "no description")


def test_model_yaml_not_beside_its_model() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.orders"]["patch_path"] = "shop://models/_all__models.yml"
    _only(
        manifest,
        "properties_layout",
        "model.shop.orders",
        "models/marts/_marts__models.yml or models/marts/orders.yml",
    )


def test_folder_mixing_folder_yaml_and_model_yaml() -> None:
    manifest = clean_manifest()
    manifest["nodes"]["model.shop.order_lines"]["patch_path"] = "shop://models/marts/order_lines.yml"
    _only(manifest, "properties_layout", "models/marts", "mixes a folder YAML")


# ---------------------------------------------------------------------------- waivers


def _waive(node: dict[str, Any], rule: str, reason: str) -> None:
    node.setdefault("config", {}).setdefault("meta", {})["project_check_exceptions"] = {rule: reason}


def test_a_waiver_with_a_reason_passes_and_is_listed() -> None:
    manifest = clean_manifest()
    _leaf_marts(manifest, "model.shop.int_orders_priced", ["daily_orders", "weekly_orders", "monthly_orders"])
    _waive(manifest["nodes"]["model.shop.int_orders_priced"], "model_fanout", "being split (issue 7)")
    result = check_project(manifest)
    assert result.success, result.describe()
    assert "1 waived" in result.describe()
    assert "[model_fanout] model.shop.int_orders_priced" in result.describe()
    assert "waived: being split (issue 7)" in result.describe()


def test_a_waiver_that_waives_nothing_or_gives_no_reason_fails() -> None:
    manifest = clean_manifest()
    _waive(manifest["nodes"]["model.shop.int_orders_priced"], "model_fanout", "being split (issue 7)")
    _only(manifest, "unused_exception", "model.shop.int_orders_priced", "waives nothing")
    manifest = clean_manifest()
    _leaf_marts(manifest, "model.shop.int_orders_priced", ["daily_orders", "weekly_orders", "monthly_orders"])
    _waive(manifest["nodes"]["model.shop.int_orders_priced"], "model_fanout", " ")
    text = check_project(manifest).describe()
    assert "[model_fanout]" in text
    assert "[unused_exception]" in text and "has no reason" in text


# ---------------------------------------------------------------------------- the drawn graph


def test_lineage_table_lists_every_model_with_what_it_reads() -> None:
    table = lineage_table(clean_manifest())
    assert "| staging/shop | `stg_shop__orders` | view | `shop.orders` |" in table
    assert "| marts | `order_lines` | table | `orders` |" in table
    assert "| `dashboard` | `order_lines`, `orders` |" in table


def test_lineage_block_is_rewritten_and_checked(tmp_path: Path) -> None:
    doc = tmp_path / "architecture.md"
    doc.write_text(f"# A\n\n{lineage.START}\n| stale |\n{lineage.END}\n\nmore\n")
    manifest = clean_manifest()
    assert not lineage.is_current(doc, manifest)
    doc.write_text(lineage.render(doc.read_text(), manifest))
    assert lineage.is_current(doc, manifest)
    assert doc.read_text().endswith("more\n") and "| stale |" not in doc.read_text()
    manifest["nodes"]["model.shop.order_lines"]["depends_on"]["nodes"].append("model.shop.int_orders_priced")
    assert not lineage.is_current(doc, manifest)
    with pytest.raises(ValueError, match="lineage:start"):
        lineage.render("no markers", manifest)
