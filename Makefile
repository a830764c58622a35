# Thin wrappers: each target creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests and checks never need a real secret; production sets SECRET_KEY itself.
TEST_ENV := SECRET_KEY=test-only-not-a-secret LAWBASE_BENCHDATA=1

.PHONY: install browser run test lint format validate bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

# Serve the site on SQLite (the embedded default) with the real corpus: the curated records and
# every official text found (../shared/data or LAWBASE_OFFICIAL_DIR); unchanged texts are skipped.
run: $(INSTALLED)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py import_corpus
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests (needs root; without it those tests are skipped).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "Could not install chromium: browser tests will be skipped."; }

# The test suite, on SQLite unless DATABASE_URL points elsewhere.
test: $(INSTALLED) browser
	$(TEST_ENV) $(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load the corpus into the configured database and check it.
validate: $(INSTALLED)
	$(TEST_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(TEST_ENV) $(BIN)/python manage.py createcachetable
	$(TEST_ENV) $(BIN)/python manage.py load_corpus -v0
	$(TEST_ENV) $(BIN)/python manage.py validate_corpus

# The benchmark (bench/README.md): PostgreSQL + gunicorn against Datasette, SIZES=1000,10000 to shorten.
bench: $(INSTALLED)
	$(BIN)/pip install --quiet -e ".[bench]"
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
