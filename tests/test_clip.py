"""Clippings: a story from a PDF page as printed (its own regions, others' lines painted out),
and the bot's 📰 剪报 button and photo answers against the fake Bot API server."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

import bot
from handlers import render
from index.clipping import CLIP_DPI, GAP, ClippingError, clipping
from index.store import PDF_DIR, Archive, ingest
from tests.botrunner import RunningBot
from tests.conftest import SEEDS, TOKEN
from tests.test_bot import buttons, reply
from tests.test_editor import send_file
from tests.pdfs import Newspaper
from tests.test_layout import BOOKS, CLEAN, front_page, l_shaped_page

SCALE = CLIP_DPI / 72
EDITOR, READER, PRESSER, BLOCKER = 6001, 6002, 6003, 6004


def added(tmp_path, data: bytes, name: str = "p2.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    archive = Archive(tmp_path / "archive")
    result = ingest(archive, path)
    return archive, archive.on_page(result.name)


def ink(image: Image.Image, box) -> int:
    """Give back how many dark pixels an image has inside a box (pixels)."""
    return sum(image.crop(tuple(int(v) for v in box)).convert("L").histogram()[:128])


def test_a_pdf_page_is_kept_once(tmp_path):
    data = front_page().pdf()
    archive, stories = added(tmp_path, data)
    ingest(archive, tmp_path / "p2.pdf")  # the same page again
    kept = list((tmp_path / "archive" / PDF_DIR).iterdir())
    assert [p.read_bytes() for p in kept] == [data] and {a.pdf for a in stories} == {kept[0].name}


def test_a_story_running_down_beside_another_gives_its_pieces_in_order(tmp_path):
    archive, (clinic, library) = added(tmp_path, l_shaped_page().pdf())
    pieces = clinic.regions["pieces"]
    assert [round(p[0]) for p in pieces] == [36, 166, 297]  # column 1 (all the way down), then 2 and 3
    assert pieces[0][3] > library.regions["head"][3] > pieces[1][3]  # it runs on beside the other story


def test_the_clipping_is_the_story_alone_as_printed(tmp_path):
    archive, stories = added(tmp_path, l_shaped_page().pdf())
    clinic, library = stories
    [png] = clipping(tmp_path / "archive", clinic, stories)
    image = Image.open(io.BytesIO(png))
    regions = clinic.regions
    boxes = [regions["head"]] + regions["pieces"]
    widths = [(b[2] - b[0] + 20) * SCALE for b in boxes]
    heights = [(b[3] - b[1] + 20) * SCALE for b in boxes]
    footer = image.height - (sum(heights) + GAP * (len(boxes) - 1))
    assert abs(image.width - max(widths)) < 4 and 10 < footer < 80  # the pieces, then the header strip
    page = pdfium.PdfDocument((tmp_path / "archive" / PDF_DIR / clinic.pdf).read_bytes())[0]
    whole = page.render(scale=SCALE).to_pil()
    # the first line of the second column is printed on the page and in the clipping, at its place
    x0, top, x1, bottom = regions["pieces"][1]
    line = (x0 * SCALE, top * SCALE, x1 * SCALE, (top + 9) * SCALE)
    assert ink(whole, line) > 50
    y = heights[0] + GAP + heights[1] + GAP
    assert ink(image, (10 * SCALE, y + 10 * SCALE, (x1 - x0 + 10) * SCALE, y + 19 * SCALE)) > 50


def test_another_storys_lines_inside_the_cut_are_painted_out(tmp_path):
    n = Newspaper()
    y = n.header("今日离石 2020年5月20日 第2版 综合新闻")
    below = n.story(0, 1, y, ["信义镇爱国卫生"], CLEAN)
    n.story(0, 1, below + 1, ["图书馆送书上门"], BOOKS)  # set tight under it: inside the first story's margin
    archive, (first, second) = added(tmp_path, n.pdf())
    [png] = clipping(tmp_path / "archive", first, [first, second])
    image = Image.open(io.BytesIO(png))
    page = pdfium.PdfDocument((tmp_path / "archive" / PDF_DIR / first.pdf).read_bytes())[0].render(scale=SCALE).to_pil()
    x0, _, x1, bottom = first.regions["pieces"][-1]
    band = (x0 * SCALE, (bottom + 2) * SCALE, x1 * SCALE, (bottom + 9) * SCALE)
    assert ink(page, band) > 50  # on the page the next story's headline starts right there
    head = first.regions["head"]
    y = (head[3] - head[1] + 20) * SCALE + GAP + (bottom - first.regions["pieces"][-1][1] + 10) * SCALE
    assert ink(image, (0, y + 2 * SCALE, image.width, y + 9 * SCALE)) == 0  # in the clipping it is painted out


def test_a_text_page_or_a_missing_pdf_has_no_clipping(tmp_path, archive):
    text_story = archive.articles()[0]
    with pytest.raises(ClippingError):
        clipping(archive.folder, text_story, [])
    kept, stories = added(tmp_path, front_page().pdf())
    (tmp_path / "archive" / PDF_DIR / stories[0].pdf).unlink()
    with pytest.raises(ClippingError):
        clipping(tmp_path / "archive", stories[0], stories)


@pytest.fixture(scope="module")
def running(tg, tmp_path_factory):
    settings = bot.Settings(archive_dir=tmp_path_factory.mktemp("data"), seeds_dir=SEEDS, token=TOKEN, base_url=tg.base_url,
                            admin_ids=frozenset({EDITOR}))
    runner = RunningBot(settings, tg).start()
    send_file(tg, EDITOR, "p2.pdf", front_page().pdf())
    yield runner
    runner.stop()


def chat_message(chat_id: int = READER) -> dict:
    return {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private", "first_name": "读者"}}


def open_story(tg, query: str) -> dict:
    """Ask, press 📄 on the first story, give back the story's (last) message."""
    answer = reply(tg, query, chat_id=READER)
    since = tg.mark()
    tg.press(buttons(answer)[0]["callback_data"], chat_message(), user_id=READER)
    return tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER, since=since).params


