# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
# uv is bootstrapped into .tools/ (never assumed installed); the project venv is .venv/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .tools/bin/uv
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: demo test test-only browser-deps lint clean

$(UV):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Retour needs Python 3.11, found " + sys.version'
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

## Start the demo: migrate, load sample data, serve on http://127.0.0.1:8000
demo: .venv/.synced
	.venv/bin/retour demo

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: .venv/.synced browser-deps test-only

# Two passes: everything but the browser tests in parallel (pytest-xdist, TEST_WORKERS
# processes, one test class or module per worker at a time), then the browser tests
# serially (a live server and Chromium each; they restore the migrated data between
# tests). Every session copies a migrated SQLite template instead of migrating
# (retour/testing/template_db.py). PYTEST_ARGS goes to both passes, e.g.
# `make test-only PYTEST_ARGS=retour/cases`; TEST_WORKERS=0 runs the first pass serially.
TEST_WORKERS ?= 2

test-only:
	@.venv/bin/pytest -n $(TEST_WORKERS) --dist loadscope -m "not browser" $(PYTEST_ARGS); rc1=$$?; \
	.venv/bin/pytest -m browser $(PYTEST_ARGS); rc2=$$?; \
	if [ $$rc1 -eq 5 ] && [ $$rc2 -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	[ $$rc1 -eq 5 ] && rc1=0; [ $$rc2 -eq 5 ] && rc2=0; \
	if [ $$rc1 -ne 0 ]; then exit $$rc1; fi; exit $$rc2

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "NOTE: chromium is not installed; browser tests will be skipped (apt-get install chromium)."; \
	  fi; \
	fi

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint retour --lint
	.venv/bin/lint-imports
	.venv/bin/mypy retour config

clean:
	rm -rf .venv .tools var test-artifacts
