"""The real bot against a fake Bot API server: users' messages in, the bot's calls out."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bot
from handlers import render
from handlers.state import QUEUE_DEPTH
from index.store import Archive
from tests.botrunner import RunningBot
from tests.conftest import FIGURES, SEEDS, TOKEN
from tests.fake_telegram import BOT_USER, DROP, FakeTelegram
from tests.telegram_html import problems

ROOT = Path(__file__).resolve().parent.parent
FEIDI = "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎"


@pytest.fixture(scope="module")
def running(tg, tmp_path_factory):
    """The real bot, polling the fake Telegram, with its own archive."""
    settings = bot.Settings(archive_dir=tmp_path_factory.mktemp("data"), seeds_dir=SEEDS, token=TOKEN, base_url=tg.base_url)
    runner = RunningBot(settings, tg).start()
    yield runner
    runner.stop()


def reply(tg, text, chat_id, **kwargs) -> dict:
    """Send a message and give back the bot's first reply to that chat."""
    since = tg.mark()
    tg.message(text, chat_id=chat_id, **kwargs)
    return tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == chat_id, since=since).params


def buttons(params) -> list[dict]:
    return [b for row in params.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def test_commands_are_published(running, tg):
    commands = tg.wait_for("setMyCommands").params["commands"]
    assert [c["command"] for c in commands] == ["start", "help", "ask", "article", "latest", "date", "about", "follow",
                                                "following", "unfollow"]


def test_start_greets_and_says_what_the_archive_holds(running, tg):
    answer = reply(tg, "/start", chat_id=101)
    assert "档案收录 44 篇报道（2018—2022年）。直接发问题即可，例如：\n• " in answer["text"]
    assert "@lishi_archive_bot 加关键词" in answer["text"] and "机器人名" not in answer["text"]
    with Archive(running.application.bot_data["state"].config.archive_dir) as archive:
        titles = {a.title for a in archive.articles()}
    examples = [line[2:] for line in answer["text"].split("\n") if line.startswith("• ")]
    assert len(examples) == 3 and set(examples) <= titles  # the archive's own headlines
    assert answer["parse_mode"] == "HTML"
    group = reply(tg, "/start@lishi_archive_bot", chat_id=-1001, chat_type="supergroup")["text"]
    assert "在群里用 /ask 加问题，或 @我 加问题" in group


def test_a_question_gets_stories_dates_and_buttons(running, tg):
    answer = reply(tg, "离石区和中阳县什么时候签约飞地经济？", chat_id=102)
    assert answer["text"].startswith(f"<b>1. {FEIDI}</b>\n<i>2020年3月12日</i> · 《今日离石》\n")
    assert "本报讯 3月12日，" in answer["text"]  # the excerpt holds the date asked for
    labels = [b["text"] for b in buttons(answer)]
    assert labels[0].startswith("📄 1. ") and labels[1] == "↗ 分享"
    first = buttons(answer)[0]["callback_data"]
    assert first.startswith("art:") and labels[2] == "📋 复制"
    share = buttons(answer)[1]["switch_inline_query_chosen_chat"]
    assert share["query"] == FEIDI and share["allow_user_chats"] and share["allow_group_chats"]  # readable, not an id
    copied = buttons(answer)[2]["copy_text"]["text"]
    assert copied.startswith(f"{FEIDI}\n2020年3月12日 · 《今日离石》\n本报讯 3月12日") and len(copied) <= 256



def test_a_story_that_does_not_state_it_is_offered_as_related(running, tg):
    answer = reply(tg, "北海山公司续贷的利率是多少", chat_id=140)
    assert answer["text"].startswith("<i>报道中没有提到“利率”。以下是相关报道，供参考：</i>\n\n<b>1. 离石区助力企业快速复工复产</b>")
    assert problems(answer["text"]) == []


def test_a_date_alone_lists_that_days_stories(running, tg):
    answer = reply(tg, "5月16日的报纸有什么", chat_id=141)
    assert answer["text"].startswith("<i>这一时间的报道：</i>\n\n<b>1. 开展党群携手提升新‘净’主题党日活动</b>")


def test_story_button_opens_the_whole_story(running, tg):
    answer = reply(tg, "飞地经济", chat_id=103)
    message = tg.messages[max(k for k in tg.messages if k[0] == 103)]
    data = buttons(answer)[0]["callback_data"]
    since = tg.mark()
    callback_id = tg.press(data, message)
    tg.wait_for("answerCallbackQuery", lambda p: p["callback_query_id"] == callback_id, since=since)
    story = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 103, since=since).params["text"]
    assert story.startswith(f"<b>{FEIDI}</b>\n<i>2020年3月12日</i> · 《今日离石》 · 任建忠 姜利文\n\n本报讯 3月12日")
    assert "500万吨焦化项目可研。" in story


