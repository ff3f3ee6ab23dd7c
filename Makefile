# Two commands: `make run` (the bot, or a console chat without TELEGRAM_BOT_TOKEN) and `make test`.
# Both create or reuse .venv; a stamp file re-installs only when a requirements file changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test build bench clean

# A clipping is drawn by pdfium, which takes a page's Chinese type from a system font when the
# PDF does not embed its own (STSong-Light, as reportlab writes it and some e-paper pages do):
# Debian's WenQuanYi Micro Hei (5 MB) when no Chinese font is installed.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CJK_FONT := fonts-wqy-microhei

$(VENV)/.runtime: requirements.txt
	fc-list :lang=zh 2>/dev/null | grep -q . || ! command -v apt-get >/dev/null \
	  || $(SUDO) apt-get install -y -q $(CJK_FONT) || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $(CJK_FONT)) \
	  || echo "warning: no Chinese font: clippings of pages that embed none will show no text"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) bot.py

build: $(VENV)/.runtime
	$(PY) bot.py build

# Tests run in a random order (pytest-randomly prints its seed; `--randomly-seed=N` repeats an
# order) on two workers (pytest-xdist); each passes alone too.
test: $(VENV)/.dev
	$(PY) -m pytest -q -n 2

# Figures, never assertions: ours beside rank_bm25 and bm25s (1k, 20k, 100k stories), then
# encyclopedia passages made pages beside bm25s, the layout of a full A3 PDF page, one page matched
# against 10,000 followed topics (20k and 100k stories), then the running bot under a flood and many readers.
bench: $(VENV)/.dev
	$(PY) -m bench
	$(PY) -m bench.passages
	$(PY) -m bench.layout
	$(PY) -m bench.follows
	$(PY) -m bench.follows --stories 100000
	$(PY) -m bench.bot

clean:
	rm -rf $(VENV) data .pytest_cache
