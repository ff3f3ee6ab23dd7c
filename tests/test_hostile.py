"""A busy newsroom and a hostile client against the real bot: floods, forged buttons, strangers,
Telegram's own faults. The bot has an allow-list and an editor, as a newsroom would run it."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import bot
from handlers import render
from index.store import Archive
from tests.botrunner import RunningBot
from tests.conftest import FIGURES, SEEDS, TOKEN
from tests.fake_telegram import FakeTelegram
from tests.test_bot import buttons, last_message_to, reply
from tests.test_editor import send_file
from tests.test_ingest import WALNUT

ROOT = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).resolve().parent.parent
EDITOR, FLOODER, READER, OTHER = 5001, 5002, 5003, 5004
GROUP, FOREIGN_GROUP = -100500, -100666
STRANGER = 5999


@pytest.fixture(scope="module")
def running(tg, tmp_path_factory):
    settings = bot.Settings(archive_dir=tmp_path_factory.mktemp("data"), seeds_dir=SEEDS, token=TOKEN,
                            base_url=tg.base_url, admin_ids=frozenset({EDITOR}),
                            allowed_chat_ids=frozenset({EDITOR, FLOODER, READER, OTHER, GROUP}))
    runner = RunningBot(settings, tg).start()
    yield runner
    runner.stop()


def idle(running) -> bool:
    return not running.application.bot_data["state"].queues.waiting


def to_chat(chat_id):
    return lambda p: int(p["chat_id"]) == chat_id


def test_another_reader_is_answered_during_a_flood(running, tg):
    since = tg.mark()
    for n in range(60):
        tg.message(f"无偿献血 {n}", chat_id=FLOODER)
    tg.wait_for("sendMessage", to_chat(FLOODER), since=since)  # the flood is being served
    asked = time.monotonic()
    tg.message("送书上门", chat_id=READER)
    answer = tg.wait_for("sendMessage", to_chat(READER), since=since)
    FIGURES.append(f"another reader's answer during a 60-question flood: {1000 * (answer.at - asked):.0f} ms")
    assert answer.params["text"].startswith("<b>1. 离石区图书馆开启")
    tg.wait_until(lambda: idle(running), timeout=60, what="the flood to be worked off")
    flood = [p["text"] for p in tg.sent_to(FLOODER, since)]
    assert flood.count(render.SLOW_DOWN) == 1  # told once, not sixty times
    assert len(flood) < 60


def test_a_button_pressed_during_a_flood_opens_its_story(running, tg):
    answer = reply(tg, "飞地经济", chat_id=READER)
    message = last_message_to(tg, READER)
    since = tg.mark()
    for n in range(40):
        tg.message(f"扶贫 {n}", chat_id=FLOODER)
    tg.press(buttons(answer)[0]["callback_data"], message, user_id=READER)
    story = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER and "500万吨焦化项目" in p["text"], since=since)
    assert story.params["text"].startswith("<b>离石区和中阳县“飞地经济”")
    tg.wait_until(lambda: idle(running), timeout=60, what="the flood to be worked off")


def test_a_forged_more_button_shows_nothing_of_another_readers(running, tg):
    theirs = reply(tg, "扶贫", chat_id=OTHER)
    their_more = [b for b in buttons(theirs) if b["text"] == "▶"][0]["callback_data"]
    reply(tg, "飞地经济", chat_id=READER)
    mine = last_message_to(tg, READER)
    for forged in (their_more, "more:1:1", "more:" + "A" * 16 + ":1", "art:../../etc", "x" * 64):
        since = tg.mark()
        callback_id = tg.press(forged, mine, user_id=READER)
        answered = tg.wait_for("answerCallbackQuery", lambda p, c=callback_id: p["callback_query_id"] == c, since=since)
        assert answered.params["text"] == render.EXPIRED
        assert [c for c in tg.calls[since:] if c.method in ("editMessageText", "sendMessage")] == []


def test_inline_results_are_personal_with_an_allow_list(running, tg):
    since = tg.mark()
    query_id = tg.inline("飞地经济", user_id=READER)
    answered = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    assert answered["results"] and str(answered["is_personal"]).lower() == "true"
    query_id = tg.inline("飞地经济", user_id=STRANGER)
    answered = tg.wait_for("answerInlineQuery", lambda p: p["inline_query_id"] == query_id, since=since).params
    assert answered["results"] == [] and str(answered["is_personal"]).lower() == "true"


def test_a_strangers_clipping_press_is_refused(running, tg):
    since = tg.mark()
    message = {"message_id": 1, "date": 0, "chat": {"id": STRANGER, "type": "private", "first_name": "陌生人"}}
    callback_id = tg.press("clip:0123456789", message, user_id=STRANGER)
    refused = tg.wait_for("answerCallbackQuery", lambda p: p["callback_query_id"] == callback_id, since=since)
    assert refused.params["text"] == render.REFUSED
    tg.wait_until(lambda: idle(running))
    assert [c for c in tg.calls[since:] if c.method in ("sendPhoto", "sendMediaGroup", "sendMessage")] == []


def test_an_upload_outside_the_allow_list_changes_nothing(running, tg):
    archive_dir = running.application.bot_data["state"].config.archive_dir
    with Archive(archive_dir) as archive:
        before = archive.count()
    since = tg.mark()
    tg.files["walnut"] = "\n\n".join(WALNUT).encode()
    document = {"file_id": "walnut", "file_unique_id": "walnut", "file_name": "walnut.txt", "file_size": 400}
    tg.message(None, chat_id=FOREIGN_GROUP, user_id=EDITOR, chat_type="supergroup", document=document)
    tg.message("@lishi_archive_bot 飞地经济", chat_id=FOREIGN_GROUP, user_id=EDITOR, chat_type="supergroup")
    refusal = tg.wait_for("sendMessage", to_chat(FOREIGN_GROUP), since=since).params["text"]
    assert refusal == render.REFUSED  # to the message that addressed the bot; the document got silence
    assert [c for c in tg.calls[since:] if c.method == "getFile"] == []
    with Archive(archive_dir) as archive:
        assert archive.count() == before


def test_an_upload_that_is_not_a_page_is_refused(running, tg):
    chat_log = "\n".join(f"张三：明天开会的材料准备好了吗？李四：已经发到群里了，请查收。第{n}条" for n in range(20))
    answer = send_file(tg, EDITOR, "聊天记录.txt", chat_log.encode())["text"]
    assert "未收录" in answer and "看起来不是报纸版面" in answer


def test_a_reused_file_name_keeps_the_first_pages_stories(running, tg):
    assert "已加入" in send_file(tg, EDITOR, "week.txt", "\n\n".join(WALNUT).encode())["text"]
    other = "\n\n".join(WALNUT).replace("核桃文化节", "小米丰收节").replace("核桃", "小米")
    assert "已加入" in send_file(tg, EDITOR, "week.txt", other.encode())["text"]
    assert reply(tg, "核桃文化节", chat_id=READER)["text"].startswith("<b>1. 离石区举办首届核桃文化节")
    assert reply(tg, "小米丰收节", chat_id=READER)["text"].startswith("<b>1. 离石区举办首届小米丰收节")


def test_the_answer_arrives_though_the_question_was_deleted(running, tg):
    since = tg.mark()
    question = tg.message("@lishi_archive_bot 飞地经济", chat_id=GROUP, user_id=READER, chat_type="supergroup")
    tg.delete(question)
    answer = tg.wait_for("sendMessage", to_chat(GROUP), since=since).params
    assert answer["text"].startswith("<b>1. 离石区和中阳县")
    assert answer["reply_parameters"]["message_id"] == question["message_id"]
    tg.wait_until(lambda: idle(running))
    assert last_message_to(tg, GROUP)["text"] == answer["text"]  # delivered, not refused and apologised for


def test_the_story_opens_though_the_buttons_answer_was_refused(running, tg):
    answer = reply(tg, "飞地经济", chat_id=READER)
    message = last_message_to(tg, READER)
    tg.fail_next("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
    since = tg.mark()
    tg.press(buttons(answer)[0]["callback_data"], message, user_id=READER)
    story = tg.wait_for("sendMessage", to_chat(READER), since=since).params["text"]
    assert story.startswith("<b>离石区和中阳县“飞地经济”")


def test_forum_topics_keep_their_thread(running, tg):
    since = tg.mark()
    tg.message("@lishi_archive_bot 飞地经济", chat_id=GROUP, user_id=READER, chat_type="supergroup",
               message_thread_id=77, is_topic_message=True)
    answer = tg.wait_for("sendMessage", to_chat(GROUP), since=since).params
    assert int(answer["message_thread_id"]) == 77
    message = last_message_to(tg, GROUP)
    since = tg.mark()
    tg.press(buttons(answer)[0]["callback_data"], message, user_id=READER)
    story = tg.wait_for("sendMessage", to_chat(GROUP), since=since).params
    assert int(story["message_thread_id"]) == 77 and story["text"].startswith("<b>离石区和中阳县")


def test_a_command_without_a_space_is_answered(running, tg):
    assert reply(tg, "/ask飞地经济", chat_id=READER)["text"].startswith("<b>1. 离石区和中阳县")


@pytest.mark.parametrize("thanks", ["谢谢", "谢谢你！", "thanks", "👍", "好的"])
def test_thanks_are_not_answered_with_a_search(running, tg, thanks):
    assert reply(tg, thanks, chat_id=READER)["text"] == render.YOU_ARE_WELCOME


def test_strangers_learn_nothing_of_the_editors_commands(running, tg):
    published = [c for c in tg.calls if c.method == "setMyCommands"]
    public = [c.params for c in published if "scope" not in c.params]
    scoped = [c.params for c in published if "scope" in c.params]
    assert {"stats", "reload"}.isdisjoint(c["command"] for c in public[-1]["commands"])
    assert scoped and scoped[-1]["scope"] == {"type": "chat", "chat_id": EDITOR}
    assert {"stats", "reload"} <= {c["command"] for c in scoped[-1]["commands"]}
    unknown = reply(tg, "/nosuchcommand", chat_id=READER)["text"]
    assert reply(tg, "/stats", chat_id=READER)["text"] == unknown
    assert reply(tg, "/reload", chat_id=READER)["text"] == unknown
    assert reply(tg, "/stats", chat_id=STRANGER)["text"] == render.REFUSED


def test_a_group_outside_the_list_gets_silence_unless_it_addresses_the_bot(running, tg):
    since = tg.mark()
    tg.message("今天开会", chat_id=-100777, user_id=OTHER, chat_type="group")
    tg.message("飞地经济", chat_id=READER)  # a marker: answered after the group's message was handled
    tg.wait_for("sendMessage", to_chat(READER), since=since)
    tg.wait_until(lambda: idle(running))
    assert tg.sent_to(-100777, since) == []


def test_a_429_in_one_chat_does_not_hold_up_another(running, tg):
    tg.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3, chat_id=OTHER)
    since = tg.mark()
    tg.message("飞地经济", chat_id=OTHER)
    refused = tg.wait_for("sendMessage", to_chat(OTHER), since=since)
    tg.message("送书上门", chat_id=READER)
    other = tg.wait_for("sendMessage", to_chat(READER), since=since)
    retried = tg.wait_for("sendMessage", to_chat(OTHER), since=tg.calls.index(refused) + 1, timeout=20)
    assert other.at < retried.at  # the reader was answered while the refused chat waited
    assert retried.params["text"] == refused.params["text"]


def test_an_update_that_cannot_be_read_is_skipped_without_the_readers_text(running, tg, caplog):
    since = tg.mark()
    with caplog.at_level(logging.INFO):
        tg.push("message", {"message_id": "not a number", "chat": "私密的话", "text": "私密的话"})
        assert reply(tg, "飞地经济", chat_id=READER)["text"].startswith("<b>1.")
    assert "私密的话" not in caplog.text
    assert sum("cannot be read" in r.getMessage() for r in caplog.records) == 1
    assert len([c for c in tg.calls[since:] if c.method == "getUpdates"]) < 10  # it did not loop


def start_process(fake, archive_dir, **env):
    """Run `python bot.py` as an operator would, against the fake server."""
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
                   "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url, "ARCHIVE_DIR": str(archive_dir), **env}
    return subprocess.Popen([sys.executable, "bot.py"], cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def test_sigterm_under_a_flood_answers_what_was_asked_and_exits(tmp_path):
    fake = FakeTelegram(TOKEN).start()
    process = start_process(fake, tmp_path)
    try:
        fake.wait_for("getUpdates", timeout=60)
        readers = [6001, 6002, 6003, 6004]
        for n in range(10):
            for chat_id in readers:
                fake.message(f"扶贫 {n}", chat_id=chat_id)
        fake.wait_until(lambda: fake.delivered, what="the bot taking in the flood")  # stop in the middle of it
        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        FIGURES.append(f"exit after SIGTERM under a 40-question flood: {time.monotonic() - stopped:.1f} s")
        assert process.returncode == 0 and "Traceback" not in output
        # Every question the bot took in (confirmed by the offset of its next getUpdates) was
        # answered before it stopped; those it had not confirmed stay with Telegram for its next start.
        taken = [json.loads(u)["message"]["chat"]["id"] for i, u in fake.delivered.items()
                 if i < fake.confirmed and '"message"' in u]
        assert taken
        for chat_id in readers:
            sent = [m["text"] for (chat, _), m in fake.messages.items() if chat == chat_id]
            assert len([t for t in sent if t.startswith("<b>1.")]) == taken.count(chat_id), sent
    finally:
        if process.poll() is None:
            process.kill()
        fake.stop()


def test_the_webhook_refuses_requests_without_the_secret(tmp_path):
    fake = FakeTelegram(TOKEN).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = start_process(fake, tmp_path, WEBHOOK_URL="https://example.invalid/hook", WEBHOOK_LISTEN="127.0.0.1",
                            WEBHOOK_PORT=str(port), WEBHOOK_SECRET="s3cret-token")
    try:
        output = Output(process)
        registered = fake.wait_for("setWebhook", timeout=60).params
        output.wait_for("Application started")  # PTB says so once its webhook server listens
        assert registered["secret_token"] == "s3cret-token"
        url = f"http://127.0.0.1:{port}/{registered['url'].rsplit('/', 1)[1]}"
        update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "text": "飞地经济",
                                              "chat": {"id": 6101, "type": "private"}, "from": fake.user(6101)}}
        forged = urllib.request.Request(url, json.dumps(update).encode(), {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=10)
        assert refused.value.code == 403
        real = urllib.request.Request(url, json.dumps({**update, "update_id": 2}).encode(),
                                      {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        urllib.request.urlopen(real, timeout=10)
        assert fake.wait_for("sendMessage", to_chat(6101)).params["text"].startswith("<b>1. 离石区和中阳县")
        assert len(fake.sent_to(6101)) == 1  # the forged update did nothing
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        fake.stop()


class Output:
    """A process's output read as it comes, so a test can wait for a line to appear."""

    def __init__(self, process):
        self.lines: list[str] = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process) -> None:
        for line in process.stdout:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        with self.cond:
            if not self.cond.wait_for(lambda: any(text in line for line in self.lines), timeout):
                raise AssertionError(f"{text!r} not printed within {timeout}s; printed: {self.lines[-5:]}")


def test_a_reader_who_blocked_the_bot_costs_nobody_else(running, tg):
    tg.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", times=2, chat_id=OTHER)  # the answer, the apology
    since = tg.mark()
    tg.message("飞地经济", chat_id=OTHER)
    tg.wait_until(lambda: not tg.failures_left("sendMessage"), what="both refused sends")
    assert reply(tg, "送书上门", chat_id=READER)["text"].startswith("<b>1. 离石区图书馆开启")
    tg.wait_until(lambda: idle(running))
    assert [p["text"][:3] for p in tg.sent_to(OTHER, since)] == ["<b>", "抱歉，"]  # tried once each, no retry loop
