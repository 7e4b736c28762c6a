# diplograph: common tasks. GNU make; needs python3.11 (or python3 >= 3.11) on PATH.
#   make demo    extract facts from samples/docs into out/facts.jsonl, build out/diplograph.db, list its conflicts,
#                write out/report-AZE.html, then serve the knowledge base in the browser (Ctrl-C stops)
#   make test    run the whole test suite (PostgreSQL and Chromium tests included)
#   make ui      build the web app's front end (npm) into src/diplograph/web/static
#   make screenshots  redo docs/screenshots/*.png (network, map, timeline, evidence) with Chromium
#   make score   score the extractor on ../shared/eval/dev (when that folder exists)
#   make bench   mention-finder speed, extraction throughput (1,000 documents) and quality figures
#   make clean   remove outputs and caches (make distclean also removes .venv)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
# Reinstalling is slow, so a stamp records that the venv matches pyproject.toml.
STAMP := $(VENV)/.installed
EVAL := ../shared/eval
# The web front end: built by Vite from web/frontend into the package (gitignored, never committed).
FRONTEND := web/frontend
UI_INDEX := src/diplograph/web/static/index.html
UI_SOURCES := $(FRONTEND)/package.json $(FRONTEND)/package-lock.json $(FRONTEND)/index.html \
	$(FRONTEND)/vite.config.js $(shell find $(FRONTEND)/src -type f 2>/dev/null)
DEMO_PORT ?= 8000

.PHONY: help venv .venv ui screenshots demo test score bench clean distclean

help:
	@sed -n 's/^#   //p' Makefile

venv .venv: $(STAMP)

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "error: python3.11 (or python3) not found on PATH" >&2; exit 1; }
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: $(PYTHON) is older than 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# npm ci installs exactly the locked versions; the build only reruns when a front-end file changed.
ui: $(UI_INDEX)

$(UI_INDEX): $(UI_SOURCES)
	@command -v npm >/dev/null || { echo "error: npm (Node.js 20+) is needed to build the web front end" >&2; exit 1; }
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@touch $@

screenshots: $(STAMP) $(UI_INDEX)
	$(BIN)/python docs/make_screenshots.py

demo: $(STAMP) $(UI_INDEX)
	@mkdir -p out
	$(BIN)/diplograph extract samples/docs --format jsonl -o out/facts.jsonl --summary
	@rm -f out/diplograph.db
	$(BIN)/diplograph ingest samples/docs --db sqlite:///out/diplograph.db
	$(BIN)/diplograph conflicts --db sqlite:///out/diplograph.db
	$(BIN)/diplograph report AZE --db sqlite:///out/diplograph.db -o out/report-AZE.html
	@echo "report written: out/report-AZE.html"
	$(BIN)/diplograph serve --db sqlite:///out/diplograph.db --port $(DEMO_PORT)

# The knowledge base tests start a throwaway PostgreSQL server from Debian's binaries and the web
# end-to-end tests drive Debian's Chromium: as root, install them when missing (once; quiet unless
# it fails).
test: $(STAMP) $(UI_INDEX)
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="postgresql"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing for the database and browser tests: apt-get install$$missing"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } \
			>/tmp/diplograph-apt.log 2>&1 || { cat /tmp/diplograph-apt.log >&2; \
			echo "warning:$$missing could not be installed: those tests fail in CI and are skipped elsewhere" >&2; }; \
	fi
	$(BIN)/pytest

score: $(STAMP)
	@if [ -d "$(EVAL)/dev" ]; then \
		mkdir -p out && \
		$(BIN)/diplograph extract $(EVAL)/dev/docs --format jsonl -o out/dev.jsonl; \
		rc=$$?; if [ $$rc -gt 1 ]; then exit $$rc; fi; \
		$(BIN)/python $(EVAL)/score.py --gold $(EVAL)/dev/gold --docs $(EVAL)/dev/docs --pred out/dev.jsonl; \
	else \
		echo "$(EVAL)/dev not found: nothing to score"; \
	fi

bench: $(STAMP)
	$(BIN)/python bench/bench_mentions.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/quality.py

clean:
	rm -rf out build dist .pytest_cache .hypothesis src/*.egg-info src/diplograph/web/static
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV) $(FRONTEND)/node_modules
