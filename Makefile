# sellerkit: the two commands of the README, and a few more for developers.
#   make demo   set up .venv, print the growing-brand sample's metrics, render its report
#   make test   set up .venv, lint, and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SAMPLE ?= data/sample/growing-brand

.PHONY: demo test test-slow test-browser lint bench samples lab workshop clean pango

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/sellerkit metrics $(SAMPLE) --age-out
	$(BIN)/sellerkit report $(SAMPLE) -o build/report.html
	@echo "The account's report (one offline page): build/report.html"

# WeasyPrint (the report's PDF) draws text with the system's Pango library.
pango:
	@ldconfig -p | grep -q libpango-1.0 || { apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }

# The default suite on every core: each test file runs whole on one worker (its module
# fixtures, such as one rendered report, are built once).
test: $(BIN)/.installed lint pango
	$(BIN)/python -m pytest -n auto --dist loadfile

# The long checks (every sample through every notebook and lesson, the Dask cluster, the
# false-discovery calibration, the exit-status stress test): CI runs them too.
test-slow: $(BIN)/.installed pango
	$(BIN)/python -m pytest -m slow

# Reports in headless Chromium with the network refused: Debian's chromium (never a
# downloaded browser) and Playwright for Python to drive it.
test-browser: $(BIN)/.installed
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check playwright axe-playwright-python
	$(BIN)/python -m pytest -m browser

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy sellerkit

bench: $(BIN)/.installed
	@# Byte-compile the package first, as pip does on install: the timed processes import it.
	$(BIN)/python -m compileall -q sellerkit
	$(BIN)/python benchmarks/bench_load_orders.py
	$(BIN)/python benchmarks/bench_metrics_e2e.py
	$(BIN)/python benchmarks/bench_health.py
	$(BIN)/python benchmarks/bench_simulate.py
	$(BIN)/python benchmarks/bench_causes.py
	$(BIN)/python benchmarks/bench_report.py

samples: $(BIN)/.installed
	$(BIN)/sellerkit samples --write data/sample --force

# JupyterLab on this machine only, with no news, update or extension-manager look-ups.
lab: $(BIN)/.installed
	$(BIN)/sellerkit lab notebooks

# The workshop: each participant's copy of the lessons in workshop/ (kept between runs),
# then JupyterLab on it. Facilitators: docs/workshop.md.
workshop: $(BIN)/.installed
	$(BIN)/sellerkit workshop workshop
	$(BIN)/sellerkit lab workshop

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis benchmarks/.data build
