# newsgraph: `make run` and `make test` set up .venv on first use, then do their job.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     ?= kb.sqlite

.PHONY: run test bench eval clean browser

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsgraph ingest samples --db $(DB)
	$(VENV)/bin/newsgraph stats --db $(DB)
	$(VENV)/bin/newsgraph serve --db $(DB)

# the browser tests drive Debian's chromium (never a downloaded build); install it when missing
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: $(STAMP) browser
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/bench.py

eval: $(STAMP)
	$(VENV)/bin/newsgraph eval

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