def test_more_turns_to_the_next_three(running, tg):
    answer = reply(tg, "扶贫", chat_id=104)
    more = [b for b in buttons(answer) if b["text"] == "▶"]
    assert more and more[0]["callback_data"].startswith("more:")
    turns = next(row for row in answer["reply_markup"]["inline_keyboard"] if row[-1]["text"] == "▶")
    assert turns[0]["text"].startswith("第1/")
    message = tg.messages[max(k for k in tg.messages if k[0] == 104)]
    since = tg.mark()
    tg.press(more[0]["callback_data"], message)
    tg.wait_for("answerCallbackQuery", since=since)
    edited = tg.wait_for("editMessageText", lambda p: int(p["chat_id"]) == 104, since=since).params
    assert edited["text"].startswith("<b>4. ")
    assert not problems(edited["text"])
    turns = edited["reply_markup"]["inline_keyboard"][-1]  # no 🔔 under a later page
    assert turns[0]["text"] == "◀" and turns[1]["text"].startswith("第2/")
    since = tg.mark()
    tg.press(turns[0]["callback_data"], message)  # and back, in place
    back = tg.wait_for("editMessageText", lambda p: int(p["chat_id"]) == 104, since=since).params
    assert back["text"] == answer["text"] and back["message_id"] == edited["message_id"]


def last_message_to(tg, chat_id: int) -> dict:
    """Give back the newest message the bot sent to a chat, as the fake keeps it."""
    return tg.messages[max(k for k in tg.messages if k[0] == chat_id)]


def test_an_old_more_button_after_a_restart_still_works(running, tg):
    """The query behind "更多" is kept in SQLite, so the button does not depend on memory."""
    reply(tg, "扶贫", chat_id=150)
    archive_dir = running.application.bot_data["state"].config.archive_dir
    with Archive(archive_dir) as another_process:
        query_id = another_process.remember_query("脱贫攻坚", 150)
    message = last_message_to(tg, 150)
    since = tg.mark()
    tg.press(f"more:{query_id}:1", message)
    assert tg.wait_for("editMessageText", since=since).params["text"].startswith("<b>4. ")


def test_an_unknown_button_is_answered(running, tg):
    reply(tg, "扶贫", chat_id=151)
    message = last_message_to(tg, 151)
    since = tg.mark()
    callback_id = tg.press("more:999999:1", message)
    answered = tg.wait_for("answerCallbackQuery", lambda p: p["callback_query_id"] == callback_id, since=since)
    assert answered.params["text"] == "这个按钮已经过期了，请重新提问。"


def test_deep_link_and_article_command_open_a_story(running, tg):
    with Archive(running.application.bot_data["state"].config.archive_dir) as archive:
        article_id = next(a.id for a in archive.articles() if a.title == FEIDI)
    assert reply(tg, f"/start a_{article_id}", chat_id=105)["text"].startswith(f"<b>{FEIDI}</b>")
    assert reply(tg, f"/article {article_id}", chat_id=105)["text"].startswith(f"<b>{FEIDI}</b>")
    assert reply(tg, "/article nonsense", chat_id=105)["text"] == "找不到这篇报道，可能编号有误。"


def test_help_about_and_unknown_commands(running, tg):
    assert "/ask" in reply(tg, "/help", chat_id=106)["text"]
    assert reply(tg, "/about", chat_id=106)["text"] == (
        "<b>档案</b>：5 个版面，44 篇报道，2018年11月29日至2022年3月31日。\n\n<i>最近收录的版面：</i>\n"
        "· 今日离石 2022年3月31日\n· 今日离石 2018年12月11日\n· 今日离石 2020年5月17日")
    assert reply(tg, "/frobnicate", chat_id=106)["text"].startswith("没有这个命令。可用的命令：\n/start")
    assert reply(tg, "/ask", chat_id=106)["text"] == "请在命令后面写上问题，例如：/ask 飞地经济"


