# `make demo` and `make test` work on a fresh machine with Python 3.11+ and make:
# they create .venv, install newsfold with its extras (the embedded broker included), and run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck unit integration schemas install clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsfold demo

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q -ra

lint: $(STAMP)
	$(BIN)/ruff check streams schemas tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

integration: $(STAMP)
	$(BIN)/python -m pytest -q tests/integration

schemas: $(STAMP)
	$(BIN)/newsfold schemas --out schemas/json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
