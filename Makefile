# « La fonction publique s'engage » — plateforme de formation.
#
#   make run      set everything up, then serve http://127.0.0.1:8000/ (PORT=...) with the task worker
#   make test     set up, then run the whole test suite (PYTEST_ARGS="-k mirror -x" to filter)
#
# Prerequisites: Python 3.11, Node.js (>= 20.19) with npm, make. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# python3.11 when it is on PATH, else python3 (checked to be 3.11 below).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=
MANAGE := $(PY) manage.py
# Development mode for the commands run here (the tests use lms.settings.test instead).
DEV_ENV := DEBUG=1

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run setup deps migrate seed test lint format bench loadtest messages compilemessages \
	check-translations lock clean clean-venv

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

# --- Setup -------------------------------------------------------------------------------

# The virtual environment, created once with Python 3.11.
$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it (python3.11)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || { \
		echo "$(PYTHON) is not Python 3.11: run 'make PYTHON=/path/to/python3.11 ...'." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Python packages: reinstalled only when requirements.lock changes.
$(VENV)/.requirements.stamp: requirements.lock | $(PY)
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || { \
		echo "$(VENV) is not a Python 3.11 environment: run 'make clean-venv' then retry." >&2; exit 1; }
	@# (grep hides pip warnings about absent local index folders in this machine's pip config)
	@echo "$(PY) -m pip install -r requirements.lock"
	@$(PY) -m pip install --quiet -r requirements.lock 2>&1 \
		| { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	@touch $@

# npm packages (scorm-again, axe-core): reinstalled only when package-lock.json changes.
node_modules/.install.stamp: package-lock.json package.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js and npm." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: $(VENV)/.requirements.stamp node_modules/.install.stamp ## Install Python and npm dependencies (when the lock files changed)

compilemessages: $(VENV)/.requirements.stamp ## Compile locale/*/LC_MESSAGES/*.po to .mo (pure Python, no gettext needed)
	@$(PY) bin/compile_messages.py --quiet

migrate: deps ## Apply the database migrations
	@$(DEV_ENV) $(MANAGE) migrate --noinput --verbosity 1

setup: deps compilemessages migrate ## Everything `make run` and `make test` need, without serving

seed: setup ## Create or update the demo content and accounts (idempotent)
	@$(DEV_ENV) $(MANAGE) seed_demo

# --- Everyday commands -------------------------------------------------------------------

# migrate + seed_demo in one process (one Django start-up instead of two), then serve.
run: deps compilemessages ## Set up, then serve on 127.0.0.1:PORT (8000) beside the task worker (Ctrl-C stops both)
	@$(DEV_ENV) $(PY) bin/prepare_dev_db.py
	@PORT=$(PORT) PYTHON=$(PY) $(DEV_ENV) bash bin/run

# The tests build their own database (pytest-django): no migrate of the development one here.
test: deps compilemessages ## Run the whole test suite (PYTEST_ARGS="..." to pass options)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: deps ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: deps compilemessages ## Run tests/benchmarks/ (one JSON object per line on stdout)
	@PYTHON=$(PY) bash bin/bench $(BENCH_ARGS)

# Its own PostgreSQL database (LOADTEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432),
# created and dropped; LOADTEST_SECONDS (60) shortens the measured window.
loadtest: deps compilemessages ## 200 learners on gunicorn + PostgreSQL for 60 s, then every acknowledged commit checked
	@$(PY) -m tests.load.loadtest

# --- Translations ------------------------------------------------------------------------

messages: deps ## Update locale/fr/LC_MESSAGES/django.po from the code and templates (needs GNU gettext)
	@$(DEV_ENV) $(MANAGE) makemessages -l fr --no-obsolete -i .venv -i node_modules -i var

check-translations: deps compilemessages ## Fail if a string is missing, untranslated or fuzzy (needs GNU gettext)
	@PYTHON=$(PY) bash bin/check_translations.sh

# --- Maintenance -------------------------------------------------------------------------

lock: ## Regenerate requirements.lock from pyproject.toml (then run `make run` or `make test`)
	@PYTHON=$(PYTHON) bash bin/lock

clean: ## Remove caches and compiled files (keeps .venv, node_modules and the data in var/)
	find . -path ./.venv -prune -o -path ./node_modules -prune -o \
		\( -name __pycache__ -o -name .pytest_cache -o -name .ruff_cache \) -type d -print \
		| xargs rm -rf
	find locale -name '*.mo' -delete

clean-venv: ## Remove .venv and node_modules (reinstalled by the next `make run`)
	rm -rf $(VENV) node_modules
