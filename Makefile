# grant-intake: `make run` starts the service on the embedded default, `make test` runs the tests.
# `make setup` is idempotent: Debian packages when missing, then .venv/ with the project in it.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# fonts-dejavu-extra: the condensed faces the blind corpora's generators (scripts/blind/) set
# letters in; without it they stop or make other pages than their first scores were read on.
APT_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils dovecot-imapd \
	chromium chromium-driver fonts-dejavu-core fonts-dejavu-extra libpango-1.0-0 libpangoft2-1.0-0 \
	postgresql
PYTEST_ARGS ?=

.PHONY: setup system-packages run test bench clean

setup: system-packages $(VENV)/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  mkdir -p var; \
	  echo "Installerar Debianpaket ($$missing); logg: var/setup.log" >&2; \
	  { $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	  } >>var/setup.log 2>&1 || { tail -n 30 var/setup.log >&2; exit 1; }; \
	fi

# pip's output goes to var/setup.log; only a failure shows its end.
$(VENV)/.installed: pyproject.toml
	@mkdir -p var
	@echo "Installerar Python-paketen i $(VENV)/; logg: var/setup.log" >&2
	@{ test -x $(PY) || python3 -m venv $(VENV); \
	  $(PY) -m pip install --upgrade pip && \
	  $(PY) -m pip install -e '.[test]' --config-settings editable_mode=compat; \
	} >>var/setup.log 2>&1 || { tail -n 30 var/setup.log >&2; exit 1; }
	@touch $@

run: setup
	@$(VENV)/bin/grant-intake demo-setup
	@$(VENV)/bin/grant-intake run

test: setup
	OMP_THREAD_LIMIT=1 $(PY) -m pytest -q $(PYTEST_ARGS)

bench: setup
	OMP_THREAD_LIMIT=1 $(PY) -m pytest -q benchmarks
	$(PY) scripts/bench_pages.py ../shared/devset

clean:
	rm -rf var/ .pytest_cache
