# rolegap front door. On a fresh machine: `make run` (build everything), `make test` (all checks).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DBT_PROFILES_DIR := $(CURDIR)
export ROLEGAP_DB ?= warehouse/rolegap.duckdb
CORPUS := data/reference
SEED ?= 42
REFERENCE_VARS := {"reference_corpus": true}

BOARDS ?= seeds/company_registry.csv

.PHONY: setup run corpus ingest fetch build docs check report publish test lint pytest clean engines engines-setup engines-test engines-survey

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The Postgres and Spark adapters live in a venv of their own (requirements-engines.lock: the project's
# lock plus dbt-postgres, dbt-spark[session] and pyspark), so the default install stays small.
ENGINES_VENV := .venv-engines
ENGINES_BIN := $(ENGINES_VENV)/bin
ENGINES_STAMP := $(ENGINES_VENV)/.installed
$(ENGINES_STAMP): requirements-engines.lock requirements.lock pyproject.toml
	$(PYTHON) -m venv $(ENGINES_VENV)
	$(ENGINES_BIN)/pip install --quiet --upgrade pip
	$(ENGINES_BIN)/pip install --quiet -r requirements-engines.lock
	$(ENGINES_BIN)/pip install --quiet --no-deps -e .
	touch $(ENGINES_STAMP)

setup: $(STAMP) $(NODE_STAMP) ## create .venv with the locked dependencies; node_modules (vega, Data Docs assets) from package-lock.json

corpus: setup ## write the reference corpus (raw payloads + truth file) to data/reference
	$(BIN)/rolegap generate --out $(CORPUS) --seed $(SEED)

ingest: setup ## land the reference corpus in the warehouse (idempotent)
	mkdir -p $(dir $(ROLEGAP_DB))
	$(BIN)/rolegap ingest --wait 600 $(CORPUS)/payloads

fetch: setup ## fetch the registry's job boards politely into data/fetched, land them in the warehouse
	mkdir -p $(dir $(ROLEGAP_DB))
	$(BIN)/rolegap fetch --boards $(BOARDS) --ingest --wait 600

# The rules' unit tests (dbt unit_tests: given rows -> expected rows) do not depend on the data:
# `make test` runs them (the end-to-end reference build in pytest), the user's build skips them.
build: setup ## dbt seeds, models and data tests on the warehouse (fails on a wrong number)
	$(BIN)/rolegap build --wait 600 --vars '$(REFERENCE_VARS)' --exclude test_type:unit
	mkdir -p reports && cp target/run_results.json reports/dbt_build_results.json

# --no-compile: the build just compiled every node into target/manifest.json; the docs reuse it.
docs: setup ## self-contained dbt docs (every model and column)
	$(BIN)/rolegap build --wait 600 -- docs generate --static --no-compile --vars '$(REFERENCE_VARS)' --quiet
	mkdir -p reports && cp target/static_index.html reports/dbt-docs.html

check: setup ## Great Expectations suites on raw, staging and marts; evaluator-style project checks; docs/architecture.md's graph is current
	$(BIN)/rolegap check --wait 600 --reference-corpus --docs-dir reports/data-docs
	$(BIN)/python scripts/check_project.py --manifest target/manifest.json
	$(BIN)/python scripts/architecture_graph.py --check --manifest target/manifest.json

report: setup ## reports/index.html, reports/dashboard.html and chart files
	$(BIN)/rolegap report --wait 600 --out reports

publish: setup ## read-only serving copy and Parquet for BI tools
	$(BIN)/rolegap publish --wait 600

run: corpus ingest build docs check report publish ## everything, on the reference corpus
	@echo "report:  $(CURDIR)/reports/index.html"
	@echo "dashboard: $(CURDIR)/reports/dashboard.html (offline, interactive; job feed)"
	@echo "serving: $(CURDIR)/warehouse/serving.duckdb (read-only copy for BI), warehouse/marts/*.parquet"

test: setup lint pytest ## the whole test suite

lint: setup ## ruff, and SQLFluff with the dbt templater (it compiles the project: seeds must be loaded)
	$(BIN)/ruff check rolegap scripts tests
	mkdir -p target/lint
	ROLEGAP_DB=target/lint/seeds.duckdb DBT_TARGET_PATH=target/lint $(BIN)/dbt seed --quiet
	ROLEGAP_DB=target/lint/seeds.duckdb DBT_TARGET_PATH=target/lint $(BIN)/sqlfluff lint models tests/dbt macros --processes 2

pytest: setup
	$(BIN)/pytest

engines-setup: $(ENGINES_STAMP) ## .venv-engines: the locked project plus dbt-postgres, dbt-spark[session], pyspark

engines-test: engines-setup ## the lake, the loads and every dispatch macro on DuckDB, Postgres and Spark (a skip fails)
	@command -v java >/dev/null || { echo "engines: Spark needs Java 17 (apt-get install openjdk-17-jre-headless)"; exit 1; }
	ROLEGAP_REQUIRE_ENGINES=1 $(ENGINES_BIN)/pytest -q tests/python/test_engines_lake.py tests/python/test_engine_macros.py

engines: engines-test ## the reference corpus on DuckDB, Postgres (throwaway cluster) and Spark; every mart compared
	$(ENGINES_BIN)/python scripts/engines.py

engines-survey: engines-setup ## porting survey: DuckDB-only constructs by file, and what Postgres and Spark fail on
	mkdir -p test-output/engines
	$(ENGINES_BIN)/python scripts/engines_survey.py scan > test-output/engines/survey.md
	@echo "survey: test-output/engines/survey.md (the probe per engine: scripts/engines_survey.py probe --help)"

clean:
	rm -rf target logs warehouse data reports test-output node_modules $(ENGINES_VENV)
