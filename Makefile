# brochure-extract — the two commands that matter: `make extract` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= raw
OUT    ?= output
ARGS   ?=

.PHONY: extract test explore lint bench mutation check-output golden clean help

help:
	@echo "make extract   set up .venv and extract $(RAW)/ -> $(OUT)/ (RAW=, OUT=, ARGS= to override)"
	@echo "make test      set up .venv and run the test suite (property tests replay fixed examples)"
	@echo "make explore   the test suite with fresh random property examples (finds new failures)"
	@echo "make lint      ruff (check + format check) over src tests bench mutation, mypy over src"
	@echo "make check-output  re-extract $(RAW)/ and fail if the committed $(OUT)/ differs"
	@echo "make bench     run the speed/memory benchmark (bench/results.json)"
	@echo "make mutation  mutation check of the stage modules (mutation/report.md; minutes, not in CI)"
	@echo "make golden    regenerate tests/golden/ from the fixture PDFs (review the diff!)"
	@echo "make clean     remove the virtualenv, caches and build files"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $@

extract: $(VENV)/.installed
	$(BIN)/brochure-extract extract $(RAW) --out $(OUT) $(ARGS)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q $(ARGS)

# Property tests with fresh random examples (make test replays fixed ones): finds new failures.
explore: $(VENV)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-profile=explore $(ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench mutation
	$(BIN)/ruff format --check src tests bench mutation
	$(BIN)/mypy

# Bytecode compiled first, as a regular install does (an editable one under
# PYTHONDONTWRITEBYTECODE would compile every module at every start of a measured run).
bench: $(VENV)/.installed
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/bench.py $(ARGS)

$(VENV)/.mutation: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,lint,mutation]'
	touch $@

# Mutation check (mutation/run.py): ARGS="text segment", ARGS="--survivors normalise", ARGS="--report".
mutation: $(VENV)/.mutation
	$(BIN)/python mutation/run.py $(ARGS)

# Re-extract into a temporary folder and compare with the committed output (CI runs this).
check-output: $(VENV)/.installed
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(BIN)/brochure-extract extract $(RAW) --out "$$tmp/out" --no-cache -q || exit 1; \
	if diff -r -q $(OUT) "$$tmp/out"; then echo "check-output: $(OUT)/ is up to date"; else \
	  $(BIN)/brochure-extract diff $(OUT) "$$tmp/out"; \
	  echo "check-output: $(OUT)/ is stale: run 'make extract', review 'git diff $(OUT)/' and commit"; exit 1; fi

golden: $(VENV)/.installed
	$(BIN)/python -m tests.regen_golden

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis .cache bench/work mutation/work src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
