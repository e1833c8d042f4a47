# Two entry points: `make run` opens the dashboard on the demo province, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := data/dashboard.duckdb

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DB): $(BIN)/.installed
	$(BIN)/python -m etl init --demo

.PHONY: run test bench
run: $(DB)
	$(BIN)/streamlit run dashboard.py

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q tests

bench: $(BIN)/.installed
	$(BIN)/python bench/load_reports.py
	$(BIN)/python bench/national.py
