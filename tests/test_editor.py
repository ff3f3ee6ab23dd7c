"""Editors grow the archive from the chat; readers find the new stories without a restart."""

from __future__ import annotations


import pytest

import bot
from index.library import open_library
from index.store import Archive, ingest
from tests.botrunner import RunningBot
from tests.conftest import SEEDS, TOKEN
from tests.pdfs import page_pdf
from tests.test_bot import reply
from tests.test_ingest import WALNUT

EDITOR, READER = 4001, 4002
DUMPLING = [
    "本报讯 6月8日，离石区滨河街道举办邻里饺子宴，社区志愿者和居民一起",
    "包饺子、话家常，二百余位老人吃上了热腾腾的饺子。（高淑芳）",
    "滨河街道举办邻里饺子宴",
]


@pytest.fixture(scope="module")
def running(tg, tmp_path_factory):
    archive_dir = tmp_path_factory.mktemp("data")
    settings = bot.Settings(archive_dir=archive_dir, seeds_dir=SEEDS, token=TOKEN, base_url=tg.base_url,
                            admin_ids=frozenset({EDITOR}))
    runner = RunningBot(settings, tg).start()
    yield runner
    runner.stop()


def send_file(tg, chat_id: int, name: str, data: bytes, size: int | None = None) -> dict:
    file_id = f"f{len(tg.files) + 1}"
    tg.files[file_id] = data
    document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": size or len(data)}
    return reply(tg, None, chat_id=chat_id, document=document)


def test_an_editor_adds_a_page_and_readers_find_it(running, tg):
    answer = send_file(tg, EDITOR, "walnut.txt", "\n\n".join(WALNUT).encode())
    assert answer["text"] == "<b>walnut.txt: 已加入 1 篇报道</b>\n• 离石区举办首届核桃文化节"
    assert reply(tg, "核桃文化节", chat_id=READER)["text"].startswith("<b>1. 离石区举办首届核桃文化节</b>")


def test_the_same_page_again_changes_nothing(running, tg):
    page = ("本报讯 7月2日，离石区图书馆在滨河街道举办少儿绘本共读会，五十余名小读者参加。（王艳）\n\n"
            "离石区图书馆举办少儿绘本共读会\n").encode()
    assert send_file(tg, EDITOR, "picture_books.txt", page)["text"].startswith("<b>picture_books.txt: 已加入 1 篇报道</b>")
    answer = send_file(tg, EDITOR, "picture_books_again.txt", page)
    assert answer["text"] == "<b>picture_books_again.txt: 档案里已有这个版面，没有改动</b>"


def test_an_editor_adds_a_pdf(running, tg):
    answer = send_file(tg, EDITOR, "饺子宴.pdf", page_pdf(DUMPLING))
    assert answer["text"] == "<b>饺子宴.pdf: 已加入 1 篇报道</b>\n• 滨河街道举办邻里饺子宴"
    assert reply(tg, "邻里饺子宴", chat_id=READER)["text"].startswith("<b>1. 滨河街道举办邻里饺子宴</b>")


def test_a_reader_cannot_upload(running, tg):
    since = tg.mark()
    answer = send_file(tg, READER, "walnut.txt", b"anything")
    assert answer["text"] == "只有编辑可以上传版面。想查报道，请直接发问题。"
    assert [c for c in tg.calls[since:] if c.method == "getFile"] == []