def test_commands_without_entities_still_work(running, tg):
    """A Bot API client that leaves out the bot_command entity still gets commands answered."""
    def bare(text, chat_id, chat_type="private"):
        since = tg.mark()
        tg.push("message", {"message_id": 1, "date": int(time.time()), "text": text,
                            "chat": {"id": chat_id, "type": chat_type, "title": "群"},
                            "from": tg.user(chat_id if chat_type == "private" else 61)})
        return tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == chat_id, since=since).params["text"]

    assert bare("/start", 130).startswith("<b>《今日离石》报道查询</b>")
    assert bare("/ask 飞地经济", -5002, "group").startswith(f"<b>1. {FEIDI}")
    assert bare("/ask@lishi_archive_bot 无偿献血", -5002, "group").startswith("<b>1. 离石区医疗集团")


def test_no_result_says_so_and_suggests(running, tg):
    text = reply(tg, "世界杯冠军是谁", chat_id=107)["text"]
    assert text.startswith("没有找到相关报道。档案收录《今日离石》44篇报道（2018—2022年），可以换个说法或用更短的词试试")


def test_inline_query_lists_stories_to_share(running, tg):
    since = tg.mark()
    query_id = tg.inline("飞地经济")
    call = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    first = call["results"][0]
    assert (first["type"], first["title"]) == ("article", FEIDI)
    assert first["description"].startswith("2020年3月12日 · ")
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML" and content["message_text"].startswith(f"<b>{FEIDI}</b>\n<i>2020年3月12日</i>")
    link = first["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert link == f"https://t.me/{BOT_USER['username']}?start=a_{first['id']}"


def test_inline_pagination_and_latest(running, tg):
    since = tg.mark()
    query_id = tg.inline("")
    page1 = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    assert len(page1["results"]) == 10 and page1["next_offset"] == "10"
    assert "2022年" in page1["results"][0]["description"]  # the newest page first
    query_id = tg.inline("", offset="10")
    page2 = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    assert not {r["id"] for r in page1["results"]} & {r["id"] for r in page2["results"]}
    query_id = tg.inline("a_" + page1["results"][3]["id"])
    shared = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    assert [r["id"] for r in shared["results"]] == [page1["results"][3]["id"]]


def test_groups_answer_only_when_addressed(running, tg):
    group = -5001
    since = tg.mark()
    tg.message("大家好，今天天气不错", chat_id=group, user_id=51, chat_type="supergroup")
    tg.message("/frobnicate", chat_id=group, user_id=51, chat_type="supergroup")
    tg.message("@lishi_archive_bot2 飞地经济", chat_id=group, user_id=51, chat_type="supergroup")  # another bot
    assert reply(tg, "/ask 飞地经济", chat_id=group, user_id=52, chat_type="supergroup")["text"].startswith(f"<b>1. {FEIDI}")
    assert reply(tg, "/ask@lishi_archive_bot 无偿献血", chat_id=group, user_id=52, chat_type="supergroup")["text"]
    assert reply(tg, "@lishi_archive_bot 送书上门", chat_id=group, user_id=53, chat_type="supergroup")["text"].startswith(
        "<b>1. 离石区图书馆开启"
    )
    bots_message = tg.messages[max(k for k in tg.messages if k[0] == group)]
    assert reply(tg, "拆除复垦", chat_id=group, user_id=54, chat_type="supergroup", reply_to=bots_message)["text"]
    sent = tg.sent_to(group, since)
    assert len(sent) == 4  # the chatter, the stranger's command and the other bot's mention got nothing
    assert all(p["link_preview_options"] == {"is_disabled": True} for p in sent)


HOSTILE = [
    "<b>粗体</b><script>alert(1)</script> & 飞地经济",
    "*飞地* _经济_ `code` [link](http://x)",
    "飞地经济" * 2500,
    "\u200b\u200d\x00\x07\u202e信义镇\u2066爱国卫生",
    "😀😀😀🎉",
    "'; DROP TABLE articles; -- 飞地",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE, ids=["html", "markdown", "10k", "control", "emoji", "sql", "blank"])
def test_hostile_text_gets_a_short_valid_reply(running, tg, text):
    answer = reply(tg, text, chat_id=108)
    assert problems(answer["text"]) == []


def test_stickers_photos_and_edits(running, tg):
    sticker = {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512,
               "is_animated": False, "is_video": False}
    assert reply(tg, None, chat_id=109, sticker=sticker)["text"].startswith("我只能读文字")
    photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]
    assert reply(tg, None, chat_id=109, photo=photo)["text"].startswith("我只能读文字")
    assert reply(tg, "无偿献血", chat_id=109, kind="edited_message")["text"].startswith("<b>1. 离石区医疗集团")


