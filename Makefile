# diplograph: common tasks. GNU make; needs python3.11 (or python3 >= 3.11) on PATH.
#   make demo    extract facts from samples/docs into out/facts.jsonl, print a summary, build out/diplograph.db and list its conflicts
#   make test    run the whole test suite
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

.PHONY: help venv .venv demo test score bench clean distclean

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

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/diplograph extract samples/docs --format jsonl -o out/facts.jsonl --summary
	@rm -f out/diplograph.db
	$(BIN)/diplograph ingest samples/docs --db sqlite:///out/diplograph.db
	$(BIN)/diplograph conflicts --db sqlite:///out/diplograph.db

# The knowledge base tests start a throwaway PostgreSQL server from Debian's binaries: as root,
# install them when missing (once; quiet unless it fails).
test: $(STAMP)
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 \
		&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing PostgreSQL for the knowledge base tests (apt-get install postgresql)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
			>/tmp/diplograph-apt.log 2>&1 || { cat /tmp/diplograph-apt.log >&2; \
			echo "warning: PostgreSQL could not be installed: its tests fail in CI and are skipped elsewhere" >&2; }; \
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
	rm -rf out build dist .pytest_cache .hypothesis src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