@pytest.mark.parametrize(
    "name, data, size, expected",
    [
        ("big.pdf", b"%PDF-1.4", 25 * 1024 * 1024, "文件太大了（上限 20 MB），一个版面不会这么大。"),
        ("page.docx", b"PK\x03\x04", None, "只收 .txt（从PDF提取的文字）或 .pdf 格式的版面。"),
        ("../../etc/passwd.txt", b"root:x:0:0", None, "passwd.txt: 未收录：里面没有中文报纸内容"),
        ("binary.txt", b"\x00\x01" * 99, None, "binary.txt: 未收录：这是二进制文件，不是版面文字"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF", None, "scan.pdf: 未收录：PDF 已损坏，无法读取"),
    ],
)
def test_hostile_files_are_refused(running, tg, name, data, size, expected):
    assert send_file(tg, EDITOR, name, data, size)["text"].replace("<b>", "").replace("</b>", "").startswith(expected)


def test_stats_and_reload_are_for_editors(running, tg):
    with Archive(running.application.bot_data["state"].config.archive_dir) as archive:
        pages, stories = archive.page_count(), archive.count()  # the module's other tests may have added pages
    stats = reply(tg, "/stats", chat_id=EDITOR)["text"]
    assert stats.startswith(f"<b>档案统计</b>\n版面 {pages} 个，报道 {stories} 篇\n最近收录：20")
    unknown = reply(tg, "/nosuchcommand", chat_id=READER)["text"]
    assert unknown.startswith("没有这个命令。")
    assert reply(tg, "/stats", chat_id=READER)["text"] == unknown  # a stranger learns nothing of them
    assert reply(tg, "/reload", chat_id=READER)["text"] == unknown
    assert reply(tg, "/reload", chat_id=EDITOR)["text"] == f"档案没有变化：{stories} 篇报道。"


def test_a_page_added_by_another_process_is_picked_up(running, tg, tmp_path):
    page = tmp_path / "opera.txt"
    page.write_text(
        "本报讯 6月9日，离石区文化馆在凤山街道上演晋剧专场，演员们唱响《打金枝》等经典剧目，\n"
        "三百余名群众观看演出。（王艳）\n\n离石区文化馆晋剧专场进社区\n",
        encoding="utf-8",
    )
    state = running.application.bot_data["state"]
    before = state.searcher.index.n_docs
    with Archive(state.config.archive_dir) as archive:
        assert ingest(archive, page).status == "added"
        open_library(archive, state.config.archive_dir)  # as `bot.py ingest` does: the ingesting process publishes
    # the bot notices the new index and swaps in a new searcher, whose index holds one more story
    tg.wait_until(lambda: state.searcher.index.n_docs > before, timeout=30, what="the new page's reload")
    assert reply(tg, "晋剧专场", chat_id=READER)["text"].startswith("<b>1. 离石区文化馆晋剧专场进社区</b>")


def test_a_link_to_a_removed_story_says_it_was_removed(running, tg, tmp_path):
    page = tmp_path / "kites.txt"
    page.write_text("本报讯 4月5日，离石区风筝协会在东川河畔举办风筝节，两百余只风筝飞上天空。（王艳）\n\n"
                    "离石区东川河畔风筝节\n", encoding="utf-8")
    state = running.application.bot_data["state"]
    with Archive(state.config.archive_dir) as archive:
        ingest(archive, page)
        article_id = next(a.id for a in archive.articles() if a.source == "kites.txt")
        assert archive.remove_page("kites.txt") == 1
    assert reply(tg, f"/start a_{article_id}", chat_id=READER)["text"] == "这篇报道所在的版面已被编辑从档案中移除。"
    assert reply(tg, "/article 0123456789", chat_id=READER)["text"] == "找不到这篇报道，可能编号有误。"


def test_a_page_under_a_taken_name_is_kept_and_replacing_it_is_asked(running, tg):
    first = "\n\n".join(DUMPLING).replace("6月8日", "6月18日").replace("饺子", "馄饨")
    assert "已加入" in send_file(tg, EDITOR, "week12.txt", first.encode())["text"]
    second = first.replace("馄饨", "包子")
    answer = send_file(tg, EDITOR, "week12.txt", second.encode())
    assert "档案里已有同名版面 week12.txt" in answer["text"]
    button = answer["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "🗑 移除旧的同名版面 week12.txt"
    message = tg.messages[max(k for k in tg.messages if k[0] == EDITOR)]
    since = tg.mark()
    tg.press(button["callback_data"], message, user_id=READER)  # a reader cannot
    assert tg.wait_for("answerCallbackQuery", since=since).params["text"] == "只有编辑可以这样做。"
    since = tg.mark()
    tg.press(button["callback_data"], message, user_id=EDITOR)
    done = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == EDITOR, since=since).params["text"]
    assert done == "<b>已移除旧版面 week12.txt</b>，连同 1 篇报道。"
    assert reply(tg, "邻里包子宴", chat_id=READER)["text"].startswith("<b>1. 滨河街道举办邻里包子宴</b>")
    assert not reply(tg, "邻里馄饨宴", chat_id=READER)["text"].startswith("<b>1. 滨河街道举办邻里馄饨宴</b>")
