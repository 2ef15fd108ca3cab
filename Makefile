# Every target installs what it needs first, so a fresh clone needs only Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8080
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint lowest contracts bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/enkash-mock serve --host 127.0.0.1 --port $(PORT)

# Two xdist workers: 1m59 against 2m52 serial on an idle 2-core host (no gain when the host is saturated).
# PYTEST_ARGS="-n 0" runs serially. `make test-fast` is the inner loop (nothing that starts a server).
PYTEST_ARGS ?= -n 2
test: lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The dependency lower bounds in pyproject.toml, installed together in build/lowest-venv and tested.
lowest: $(STAMP)
	$(BIN)/python scripts/lowest_versions.py

contracts: $(STAMP)
	mkdir -p build
	$(BIN)/enkash-contracts run --target mock --profile ci --junit build/contracts-junit.xml --report build/contracts-report.md

# Benchmark against Stoplight Prism (npm) with wrk (apt; a Python load generator without it).
bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || sudo -n apt-get install -y wrk >/dev/null 2>&1) || echo "wrk not installed: using the Python load generator"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .enkash-mock build *.egg-info
