# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
# uv is bootstrapped into .tools/ (never assumed installed); the project venv is .venv/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .tools/bin/uv
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
# Some machines set PYTHONDONTWRITEBYTECODE: then every Python process (each test
# worker, each subprocess a test starts) compiles every module it imports from
# source again, about 8 s of CPU each. The venv is compiled once when it is synced
# and the project's own modules are cached on first import.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test test-only browser-deps lint clean

$(UV):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Retour needs Python 3.11, found " + sys.version'
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

## Start the demo: migrate, load sample data, serve on http://127.0.0.1:8000
demo: .venv/.synced
	.venv/bin/retour demo

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: .venv/.synced browser-deps test-only

# One pass on TEST_WORKERS pytest-xdist processes: the browser tests (a live server
# and Chromium each; they restore the migrated data between tests) are one work unit
# that one worker runs while the others take the rest, and the costliest units start
# first (retour/testing/scheduling.py). Every session copies a migrated SQLite
# template instead of migrating (retour/testing/template_db.py). PYTEST_ARGS goes to
# pytest, e.g. `make test-only PYTEST_ARGS=retour/cases`; TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= 2

test-only:
	@.venv/bin/pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; fi; \
	exit $$rc

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
