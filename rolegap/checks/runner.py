"""Run the suites as one Great Expectations checkpoint against the built DuckDB warehouse.

Route: the pandas execution engine, over a read-only Parquet snapshot of the warehouse.

Why not GX's SQL datasource on DuckDB: in GX 1.x it returns empty metrics for DuckDB unless
duckdb is treated as a persisted-connection dialect (GX issues #10738, #11579), so expectations
"pass" without being evaluated, and its regex expectations are unsupported for the dialect. The
pandas engine evaluates every expectation we use (regex, sets, ranges, medians, column pairs,
row conditions). Why a Parquet snapshot rather than in-memory DataFrames: a GX 1.x dataframe
asset receives its DataFrame through the checkpoint's `batch_parameters`, which are shared by
every validation definition of a checkpoint; one file-backed asset per relation lets a single
checkpoint validate all relations. The warehouse is opened once, read-only (a running dbt
holds the write lock; we fail with that message), copied column-by-column to Parquet in a
temporary folder and closed before validation, so every suite sees one consistent state.

Trust but verify: an expectation whose result carries an exception, or no result at all, is
reported as a failure ("not evaluated"), so a silently empty metric can never pass.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import great_expectations as gx
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from rolegap.checks import docs_assets
from rolegap.checks.definitions import DefinitionsUnavailableError, load_definitions
from rolegap.checks.result import CheckResult, Failure, SuiteSummary
from rolegap.checks.snapshot import (
    Snapshot,
    WarehouseUnavailableError,
    existing_relations,
    open_read_only,
    snapshot_suites,
)
from rolegap.checks.suites import all_suites

CHECKPOINT_NAME = "rolegap_warehouse"
DOCS_SITE_NAME = "rolegap"
SUMMARY_FILE = "gx_summary.json"


def _context(docs_dir: Path) -> Any:
    """An ephemeral (in-memory) context with one Data Docs site in docs_dir; no analytics, no bars."""
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites={
            DOCS_SITE_NAME: {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir.resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        },
    )
    return gx.get_context(project_config=config, mode="ephemeral")


def _column_of(result: ExpectationValidationResult) -> str | None:
    kwargs = result.expectation_config.kwargs if result.expectation_config else {}
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    return None


def _condition_of(result: ExpectationValidationResult) -> str:
    kwargs = result.expectation_config.kwargs if result.expectation_config else {}
    condition = kwargs.get("row_condition")
    if not condition:
        return ""
    if isinstance(condition, dict) and {"column", "operator", "parameter"} <= set(condition):
        column = (
            condition["column"].get("name") if isinstance(condition["column"], dict) else condition["column"]
        )
        return f" (rows where {column} {condition['operator']} {condition['parameter']!r})"
    return f" (rows where {condition})"


def _expected_of(result: ExpectationValidationResult) -> str:
    kwargs = dict(result.expectation_config.kwargs) if result.expectation_config else {}
    expected = {
        key: value
        for key, value in kwargs.items()
        if key not in ("column", "column_A", "column_B", "batch_id", "row_condition", "condition_parser")
        and value is not None
    }
    return f"; expected {expected}" if expected else ""


def _failure_message(result: ExpectationValidationResult) -> tuple[str, Any]:
    """What went wrong, in words, and the observed value or sample of unexpected values."""
    detail: dict[str, Any] = dict(result.result or {})
    if "unexpected_count" in detail:
        sample = [_plain(value) for value in detail.get("partial_unexpected_list") or []]
        message = (
            f"{detail['unexpected_count']} of {detail.get('element_count')} values unexpected"
            f"{_condition_of(result)}, e.g. {sample[:5]!r}{_expected_of(result)}"
        )
        return message, sample
    observed = _plain(detail.get("observed_value"))
    return f"observed {observed!r}{_condition_of(result)}{_expected_of(result)}", observed


def _plain(value: Any) -> Any:
    """numpy / Decimal scalars as plain Python numbers, so messages read `5.0`, not `np.float64(5.0)`."""
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, Decimal):
        return float(value)
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _evaluation_problem(result: ExpectationValidationResult) -> str | None:
    """Why a result does not count as evaluated, or None when it was really computed."""
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return f"not evaluated: {str(info.get('exception_message', 'error')).splitlines()[0]}"
    for value in info.values():  # multi-metric errors come keyed by metric
        if isinstance(value, dict) and value.get("raised_exception"):
            return f"not evaluated: {str(value.get('exception_message', 'error')).splitlines()[0]}"
    detail = result.result or {}
    if not detail:
        return "not evaluated: the result is empty"
    if "observed_value" not in detail and "element_count" not in detail:
        return f"not evaluated: no observed value in {sorted(detail)}"
    return None


def _collect(
    snapshot: Snapshot, suite_result: ExpectationSuiteValidationResult
) -> tuple[SuiteSummary, list[Failure]]:
    failures: list[Failure] = []
    for result in suite_result.results:
        expectation = result.expectation_config.type if result.expectation_config else "unknown"
        problem = _evaluation_problem(result)
        if problem is not None:
            failures.append(Failure(snapshot.suite.relation, _column_of(result), expectation, problem))
        elif not result.success:
            message, observed = _failure_message(result)
            failures.append(
                Failure(snapshot.suite.relation, _column_of(result), expectation, message, observed)
            )
    summary = SuiteSummary(
        suite=snapshot.suite.name,
        table=snapshot.suite.relation,
        rows_n=snapshot.rows_n,
        expectations_n=len(suite_result.results),
        failures_n=len(failures),
    )
    return summary, failures


def _run_checkpoint(
    snapshots: list[Snapshot], docs_dir: Path, data_docs: bool
) -> tuple[list[tuple[Snapshot, ExpectationSuiteValidationResult]], Path | None]:
    context = _context(docs_dir)
    datasource = context.data_sources.add_pandas("warehouse_snapshot")
    definitions: list[gx.ValidationDefinition] = []
    for snapshot in snapshots:
        asset = datasource.add_parquet_asset(name=snapshot.suite.name, path=snapshot.path)
        batch = asset.add_batch_definition_whole_dataframe("whole_table")
        suite = context.suites.add(gx.ExpectationSuite(name=snapshot.suite.name))
        for expectation in snapshot.suite.expectations:
            suite.add_expectation(expectation.copy(deep=True))
        definitions.append(
            context.validation_definitions.add(
                gx.ValidationDefinition(name=snapshot.suite.name, data=batch, suite=suite)
            )
        )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=CHECKPOINT_NAME,
            validation_definitions=definitions,
            # No UpdateDataDocsAction: it rebuilds the site (index included) once per validation result,
            # quadratic in suites (8 s of a 12 s run); one build after the run renders the same pages.
            actions=[],
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20},
        )
    )
    result = checkpoint.run()
    by_suite = {r.suite_name: r for r in result.run_results.values()}
    pairs = [(snapshot, by_suite[snapshot.suite.name]) for snapshot in snapshots]
    if not data_docs:
        return pairs, None
    for stale in ("validations", "expectations"):  # GX-owned folders: drop pages of earlier runs
        shutil.rmtree(docs_dir / stale, ignore_errors=True)
    context.build_data_docs(site_names=[DOCS_SITE_NAME])
    docs_assets.localise(docs_dir)
    return pairs, docs_dir.resolve() / "index.html"


def run_checks(
    db: Path, docs_dir: Path, reference_corpus: bool = False, *, data_docs: bool = True
) -> CheckResult:
    """Validate the warehouse in `db` with every suite as one checkpoint.

    Writes Data Docs under `docs_dir` (unless `data_docs` is false) and `docs_dir/gx_summary.json`.
    With `reference_corpus`, marts.reproduction must show every published figure reproduced.
    """
    started = time.perf_counter()
    check = CheckResult(db=Path(db), reference_corpus=reference_corpus)
    docs_dir = Path(docs_dir)
    with tempfile.TemporaryDirectory(prefix="rolegap-gx-") as tmp:
        try:
            con = open_read_only(Path(db))
        except WarehouseUnavailableError as error:
            check.failures.append(Failure(str(db), None, "warehouse_readable", str(error)))
            check.seconds = time.perf_counter() - started
            check.write_summary(docs_dir / SUMMARY_FILE)
            return check
        try:
            relations = existing_relations(con)
            definitions = load_definitions(con)
            suites = all_suites(definitions, reference_corpus, existing=set(relations))
            snapshots = snapshot_suites(con, suites, relations, Path(tmp))
        except DefinitionsUnavailableError as error:
            check.failures.append(Failure(str(db), None, "definitions_readable", str(error)))
            check.seconds = time.perf_counter() - started
            check.write_summary(docs_dir / SUMMARY_FILE)
            return check
        finally:
            con.close()
        present = [s for s in snapshots if s.missing is None]
        results: dict[str, ExpectationSuiteValidationResult] = {}
        if present:
            pairs, check.docs_index = _run_checkpoint(present, docs_dir, data_docs)
            results = {snapshot.suite.name: suite_result for snapshot, suite_result in pairs}
        for snapshot in snapshots:
            if snapshot.missing is not None:
                check.suites.append(SuiteSummary(snapshot.suite.name, snapshot.suite.relation, None, 0, 1))
                check.failures.append(
                    Failure(snapshot.suite.relation, None, "relation_exists", snapshot.missing)
                )
                continue
            summary, failures = _collect(snapshot, results[snapshot.suite.name])
            check.suites.append(summary)
            check.failures.extend(failures)
    check.seconds = time.perf_counter() - started
    check.write_summary(docs_dir / SUMMARY_FILE)
    return check
