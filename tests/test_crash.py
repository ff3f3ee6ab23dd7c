"""A killed ingest never leaves a broken archive: before or after, never in between."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import open_library
from index.pagefile import read_page_file
from index.store import Archive, build
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def new_pages(tmp_path):
    """Twelve new pages: the seed pages, each with one new story, so each is a different page."""
    folder = tmp_path / "new"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(12):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8")
        extra = f"\n本报讯 离石区第{n + 1}期新闻培训班于近日结业，{n + 20}名通讯员参加学习。（王艳）\n"
        (folder / f"new_{n:02d}.txt").write_text(text + extra, encoding="utf-8")
    return sorted(folder.iterdir())


def check(archive_dir: Path, expected: dict[str, int]) -> int:
    """Assert the archive opens, is whole, and answers; give back how many new pages it holds."""
    with Archive(archive_dir) as archive:
        assert archive.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert archive.db.execute("PRAGMA foreign_key_check").fetchall() == []
        per_page = dict(archive.db.execute(
            "SELECT p.source, COUNT(a.id) FROM pages p LEFT JOIN articles a ON a.page_id = p.id GROUP BY p.id"
        ).fetchall())
        for source, count in per_page.items():
            if source in expected:
                assert count == expected[source], f"{source} is half-written: {count} of {expected[source]}"
        hits = open_library(archive, archive_dir).search("信义镇爱国卫生运动")
        assert hits and hits[0].title == "离石区信义镇吹响爱国卫生运动的号角"
        return sum(source in expected for source in per_page)


def test_an_ingest_killed_at_any_moment_leaves_a_whole_archive(tmp_path, new_pages):
    archive_dir = tmp_path / "data"
    with Archive(archive_dir) as archive:
        build(archive, SEEDS)
        open_library(archive, archive_dir)
    expected = {p.name: len(read_page_file(p).articles) for p in new_pages}
    env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, "ARCHIVE_DIR": str(archive_dir)}
    command = [sys.executable, "bot.py", "ingest", *map(str, new_pages)]
    kills = 0
    for delay in [0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.0, 2.6]:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)  # it may finish first; if not, it is killed at this moment
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            kills += 1
            process.wait()
        check(archive_dir, expected)
    assert kills >= 4  # most runs were cut off part-way
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert check(archive_dir, expected) == len(new_pages)
