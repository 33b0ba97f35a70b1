# alloypore: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(VENV)/bin/pip
STAMP   = $(VENV)/.installed

.PHONY: run test install bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PIP) install -q -e ".[all,test,docs]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p out
	$(VENV)/bin/alloypore design --out out/example
	@echo "Report written to out/example/report.html"

# The real-browser tests are required here: a browser that cannot be installed fails `make test`
# (no `|| echo`), and ALLOYPORE_REQUIRE_BROWSER makes their fixtures fail instead of skipping.
test: $(STAMP)
	sh scripts/install_browser.sh
	ALLOYPORE_REQUIRE_BROWSER=1 $(VENV)/bin/python -m pytest -q -n 2 tests

bench: $(STAMP)
	$(PIP) install -q torch==2.13.0  # the CPU build; otherwise taufactor pulls GBs of CUDA packages
	$(PIP) install -q -e ".[bench]"
	$(PY) benchmarks/run_all.py

clean:
	rm -rf out .pytest_cache
