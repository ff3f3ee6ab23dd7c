"""Small fixtures named for what they give, and a summary of measured figures after the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.question import Question
from index.search import Answer
from index.pagefile import read_page_file
from index.store import Archive, build, page_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Figures measured by tests (accuracy against the annotation, layouts…), printed at the end. A
# test appends to FIGURES; the lines travel in its report (so from xdist's workers too) and the
# run prints them once, after every test.
FIGURES: list[str] = []
_REPORTED: list[str] = []


@pytest.fixture(autouse=True)
def _figures_in_report(request):
    start = len(FIGURES)
    yield
    request.node.user_properties.extend(("figure", line) for line in FIGURES[start:])


def pytest_runtest_logreport(report) -> None:
    if report.when == "teardown":
        _REPORTED.extend(value for name, value in report.user_properties if name == "figure")


def pytest_terminal_summary(terminalreporter) -> None:
    if _REPORTED:
        terminalreporter.section("measured")
        for line in _REPORTED:
            terminalreporter.write_line(line)


def answered(hits, outcome="answered", missing=()):
    """An answer to a question as search gives it back, around the hits a test made."""
    return Answer(Question("问题", "topic", ()), outcome if hits else "nothing", list(hits), missing)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_pages():
    """The five seed pages read by the pipeline, by file name."""
    return {path.name: read_page_file(path) for path in page_files(SEEDS)}


@pytest.fixture(scope="session")
def annotation() -> dict:
    """The hand annotation of every story on the seed pages."""
    data = json.loads((FIXTURES / "annotation.json").read_text(encoding="utf-8"))
    data.pop("_about")
    return data


TOKEN = "4242:fake-token-for-the-tests"  # what the bot under test presents to the fake Telegram


@pytest.fixture(scope="module")
def tg():
    """A fake Telegram Bot API server on 127.0.0.1 that the bot under test talks to."""
    from tests.fake_telegram import FakeTelegram

    fake = FakeTelegram(TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def seed_searcher(tmp_path_factory):
    """The seeds' archive as production builds it (SQLite, the saved index), once per run; read
    only: a test that adds pages uses `archive` instead."""
    from index.library import open_library

    folder = tmp_path_factory.mktemp("seed_archive")
    archive = Archive(folder)
    build(archive, SEEDS)
    yield open_library(archive, folder, progress=False)
    archive.close()


@pytest.fixture
def archive(tmp_path):
    """An archive in a temporary ARCHIVE_DIR, built from the seeds."""
    with Archive(tmp_path / "data") as archive:
        build(archive, SEEDS)
        yield archive
