# Newsroom: `make demo` to try it, `make test` to run the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev browser run migrate demo test test-browser bench lint format check clean

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

# Page throughput under gunicorn, as ratios to a reference page (see bench/run.py).
bench: install-dev
	$(PY) bench/run.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(MAKE) test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts
