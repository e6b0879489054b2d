# The two commands of the README: `make run` and `make test`.
# Both create the virtualenv on first use and reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsdigest run

# A PostgreSQL answering on 127.0.0.1:5432 runs its tests too, as in .ci/run; set
# NEWSDIGEST_TEST_POSTGRES_URL yourself to choose another server.
PG_TEST_URL := postgresql://postgres@127.0.0.1:5432/test
ifeq ($(NEWSDIGEST_TEST_POSTGRES_URL),)
ifneq ($(shell command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -q && echo up),)
export NEWSDIGEST_TEST_POSTGRES_URL := $(PG_TEST_URL)
endif
endif

test: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# Slow (minutes per module) and not part of `make test` or CI; MODULES="weekdays urls" for some.
mutation: $(STAMP)
	$(BIN)/python benchmarks/mutation.py $(MODULES)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .mutation
