# Two commands do all set-up on a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_SYS := $(VENV)/.stamp-system
STAMP_PKG := $(VENV)/.stamp-package
STAMP_MUT := $(VENV)/.stamp-mutants

# Libraries Qt's xcb/offscreen plugins link against, and fonts for CJK rendering.
APT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
	libglib2.0-0 libdbus-1-3 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
	libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk fonts-dejavu-core xvfb xauth \
	desktop-file-utils appstream

.PHONY: run test lint bench clean system-deps screenshots translations package test-package mutants

run: $(STAMP_RUN)
	$(VENV)/bin/pizhu

test: $(STAMP_TEST)
	$(VENV)/bin/ruff check reader tests bench
	$(VENV)/bin/pyright
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --dist loadfile

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check reader tests bench
	$(VENV)/bin/pyright

# Mutation testing of reader/core with mutmut (docs/testing.md); not part of `make test`.
# MODULES narrows it to files or folders, MUTANTS to mutmut name globs (one function:
# MUTANTS='reader.core.search.searcher.xǁSearcherǁ_rank*'). Results stay in mutants/.
MODULES ?= reader/core
MUTANTS ?= $(foreach m,$(MODULES),'$(subst /,.,$(patsubst %.py,%,$(patsubst %/,%,$(m)))).*')
mutants: $(STAMP_MUT)
	$(VENV)/bin/mutmut run --max-children 2 $(MUTANTS)
	$(PY) tools/mutation_scores.py $(MUTANTS)

$(STAMP_MUT): pyproject.toml $(STAMP_TEST)
	$(PIP) install -q -e '.[test,mutants]'
	@touch $@

bench: $(STAMP_RUN)
	$(PY) bench/import_bench.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP_SYS): | $(VENV)/bin/python
	@bash packaging/linux/install-system-deps.sh $(APT_PACKAGES)
	@touch $@

$(STAMP_RUN): pyproject.toml $(STAMP_SYS) | $(VENV)/bin/python
	$(PIP) install -q -e .
	@touch $@

$(STAMP_TEST): pyproject.toml $(STAMP_RUN)
	$(PIP) install -q -e '.[test]'
	@touch $@

# Update the .ts from the sources (keeps existing translations), then compile the .qm.
translations: $(STAMP_RUN)
	$(VENV)/bin/pyside6-lupdate -no-obsolete $(shell find reader/ui -name "*.py" | sort) reader/app/commands.py -ts resources/translations/pizhu_zh_CN.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/pizhu_zh_CN.ts -qm resources/translations/pizhu_zh_CN.qm

# Screenshots for the README, taken under Xvfb with the Noto CJK fonts.
screenshots: $(STAMP_RUN)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) docs/take_screenshots.py docs/screenshots

# The frozen one-folder app for this OS in dist/ (Linux: also the .tar.gz with install.sh).
package: $(STAMP_PKG)
	$(PY) packaging/build.py

# Builds the package, runs its smoke test offscreen and under xvfb-run, validates launchers.
test-package: $(STAMP_PKG) $(STAMP_TEST)
	@bash packaging/linux/install-system-deps.sh desktop-file-utils appstream xvfb xauth
	$(VENV)/bin/ruff check packaging setup.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:xdist -m package tests/packaging

$(STAMP_PKG): pyproject.toml $(STAMP_RUN)
	$(PIP) install -q -e '.[package]'
	@touch $@

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache mutants
