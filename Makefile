# Thin wrappers: each target creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests and checks never need a real secret; production sets SECRET_KEY itself.
TEST_ENV := SECRET_KEY=test-only-not-a-secret LAWBASE_BENCHDATA=1

.PHONY: install browser run import export test lint format validate bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

# Development settings for this checkout (git-ignored, read by lawbase/settings.py): DEBUG on
# and a random SECRET_KEY, so every `manage.py` command of the README works as written.
# Production sets its own environment and never has this file.
.env:
	@umask 077 && printf '# Development settings for this checkout (made by make; git ignores it).\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env: DEBUG=1 and a random SECRET_KEY, for development only."

# Serve the site on SQLite (the embedded default) with the real corpus: the curated records and
# every official text found (../shared/data or LAWBASE_OFFICIAL_DIR); unchanged texts are skipped.
# /data/ offers JSON, CSV and Akoma Ntoso exports of it, written again only when the data changed.
run: $(INSTALLED) .env
	@$(MAKE) --no-print-directory import
	@$(MAKE) --no-print-directory export
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Migrate, then load the curated corpus and import every official text found.
import: $(INSTALLED) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py import_corpus

# Publish the corpus on /data/ (DATA_EXPORT_ROOT) in every format, unless already published.
export: $(INSTALLED) .env
	$(BIN)/python manage.py export --format json --format csv --format akn --if-changed

# Debian's Chromium for the browser tests (needs root; without it those tests are skipped).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "Could not install chromium: browser tests will be skipped."; }

# The test suite, on SQLite unless DATABASE_URL points elsewhere.
test: $(INSTALLED) .env browser
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
	rm -rf $(VENV) staticfiles db.sqlite3 exports
