"""Following a topic, against the fake Bot API server and the real store: commands and buttons,
who may change a group's follows, and new stories delivered once, to the right chats only."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import bot
from index.follows import Follows
from index.store import Archive
from tests.botrunner import RunningBot
from tests.conftest import SEEDS, TOKEN
from tests.test_bot import buttons, reply
from tests.test_editor import send_file

EDITOR, READER, OTHER, BLOCKER, SLOW, FAST, LEFT = 5001, 5002, 5003, 5004, 5005, 5006, 5007
GROUP, MEMBER, ADMIN = -100500, 5010, 5011
LISTER, OPERATOR, ASKER, VANISHED = 5020, 5021, 5022, 5023  # chats of one test each: tests pass alone and in any order
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def page(topic: str, day: int) -> bytes:
    """Give back a page with one dated, signed story on a topic."""
    return (f"本报讯 6月{day}日，离石区{topic}活动在滨河街道举行，二百余位居民参加了{topic}。（高淑芳）\n\n"
            f"滨河街道举行{topic}\n").encode()


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return bot.Settings(archive_dir=tmp_path_factory.mktemp("data"), seeds_dir=SEEDS, token=TOKEN, base_url=None,
                        admin_ids=frozenset({EDITOR}),
                        allowed_chat_ids=frozenset({EDITOR, READER, OTHER, BLOCKER, SLOW, FAST, GROUP, MEMBER, ADMIN, LISTER,
                                                          OPERATOR, ASKER, VANISHED}))


@pytest.fixture(scope="module")
def running(tg, settings):
    runner = RunningBot(bot.Settings(**{**settings.__dict__, "base_url": tg.base_url}), tg).start()
    yield runner
    runner.stop()


def chat_message(chat_id: int) -> dict:
    return {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private", "first_name": "读者"}}


def alerts(tg, chat_id: int, since: int = 0) -> list[dict]:
    return [p for p in tg.sent_to(chat_id, since) if p["text"].startswith("🔔")]


def outbox(settings, chat_id: int) -> list[str | None]:
    with Archive(settings.archive_dir) as archive:
        return [r[0] for r in archive.db.execute("SELECT sent_at FROM outbox WHERE chat_id = ?", (chat_id,))]


def all_sent(settings) -> bool:
    with Archive(settings.archive_dir) as archive:
        return archive.db.execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0] == 0


def test_follow_list_and_unfollow_in_a_private_chat(running, tg):
    assert reply(tg, "/follow", chat_id=LISTER)["text"].startswith("用法：<code>/follow 话题</code>")
    assert reply(tg, "/follow 核桃文化节", chat_id=LISTER)["text"] == "已关注「核桃文化节」。有相关新报道时会在这里通知。/following 查看全部关注。"
    assert reply(tg, "/follow 核桃文化节", chat_id=LISTER)["text"] == "已经关注过「核桃文化节」了。"
    assert "太笼统" in reply(tg, "/follow 离石区", chat_id=LISTER)["text"]
    listing = reply(tg, "/following", chat_id=LISTER)
    assert listing["text"] == "<b>已关注的话题</b>（点按钮取消）：\n· 核桃文化节"
    [button] = buttons(listing)
    assert button["text"] == "🔕 取消「核桃文化节」" and button["callback_data"].startswith("unf:")
    forged = tg.mark()  # the same button data sent from another reader's chat
    tg.press(button["callback_data"], chat_message(OTHER), user_id=OTHER)
    assert tg.wait_for("answerCallbackQuery", since=forged).params["text"] == "这个按钮已经过期了，请重新提问。"
    since = tg.mark()
    tg.press(button["callback_data"], chat_message(LISTER), user_id=LISTER)
    assert tg.wait_for("answerCallbackQuery", since=since).params["text"] == "已取消关注「核桃文化节」"
    assert tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == LISTER, since=since).params["text"].startswith("还没有关注任何话题")
    assert reply(tg, "/unfollow 核桃文化节", chat_id=LISTER)["text"].startswith("没有关注「核桃文化节」")


def test_only_a_groups_admins_change_its_follows(running, tg):
    tg.members[(GROUP, ADMIN)] = "administrator"
    refused = reply(tg, "/follow 饺子宴", chat_id=GROUP, user_id=MEMBER, chat_type="supergroup")
    assert refused["text"] == "只有本群管理员可以添加或取消关注。"
    assert reply(tg, "/following", chat_id=GROUP, user_id=MEMBER, chat_type="supergroup")["text"].startswith("还没有关注")
    added = reply(tg, "/follow 饺子宴", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    assert added["text"].startswith("已关注「饺子宴」")
    assert reply(tg, "/unfollow 饺子宴", chat_id=GROUP, user_id=MEMBER, chat_type="supergroup")["text"] == "只有本群管理员可以添加或取消关注。"
    assert reply(tg, "/unfollow 饺子宴", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")["text"] == "已取消关注「饺子宴」。"


def test_a_new_story_reaches_its_followers_only_and_once(running, tg, settings):
    reply(tg, "/follow 剪纸展览", chat_id=READER)
    reply(tg, "/follow 太极拳比赛", chat_id=OTHER)
    since = tg.mark()
    assert send_file(tg, EDITOR, "paper_cut.txt", page("剪纸展览", 3))["text"].startswith("<b>paper_cut.txt: 已加入 1 篇报道")
    alert = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER and p["text"].startswith("🔔"), since=since).params
    assert alert["text"].startswith("🔔 <b>「剪纸展览」有新报道</b>\n\n<b>1. 滨河街道举行剪纸展览</b>\n<i>6月3日</i> · 《今日离石》\n"
                                    "本报讯 6月3日，离石区剪纸展览活动")
    assert [b["text"] for b in buttons(alert)] == ["📄 1. 滨河街道举行剪纸展览"]
    tg.wait_until(lambda: all_sent(settings), what="the outbox to be sent")
    assert alerts(tg, OTHER, since) == [] and len(alerts(tg, READER, since)) == 1


def test_an_ingest_by_another_process_is_delivered_and_a_restart_repeats_nothing(tmp_path):
    from tests.fake_telegram import FakeTelegram

    fake = FakeTelegram(TOKEN).start()
    settings = bot.Settings(archive_dir=tmp_path / "data", seeds_dir=SEEDS, token=TOKEN, base_url=fake.base_url,
                            admin_ids=frozenset({EDITOR}))
    first = RunningBot(settings, fake).start()
    try:
        reply(fake, "/follow 风筝节", chat_id=READER)
        reply(fake, "/follow 书法比赛", chat_id=OTHER)
        path = tmp_path / "kites.txt"
        path.write_bytes(page("风筝节", 5))
        env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, "ARCHIVE_DIR": str(settings.archive_dir)}
        done = subprocess.run([sys.executable, "bot.py", "ingest", str(path)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)  # no Telegram in this process
        assert done.returncode == 0 and "1 条新报道提醒待发送" in done.stdout, done.stderr
        fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == READER and p["text"].startswith("🔔"))
    finally:
        first.stop()
    second = RunningBot(settings, fake).start()
    try:
        # a later delivery to another chat shows the restarted bot has read the outbox
        send_file(fake, EDITOR, "calligraphy.txt", page("书法比赛", 6))
        fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == OTHER and p["text"].startswith("🔔"))
        fake.wait_until(lambda: all_sent(settings), what="the outbox to be sent")
        assert len([p for p in alerts(fake, READER) if "风筝节" in p["text"]]) == 1
    finally:
        second.stop()
        fake.stop()


def test_a_chat_that_blocked_the_bot_loses_its_follows(running, tg, settings):
    reply(tg, "/follow 舞龙表演", chat_id=BLOCKER)
    tg.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=BLOCKER)
    send_file(tg, EDITOR, "dragon.txt", page("舞龙表演", 7))
    tg.wait_until(lambda: outbox(settings, BLOCKER) == ["dropped"], what="the blocked chat's delivery to be dropped")
    with Archive(settings.archive_dir) as archive:
        assert Follows(archive).of_chat(BLOCKER) == []


def test_a_429_holds_up_only_its_own_chat(running, tg, settings):
    reply(tg, "/follow 象棋比赛", chat_id=SLOW)
    reply(tg, "/follow 象棋比赛", chat_id=FAST)
    tg.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3, chat_id=SLOW)
    since = tg.mark()
    send_file(tg, EDITOR, "chess.txt", page("象棋比赛", 8))
    fast = tg.wait_for("sendMessage", lambda p: int(p["chat_id"]) == FAST and p["text"].startswith("🔔"), since=since)
    tg.wait_until(lambda: outbox(settings, SLOW) != [None], timeout=30, what="the slow chat's delivery")
    slow_calls = [i for i, c in enumerate(tg.calls[since:]) if c.method == "sendMessage" and int(c.params["chat_id"]) == SLOW]
    assert len(slow_calls) == 2  # refused with 429 once, then sent
    assert tg.calls.index(fast) < since + slow_calls[1]
    [sent_at] = outbox(settings, SLOW)
    assert sent_at[:2] == "20"  # sent (a time), once


def test_a_chat_no_longer_admitted_gets_nothing(running, tg, settings):
    with Archive(settings.archive_dir) as archive:  # it followed while it was admitted
        assert Follows(archive).add(LEFT, "腰鼓表演", running.application.bot_data["state"].searcher.followable("腰鼓表演")[0]) == "added"
    since = tg.mark()
    send_file(tg, EDITOR, "drums.txt", page("腰鼓表演", 9))
    tg.wait_until(lambda: outbox(settings, LEFT) == ["skipped"], what="the delivery to be skipped")
    assert tg.sent_to(LEFT, since) == []


def test_follows_are_listed_for_an_operator(running, tg, settings):
    reply(tg, "/follow 秧歌表演", chat_id=OPERATOR)
    env = {**{k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}, "ARCHIVE_DIR": str(settings.archive_dir)}
    done = subprocess.run([sys.executable, "bot.py", "follows", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    listed = json.loads(done.stdout)
    assert {"chat_id": OPERATOR, "query": "秧歌表演"} in [{k: f[k] for k in ("chat_id", "query")} for f in listed]
    assert all(set(f) == {"chat_id", "query", "since"} for f in listed)


def test_odd_follow_requests_get_plain_answers(running, tg):
    long = "飞地经济" * 60
    assert reply(tg, f"/follow {long}", chat_id=OPERATOR)["text"].startswith(f"已关注「{long[:100]}」")
    assert "日期" in reply(tg, "/follow 2020年5月20日", chat_id=OPERATOR)["text"]
    for common in ("义诊", "疫情防控", "复工复产"):  # printed often, but in fewer than half the stories: topics
        assert reply(tg, f"/follow {common}", chat_id=OPERATOR)["text"].startswith(f"已关注「{common}」")
    assert "太笼统" in reply(tg, "/follow 工作", chat_id=OPERATOR)["text"]  # in most stories
    since = tg.mark()
    tg.press("unf:999999999", chat_message(OPERATOR), user_id=OPERATOR)  # no such follow
    assert tg.wait_for("answerCallbackQuery", since=since).params["text"] == "这个按钮已经过期了，请重新提问。"
    assert reply(tg, "/unfollow", chat_id=OPERATOR)["text"].startswith("<b>已关注的话题</b>")


def test_an_answer_offers_to_follow_its_question(running, tg):
    answer = reply(tg, "飞地经济合作", chat_id=ASKER)
    [bell] = [b for b in buttons(answer) if b["text"] == "🔔 关注这个话题"]
    since = tg.mark()
    tg.press(bell["callback_data"], chat_message(OTHER), user_id=OTHER)  # the token is bound to the asker's chat
    assert tg.wait_for("answerCallbackQuery", since=since).params["text"] == "这个按钮已经过期了，请重新提问。"
    since = tg.mark()
    tg.press(bell["callback_data"], chat_message(ASKER), user_id=ASKER)
    assert tg.wait_for("answerCallbackQuery", since=since).params["text"] == "已关注「飞地经济合作」，有新报道时会通知。"
    assert reply(tg, "/following", chat_id=ASKER)["text"].endswith("· 飞地经济合作")


def test_a_stranger_cannot_follow_and_a_vanished_chat_is_forgotten(running, tg, settings):
    stranger = 5099  # not on the allow-list
    assert reply(tg, "/follow 秧歌表演", chat_id=stranger)["text"] == "抱歉，这个机器人只为指定的读者和群组服务。"
    with Archive(settings.archive_dir) as archive:
        assert Follows(archive).of_chat(stranger) == []
    reply(tg, "/follow 皮影戏表演", chat_id=VANISHED)
    tg.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=VANISHED)
    send_file(tg, EDITOR, "shadow_play.txt", page("皮影戏表演", 10))
    tg.wait_until(lambda: outbox(settings, VANISHED)[-1:] == ["dropped"], what="the vanished chat's delivery to be dropped")
    with Archive(settings.archive_dir) as archive:
        assert Follows(archive).of_chat(VANISHED) == []
