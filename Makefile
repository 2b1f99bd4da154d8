# Ward Desk: `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PROFILE ?= .profiles/demo
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test lint translations translations-update demo-bench clean openapi bench-sync screenshots bench-window \
	dist dist-check soak bench bench-load

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) $(QM)
	$(PY) -m ui --profile $(PROFILE) --demo

test: $(STAMP) $(QM)
	$(VENV)/bin/ruff check .
	$(PY) -m tests.import_rules
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# ruff, and who may import whom (tests/import_rules.py; make test runs it too, as tests/unit/test_import_rules.py).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m tests.import_rules

demo-bench: $(STAMP)
	$(PY) tests/bench/bench_demo_data.py

clean:
	rm -rf $(VENV) $(QM) .pytest_cache .profiles build dist

# The one-folder desktop program (PyInstaller, build.spec) in dist/ward-desk/.
dist: $(STAMP) $(QM)
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

# The built program's self-check, offscreen, with a private Secret Service running (it must find it).
dist-check: dist
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.secret_service dist/ward-desk/ward-desk --self-check

# Refresh the .ts sources from the code (then translate new entries in Qt Linguist or by hand).
translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -tr-function-alias QT_TR_NOOP+=tr_noop -locations relative -no-obsolete -target-language vi_VN \
		$$(find app sandbox ui -name '*.py' | sort) -ts resources/i18n/ward_desk_vi.ts

# Regenerate the committed OpenAPI description of the central service (tests/central/test_openapi.py checks it).
openapi: $(STAMP)
	$(PY) -m central openapi --output docs/openapi.json

# First full sync of SYNC_ITEMS demo items (100000) from a loopback central service, against a raw sqlite3 floor.
SYNC_ITEMS ?= 100000
bench-sync: $(STAMP)
	$(PY) tests/bench/bench_sync.py --items $(SYNC_ITEMS)

# The central service under a city's load: LOAD_DESKS simulated desks (2000) for LOAD_SECONDS (60) against
# LOAD_WORKERS (2, one per core here) worker processes on a throwaway PostgreSQL cluster; fails on any 5xx
# or a skipped or repeated row in the change feed (~2-3 min; 50 desks sign in, the others hold a token).
LOAD_DESKS ?= 2000
LOAD_SECONDS ?= 60
LOAD_WORKERS ?= 2
bench-load: $(STAMP)
	$(PY) tests/bench/bench_load.py --desks $(LOAD_DESKS) --seconds $(LOAD_SECONDS) --workers $(LOAD_WORKERS)

# Screenshots of the main views on a real (virtual) X screen, for docs/ and the README.
screenshots: $(STAMP) $(QM)
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) -m ui.screenshots --out docs/screenshots

# Every benchmark in one run and one table against the issue's targets (window and sync; ~10 min).
bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_all.py --window-items $(WINDOW_ITEMS) --sync-items $(SYNC_ITEMS)

# Window start-up, search, list switching, memory and UI stalls on WINDOW_ITEMS demo items (200000).
WINDOW_ITEMS ?= 200000
bench-window: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_window.py --items $(WINDOW_ITEMS)

# The long reliability run: hundreds of SIGKILLs during sync, thousands of link faults, on SQLite and
# PostgreSQL; each prints what it tried and fails on any lost or doubled action.
soak: $(STAMP) $(QM)
	WARD_DESK_SOAK=1 $(PY) -m pytest -q -s -p no:cacheprovider --log-level=ERROR tests/central/test_kill_harness.py \
		tests/central/test_fault_proxy.py -k "faulty_link or drops_every or sigkill"
