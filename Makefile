# newsgraph: `make run` and `make test` set up .venv on first use, then do their job.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
CORE   := $(VENV)/.installed-core
DEV    := $(VENV)/.installed-dev
DB     ?= kb.sqlite

.PHONY: run test bench eval clean browser

# the tool itself (what `make run` needs)
$(CORE): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $(CORE)

# plus the test tools and the export validators (followthemoney builds pyicu against libicu-dev)
$(DEV): $(CORE)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(DEV)

run: $(CORE)
	$(VENV)/bin/newsgraph ingest samples --db $(DB)
	$(VENV)/bin/newsgraph stats --db $(DB)
	$(VENV)/bin/newsgraph serve --db $(DB)

# the browser tests drive Debian's chromium (never a downloaded build); install it when missing
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: $(DEV) browser
	$(PY) -m pytest -q

bench: $(CORE)
	$(PY) bench/bench.py

eval: $(CORE)
	$(VENV)/bin/newsgraph eval

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
