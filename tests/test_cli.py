"""bot.py as a user runs it: a real process, a temporary ARCHIVE_DIR."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, archive_dir, stdin=""):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["ARCHIVE_DIR"] = str(archive_dir)
    return subprocess.run(
        [sys.executable, "bot.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_articles_json_builds_the_archive_first(tmp_path):
    result = run("articles", "--json", archive_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 44
    assert (tmp_path / "data" / "archive.sqlite3").exists()
    xinyi = [a for a in articles if a["title"] == "离石区信义镇吹响爱国卫生运动的号角"]
    assert [(a["source"], a["author"], a["kind"], a["page_date"]) for a in xinyi] == [
        ("002_02200d30250b6687.txt", "王晶晶 张婧", "news", "2020-05-17")
    ]


def test_build_is_idempotent(tmp_path):
    first = run("build", archive_dir=tmp_path)
    ids = [a["id"] for a in json.loads(run("articles", "--json", archive_dir=tmp_path).stdout)]
    second = run("build", "--seeds", str(ROOT / "seeds"), archive_dir=tmp_path)
    assert first.returncode == second.returncode == 0
    assert "44 articles from 5 pages" in second.stdout
    assert [a["id"] for a in json.loads(run("articles", "--json", archive_dir=tmp_path).stdout)] == ids


def test_build_from_a_missing_folder_is_a_clear_error(tmp_path):
    result = run("build", "--seeds", str(tmp_path / "nowhere"), archive_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no such folder of pages"


def test_a_corrupt_archive_is_named(tmp_path):
    (tmp_path / "archive.sqlite3").write_text("garbage" * 50)
    result = run("articles", archive_dir=tmp_path)
    assert result.returncode == 2
    assert "archive.sqlite3: not a usable archive database" in result.stderr