def test_a_429_is_retried_and_the_answer_arrives(running, tg):
    tg.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=110)
    since = tg.mark()
    tg.message("飞地经济", chat_id=110)
    refused = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 110, since=since)
    retried = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 110, since=tg.calls.index(refused) + 1)
    assert retried.at - refused.at >= 0.9  # after retry_after
    assert retried.params["text"] == refused.params["text"]
    assert retried.params["text"].startswith(f"<b>1. {FEIDI}")


def test_a_500_on_reply_gets_an_apology(running, tg):
    tg.fail_next("sendMessage", 500, "Internal Server Error", chat_id=111)  # no leftover reply elsewhere takes it
    assert reply(tg, "飞地经济", chat_id=111)["text"].startswith("<b>1.")  # the refused call, recorded
    apology = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 111 and "出了点问题" in p["text"])
    assert apology.params["text"] == "抱歉，出了点问题，请稍后再试。"


def test_a_400_on_edit_is_survived(running, tg):
    answer = reply(tg, "扶贫", chat_id=112)
    more = [b for b in buttons(answer) if b["text"] == "▶"][0]
    tg.fail_next("editMessageText", 400, "Bad Request: message is not modified", chat_id=112)
    message = tg.messages[max(k for k in tg.messages if k[0] == 112)]
    since = tg.mark()
    tg.press(more["callback_data"], message)
    tg.wait_for("editMessageText", since=since)
    assert reply(tg, "献血", chat_id=112)["text"].startswith("<b>1.")


def test_polling_survives_server_errors(running, tg):
    tg.fail_next("getUpdates", 500, "Internal Server Error", times=2)
    tg.wait_until(lambda: not tg.failures_left("getUpdates"), what="the two failing polls")
    assert reply(tg, "送书上门", chat_id=113)["text"].startswith("<b>1.")


def test_dropped_connections_are_survived(running, tg):
    tg.fail_next("getUpdates", DROP, times=2)
    tg.wait_until(lambda: not tg.failures_left("getUpdates"), what="the two dropped polls")
    assert reply(tg, "无偿献血", chat_id=117)["text"].startswith("<b>1.")
    tg.fail_next("sendMessage", DROP, chat_id=118)
    since = tg.mark()
    tg.message("送书上门", chat_id=118)
    apology = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 118 and "出了点问题" in p["text"], since=since)
    assert apology.params["text"] == "抱歉，出了点问题，请稍后再试。"
    assert reply(tg, "送书上门", chat_id=118)["text"].startswith("<b>1. 离石区图书馆开启")


def idle(running) -> bool:
    """Whether no reader has a question waiting."""
    return not running.application.bot_data["state"].queues.waiting


def test_sixteen_questions_in_a_row_are_answered_in_turn_or_declined_once(running, tg):
    since = tg.mark()
    for n in range(16):
        tg.message(f"飞地经济 {n}", chat_id=114)
    tg.wait_until(lambda: len(tg.sent_to(114, since)) >= QUEUE_DEPTH, timeout=30, what="the queued answers")
    tg.wait_until(lambda: idle(running), what="the queue to empty")
    sent = [p["text"] for p in tg.sent_to(114, since)]
    answers = [t for t in sent if t.startswith("<b>1.")]
    notices = [t for t in sent if t == render.SLOW_DOWN]
    assert len(answers) + len(notices) == len(sent)
    assert len(answers) >= QUEUE_DEPTH and len(notices) <= 1
    assert len(answers) == 16 or len(notices) == 1  # nothing dropped without a word


