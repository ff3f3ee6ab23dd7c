"""Adding pages: text and PDF in, found at once; the same page twice changes nothing; bad files refused."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import open_library
from handlers.render import refusal_text
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


def walnut_page(folder, text: str = "\n".join(WALNUT), name: str = "walnut.txt"):
    """Write the walnut-festival page (or another text under its name) into a folder."""
    page = folder / name
    page.write_text(text, encoding="utf-8")
    return page


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
    page = walnut_page(tmp_path)
    assert ingest(archive, page).status == "added"
    before = snapshot(archive)
    assert ingest(archive, page).status == "unchanged"
    copy = tmp_path / "same_text_other_name.txt"
    copy.write_bytes(page.read_bytes())
    assert ingest(archive, copy).status == "unchanged"
    assert snapshot(archive) == before


def test_the_same_words_rewrapped_are_the_same_page(archive, tmp_path):
    page = walnut_page(tmp_path)
    ingest(archive, page)
    before = snapshot(archive)
    again = tmp_path / "walnut_again.txt"
    again.write_text("\n\n".join(" " + line.replace("，", "，\n") + "  " for line in WALNUT), encoding="utf-8")
    assert ingest(archive, again).status == "unchanged"
    assert snapshot(archive) == before


def test_another_page_under_a_taken_name_is_kept_beside_it(archive, tmp_path):
    page = walnut_page(tmp_path)
    ingest(archive, page)
    first = {a.id: a.text for a in archive.articles() if a.source == "walnut.txt"}
    page.write_text("\n".join(WALNUT).replace("三千", "五千"), encoding="utf-8")
    result = ingest(archive, page)
    assert result.status == "added" and result.name.startswith("walnut_") and result.name.endswith(".txt")
    assert {a.id: a.text for a in archive.articles() if a.source == "walnut.txt"} == first  # untouched
    assert "五千" in [a for a in archive.articles() if a.source == result.name][0].text
    assert archive.count() == 46


def test_replacing_a_page_is_asked_for(archive, tmp_path):
    page = walnut_page(tmp_path)
    ingest(archive, page)
    page.write_text("\n".join(WALNUT).replace("三千", "五千"), encoding="utf-8")
    assert ingest(archive, page, replace=True).status == "replaced"
    assert archive.count() == 45
    assert "五千" in [a for a in archive.articles() if a.source == "walnut.txt"][0].text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5"])
def test_a_page_in_any_chinese_encoding_is_read(archive, tmp_path, encoding):
    text = "\n".join(WALNUT)
    if encoding == "big5":  # Big5 is traditional script, as Taiwan's and Hong Kong's tools write it
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    page = tmp_path / f"walnut_{encoding}.txt"
    page.write_bytes(text.encode(encoding))
    assert ingest(archive, page).status == "added"
    added = [a for a in archive.articles() if a.source == page.name]
    assert added and re.sub(r"\s", "", added[0].text) in re.sub(r"\s", "", text)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n \n", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary"),
        ("noise.txt", bytes(range(128, 256)) * 3, "not text in UTF-8, UTF-16, GB18030 or Big5"),
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
    assert refusal_text(result.reason) != "无法读取这个文件"  # an editor is told why, in Chinese
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
        "bad.txt: 未收录：文字编码已损坏（UTF-16）",
    ]
    assert run("ingest", str(page)).stdout == "walnut.txt: 档案里已有这个版面，没有改动\n"
    answer = json.loads(run("ask", "核桃文化节", "--json").stdout)
    assert answer["results"][0]["title"] == "离石区举办首届核桃文化节"
    assert len(json.loads(run("articles", "--json").stdout)) == 45


def test_pages_are_listed_and_removed_from_the_command_line(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, "ARCHIVE_DIR": str(tmp_path / "data")}
    page = walnut_page(tmp_path)

    def run(*args):
        return subprocess.run([sys.executable, "bot.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    assert run("ingest", str(page)).returncode == 0
    pages = json.loads(run("pages", "--json").stdout)
    assert len(pages) == 6 and (pages[-1]["source"], pages[-1]["stories"]) == ("walnut.txt", 1)
    listed = run("pages").stdout.splitlines()
    assert listed[-2].startswith("walnut.txt\t--06-01\t1 篇\t") and listed[-1] == "6 pages"
    assert run("remove", "walnut.txt").stdout == "walnut.txt: 已移除，连同 1 篇报道\n"
    assert run("remove", "walnut.txt").returncode == 2
    answer = json.loads(run("ask", "核桃文化节", "--json").stdout)
    assert all(h["title"] != "离石区举办首届核桃文化节" for h in answer["results"])
    with Archive(tmp_path / "data") as archive:
        assert archive.was_removed(ingest_id(page))


def ingest_id(page):
    from index.pages import read_page

    return read_page(page.name, page.read_text(encoding="utf-8")).articles[0].id
