# Newsroom: `make demo` to try it, `make test` to run the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev browser run migrate demo test test-browser bench bench-tools bench-faults bench-explain lighthouse lint format check clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Debian's chromium for the real-browser tests (Playwright drives it; it never downloads
# a browser of its own). Needs root, as on the CI machine.
browser: install-dev
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }
	@chromium --version

migrate: install
	$(PY) manage.py migrate --no-input

run: install
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: migrate
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Newsroom is running:"
	@echo "  site:   http://$(HOST):$(PORT)/"
	@echo "  admin:  http://$(HOST):$(PORT)/admin/"
	@echo "  logins: reporter, editor, chief, admin (password on the seed_demo line above)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: browser
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# Debian's wrk, the load generator of the benchmark. Needs root, as on the CI machine.
bench-tools:
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }

# Every public page under gunicorn and wrk on PostgreSQL, cold and warm, against a
# bare-Django floor; the table goes to bench/results.md (see bench/run.py).
bench: install-dev bench-tools
	$(PY) bench/run.py

# Readers' load while editors publish and every database connection is terminated
# twice; fails on any failed request (bench/faults.py, results-faults.md).
bench-faults: install-dev bench-tools
	$(PY) bench/faults.py

# EXPLAIN (ANALYZE, BUFFERS) of each page's article queries into bench/plans/.
bench-explain: install-dev
	$(PY) bench/explain.py

# Lighthouse 12.2.3, pinned by tools/lighthouse/package-lock.json, into that folder.
LIGHTHOUSE_DIR := tools/lighthouse
$(LIGHTHOUSE_DIR)/node_modules/.installed: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make lighthouse needs Node.js (18.16 or later) and npm"; exit 1; }
	cd $(LIGHTHOUSE_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Lighthouse, mobile, on home, article, photo story, service list and filter of a
# fresh demo served by gunicorn with DEBUG=0; fails under the thresholds
# (bench/lighthouse.py; reports in test-artifacts/lighthouse/).
lighthouse: browser $(LIGHTHOUSE_DIR)/node_modules/.installed
	$(PY) bench/lighthouse.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(MAKE) test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts

# The cluster shape on one machine (bench/cluster/cluster.sh): nginx on 8100 over
# CLUSTER_INSTANCES gunicorn instances (8101-8104), PostgreSQL primary 5441 and
# streaming replica 5442, Redis 6390. Needs root (apt-get, runuser -u postgres).
.PHONY: cluster-up cluster-down cluster-load

cluster-up: install
	bash bench/cluster/cluster.sh up

cluster-down:
	bash bench/cluster/cluster.sh down

# Readers' load through nginx while an editor publishes (bench/cluster/load.py).
cluster-load: install
	$(PY) bench/cluster/load.py
