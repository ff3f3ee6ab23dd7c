"""Entry point: read Settings from the environment, pick the mode, start it.

    python bot.py build [--seeds DIR]          rebuild the archive from page files
    python bot.py ingest FILE…                 add pages (.txt or .pdf) to the archive
    python bot.py articles [--json]            list every article
    python bot.py ask [QUESTION] [--top K] [--json]   answer a question (or one per stdin line)
    python bot.py                              the Telegram bot with TELEGRAM_BOT_TOKEN, else a console chat
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults

from handlers.render import ingest_text, plain_answer
from handlers.telegram import ALLOWED_UPDATES, BotConfig, install, make_post_init, post_shutdown, post_stop
from index.library import open_library
from index.pages import Summary
from index.search import NOTHING, Searcher
from index.store import Archive, ArchiveError, PageError, build, ingest

logger = logging.getLogger("bot")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    """Everything the program takes from the environment, read once."""

    archive_dir: Path
    seeds_dir: Path
    token: str | None = None
    base_url: str | None = None  # a self-hosted Bot API server (tests: a fake one on 127.0.0.1)
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_port: int = 8443
    webhook_listen: str = "0.0.0.0"

    @classmethod
    def from_env(cls, env: dict[str, str] = os.environ) -> Settings:
        return cls(
            archive_dir=Path(env.get("ARCHIVE_DIR") or HERE / "data"),
            seeds_dir=HERE / "seeds",
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            base_url=env.get("TELEGRAM_BASE_URL") or None,
            allowed_chat_ids=_ids(env, "ALLOWED_CHAT_IDS"),
            admin_ids=_ids(env, "ADMIN_IDS"),
            webhook_url=env.get("WEBHOOK_URL") or None,
            webhook_port=int(env.get("WEBHOOK_PORT") or 8443),
            webhook_listen=env.get("WEBHOOK_LISTEN") or "0.0.0.0",
        )


class SettingsError(ValueError):
    """A setting in the environment cannot be read."""


def _ids(env: dict[str, str], name: str) -> frozenset[int]:
    """Give back the chat or user ids listed in a variable ("123, -100456")."""
    raw = env.get(name) or ""
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a comma-separated list of numeric ids, got {raw!r}") from None


class RedactToken(logging.Formatter):
    """Formats log records with the bot token replaced, tracebacks included, whoever logs it."""

    def __init__(self, token: str, fmt: str):
        super().__init__(fmt)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self.token, "<token>")


def build_application(settings: Settings):
    """Give back the Telegram Application with every handler installed."""
    config = BotConfig(settings.archive_dir, settings.seeds_dir, settings.allowed_chat_ids, settings.admin_ids)
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(AIORateLimiter(max_retries=3))  # a 429 is retried after its retry_after
        .concurrent_updates(16)  # one slow or flooding user does not hold up the others
        .post_init(make_post_init(config))
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if settings.base_url:
        base = settings.base_url.rstrip("/")
        base = base if base.endswith("/bot") else base + "/bot"
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    application = builder.build()
    install(application)
    return application


def run_bot(settings: Settings) -> int:
    """Run the bot until SIGTERM or Ctrl-C: by webhook when WEBHOOK_URL is set, else polling."""
    application = build_application(settings)
    if settings.webhook_url:
        path = hashlib.sha256(settings.token.encode()).hexdigest()[:32]  # unguessable, not the token
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
    return 0


def open_archive(settings: Settings, seeds: Path | None = None) -> Archive:
    """Give back the archive, built from the seeds first if it holds nothing yet."""
    archive = Archive(settings.archive_dir)
    if archive.is_empty():
        build(archive, seeds or settings.seeds_dir)
    return archive


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    with Archive(settings.archive_dir) as archive:
        pages = build(archive, Path(args.seeds))
        if len(pages) <= 20:
            for page in pages:
                print(f"{page.source}: {len(page.articles)} articles, year {page.year or 'unknown'}")
        print(f"{archive.count()} articles from {len(pages)} pages in {archive.path}")
        open_library(archive, settings.archive_dir)  # the search index, so that the first question is quick
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    archive = open_archive(settings)
    results = [ingest(archive, Path(name)) for name in args.files]
    for result in results:
        print(ingest_text(result))
    if any(r.status in ("added", "replaced") for r in results):
        open_library(archive, settings.archive_dir)  # the new stories are searchable at once
    archive.close()
    return 2 if any(r.status == "refused" for r in results) else 0


def cmd_articles(settings: Settings, args: argparse.Namespace) -> int:
    with open_archive(settings) as archive:
        articles = archive.articles()
    if args.json:
        json.dump([a.as_json() for a in articles], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for a in articles:
            when = a.date or ("≈" + a.page_date if a.page_date else "?")  # ≈: the page's date, not the story's
            print(f"{a.id}  {when:11}  {a.kind:7}  {a.title or a.text[:24] + '…'}")
    return 0


def load_searcher(settings: Settings) -> tuple[Searcher, Summary]:
    """Give back a searcher over the whole archive (built from the seeds if empty) and its summary.

    The archive stays open for the life of the process: the searcher reads stories from it."""
    archive = open_archive(settings)
    return open_library(archive, settings.archive_dir), archive.summary()


def answer_json(searcher: Searcher, question: str, top: int) -> dict:
    if not question.strip():
        return {"query": question, "outcome": NOTHING, "wants": None, "missing": [], "results": []}
    return searcher.answer(question, top=top).as_json()


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    searcher, summary = load_searcher(settings)
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        if args.json:
            print(json.dumps(answer_json(searcher, question, args.top), ensure_ascii=False), flush=True)
        else:
            answer = searcher.answer(question, top=args.top) if question.strip() else None
            print(plain_answer(question, answer, summary), flush=True)
            if args.question is None:
                print(flush=True)
    return 0


def console_chat(settings: Settings) -> int:
    """Answer questions typed on stdin until EOF: the bot without Telegram."""
    searcher, summary = load_searcher(settings)
    interactive = sys.stdin.isatty()
    if interactive:
        print(f"《今日离石》档案：{summary.stories}篇报道。输入问题，Ctrl-D 退出。")
    while True:
        if interactive:
            print("问题> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return 0
        question = line.strip()
        if not question:
            continue
        print(plain_answer(question, searcher.answer(question), summary), flush=True)
        print(flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot.py", description="《今日离石》 archive bot")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="(re)build the archive from a folder of page files")
    p_build.add_argument("--seeds", default=str(HERE / "seeds"), help="folder of page files (default: seeds/)")
    p_ingest = sub.add_parser("ingest", help="add page files (.txt as in seeds/, or .pdf) to the archive")
    p_ingest.add_argument("files", nargs="+", help="page files")
    p_articles = sub.add_parser("articles", help="print every article")
    p_articles.add_argument("--json", action="store_true", help="one JSON array")
    p_ask = sub.add_parser("ask", help="answer a question, or one question per line of stdin")
    p_ask.add_argument("question", nargs="?", help="the question (default: read stdin)")
    p_ask.add_argument("--top", type=int, default=3, help="how many stories (default 3)")
    p_ask.add_argument("--json", action="store_true", help="JSON (JSON Lines for stdin)")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    bot_mode = args.command is None and settings.token is not None
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO if bot_mode else logging.WARNING,
        format=LOG_FORMAT,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    if settings.token:
        for handler in logging.getLogger().handlers:
            handler.setFormatter(RedactToken(settings.token, LOG_FORMAT))
    commands = {"build": cmd_build, "ingest": cmd_ingest, "articles": cmd_articles, "ask": cmd_ask}
    try:
        if bot_mode:
            return run_bot(settings)
        if args.command is None:
            return console_chat(settings)
        return commands[args.command](settings, args)
    except (ArchiveError, PageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python bot.py articles | head`
        sys.stderr.close()
        sys.exit(0)
