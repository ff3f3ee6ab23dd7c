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
import sys
from pathlib import Path

from handlers import cli
from handlers.settings import LOG_FORMAT, RedactToken, Settings, SettingsError
from index.pagefile import PageError
from index.store import ArchiveError

logger = logging.getLogger("bot")
HERE = Path(__file__).resolve().parent


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
