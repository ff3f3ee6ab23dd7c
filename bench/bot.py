"""The running bot under load: `python bot.py` (polling) against the fake Bot API server on 127.0.0.1.

    .venv/bin/python -m bench.bot [--readers 1000] [--runs 3]

Two figures, medians over runs (the machine is small and noisy):
* fairness: one reader sends 60 questions at once; meanwhile 20 other readers ask one each,
  a few milliseconds apart. Printed: the others' answer time, median and p95, from the moment
  their question reached the server to the moment the answer did.
* throughput: N distinct readers each ask one question at the same moment. Printed: answers a
  second until the last answer, and how many went unanswered or got an apology.

A third figure, at --stories (default 20,000 synthetic stories, as `python -m bench` makes
them): with the bot running, `bot.py ingest` adds one new page; printed are the seconds from
the ingest's start until the bot answers a question with the new page's story, the ingest's
own time, and the bot's peak memory.

Both fairness and throughput run twice: with Telegram's overall pace (30 messages a second, which the bot keeps to
whatever it could do) and with that pace lifted (BOT_OVERALL_PER_SECOND), which shows what the
bot itself can do. The bot runs in its own process, the fake server in this one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-not-a-real-token"
QUESTIONS = ["飞地经济", "无偿献血", "送书上门", "信义镇爱国卫生运动", "拆除复垦", "消费扶贫", "猜灯谜", "九大重点任务",
             "离石区和中阳县什么时候签约飞地经济？", "图书馆送书上门一次能借几本"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def answered_at(fake: FakeTelegram, chat_id: int, since: int) -> float | None:
    with fake.cond:
        return next((c.at for c in fake.calls[since:] if c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id), None)


class Counter:
    """A predicate for wait_until: whether `wanted` calls of a method came, counted as they come
    (rescanning the whole call log at every call would slow the fake server down)."""

    def __init__(self, fake: FakeTelegram, since: int, method: str, wanted: int):
        self.fake, self.next, self.method, self.wanted, self.count = fake, since, method, wanted, 0

    def __call__(self) -> bool:
        calls = self.fake.calls
        self.count += sum(1 for c in calls[self.next:] if c.method == self.method)
        self.next = len(calls)
        return self.count >= self.wanted


def sent(fake: FakeTelegram, since: int) -> int:
    with fake.cond:
        return sum(1 for c in fake.calls[since:] if c.method == "sendMessage")


def quiet(fake: FakeTelegram, since: int, seconds: float = 1.0) -> None:
    """Wait until the bot has sent nothing for `seconds`."""
    count, still = sent(fake, since), time.monotonic()
    while time.monotonic() - still < seconds:
        time.sleep(0.1)
        if sent(fake, since) != count:
            count, still = sent(fake, since), time.monotonic()


def fairness(fake: FakeTelegram, run: int) -> list[float]:
    """Give back the other readers' answer times (s) during one reader's 60-question flood."""
    flooder, others = 10_000 + run, [20_000 + 100 * run + n for n in range(20)]
    since = fake.mark()
    for n in range(60):
        fake.message(f"{QUESTIONS[n % len(QUESTIONS)]} {n}", chat_id=flooder)
    asked = {}
    for n, chat_id in enumerate(others):
        asked[chat_id] = time.monotonic()
        fake.message(QUESTIONS[n % len(QUESTIONS)], chat_id=chat_id)
        time.sleep(0.005)
    fake.wait_until(lambda: all(answered_at(fake, c, since) for c in others), timeout=120, what="the other readers' answers")
    quiet(fake, since)  # the flood worked off
    return [answered_at(fake, c, since) - asked[c] for c in others]


def throughput(fake: FakeTelegram, readers: int, run: int) -> tuple[float, int]:
    """Give back answers a second for `readers` distinct readers asking at once, and the failures."""
    chats = [1_000_000 * (run + 1) + n for n in range(readers)]
    since = fake.mark()
    started = time.monotonic()
    for n, chat_id in enumerate(chats):
        fake.message(QUESTIONS[n % len(QUESTIONS)], chat_id=chat_id)
    fake.wait_until(Counter(fake, since, "sendMessage", readers), timeout=600, what="every answer")
    last = max(c.at for c in fake.calls[since:] if c.method == "sendMessage")
    texts = {int(c.params["chat_id"]): c.params["text"] for c in fake.calls[since:] if c.method == "sendMessage"}
    # every reader is offered a story: an answer, or the related one after "报道中没有提到…"
    failed = sum(1 for chat_id in chats if "<b>1." not in texts.get(chat_id, ""))
    return readers / (last - started), failed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stories", type=int, default=20_000)
    args = parser.parse_args(argv)
    print("the bot against the fake Bot API server on loopback (polling, real handlers, seed archive)")
    for label, pace in (("Telegram's pace, 30 messages/s", 30), ("pace lifted", 100_000)):
        fair, rates, failures = measure(args.readers, args.runs, pace)
        medians = [statistics.median(times) for times in fair]
        p95s = [percentile(times, 0.95) for times in fair]
        print(f"  {label}:")
        print(f"    another reader's answer during a 60-question flood: median {1000 * statistics.median(medians):.0f} ms,"
              f" p95 {1000 * statistics.median(p95s):.0f} ms (median of {args.runs} runs; target p95 <= 1000 ms)")
        print(f"    {args.readers} distinct readers at once: {statistics.median(rates):.0f} answers/s "
              f"(median of {args.runs} runs; target >= 200), unanswered or apologised: {failures}")
    answered, ingested, peak = pickup(args.stories)
    print(f"  a new page while the bot runs, {args.stories:,} stories: answered about it {answered:.1f} s after "
          f"`bot.py ingest` began (the ingest took {ingested:.1f} s; target 10 s); the bot's peak memory {peak:.0f} MB")
    return 0


NEW_PAGE = ("本报讯 6月9日，离石区文化馆在凤山街道上演晋剧专场，演员们唱响《打金枝》等经典剧目，"
            "三百余名群众观看演出。（王艳）\n\n离石区文化馆晋剧专场进社区\n")


def synthetic_archive(archive_dir: Path, stories: int) -> None:
    """Make an archive of synthetic stories with its index, as `python -m bench` makes them."""
    import random

    from bench.search import _build_ours, learned_tokenizer, store, synthetic_articles
    from index.library import tokenize_all
    from index.pagefile import read_page_file
    from index.search import document_text
    from index.store import page_files

    seeds = [a for path in page_files(ROOT / "seeds") for a in read_page_file(path).articles]
    articles = synthetic_articles(stories, seeds, random.Random(stories))
    with store(archive_dir, articles) as archive:
        tokenizer, names = learned_tokenizer(archive_dir, articles)
        tokens = tokenize_all([document_text(a) for a in articles], tokenizer, progress=False)
        _build_ours(tokens, archive_dir, sorted(archive.page_hashes()), articles, names)


def pickup(stories: int) -> tuple[float, float, float]:
    """Give back (seconds until the running bot answers with a new page's story, seconds of the
    ingest itself, the bot's peak MB) on an archive of `stories` synthetic stories."""
    fake = FakeTelegram(TOKEN).start()
    with tempfile.TemporaryDirectory() as folder:
        synthetic_archive(Path(folder), stories)
        page = Path(folder) / "new_page.txt"
        page.write_text(NEW_PAGE, encoding="utf-8")
        env = {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
               "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url, "ARCHIVE_DIR": folder}
        bot = subprocess.Popen([sys.executable, "bot.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            fake.wait_for("getUpdates", timeout=300)
            plain = {k: v for k, v in env.items() if k != "TELEGRAM_BOT_TOKEN"}
            started = time.monotonic()
            ingest = subprocess.Popen([sys.executable, "bot.py", "ingest", str(page)], cwd=ROOT, env=plain,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ingested = ask_until_new_page(fake, ingest, started)
            answered = time.monotonic() - started
            ingest.wait(timeout=300)
            with open(f"/proc/{bot.pid}/status") as status:
                peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
        finally:
            bot.terminate()
            bot.wait(timeout=60)
            fake.stop()
    return answered, ingested or answered, peak


def ask_until_new_page(fake: FakeTelegram, ingest: subprocess.Popen, started: float) -> float | None:
    """Ask about the new page, answer after answer, until the bot answers with its story; give
    back when the ingest process ended, if it did meanwhile (a reader asks again, as readers do)."""
    ingested = None
    for attempt in range(600):
        chat_id, since = 90_000 + attempt, fake.mark()
        fake.message("晋剧专场打金枝", chat_id=chat_id)
        answer = fake.wait_for("sendMessage", lambda p, c=chat_id: int(p["chat_id"]) == c, since=since, timeout=60)
        if ingested is None and ingest.poll() is not None:
            ingested = time.monotonic() - started
        if answer.params["text"].startswith("<b>1. 离石区文化馆晋剧专场进社区"):
            break
    return ingested


def measure(readers: int, runs: int, pace: int) -> tuple[list[list[float]], list[float], int]:
    fake = FakeTelegram(TOKEN).start()
    with tempfile.TemporaryDirectory() as folder:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
               "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url, "ARCHIVE_DIR": folder,
               "BOT_OVERALL_PER_SECOND": str(pace)}
        process = subprocess.Popen([sys.executable, "bot.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            fake.wait_for("getUpdates", timeout=120)
            fair, rates, failures = [], [], 0
            for run in range(runs):
                fair.append(fairness(fake, run))
                rate, failed = throughput(fake, readers, run)
                rates.append(rate)
                failures += failed
        finally:
            process.terminate()
            process.wait(timeout=60)
            fake.stop()
    return fair, rates, failures


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
