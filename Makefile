# nocontact: `make run` serves the app locally; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-dev chromium axe wrk lint unit integration e2e test-sqlite test-postgres test-api bench valgrind bench-instructions clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/nocontact manage migrate --no-input
	$(BIN)/nocontact serve --host $(HOST) --port $(PORT)

# Debian's chromium drives the real-browser tests (Playwright cannot download one here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# axe-core from the npm registry: the browser tests check every page for accessibility.
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --silent
	touch $@
axe: $(AXE)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy nocontact

unit: install-dev
	$(BIN)/pytest tests/unit -q

test-sqlite: install-dev chromium axe
	$(BIN)/pytest -q -p no:cacheprovider

# The same suite again on PostgreSQL, in a throwaway database.
test-postgres: install-dev chromium axe
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL)/nc_$$$$ $(BIN)/pytest -q -p no:cacheprovider tests/integration tests/e2e; \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at $(PG_URL); CI needs it." >&2; exit 1; \
	else echo "PostgreSQL is not reachable at $(PG_URL): skipping the PostgreSQL run (CI fails here)."; fi

# schemathesis against the live server with a real token, all checks, 100 examples per
# operation: on SQLite, then on PostgreSQL (tests/api/run_schemathesis.sh).
test-api: install-dev
	PG_URL=$(PG_URL) BIN=$(BIN) bash tests/api/run_schemathesis.sh sqlite postgres

test: lint test-sqlite test-postgres test-api

# Debian's wrk drives the hosted-mode load benchmark (bench/load.py).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the load benchmark..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }

# valgrind counts what a request of the mix costs, in instructions (bench/instructions.py).
valgrind:
	@command -v valgrind >/dev/null 2>&1 || { \
	  echo "Installing Debian's valgrind for the instruction counts..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq valgrind >/dev/null; }

# The mix against the trivial view in instructions: steady where req/s move (BENCHMARKS.md).
bench-instructions: install-dev valgrind
	$(BIN)/python bench/instructions.py

# Both halves always run; the target fails when either misses a target.
bench: install-dev chromium wrk
	$(BIN)/python bench/run.py; one=$$?; \
	PG_URL=$(PG_URL) $(BIN)/python bench/load.py; two=$$?; \
	exit $$(( one || two ))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts tests/e2e/node_modules