def press_clip(tg, story: dict) -> dict:
    since = tg.mark()
    [button] = buttons(story)
    tg.press(button["callback_data"], chat_message(), user_id=READER)
    return tg.wait_for("sendPhoto", lambda p: int(p["chat_id"]) == READER, since=since).params


def forget_clippings(running, tg) -> None:
    """Drop the file_ids kept by an earlier press, once no press is in flight (a press keeps
    its file_id after the photo is sent): the next press uploads anew."""
    tg.wait_until(lambda: not running.application.bot_data["state"].queues.waiting, what="earlier presses to be done")
    with Archive(running.application.bot_data["state"].config.archive_dir) as archive:
        archive.db.execute("DELETE FROM clippings")
        archive.db.commit()


def test_a_pdf_story_offers_its_clipping_and_reuses_it(running, tg):
    forget_clippings(running, tg)  # another test may have pressed it first
    story = open_story(tg, "图书馆送书上门服务")
    assert [b["text"] for b in buttons(story)] == ["📰 剪报"]
    first = press_clip(tg, story)
    image = Image.open(io.BytesIO(first["photo"]))
    assert image.format == "PNG" and image.width >= 500 and image.convert("L").getextrema()[0] < 100
    assert first["caption"].startswith("<b>图书馆推出送书上门服务</b>\n") and "第2版 综合新闻" in first["caption"]
    again = press_clip(tg, story)
    assert again["photo"] in tg.photos and tg.photos[again["photo"]] == first["photo"]  # Telegram's file_id, reused
    since = tg.mark()
    tg.inline("图书馆送书上门服务", user_id=READER)  # and it is offered for sharing as that photo
    results = tg.wait_for("answerInlineQuery", since=since).params["results"]
    assert {"type": "photo", "photo_file_id": again["photo"]}.items() <= next(r for r in results if r["type"] == "photo").items()


def test_a_text_story_offers_no_clipping(running, tg):
    story = open_story(tg, "飞地经济")
    assert buttons(story) == []


def test_a_question_about_a_picture_gets_the_photo(running, tg):
    since = tg.mark()
    tg.message("有没有读者在图书馆挑选图书的照片", chat_id=READER)
    sent = tg.wait_for("sendPhoto", lambda p: int(p["chat_id"]) == READER, since=since).params
    assert sent["caption"].startswith("读者在图书馆挑选图书。\n")
    width, height = Image.open(io.BytesIO(sent["photo"])).size  # the frame: two columns wide, 80 pt tall
    assert abs(width - 248.7 * SCALE) < 3 and abs(height - 80 * SCALE) < 3


def test_a_forged_clipping_button_gets_a_plain_answer(running, tg):
    since = tg.mark()
    with Archive(running.application.bot_data["state"].config.archive_dir) as archive:
        text_story = next(a for a in archive.articles() if not a.regions)
    tg.press(f"clip:{text_story.id}", chat_message(), user_id=READER)  # a text story: no clipping exists
    refused = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER, since=since).params
    assert refused["text"] == "这篇报道没有剪报：它的版面原件不在档案里或已损坏。可以阅读文字版。"
    assert [b["callback_data"] for b in buttons(refused)] == [f"art:{text_story.id}"]
    since = tg.mark()
    tg.press("clip:0000000000", chat_message(), user_id=READER)  # no such story
    assert tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER, since=since).params["text"] == \
        "找不到这篇报道，可能编号有误。"


