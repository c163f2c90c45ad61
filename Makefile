# Two commands a newcomer needs: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PERISTIWA_DATA ?= ../shared/data
export PERISTIWA_DATA

.PHONY: run test lint models bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Code the sample articles in examples/ with the shipped model and print the events.
run: $(STAMP)
	$(BIN)/peristiwa code examples/ --format table

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks $(wildcard scripts)

## Rebuild the root lexicon and the CAMEO code table, retrain the Indonesian pipeline from
## $(PERISTIWA_DATA) (fixed seeds) and print its evaluation (about 10 minutes on 2 cores).
models: $(STAMP)
	$(BIN)/python -m peristiwa.nlp.build_lexicon --data $(PERISTIWA_DATA)
	$(BIN)/python -c "from peristiwa.coding.patterns import build_cameo_table as b; b('$(PERISTIWA_DATA)')"
	$(BIN)/python -m peristiwa.coding.codebook --data $(PERISTIWA_DATA)
	$(BIN)/python -m peristiwa.nlp.train all --data $(PERISTIWA_DATA)

## Benchmarks print each figure as soon as it is measured (unbuffered output).
bench: $(STAMP)
	PYTHONUNBUFFERED=1 $(BIN)/python benchmarks/bench_nlp.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
