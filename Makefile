# OefenSense: `make demo` sets up and runs the demo; `make test` sets up and runs the tests.
# Every install takes its versions from the lock (requirements/lock.txt); `make lock` refreshes it.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
LOCK    := requirements/lock.txt
PIP     := $(PY) -m pip install --quiet --disable-pip-version-check -c $(LOCK)
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev

.PHONY: setup setup-dev system-deps demo test lint bench lock wheel clean screenshots translations

$(PY):
	$(PYTHON) -m venv $(VENV)

# Runtime + dashboard only: wheels from PyPI, no compiler, no system headers, no root.
$(RUNTIME): $(PY) pyproject.toml setup.py $(LOCK)
	$(PIP) -e ".[gui]"
	touch $@

# Everything the tests, training and benchmarks need (python-dbusmock compiles dbus-python:
# `make system-deps` installs its headers first).
$(DEV): $(PY) pyproject.toml setup.py $(LOCK)
	$(PIP) -e ".[gui,train,dev,cluster]"
	touch $@ $(RUNTIME)

setup: $(RUNTIME)

setup-dev: system-deps $(DEV)

system-deps:
	bash scripts/install-system-deps.sh

demo: setup
	$(VENV)/bin/oefensense demo

lint: setup-dev
	$(PY) scripts/lint_layers.py

test: setup-dev lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Both dashboard views in both languages (replays of the demo and gui --demo) into docs/screenshots/.
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m oefensense.gui.screens

# Qt Linguist: new texts of the code into oefensense/translations/*.ts (pyside6-lupdate), then the
# .qm the dashboard loads (pyside6-lrelease). Translate the .ts in pyside6-linguist, then run it again.
# Both ship as package data; tests/gui/test_translations.py fails on a missing text or a stale .qm.
translations: setup
	$(PY) scripts/translations.py

bench: setup-dev
	$(PY) -m benchmarks

# Refresh the lock from pyproject.toml's ranges (all extras, every platform, Python 3.11).
lock: $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--quiet -o $(LOCK)

# The wheel, built with the locked setuptools (no isolated build environment from the index).
wheel: $(PY)
	$(PIP) build setuptools wheel
	$(PY) -m build --wheel --no-isolation --outdir dist . >/dev/null

clean:
	rm -rf $(VENV) build dist *.egg-info