def test_a_429_on_the_clipping_is_waited_out(running, tg):
    story = open_story(tg, "图书馆送书上门服务")
    forget_clippings(running, tg)  # send it anew, not by a kept file_id
    tg.fail_next("sendPhoto", 429, "Too Many Requests: retry after 1", retry_after=1)
    since = tg.mark()
    [button] = buttons(story)
    tg.press(button["callback_data"], chat_message(), user_id=READER)
    def photos():
        return [c.params for c in tg.calls[since:] if c.method == "sendPhoto"]

    tg.wait_until(lambda: len(photos()) == 2, what="the photo refused with 429, then sent again")
    assert Image.open(io.BytesIO(photos()[-1]["photo"])).width >= 500


def test_a_reader_pressing_the_clipping_again_and_again_gets_a_bounded_answer(running, tg):
    """Presses wait in the reader's queue, as questions do: a burst of 30 sends at most the
    queue's depth and the one being made, and the reader is told once; then a press works again."""
    from handlers.state import QUEUE_DEPTH

    answer = reply(tg, "图书馆送书上门服务", chat_id=PRESSER)
    since = tg.mark()
    tg.press(buttons(answer)[0]["callback_data"], chat_message(PRESSER), user_id=PRESSER)
    story = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == PRESSER, since=since).params
    [button] = buttons(story)
    since = tg.mark()
    for _ in range(30):
        tg.press(button["callback_data"], chat_message(PRESSER), user_id=PRESSER)
    queues = running.application.bot_data["state"].queues
    tg.wait_until(lambda: len([c for c in tg.calls[since:] if c.method == "answerCallbackQuery"]) == 30
                  and not queues.waiting, timeout=60, what="the presses to be worked off")
    photos = [c for c in tg.calls[since:] if c.method == "sendPhoto" and int(c.params["chat_id"]) == PRESSER]
    told = [c for c in tg.calls[since:] if c.method == "answerCallbackQuery" and c.params.get("text")]
    assert 1 <= len(photos) <= QUEUE_DEPTH + 1 and len(photos) < 30
    assert [c.params["text"] for c in told] == [render.PRESSED_TOO_FAST]
    since = tg.mark()
    tg.press(button["callback_data"], chat_message(PRESSER), user_id=PRESSER)  # the queue has emptied
    tg.wait_for("sendPhoto", lambda p: int(p["chat_id"]) == PRESSER, since=since)
    # the press is done when its file_id is kept, after the photo: another test forgets them
    tg.wait_until(lambda: not queues.waiting, what="the last press to be done")


def test_a_kept_clipping_telegram_no_longer_knows_is_made_again(running, tg):
    story = open_story(tg, "图书馆送书上门服务")
    press_clip(tg, story)  # now its file_id is kept (or already was)
    tg.wait_until(lambda: not running.application.bot_data["state"].queues.waiting, what="the press to be done")
    tg.fail_next("sendPhoto", 400, "Bad Request: wrong file identifier/HTTP URL specified", chat_id=READER)
    since = tg.mark()
    [button] = buttons(story)
    tg.press(button["callback_data"], chat_message(), user_id=READER)

    def photos():
        return [c.params["photo"] for c in tg.calls[since:] if c.method == "sendPhoto"]

    tg.wait_until(lambda: len(photos()) == 2, what="the kept file_id refused with 400, then the clipping made again")
    assert isinstance(photos()[0], str) and Image.open(io.BytesIO(photos()[1])).width >= 500


def test_a_reader_who_blocked_the_bot_leaves_no_press_stuck(running, tg):
    answer = reply(tg, "图书馆送书上门服务", chat_id=BLOCKER)
    since = tg.mark()
    tg.press(buttons(answer)[0]["callback_data"], chat_message(BLOCKER), user_id=BLOCKER)
    story = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == BLOCKER, since=since).params
    [button] = buttons(story)
    tg.fail_next("sendPhoto", 403, "Forbidden: bot was blocked by the user", chat_id=BLOCKER)
    tg.press(button["callback_data"], chat_message(BLOCKER), user_id=BLOCKER)
    queues = running.application.bot_data["state"].queues
    tg.wait_until(lambda: not queues.waiting, what="the refused press to be done")
    since = tg.mark()  # unblocked: the next press works
    tg.press(button["callback_data"], chat_message(BLOCKER), user_id=BLOCKER)
    assert tg.wait_for("sendPhoto", lambda p: int(p["chat_id"]) == BLOCKER, since=since).params["caption"].startswith(
        "<b>图书馆推出送书上门服务</b>")
    # the press is done when its file_id is kept, after the photo: another test forgets them
    tg.wait_until(lambda: not queues.waiting, what="the last press to be done")
