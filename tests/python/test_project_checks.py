"""The evaluator-style manifest checks pass a clean project and name each kind of violation."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rolegap.checks.project import check_project, hard_coded_relations

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
    folders = [folder] if folder else []
    path = "/".join([*folders, f"{name}.sql"])
    return {
        "resource_type": "model",
        "package_name": "shop",
        "name": name,
        "unique_id": f"model.shop.{name}",
        "fqn": ["shop", *folders, name],
        "path": path,
        "original_file_path": f"models/{path}",
        "description": f"The {name} model.",
        "config": {"materialized": materialized, "contract": {"enforced": contract}},
        "contract": {"enforced": contract},
        "columns": columns if columns is not None else {},
        "depends_on": {"nodes": parents, "macros": []},
        "raw_code": raw_code,
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
            "staging",
            ["source.shop.raw.orders"],
            materialized="view",
            raw_code="select * from {{ source('raw', 'orders') }}",
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
    return {
        "metadata": {"project_name": "shop"},
        "nodes": {node["unique_id"]: node for node in [*nodes, *tests]},
        "sources": {
            "source.shop.raw.orders": {
                "resource_type": "source",
                "package_name": "shop",
                "unique_id": "source.shop.raw.orders",
                "original_file_path": "models/staging/_raw__sources.yml",
                "description": "Orders as landed.",
            }
        },
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
    manifest["nodes"]["model.shop.orders"]["depends_on"]["nodes"].append("source.shop.raw.orders")
    _only(manifest, "direct_source_dependency", "model.shop.orders", "source.shop.raw.orders")


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
    manifest["sources"]["source.shop.raw.orders"]["description"] = ""
    _only(manifest, "source_description", "source.shop.raw.orders", "no description")


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
