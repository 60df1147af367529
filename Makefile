# Two commands for a fresh machine (see README.md):
#   make run    set everything up and serve the workbench on the bundled catalogue
#   make test   set everything up and run all tests, lint and type checks
VENV ?= .venv
PY := $(VENV)/bin/python
# The distribution's interpreter comes first: Debian builds /usr/bin/python3.x with profile-guided
# optimisation and links it statically, and it parses the portal records 12% faster than a default pyenv
# build (bench/README.md). A candidate must make venvs (ensurepip) and have the headers durable-rules
# compiles against; PYTHON=... picks another.
PYTHON ?= $(shell for p in /usr/bin/python3.12 /usr/bin/python3.11 python3.12 python3.11 python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys, os, sysconfig, ensurepip; \
  sys.exit(not ((3,11) <= sys.version_info[:2] < (3,13) \
  and os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))))' 2>/dev/null \
  && echo $$p && break; done)

.PHONY: setup run test lint bench run-deps system-deps

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Tinh Gọn needs Python 3.11 or 3.12 (durable-rules does not import on 3.13)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed
	@# Bytecode for every module, as pip writes it for an installed package: where PYTHONDONTWRITEBYTECODE
	@# is set, each run would otherwise compile them all again (0.1-0.3 s of a one-changed audit).
	@$(PY) -m compileall -q engine ui > /dev/null

run: setup run-deps
	$(VENV)/bin/tinhgon ui

lint: setup
	$(VENV)/bin/ruff check engine ui features tests bench
	$(VENV)/bin/ruff format --check engine ui features tests bench
	$(VENV)/bin/mypy

# Debian packages: Graphviz and a font draw the workbench's procedure maps; the tests also need the
# PostgreSQL server the plan tests start (tests/plans/postgres.py) and the chromium the browser tests
# drive through playwright (never `playwright install`). Quick when already there; installs as root
# (CI), else says what to install.
RUN_DEBS := graphviz fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) postgresql chromium
define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Tinh Gọn needs Debian packages:$$missing (sudo apt-get install -y$$missing)"; fi; \
	fi
endef

run-deps:
	$(call install_debs,$(RUN_DEBS))

system-deps:
	$(call install_debs,$(TEST_DEBS))

test: lint system-deps
	$(VENV)/bin/pytest -q

# bench/run_all.py writes the results table in bench/README.md (cold, warm, one changed record, 10x and
# 50x synthetic catalogues, durable-rules against plain Python); the others print their own figures.
bench: setup
	$(PY) bench/run_all.py
	$(PY) bench/bench_import.py
	$(PY) bench/bench_recognise.py
	$(PY) bench/bench_audit.py
	$(PY) bench/bench_cold.py
	$(PY) bench/bench_targets.py
	$(PY) bench/bench_workbench.py
	$(PY) bench/bench_procedure_map.py