def test_a_flooding_user_does_not_starve_others(running, tg):
    since = tg.mark()
    for _ in range(14):
        tg.message("无偿献血", chat_id=115)
    tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 115, since=since)  # the flood is being served
    tg.message("送书上门", chat_id=116)
    tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 116, since=since, timeout=10)
    assert len(tg.sent_to(115, since)) < 14  # answered while the flooder is still being slowed down


def test_every_message_sent_was_valid_telegram_html(running, tg):
    for n, question in enumerate(["飞地经济", "北海山公司续贷的利率是多少", "2022年2月有哪些新闻", "有没有献血的照片",
                                  "<b>&amp; 信义镇</b>", "红眼川乡爱国卫生专项运动那篇的作者是谁", "/help", "世界杯冠军是谁"]):
        reply(tg, question, chat_id=160 + n)
    texts = [c.params["text"] for c in tg.calls if c.method in ("sendMessage", "editMessageText")]
    assert len(texts) >= 8  # these, and whatever the other tests of this module had the bot send
    assert [t for t in texts if problems(t)] == []


def test_the_allow_list_refuses_strangers_once(tmp_path, tg):
    fake = FakeTelegram(TOKEN).start()
    settings = bot.Settings(archive_dir=tmp_path, seeds_dir=SEEDS, token=TOKEN, base_url=fake.base_url,
                            allowed_chat_ids=frozenset({777}))
    runner = RunningBot(settings, fake).start()
    try:
        assert reply(fake, "飞地经济", chat_id=777)["text"].startswith("<b>1.")
        assert reply(fake, "飞地经济", chat_id=778)["text"] == "抱歉，这个机器人只为指定的读者和群组服务。"
        since = fake.mark()
        fake.message("飞地经济", chat_id=778)
        query_id = fake.inline("飞地经济", user_id=778)
        assert fake.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id).params["results"] == []
        assert fake.sent_to(778, since) == []
    finally:
        runner.stop()
        fake.stop()


def test_python_bot_py_runs_and_stops_on_sigterm(tmp_path):
    fake = FakeTelegram(TOKEN).start()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
           "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url, "ARCHIVE_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "bot.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        fake.wait_for("getUpdates", timeout=60)
        assert reply(fake, "/start", chat_id=120)["text"].startswith("<b>《今日离石》报道查询</b>")
        fake.fail_next("getUpdates", 500, "Internal Server Error", times=2)
        fake.fail_next("sendMessage", 502, "Bad Gateway", chat_id=121)
        apology = reply(fake, "飞地经济", chat_id=121)  # the first reply fails; the apology follows
        assert apology["text"].startswith("<b>1.")
        fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 121 and "出了点问题" in p["text"])
        # the two failing polls, with PTB's back-off between them
        fake.wait_until(lambda: not fake.failures_left("getUpdates"), timeout=30, what="the failing polls")
        assert reply(fake, "献血", chat_id=122)["text"].startswith("<b>1.")  # serving again
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=15)
        assert process.returncode == 0
        assert time.monotonic() - started < 10
        assert "serving 44 stories" in output
        assert "Traceback" not in output
        assert TOKEN not in output and TOKEN.split(":")[1] not in output
        faults = [line for line in output.splitlines() if "Telegram fault" in line]
        assert len(faults) == 3  # two failed polls and one failed reply, each logged once
        assert sum("while polling" in line for line in faults) == 2
    finally:
        if process.poll() is None:
            process.kill()
        fake.stop()


def test_reply_time_on_loopback(running, tg):
    """Records the median time from a question reaching Telegram to the answer (no assertion on speed)."""
    questions = ["飞地经济", "无偿献血", "送书上门", "信义镇爱国卫生运动", "拆除复垦", "消费扶贫", "猜灯谜",
                 "九大重点任务", "水墨画", "离石区和中阳县什么时候签约飞地经济？"]
    times = []
    for n, question in enumerate(questions):
        chat_id = 200 + n
        since = tg.mark()
        sent = time.monotonic()
        tg.message(question, chat_id=chat_id)
        answered = tg.wait_for("sendMessage", lambda p, c=chat_id: int(p["chat_id"]) == c, since=since)
        times.append(answered.at - sent)
    times.sort()
    FIGURES.append(f"bot reply time on loopback: median {1000 * times[len(times) // 2]:.0f} ms, max {1000 * times[-1]:.0f} ms over {len(times)} questions")
    assert len(times) == len(questions)


