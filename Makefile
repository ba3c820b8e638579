# Two commands for a fresh Debian/Ubuntu machine with Python >= 3.11:
#   make demo   - create .venv, install, open the app on the demo centre
#   make test   - create .venv, install with test extras, run the whole suite offscreen
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean venv

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "OTOP POS needs Python >= 3.11"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && \
	    rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	  else echo "Python's venv module is missing. Run: sudo apt-get install python3-venv"; exit 1; fi; }

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,server]'
	@$(PY) -m compileall -q otop_pos  # the till's first start should not compile its sources
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@bash installer/qt-system-deps.sh $(PY) xcb
	$(VENV)/bin/otop-pos demo

test: $(STAMP)
	@bash installer/qt-system-deps.sh $(PY) offscreen
	@bash installer/test-tools.sh
	$(VENV)/bin/ruff check otop_pos otop_server tests $(wildcard bench)
	$(VENV)/bin/ruff format --check otop_pos otop_server tests $(wildcard bench)
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(STAMP)
	@bash installer/qt-system-deps.sh $(PY) offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check otop_pos otop_server tests $(wildcard bench)
	$(VENV)/bin/ruff format --check otop_pos otop_server tests $(wildcard bench)
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
