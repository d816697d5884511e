# jvg-case — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run prod-run last test lint format rules mutation bench browser migrations-check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "jvg-case braucht Python 3.11"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# Web server, Celery worker and Celery beat on embedded defaults (SQLite, file-system broker). Only here is
# DEBUG on: the settings default it to off (issue 18).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_daten
	@echo ""
	@echo "jvg-case läuft auf http://$(HOST):$(PORT)/  (Ctrl-C beendet Web, Worker und Beat)"
	@export DEBUG=true; trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A jvg_case worker --loglevel=INFO --concurrency=1 --hostname=worker@%h & \
	$(BIN)/celery -A jvg_case beat --loglevel=INFO & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production shape without Docker: PostgreSQL (owner + app role), Redis, gunicorn, nginx with TLS,
# one worker, one beat (deploy/prod-run.sh, docs/betrieb.md). Ctrl-C stops everything.
prod-run: install
	bash deploy/prod-run.sh

# The load test against a running `make prod-run` (second terminal; loopback only, bounded in time).
# LAST_ARGS e.g. "--nutzer 50 --dauer 300" (docs/betrieb.md, «Last»).
LAST_ARGS ?= --nutzer 50 --dauer 300
last: install
	$(BIN)/python deploy/last.py --basis https://127.0.0.1:$${JVG_HTTPS_PORT:-8443} \
	  --totp-geheimnis-datei $${JVG_PROD_DIR:-var/prod}/geheim/lasttest_totp $(LAST_ARGS)

# The e2e test drives Debian's Chromium (no browser download is possible here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Bitte Chromium installieren: sudo apt-get install chromium" >&2; exit 1; fi; }

# The races (R-0-4EYES-1, R-0-VFG-3) need real row locks: when no DATABASE_URL is set and the local
# PostgreSQL answers, `make test` runs the tests marked `postgres` there as well (CI runs all on PostgreSQL).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/jvg_case
test: install browser
	$(BIN)/pytest
	@if [ -z "$$DATABASE_URL" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then \
	  echo "PostgreSQL erreichbar: Wettlauf-Tests auf PostgreSQL"; \
	  DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -m postgres -n 0 -p no:randomly -q; \
	else echo "Kein lokales PostgreSQL: Wettlauf-Tests nur in CI (.ci/run)"; fi

# `make rules` runs the suite and reports every rule; `make rules R-41-1 [R-…]` looks rules up without a run
# (marked tests and enforcement sites, checks first).
REGELN := $(filter R-%,$(MAKECMDGOALS))
rules: install
ifeq ($(REGELN),)
	rm -f var/rules-report.json  # never report an old run as the current one
	-$(BIN)/pytest -q
	$(BIN)/python -m kern.rules_report
else
	@$(BIN)/python -m kern.rules_report $(REGELN)
endif

# `make mutation` mutates every rule's checks and runs only that rule's marked tests (kern/mutation.py, slow: not
# part of `make test`); MUTATION_REGELN="R-14-2 R-41-1" limits it, MUTATION_BASELINE fails below the recorded rates.
MUTATION_REGELN ?=
MUTATION_BASELINE ?=
MUTATION_MAX ?=
mutation: install
	$(BIN)/python -m kern.mutation $(MUTATION_REGELN) $(if $(MUTATION_BASELINE),--baseline $(MUTATION_BASELINE)) \
	  $(if $(MUTATION_MAX),--max $(MUTATION_MAX))

R-%:
	@:

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bench --faelle 1000
	$(BIN)/python manage.py bench_rechtskraft --anzahl 10000 --batch 500
	$(BIN)/python manage.py bench_verjaehrung --anzahl 50000 --batch 500
	$(BIN)/python manage.py bench_abrechnung --faelle 1000
	$(BIN)/python manage.py bench_loeschung --anzahl 10000 --batch 500
	$(BIN)/python manage.py inkasso_camt_benchmark --anzahl 10000
	@# Issue 19: list pages and the API list at scale, as ratios (PostgreSQL; docs/leistung.md).
	@# BENCH_DB names a database loaded once by `manage.py bench_daten --faelle 1000000 --datenbank NAME`.
	@if [ -n "$(BENCH_DB)" ]; then $(BIN)/python manage.py bench_skala --datenbank $(BENCH_DB); \
	else echo "bench_skala übersprungen: BENCH_DB=<Datenbank aus bench_daten> setzen (docs/leistung.md)"; fi

clean:
	rm -rf var/celery var/jvg_case.sqlite3 var/celerybeat-schedule*
