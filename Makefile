# Set-up, demo, tests and benchmark. `make demo` and `make test` work on a fresh Debian machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# System libraries WeasyPrint needs, fonts for CJK text, poppler/qpdf/tmux used by tests, and
# the C compiler mypyc builds the extractor with.
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig \
                fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
                poppler-utils qpdf tmux gcc libc6-dev

.PHONY: venv system demo test check lint bench bench-scale bench-peer eval clean

# The extraction path is compiled to C with mypyc (see briefing/dev/compile.py); it is compiled
# again when one of its modules changes.
COMPILED := $(shell $(PYTHON) briefing/dev/compile.py --list)

# Bytecode written ahead, as an installed package has it: where PYTHONDONTWRITEBYTECODE is
# set, every command would otherwise compile the modules it imports (60-80 ms).
venv: system $(BIN)/.installed $(BIN)/.compiled
	@$(BIN)/python -m compileall -q briefing > /dev/null

# Installs missing Debian packages when we are root; otherwise prints the exact command.
system:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >/dev/null \
	      || { echo "error: apt-get install failed for:$$missing" >&2; exit 1; }; \
	  else \
	    echo "error: missing Debian packages; run: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# A failed compile is not fatal: it says so and the package runs interpreted.
$(BIN)/.compiled: $(BIN)/.installed briefing/dev/compile.py $(COMPILED)
	@echo "compiling the extractor with mypyc (about 30 s)"
	@mkdir -p build
	@if $(BIN)/python briefing/dev/compile.py > build/mypyc.log 2>&1; then \
	  echo "compiled $(words $(COMPILED)) modules"; \
	else \
	  $(BIN)/python briefing/dev/compile.py --clean; \
	  echo "warning: mypyc could not compile the extractor (build/mypyc.log); it runs interpreted"; \
	fi
	@touch $@

demo: venv
	@$(BIN)/briefing make --country KR

# Every test, on TEST_WORKERS processes (pytest-xdist). `loadgroup`: tests are handed out one
# at a time, except a module's tests that share a fixture it builds once (a rendered PDF, an
# indexed corpus), which tests/conftest.py puts in one group so one worker builds it.
TEST_WORKERS ?= 2
PYTEST_XDIST := -n $(TEST_WORKERS) --dist loadgroup
# pytest keeps the test modules it rewrote (their asserts) as bytecode, unless the environment
# forbids writing bytecode: then every worker rewrites all of them again, 4-5 s of each run.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

test: venv
	$(BIN)/ruff check briefing tests
	$(PYTEST) $(PYTEST_XDIST)

# The test files `make check` leaves to `make test`: real processes under time and memory
# bounds, servers, WeasyPrint PDFs and charts, the terminal app (tui*), generated corpora of
# hundreds of files, briefs rendered end to end through the CLI. A file whose tests take
# seconds belongs here.
SLOW_TESTS := cli compiled corpus_limits fetch fetch_limits formats listing mail mail_delivery \
              pdf pdf_limits pdf_reports properties realistic small_trust store_faults tui* \
              versions charts chart_frames compare_brief diff corrections whats_new search \
              filtered_briefs saved_briefs store verify report_covers cover_dates \
              compared_section normalise

# The edit-test loop (under 30 s): ruff, the layer test and the fast unit tests, on the code
# as it is now. It compiles nothing: compiled modules older than their source are removed
# (the edited .py runs interpreted), and the next `make test` or `make venv` compiles again.
# `worksteal`: thousands of tests of milliseconds balance better stolen than handed out
# (22.5 s against 28 s with loadgroup, whose shared fixtures are all in SLOW_TESTS files).
check: $(BIN)/.installed
	@$(BIN)/python -c "import runpy; c = runpy.run_path('briefing/dev/compile.py'); \
	  s = c['stale'](); s and print('compiled modules older than their source, removed:', *s); \
	  s and c['clean']()"
	$(BIN)/ruff check briefing tests
	$(PYTEST) -n $(TEST_WORKERS) --dist worksteal \
	  $(foreach t,$(SLOW_TESTS),--ignore-glob='tests/test_$(t).py')

bench: venv bench-peer
	$(BIN)/python -m briefing.dev.bench

# 20,000 and 100,000 articles (about half an hour, 1.5 GB under bench-data/, kept for the
# next run). CI does not run it.
bench-scale: venv bench-peer
	$(BIN)/python -m briefing.dev.bench --sizes 20000 100000 --keep

# The rule-based spaCy peer the bench compares the cold index with: spaCy goes into the
# venv for the bench only (briefing never imports it). Without it the bench says so.
bench-peer:
	@$(BIN)/python -c "import spacy" 2>/dev/null || $(BIN)/python -m pip install -q 'spacy>=3.8,<3.9' \
	  || echo "spaCy could not be installed: the bench skips its peer"

# Extraction against the development set of real articles (a developer tool; CI skips it).
eval: venv
	$(BIN)/python -m briefing.dev.evaluate --dir tests/devset

clean:
	$(PYTHON) briefing/dev/compile.py --clean
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build bench-data
