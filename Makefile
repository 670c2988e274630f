# innosearch: `make demo` runs the product on the bundled sample corpus, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOME_DIR ?= .innosearch/demo
STAMP := $(VENV)/.installed

.PHONY: install model demo serve test test-milvus test-ray lint format bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/python -c "from innosearch.config import Settings; \
	from innosearch.embed.onnx_build import ensure_onnx_model; \
	print('Model ready:', ensure_onnx_model(Settings().cache_dir))"

FOLLOWED := Ældre i eget hjem

demo: model
	@# A followed challenge first, so the ingest below records its matches ("Nyt siden sidst").
	@$(BIN)/innosearch saved list --json --home $(HOME_DIR) 2>/dev/null | grep -q '"$(FOLLOWED)"' || \
	  $(BIN)/innosearch saved add "Hvordan får vi ældre til at klare sig selv længere derhjemme?" \
	  --name "$(FOLLOWED)" --sector aeldre --home $(HOME_DIR)
	$(BIN)/innosearch ingest data/cases data/web data/reports --home $(HOME_DIR) --prune
	@$(BIN)/innosearch saved list --home $(HOME_DIR)
	@echo
	@echo "innosearch is starting on http://127.0.0.1:8000  (web page: /, API docs: /docs)"
	@echo "Overview:  http://127.0.0.1:8000/overblik?sector=aeldre  (Hvad sker der på ældreområdet?)"
	@echo "Try:  curl 'http://127.0.0.1:8000/api/search?q=Hvordan+f%C3%A5r+vi+%C3%A6ldre+til+at+klare+sig+selv+l%C3%A6ngere+derhjemme'"
	@echo
	$(BIN)/innosearch serve --home $(HOME_DIR) --host 127.0.0.1 --port 8000

# Debian's Chromium for the browser tests (Playwright's own browser download can't work here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: model browser
	$(BIN)/pytest -q -m "not ray"

# The scale-out paths, each with its extra: the contract suite on milvus-lite, and the ingest
# on a local 2-worker Ray cluster compared with the single-process one (a few minutes).
test-milvus: model
	$(BIN)/pip install --quiet -e '.[dev,milvus]'
	$(BIN)/pytest -q -m milvus

test-ray: model
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	$(BIN)/pytest -q -m ray

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: model
	$(BIN)/python bench/bench_latency.py

clean:
	rm -rf .innosearch .pytest_cache .ruff_cache
