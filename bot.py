"""Entry point: read Settings from the environment, pick the mode, start it.

    python bot.py build [--seeds DIR]      rebuild the archive from page files
    python bot.py articles [--json]        list every article
    python bot.py                          the Telegram bot with TELEGRAM_BOT_TOKEN, else a console chat
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from index.store import Archive, ArchiveError, PageError, build

logger = logging.getLogger("bot")
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    """Everything the program takes from the environment, read once."""

    archive_dir: Path
    seeds_dir: Path
    token: str | None

    @classmethod
    def from_env(cls, env: dict[str, str] = os.environ) -> Settings:
        return cls(
            archive_dir=Path(env.get("ARCHIVE_DIR") or HERE / "data"),
            seeds_dir=HERE / "seeds",
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
        )


def open_archive(settings: Settings, seeds: Path | None = None) -> Archive:
    """Give back the archive, built from the seeds first if it holds nothing yet."""
    archive = Archive(settings.archive_dir)
    if archive.is_empty():
        build(archive, seeds or settings.seeds_dir)
    return archive


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    with Archive(settings.archive_dir) as archive:
        pages = build(archive, Path(args.seeds))
        for page in pages:
            print(f"{page.source}: {len(page.articles)} articles, year {page.year or 'unknown'}")
        print(f"{archive.count()} articles from {len(pages)} pages in {archive.path}")
    return 0


def cmd_articles(settings: Settings, args: argparse.Namespace) -> int:
    with open_archive(settings) as archive:
        articles = archive.articles()
    if args.json:
        json.dump([a.as_json() for a in articles], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for a in articles:
            print(f"{a.id}  {a.date or a.page_date or '?':10}  {a.kind:7}  {a.title or a.text[:24] + '…'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot.py", description="《今日离石》 archive bot")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="(re)build the archive from a folder of page files")
    p_build.add_argument("--seeds", default=str(HERE / "seeds"), help="folder of page files (default: seeds/)")
    p_articles = sub.add_parser("articles", help="print every article")
    p_articles.add_argument("--json", action="store_true", help="one JSON array")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    settings = Settings.from_env()
    commands = {"build": cmd_build, "articles": cmd_articles}
    try:
        if args.command is None:
            parser.print_help()
            return 0
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
