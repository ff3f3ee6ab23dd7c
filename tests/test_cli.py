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


def test_ask_one_question_as_json(tmp_path):
    result = run("ask", "离石区和中阳县什么时候签约飞地经济？", "--json", "--top", "5", archive_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["query"] == "离石区和中阳县什么时候签约飞地经济？"
    assert (answer["outcome"], answer["wants"], answer["missing"]) == ("answered", "when", [])
    first = answer["results"][0]
    assert sorted(first) == ["coverage", "date", "excerpt", "id", "kind", "page_date", "score", "source", "title"]
    assert (first["title"], first["date"]) == ("离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎", "2020-03-12")
    assert "3月12日" in first["excerpt"]


def test_ask_reads_one_question_per_line(tmp_path):
    result = run("ask", "--json", archive_dir=tmp_path, stdin="信义镇爱国卫生运动\n\n上海迪士尼门票多少钱\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["query"] for a in answers] == ["信义镇爱国卫生运动", "", "上海迪士尼门票多少钱"]
    assert answers[0]["results"][0]["title"] == "离石区信义镇吹响爱国卫生运动的号角"
    assert answers[1]["results"] == answers[2]["results"] == []
    assert [a["outcome"] for a in answers] == ["answered", "nothing", "nothing"]


def test_ask_says_when_the_story_does_not_state_it(tmp_path):
    result = run("ask", "--top", "1", "北海山公司续贷的利率是多少", archive_dir=tmp_path)
    assert result.stdout.startswith("报道中没有提到“利率”。以下是相关报道，供参考：\n1. 离石区助力企业快速复工复产\n")


def test_console_chat_answers_piped_questions(tmp_path):
    result = run(archive_dir=tmp_path, stdin="信义镇爱国卫生运动\n世界杯冠军是谁\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. 离石区信义镇吹响爱国卫生运动的号角\n   约2020年5月 · 《今日离石》\n")
    assert "没有找到相关报道。档案收录《今日离石》44篇报道（2018—2022年）" in result.stdout


def test_an_unwritable_archive_dir_is_a_clear_error():
    # /proc is read-only even for root, who ignores file permissions.
    result = run("articles", archive_dir="/proc")
    assert result.returncode == 2
    assert result.stderr.startswith("error: /proc/archive.sqlite3: cannot open the archive")
    assert "is /proc writable?" in result.stderr
    result = run("ingest", "seeds/000_bbf71f793f5e8ee0.txt", archive_dir="/proc/lishi")
    assert (result.returncode, result.stderr.strip()) == (2, "error: /proc/lishi: cannot create the archive folder (No such file or directory)")


def test_the_token_is_redacted_from_log_lines_and_tracebacks():
    import logging

    from bot import LOG_FORMAT, RedactToken

    token = "4242:secret-token-abcdef"
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "GET https://api/bot%s/getMe failed", (token,), None)
    try:
        raise RuntimeError(f"url https://api/bot{token}/sendMessage")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    text = RedactToken(token, LOG_FORMAT).format(record)
    assert token not in text and text.count("<token>") == 2
