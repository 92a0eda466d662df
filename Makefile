# The two commands of the README:
#   make run   — set everything up, load the demo and serve http://127.0.0.1:8000/ (SQLite)
#   make test  — set everything up and run the whole suite with its gates
# Everything else here is what those two need. Needs Python 3.11, Node.js/npm and make.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup checks pytest browser bench messages compilemessages lock clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving the portal at http://$(HOST):$(PORT)/ (admin at /admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser checks pytest

setup: $(VENV)/.installed node_modules/.installed compilemessages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (found " + sys.version.split()[0] + ")")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (never a browser downloaded by a test tool).
browser:
	@scripts/ensure-system-packages.sh chromium

compilemessages: $(VENV)/.installed
	@scripts/ensure-system-packages.sh gettext
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Gates besides the tests: Django's checks, no missing migration, lint.
checks: $(VENV)/.installed
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Tests run in parallel worker processes (pytest-xdist), one per core by default. Work
# stealing gives each worker a run of neighbouring tests (a module's shared setup, such
# as a loaded demo, is made in one worker, not in each) and evens out the end: an idle
# worker takes half of what another has left.
PYTEST_WORKERS ?= auto
pytest: $(VENV)/.installed
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Load benchmark: gunicorn (one worker more than cores, production settings) on PostgreSQL driven by wrk
# at 600 and 6,000 spaces, the cold path, the booking race and the import speed (bench/run.py).
BENCH_ARGS ?=
bench: setup
	@scripts/ensure-system-packages.sh wrk
	$(PY) bench/run.py $(BENCH_ARGS)

# Re-extract interface strings into locale/ko after changing templates or code.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l ko --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles

lock:
	$(PY) -m pip freeze

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
