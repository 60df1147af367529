# Two commands for a fresh machine (see README.md):
#   make run    set everything up and serve the workbench on the bundled catalogue
#   make test   set everything up and run all tests, lint and type checks
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not ((3,11) <= sys.version_info[:2] < (3,13)))' 2>/dev/null && echo $$p && break; done)

.PHONY: setup run test lint bench system-deps

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Tinh Gọn needs Python 3.11 or 3.12 (durable-rules does not import on 3.13)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(VENV)/bin/tinhgon ui

lint: setup
	$(VENV)/bin/ruff check engine ui features tests bench
	$(VENV)/bin/ruff format --check engine ui features tests bench
	$(VENV)/bin/mypy

# Debian packages the tests need: the PostgreSQL server the plan tests start (tests/plans/postgres.py)
# and the chromium the browser tests drive through playwright (never `playwright install`).
# Quick when already there; installs as root (CI), else says what to install.
CHROMIUM ?= /usr/bin/chromium
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "tests need Debian packages:$$missing (sudo apt-get install -y$$missing)"; fi; \
	fi

test: lint system-deps
	$(VENV)/bin/pytest -q

bench: setup
	$(PY) bench/bench_import.py
	$(PY) bench/bench_recognise.py
	$(PY) bench/bench_audit.py
	$(PY) bench/bench_targets.py
	$(PY) bench/bench_workbench.py
