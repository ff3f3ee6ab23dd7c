"""The command line and the console chat: build, ingest, articles, ask, and stdin questions.

Each command takes the Settings that bot.py read from the environment; nothing here reads the
environment or touches Telegram.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from handlers import render
from handlers.render import ingest_text, plain_answer
from index.follows import Follows, match_new_stories
from index.library import open_library
from index.pages import Summary
from index.search import NOTHING, Searcher
from index.store import Archive, build, ingest

logger = logging.getLogger(__name__)


def parser(seeds: Path) -> argparse.ArgumentParser:
    """Give back the command line's parser: no command runs the bot or the console chat."""
    p = argparse.ArgumentParser(prog="bot.py", description="《今日离石》 archive bot")
    p.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = p.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="(re)build the archive from a folder of page files")
    p_build.add_argument("--seeds", default=str(seeds), help="folder of page files (default: seeds/)")
    p_ingest = sub.add_parser("ingest", help="add page files (.txt as in seeds/, or .pdf) to the archive")
    p_ingest.add_argument("files", nargs="+", help="page files")
    p_ingest.add_argument("--replace", action="store_true",
                          help="a file takes the place of the page already kept under its name")
    p_pages = sub.add_parser("pages", help="list the pages: name, date, stories, when added")
    p_pages.add_argument("--json", action="store_true", help="one JSON array")
    p_remove = sub.add_parser("remove", help="take a page (by the name `pages` lists) out of the archive")
    p_remove.add_argument("page", help="the page's name")
    p_articles = sub.add_parser("articles", help="print every article")
    p_articles.add_argument("--json", action="store_true", help="one JSON array")
    p_follows = sub.add_parser("follows", help="list the topics chats follow: chat, query, since")
    p_follows.add_argument("--json", action="store_true", help="one JSON array")
    p_ask = sub.add_parser("ask", help="answer a question, or one question per line of stdin")
    p_ask.add_argument("question", nargs="?", help="the question (default: read stdin)")
    p_ask.add_argument("--top", type=int, default=3, help="how many stories (default 3)")
    p_ask.add_argument("--json", action="store_true", help="JSON (JSON Lines for stdin)")
    return p


def run(settings, args: argparse.Namespace) -> int:
    """Run a command, or the console chat without one."""
    commands = {"build": cmd_build, "ingest": cmd_ingest, "pages": cmd_pages, "remove": cmd_remove,
                "articles": cmd_articles, "ask": cmd_ask, "follows": cmd_follows}
    return console_chat(settings) if args.command is None else commands[args.command](settings, args)


def open_archive(settings, seeds: Path | None = None) -> Archive:
    """Give back the archive, built from the seeds first if it holds nothing yet."""
    archive = Archive(settings.archive_dir)
    if archive.is_empty():
        build(archive, seeds or settings.seeds_dir)
    return archive


def cmd_build(settings, args: argparse.Namespace) -> int:
    with Archive(settings.archive_dir) as archive:
        before = archive.article_ids()
        pages = build(archive, Path(args.seeds))
        if len(pages) <= 20:
            for page in pages:
                print(f"{page.source}: {len(page.articles)} articles, year {page.year or 'unknown'}")
        print(f"{archive.count()} articles from {len(pages)} pages in {archive.path}")
        searcher = open_library(archive, settings.archive_dir, rebuild=True)  # the whole index anew, names learned again
        tell_followers(archive, searcher, sorted(archive.article_ids() - before))
    return 0


def tell_followers(archive: Archive, searcher: Searcher, article_ids: list[str]) -> None:
    """Queue the stories just added for the chats following them (the bot sends them)."""
    queued = match_new_stories(archive, searcher, article_ids)
    if queued:
        print(f"{queued} 条新报道提醒待发送")


def cmd_ingest(settings, args: argparse.Namespace) -> int:
    archive = open_archive(settings)
    results = [ingest(archive, Path(name), replace=args.replace) for name in args.files]
    for result in results:
        print(ingest_text(result))
    if any(r.status in ("added", "replaced") for r in results):
        searcher = open_library(archive, settings.archive_dir)  # the new stories are searchable at once
        tell_followers(archive, searcher, [i for r in results for i in r.ids])
    archive.close()
    return 2 if any(r.status == "refused" for r in results) else 0


def cmd_pages(settings, args: argparse.Namespace) -> int:
    with open_archive(settings) as archive:
        pages = archive.pages()
    if args.json:
        print(json.dumps(pages, ensure_ascii=False, indent=1))
        return 0
    for page in pages:
        date = page["page_date"] or "—"
        if page["year"] and date.startswith("--"):
            date = f"{page['year']}{date[1:]}"
        printed = f"\t{render.page_label(page)}" if page["page_no"] or page["paper"] else ""
        print(f"{page['source']}\t{date}\t{page['stories']} 篇\t{page['ingested_at']}{printed}")
    print(f"{len(pages)} pages")
    return 0


def cmd_remove(settings, args: argparse.Namespace) -> int:
    with open_archive(settings) as archive:
        removed = archive.remove_page(args.page)
        if not removed:
            print(f"{args.page}: 档案里没有这个版面（`bot.py pages` 列出全部版面）", file=sys.stderr)
            return 2
        print(f"{args.page}: 已移除，连同 {removed} 篇报道")
        open_library(archive, settings.archive_dir)
    return 0


def cmd_articles(settings, args: argparse.Namespace) -> int:
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


def cmd_follows(settings, args: argparse.Namespace) -> int:
    with open_archive(settings) as archive:
        follows = Follows(archive).all()
    if args.json:
        print(json.dumps([{"chat_id": f.chat_id, "query": f.query, "since": f.created_at} for f in follows],
                         ensure_ascii=False, indent=1))
        return 0
    for f in follows:
        print(f"{f.chat_id}\t{f.query}\t{f.created_at}")
    print(f"{len(follows)} follows")
    return 0


def load_searcher(settings) -> tuple[Searcher, Summary]:
    """Give back a searcher over the whole archive (built from the seeds if empty) and its summary.

    The archive stays open for the life of the process: the searcher reads stories from it."""
    archive = open_archive(settings)
    return open_library(archive, settings.archive_dir, serving=True), archive.summary()


def answer_json(searcher: Searcher, question: str, top: int) -> dict:
    if not question.strip():
        return {"query": question, "outcome": NOTHING, "wants": None, "missing": [], "results": []}
    return searcher.answer(question, top=top).as_json()


def cmd_ask(settings, args: argparse.Namespace) -> int:
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


def console_chat(settings) -> int:
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
