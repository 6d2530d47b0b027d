# Two commands do the whole set-up on a fresh machine with Python 3.11:
#   make run    virtualenv, install, migrate, demo catalogue, start everything
#   make test   the whole suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SANDBOX_PORT ?= 8001
CATALOGUE_SIZE ?= demo
STORE_PORT := $(PORT)
SANDBOX_PUBLIC_URL ?= http://127.0.0.1:$(SANDBOX_PORT)
export PORT STORE_PORT SANDBOX_PORT SANDBOX_PUBLIC_URL
SANDBOX_ENV := DJANGO_SETTINGS_MODULE=sandbox.settings

.PHONY: install migrate catalogue run sandbox test lint format security bench-search bench-pages bench-media

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput
	$(SANDBOX_ENV) $(PY) manage.py migrate --noinput

catalogue: migrate
	$(SANDBOX_ENV) $(PY) manage.py generate_catalogue --if-empty --size $(CATALOGUE_SIZE)

run: catalogue
	@echo "Store:   http://127.0.0.1:$(PORT)/"
	@echo "Sandbox: $(SANDBOX_PUBLIC_URL)/1.2/ (admin at /admin/)"
	$(VENV)/bin/honcho -f Procfile.dev start

sandbox: catalogue
	@echo "Sandbox: $(SANDBOX_PUBLIC_URL)/1.2/ (admin at /admin/)"
	$(SANDBOX_ENV) $(VENV)/bin/gunicorn sandbox.wsgi --bind 127.0.0.1:$(SANDBOX_PORT) --workers 2 --threads 4

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) .ci/check_translations.py

security: install
	bash security/check

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Benchmarks (see bench/README.md for what they showed).
bench-search: install
	$(PY) bench/search/run.py

bench-pages: install
	$(PY) bench/pages/run.py

bench-media: install
	$(PY) bench/media/run.py
