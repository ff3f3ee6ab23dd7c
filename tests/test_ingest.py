"""Adding pages: text and PDF in, found at once; the same page twice changes nothing; bad files refused."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import open_library
from index.store import Archive, build, ingest
from tests.conftest import SEEDS
from tests.pdfs import image_only_pdf, page_pdf

ROOT = Path(__file__).resolve().parent.parent
WALNUT = [
    "本报讯 6月1日，离石区在信义镇举办首届核桃文化节，来自全区的二十",
    "余家合作社展示了核桃、红枣等特色农产品，吸引游客三千余人。",
    "活动现场，农户们现场售卖核桃，一天销售额达到十二万元。",
    "（王艳）",
    "离石区举办首届核桃文化节",
]


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "data") as archive:
        build(archive, SEEDS)
        yield archive


def snapshot(archive):
    return archive.count(), [tuple(r) for r in archive.db.execute("SELECT source, sha256 FROM pages ORDER BY id")]


def test_a_text_page_is_added_and_found(archive, tmp_path):
    page = tmp_path / "walnut.txt"
    page.write_text("\n\n".join(WALNUT), encoding="utf-8")
    result = ingest(archive, page)
    assert (result.status, result.titles) == ("added", ("离石区举办首届核桃文化节",))
    hits = open_library(archive, tmp_path / "data").search("核桃文化节")
    assert hits[0].title == "离石区举办首届核桃文化节"


def test_a_pdf_page_is_added_and_found(archive, tmp_path):
    page = tmp_path / "walnut.pdf"
    page.write_bytes(page_pdf(WALNUT))
    result = ingest(archive, page)
    assert (result.name, result.status, result.titles) == ("walnut.pdf", "added", ("离石区举办首届核桃文化节",))
    story = open_library(archive, tmp_path / "data").search("信义镇核桃文化节")[0]
    assert (story.title, story.author) == ("离石区举办首届核桃文化节", "王艳")


def test_the_same_page_twice_changes_nothing(archive, tmp_path):
    page = tmp_path / "walnut.txt"
    page.write_text("\n".join(WALNUT), encoding="utf-8")
    assert ingest(archive, page).status == "added"
    before = snapshot(archive)
    assert ingest(archive, page).status == "unchanged"
    copy = tmp_path / "same_text_other_name.txt"
    copy.write_bytes(page.read_bytes())
    assert ingest(archive, copy).status == "unchanged"
    assert snapshot(archive) == before


def test_the_same_words_rewrapped_are_the_same_page(archive, tmp_path):
    page = tmp_path / "walnut.txt"
    page.write_text("\n".join(WALNUT), encoding="utf-8")
    ingest(archive, page)
    before = snapshot(archive)
    again = tmp_path / "walnut_again.txt"
    again.write_text("\n\n".join(" " + line.replace("，", "，\n") + "  " for line in WALNUT), encoding="utf-8")
    assert ingest(archive, again).status == "unchanged"
    assert snapshot(archive) == before


def test_another_page_under_a_taken_name_is_kept_beside_it(archive, tmp_path):
    page = tmp_path / "walnut.txt"
    page.write_text("\n".join(WALNUT), encoding="utf-8")
    ingest(archive, page)
    first = {a.id: a.text for a in archive.articles() if a.source == "walnut.txt"}
    page.write_text("\n".join(WALNUT).replace("三千", "五千"), encoding="utf-8")
    result = ingest(archive, page)
    assert result.status == "added" and result.name.startswith("walnut_") and result.name.endswith(".txt")
    assert {a.id: a.text for a in archive.articles() if a.source == "walnut.txt"} == first  # untouched
    assert "五千" in [a for a in archive.articles() if a.source == result.name][0].text
    assert archive.count() == 46


def test_replacing_a_page_is_asked_for(archive, tmp_path):
    page = tmp_path / "walnut.txt"
    page.write_text("\n".join(WALNUT), encoding="utf-8")
    ingest(archive, page)
    page.write_text("\n".join(WALNUT).replace("三千", "五千"), encoding="utf-8")
    assert ingest(archive, page, replace=True).status == "replaced"
    assert archive.count() == 45
    assert "五千" in [a for a in archive.articles() if a.source == "walnut.txt"][0].text


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n \n", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary"),
        ("gbk.txt", "本报讯 离石区举办首届核桃文化节，来自全区的二十余家合作社".encode("gbk"), "not UTF-8"),
        ("english.txt", b"The quick brown fox jumps over the lazy dog.\n" * 20, "no Chinese newspaper text"),
        ("page.docx", b"PK\x03\x04 not a page", "not a page file"),
        ("locked.pdf", page_pdf(WALNUT, encrypt="secret"), "encrypted"),
        ("scan.pdf", image_only_pdf(), "without text"),
        ("broken.pdf", page_pdf(WALNUT)[:300], "not a readable PDF"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(archive, tmp_path, name, data, reason):
    before = snapshot(archive)
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest(archive, path)
    assert result.status == "refused" and reason in result.reason, result.reason
    assert snapshot(archive) == before


def test_ingest_from_the_command_line(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, "ARCHIVE_DIR": str(tmp_path / "data")}
    page, bad = tmp_path / "walnut.txt", tmp_path / "bad.txt"
    page.write_text("\n".join(WALNUT), encoding="utf-8")
    bad.write_bytes(b"\xff\xfe\x00")

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "bot.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              input=stdin, timeout=120)

    first = run("ingest", str(page), str(bad))
    assert first.returncode == 2
    assert first.stdout.splitlines() == [
        "walnut.txt: 已加入 1 篇报道",
        "  离石区举办首届核桃文化节",
        "bad.txt: 未收录：bad.txt: a binary file, not page text",
    ]
    assert run("ingest", str(page)).stdout == "walnut.txt: 档案里已有这个版面，没有改动\n"
    answer = json.loads(run("ask", "核桃文化节", "--json").stdout)
    assert answer["results"][0]["title"] == "离石区举办首届核桃文化节"
    assert len(json.loads(run("articles", "--json").stdout)) == 45
