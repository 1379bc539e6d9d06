# factcheck — two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Tests run on the real services; these defaults match a development machine (DEVELOPERS.md).
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/factcheck)
TEST_BROKER_URL ?= $(or $(CELERY_BROKER_URL),redis://127.0.0.1:6379/0)

.PHONY: test-local install run test lint test-fast eval train train-checkworthy train-stance bench screenshots tools services check-deploy compose-check messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## install: the shared set-up step — virtualenv, pinned packages, translations, static files.
install: $(STAMP)
	$(PY) scripts/compile_translations.py
	$(PY) manage.py collectstatic --noinput -v 0

## run: the desk on http://127.0.0.1:8000 with a real worker; SQLite + serverless broker unless
## DATABASE_URL / CELERY_BROKER_URL are set. Ctrl-C stops everything.
run: install
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py run_desk

## lint: the import rules (import-linter's contracts in pyproject.toml): layers tasks → pipeline →
## verifiers → models → nlp, editorial above factcheck, no cycles; then ruff's pyflakes rules
## (unused names, undefined names, shadowed imports).
lint: install
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check --no-cache --quiet .

## test: the import rules, then the whole suite on real PostgreSQL, a real Redis broker and a
## real worker process.
test: install tools services lint
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PY) -m pytest $(PYTEST_ARGS)
	@if [ -z "$(PYTEST_ARGS)" ]; then $(MAKE) --no-print-directory test-local; fi

## test-local: the set-up `make run` uses (SQLite, the serverless broker, no server) for the tests
## that need no worker and no PostgreSQL: pipeline functions, sweeper, review. (Run by `make test`.)
LOCAL_TESTS = tests/factcheck/pipeline tests/factcheck/test_sweeper.py tests/factcheck/test_demo_content.py \
	tests/factcheck/test_claim_sync.py tests/factcheck/test_enqueue_on_commit.py tests/editorial
test-local: install
	@echo "Tests on the local set-up (SQLite, serverless broker)…"
	@local_dir=$$(mktemp -d); \
	env -u DATABASE_URL -u CELERY_BROKER_URL FACTCHECK_VAR_DIR=$$local_dir \
		$(PY) -m pytest -q -m "not worker and not postgres and not browser" $(LOCAL_TESTS); \
	status=$$?; rm -rf $$local_dir; exit $$status

## tools: Debian's Chromium for the Playwright tests (no browser download) and a Compose client
## to validate docker-compose.yml, installed with apt-get when missing and we are root; axe-core
## (package.json, pinned by package-lock.json) for the accessibility tests.
tools:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 || missing="$$missing docker-compose"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing with apt-get…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "Install$$missing (apt-get install$$missing) for the browser and compose tests."; fi; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
		if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
		else echo "Install Node.js and npm (apt-get install npm) for the accessibility tests (axe-core)."; fi; \
	fi

## services: start PostgreSQL and Redis if this machine has them but they are stopped.
services:
	@bash scripts/ensure_services.sh

## eval: extraction quality on the held-out labelled documents, per kind of text, beside baselines.
eval: install
	$(PY) eval/run.py
	$(PY) eval/stance.py
	$(PY) eval/suggestions.py

## train-stance: retrain the stance judge's weights (factcheck/verifiers/stance/model.json) from its
## labelled pairs and, when ../shared/data holds it, the tuning half of the DACCORD pairs.
train-stance: install
	$(PY) -m factcheck.verifiers.stance.train

## train: both shipped models, from the project's labelled data.
train: train-checkworthy train-stance

## train-checkworthy: the check-worthiness model (factcheck/nlp/models/checkworthy.json) from the
## training documents.
train-checkworthy: install
	$(PY) eval/train.py

bench: install services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PY) -m benchmarks $(BENCH_ARGS)

screenshots: install tools services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		SCREENSHOTS=1 $(PY) -m pytest -m browser $(PYTEST_ARGS)

## check-deploy: production settings pass Django's deployment checklist.
check-deploy: install
	DJANGO_SETTINGS_MODULE=factcheck.settings.production DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
		DJANGO_ALLOWED_HOSTS=factcheck.example.org $(PY) manage.py check --deploy --fail-level WARNING

## compose-check: docker-compose.yml is valid (Compose v2 plugin, or Debian's docker-compose v1).
compose-check:
	@if docker compose version >/dev/null 2>&1; then docker compose config --quiet; \
	else docker-compose config --quiet; fi && echo "docker-compose.yml is valid"

clean:
	rm -rf $(VENV) staticfiles var
