"""Entry point: read Settings from the environment, pick the mode, start it.

    python bot.py build [--seeds DIR]          rebuild the archive from page files
    python bot.py ingest FILE… [--replace]     add pages (.txt or .pdf) to the archive
    python bot.py pages [--json]               list the pages
    python bot.py remove PAGE                  take a page out
    python bot.py articles [--json]            list every article
    python bot.py ask [QUESTION] [--top K] [--json]   answer a question (or one per stdin line)
    python bot.py                              the Telegram bot with TELEGRAM_BOT_TOKEN, else a console chat
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from handlers import cli
from index.pagefile import PageError
from index.store import ArchiveError

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
    webhook_secret: str | None = None  # Telegram sends it with every update; made up when not set
    overall_per_second: int = 30  # Telegram's pace across all chats (bench.bot lifts it)

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
            webhook_secret=env.get("WEBHOOK_SECRET") or None,
            overall_per_second=int(env.get("BOT_OVERALL_PER_SECOND") or 30),
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


def main(argv: list[str] | None = None) -> int:
    args = cli.parser(HERE / "seeds").parse_args(argv)
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
    try:
        if bot_mode:  # Telegram's modules load here only: the command line never imports them
            from handlers import telegram

            return telegram.run(settings)
        return cli.run(settings, args)
    except (ArchiveError, PageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python bot.py articles | head`
        sys.stderr.close()
        sys.exit(0)
