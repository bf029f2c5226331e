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

.PHONY: setup run corpus ingest fetch build docs check report publish test lint pytest clean

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

check: setup ## Great Expectations suites on raw, staging and marts; evaluator-style project checks
	$(BIN)/rolegap check --wait 600 --reference-corpus --docs-dir reports/data-docs
	$(BIN)/python scripts/check_project.py --manifest target/manifest.json

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

clean:
	rm -rf target logs warehouse data reports test-output node_modules
