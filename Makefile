# Two commands on a fresh machine:
#   make lab    create .venv, install, open JupyterLab at the first notebook
#   make test   create .venv if needed, install, run every test (network off)
# Run `make help` for the rest.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What the accessibility test loads into the browser (axe-core, the widget manager): package.json
NODE_STAMP := node_modules/.package-lock.json
# Options for JupyterLab, e.g. make lab ARGS="--no-browser --port 8890"
ARGS ?=
# Options for pytest, e.g. make test PYTEST_ARGS="-k corpus -x"
PYTEST_ARGS ?=
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: help install node-deps system-deps lab test test-helpers notebooks bench strip clean exercises standalone-bundles grade import student-release gradebook

help:
	@echo "make lab            install (first time) and open JupyterLab at notebooks/00-start-here.ipynb"
	@echo "make test           install (first time) and run every test with the network cut off"
	@echo "make test-helpers   only the fast unit tests and doctests of src/helpers"
	@echo "make notebooks     run the whole series headless (CORPUS_DIR=DIR for another corpus) into build/"
	@echo "make bench          run the benchmarks in benchmarks/ and print their figures"
	@echo "make exercises      build the student notebooks and grading bundles from exercises/source/"
	@echo "make standalone-bundles  the bundles with a wheel of the helpers, to grade on another machine"
	@echo "make grade SUBMISSIONS=DIR [SET=02]  grade a folder of submitted notebooks (grades.csv + feedback)"
	@echo "make import SOURCES=\"saved/ urls.txt\" OUT=DIR [IMPORT_ARGS=--fetch]  build a corpus from saved pages, URL lists, CSV"
	@echo "make gradebook GRADES=DIR/grades.csv [ROSTER=roster.csv] [ASSIGNMENT=NAME]  canvas.csv + moodle.csv beside it"
	@echo "make student-release [RELEASE_DIR=DIR]  the copy students get (no masters, bundles, tests), checked for solutions"
	@echo "make strip          remove outputs from notebooks before committing"
	@echo "make clean          remove .venv, node_modules/, build/ and caches"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	@touch $@

install: $(STAMP) $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error || echo "note: npm ci failed; tests/test_accessibility.py will say so" >&2; \
	else echo "note: npm not found; the accessibility test needs it (Debian/Ubuntu: apt-get install npm, then make install)" >&2; fi

node-deps: $(NODE_STAMP)

system-deps:
	@tools/install-system-deps

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(ARGS)

# One test needs the package index (a grading environment made from a bundle alone): it runs
# first, with the network; everything else runs with the network cut off.
test: $(STAMP) system-deps
	@$(MAKE) --no-print-directory node-deps
	$(BIN)/python -m pytest -m needs_index $(PYTEST_ARGS) || [ $$? -eq 5 ]  # 5: PYTEST_ARGS chose none of them
	tools/run-offline $(BIN)/python -m pytest -m "not needs_index" $(PYTEST_ARGS)

test-helpers: $(STAMP)
	tools/run-offline $(BIN)/python -m pytest -m "not notebook and not browser and not grading and not needs_index" $(PYTEST_ARGS)

# make notebooks CORPUS_DIR=path/to/articles   (default: seeds/)
notebooks: $(STAMP)
	$(BIN)/python -m helpers notebooks $(if $(CORPUS_DIR),--corpus "$(CORPUS_DIR)")

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# make exercises [SET=02] [SECOND_CORPUS=dir]   (default: every set; hidden tests on tests/corpora/harbor)
exercises: $(STAMP)
	$(BIN)/python -c "import sys; from helpers.grading import build_exercises; [print('wrote', p) for p in build_exercises(only=sys.argv[1] or None, second_corpus=sys.argv[2] or None)]" "$(SET)" "$(SECOND_CORPUS)"

# make standalone-bundles [OUT=dist/autograder]: the bundles with a wheel of the helpers, to grade
# on another machine from the bundle alone (see exercises/README.md)
standalone-bundles: $(STAMP)
	$(BIN)/python -c "import sys, pathlib; from helpers.grading import standalone_bundle; [print('wrote', standalone_bundle(p, sys.argv[1])) for p in sorted(pathlib.Path('exercises/autograder').glob('*.zip'))]" "$(or $(OUT),dist/autograder)"

# make grade SUBMISSIONS=folder/of/notebooks [SET=02-word-frequencies] [GRADE_ARGS="--jobs 4"]
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder/of/notebooks [SET=02-word-frequencies]"; exit 2; }
	$(BIN)/python -m helpers grade "$(SUBMISSIONS)" $(if $(SET),--assignment "$(SET)") $(GRADE_ARGS)

# make import SOURCES="saved-pages/ articles.csv urls.txt" OUT=my-corpus [IMPORT_ARGS="--fetch --force"]
import: $(STAMP)
	@test -n "$(SOURCES)" && test -n "$(OUT)" || { echo 'usage: make import SOURCES="saved-pages/ urls.txt" OUT=my-corpus [IMPORT_ARGS=--fetch]'; exit 2; }
	$(BIN)/python -m helpers import $(SOURCES) -o "$(OUT)" $(IMPORT_ARGS)

# make gradebook GRADES=path/grades.csv [ROSTER=roster.csv] [ASSIGNMENT="Word frequencies"] [GRADEBOOK_ARGS="--canvas-id 123"]
gradebook: $(STAMP)
	@test -n "$(GRADES)" || { echo "usage: make gradebook GRADES=path/to/grades.csv [ROSTER=roster.csv] [ASSIGNMENT=NAME]"; exit 2; }
	$(BIN)/python -m helpers gradebook "$(GRADES)" $(if $(ROSTER),--roster "$(ROSTER)") $(if $(ASSIGNMENT),--assignment "$(ASSIGNMENT)") $(GRADEBOOK_ARGS)

# make student-release [RELEASE_DIR=build/student-release]   what to publish for students; see docs/classroom.md
student-release: $(STAMP)
	$(BIN)/python -m helpers student-release $(if $(RELEASE_DIR),--out "$(RELEASE_DIR)")

strip: $(STAMP)
	$(BIN)/python -c "import glob; from helpers.notebooks import strip_outputs; [print('stripped', p) for p in sorted(glob.glob('notebooks/*.ipynb') + glob.glob('exercises/**/*.ipynb', recursive=True)) if strip_outputs(p)]"

clean:
	rm -rf $(VENV) build node_modules .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