def test_typing_is_shown_before_an_answer(running, tg):
    since = tg.mark()
    tg.message("送书上门", chat_id=170)
    answer = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 170, since=since)
    typing = tg.wait_for("sendChatAction", lambda p: int(p["chat_id"]) == 170, since=since)
    assert typing.params["action"] == "typing" and typing.at <= answer.at


def test_an_edited_question_edits_its_answer(running, tg):
    question = tg.message("无偿献血", chat_id=171)
    tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == 171)
    since = tg.mark()
    tg.message("送书上门", chat_id=171, kind="edited_message", message_id=question["message_id"])
    edited = tg.wait_for("editMessageText", lambda p: int(p["chat_id"]) == 171, since=since).params
    assert edited["text"].startswith("<b>1. 离石区图书馆开启")
    assert tg.sent_to(171, since) == []  # corrected in place, not answered twice


def test_a_long_story_arrives_in_labelled_parts():
    from index.pages import DatedArticle

    long = DatedArticle("0123456789", "p.txt", 0, "长报道", None, "news", None, [], None, "很长的一段话。" * 1200)
    parts = render.article_messages(long)
    assert len(parts) == 3 and all(p.endswith(f"\n\n<i>（{n}/3）</i>") for n, p in enumerate(parts, 1))
    assert all(len(p) <= 4096 and not problems(p) for p in parts)


def test_a_story_opens_once_per_answer_in_a_group(running, tg):
    answer = reply(tg, "@lishi_archive_bot 飞地经济", chat_id=-1002, chat_type="supergroup")
    message = last_message_to(tg, -1002)
    for press in range(2):
        since = tg.mark()
        callback_id = tg.press(buttons(answer)[0]["callback_data"], message, user_id=172 + press)
        acknowledged = tg.wait_for("answerCallbackQuery", lambda p: p["callback_query_id"] == callback_id, since=since)
        if press == 0:
            assert tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == -1002, since=since).params["text"].startswith(f"<b>{FEIDI}")
        else:
            assert acknowledged.params["text"] == render.ALREADY_OPEN
            tg.wait_until(lambda: idle(running))
            assert tg.sent_to(-1002, since) == []


def test_an_empty_inline_query_offers_a_way_into_the_bot(running, tg):
    query_id = tg.inline("")
    answered = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id).params
    assert answered["button"] == {"text": "打开离石档案", "start_parameter": "inline"}
    assert answered["results"]  # the newest stories


def test_descriptions_and_commands_per_scope_are_set_at_start(running, tg):
    assert "《今日离石》" in tg.wait_for("setMyDescription").params["description"]
    assert tg.wait_for("setMyShortDescription").params["short_description"]
    groups = tg.wait_for("setMyCommands", lambda p: (p.get("scope") or {}).get("type") == "all_group_chats").params
    assert [c["command"] for c in groups["commands"]] == ["help", "ask", "latest", "date", "about", "follow", "following",
                                                         "unfollow"]


def test_reader_texts_hold_no_english_words(running, tg):
    """Every fixed text a reader can get is Chinese (commands and @names aside)."""
    texts = [value for name in dir(render) if name.isupper() and isinstance(value := getattr(render, name), str)
             and re.search(r"[\u4e00-\u9fff]", value)]
    texts += [reply(tg, command, chat_id=175)["text"] for command in ("/help", "/about", "/start", "世界杯冠军是谁")]
    for text in texts:
        words = re.findall(r"(?<![/@\w])[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", text))
        assert [w for w in words if w not in ("MB", "PDF", "txt", "pdf")] == [], text


def test_latest_and_date_commands(running, tg):
    latest = reply(tg, "/latest", chat_id=176)["text"]
    assert latest.startswith("<i>最新收录的报道：</i>\n\n<b>1. ") and "约2022年3月" in latest and not problems(latest)
    day = reply(tg, "/date 2020-05-16", chat_id=176)["text"]
    assert day.startswith("<i>这一时间的报道：</i>\n\n<b>1. 开展党群携手提升新‘净’主题党日活动")
    assert reply(tg, "/date 明天", chat_id=176)["text"] == "请写上日期，例如：/date 2020-05-20 或 /date 2020-05"
