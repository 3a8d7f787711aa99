# Two commands: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FL := $(VENV)/bin/frontlines
STAMP := $(VENV)/.installed
OUT := out

.PHONY: setup demo test bench eval clean web browser postgres serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,eval]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	mkdir -p $(OUT)
	$(FL) run examples/ --db sqlite:///$(OUT)/demo.db
	$(FL) export --db sqlite:///$(OUT)/demo.db --format csv --out $(OUT)/events.csv
	$(FL) export --db sqlite:///$(OUT)/demo.db --format geojson --out $(OUT)/events.geojson
	@echo "wrote $(OUT)/events.csv and $(OUT)/events.geojson"

# The workbench page's assets, bundled from npm packages (no CDN at run time).
WEB_ASSETS := src/frontlines/web/static/.built
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

$(WEB_ASSETS): web/node_modules/.package-lock.json web/build.mjs $(wildcard src/frontlines/web/page/*)
	node web/build.mjs
	touch $@

web: $(WEB_ASSETS)

# Debian's chromium for the browser tests (apt-get as root; skipped with a warning elsewhere, fatal in CI).
browser:
	bash scripts/install-browser.sh

# Debian's PostgreSQL server for the store tests (they start a throwaway cluster; same rules as above).
postgres:
	bash scripts/install-postgres.sh

serve: setup web
	$(FL) serve --db sqlite:///$(OUT)/demo.db

test: setup web browser postgres
	$(PY) -m pytest -q

# Every evaluation on ../shared/data: eval/report.md, eval/report.json and the plots.
eval: setup
	$(FL) eval report --data ../shared/data --out eval

clean:
	rm -rf $(OUT) .pytest_cache

bench: setup
	$(PY) bench/run.py --out bench/report.md
	$(PY) bench/api_bench.py --out bench/api.md
