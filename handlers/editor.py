"""What editors do: add pages by sending them, reload, read the figures. Also the watcher that
picks up pages another process (`bot.py ingest`) added.

Editors are ADMIN_IDS; their handlers are registered with `filters.User(ADMIN_IDS)`, so to
anyone else /stats is an unknown command like any other word.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes

from handlers import follow, render
from handlers.access import is_admin
from handlers.state import BotConfig, BotState, state
from index.follows import match_new_stories
from index.library import INDEX_DIR, IndexStale, open_library
from index.pages import Summary
from index.search import Searcher
from index.segments import current_name
from index.store import Archive, ingest

logger = logging.getLogger(__name__)

UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes: a page's text or PDF is far smaller
UPLOAD_TYPES = (".txt", ".pdf")
WATCH_SECONDS = 2.0  # how often the archive is checked for pages added by another process
OLD_ARCHIVE_SECONDS = 60.0  # an archive connection replaced by a reload is closed this much later


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add a page an editor sends as a document (in an admitted chat: the gate saw to that), and
    say in that chat what it added or why it was refused."""
    st, message = state(context), update.effective_message
    document = message.document
    name = safe_file_name(document.file_name or "page.txt")
    if not name.lower().endswith(UPLOAD_TYPES):
        await message.reply_text(render.WRONG_TYPE)
        return
    if document.file_size and document.file_size > UPLOAD_LIMIT:
        await message.reply_text(render.TOO_BIG)
        return
    data = await (await context.bot.get_file(document.file_id)).download_as_bytearray()
    if len(data) > UPLOAD_LIMIT:
        await message.reply_text(render.TOO_BIG)
        return
    result = await asyncio.to_thread(ingest_bytes, st.config.archive_dir, name, bytes(data))
    if result.status in ("added", "replaced"):
        await reload(context.application, update=True)  # this process ingested: it publishes the index
        await st.run(match_new_stories, st.archive, st.searcher, list(result.ids))
    markup = None
    if result.beside:  # replacing is asked for, by a button that says what it removes
        token = await st.run(st.archive.remember_query, result.beside, message.chat_id)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(render.drop_label(result.beside), callback_data=f"drop:{token}")]])
    await message.reply_html(render.ingest_html(result), reply_markup=markup)


async def drop_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`drop:<token>`: an editor takes out the older page an upload was added beside."""
    st, query = state(context), update.callback_query
    if not is_admin(st.config, update):
        await query.answer(render.EDITORS_ONLY_BUTTON, show_alert=True)
        return
    source = st.archive.query_text(query.data.removeprefix("drop:"), query.message.chat_id) if query.message else None
    if source is None:
        await query.answer(render.EXPIRED, show_alert=True)
        return
    await query.answer()
    removed = await asyncio.to_thread(remove_page, st.config.archive_dir, source)
    if removed:
        await reload(context.application, update=True)
    await query.edit_message_reply_markup(None)
    await query.message.reply_html(render.dropped_html(source, removed), do_quote=False)


def remove_page(archive_dir: Path, source: str) -> int:
    """Take a page out on its own connection and bring the index up to it (off the event loop)."""
    with Archive(archive_dir) as archive:
        removed = archive.remove_page(source)
        if removed:
            open_library(archive, archive_dir)
        return removed


async def reader_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reader's document: said in a private chat, ignored in a group (nobody asked the bot)."""
    if update.effective_chat.type == ChatType.PRIVATE:
        await update.effective_message.reply_text(render.ADMINS_ONLY_UPLOAD)


def safe_file_name(name: str) -> str:
    """Give back a file name with no path in it and only ordinary characters."""
    name = re.sub(r"[^\w.\-\u3400-\u9fff]+", "_", Path(name).name).strip("._")
    return name[:100] or "page.txt"


def ingest_bytes(archive_dir: Path, name: str, data: bytes):
    """Add an uploaded page to the archive on its own connection (runs off the event loop).
    An upload must look like a page of the paper: some story dated or signed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with Archive(archive_dir) as archive:
            return ingest(archive, path, news_only=True)


async def reload(application: Application, update: bool = False) -> bool:
    """Load the index as it is now, off the event loop; give back whether it changed. Questions
    are answered from the old index until the new one is swapped in.

    Only with `update` (after this process added a page) does it bring the index up to the
    archive; otherwise an index still missing pages is left to the process adding them."""
    st: BotState = application.bot_data["state"]
    async with st.reloading:
        try:
            fresh = await asyncio.to_thread(_open_current, st.config, update, st.searcher.tokenizer)
        except IndexStale as exc:
            logger.debug("not reloaded: %s", exc)
            return False
        if fresh.state == st.archive_state:
            fresh.archive.close()
            return False
        old = st.archive
        st.archive_state, st.archive, st.searcher, st.summary, st.pages = (
            fresh.state, fresh.archive, fresh.searcher, fresh.summary, fresh.pages)
        # questions taken in just before may still read the old connection: close it a while later
        asyncio.get_running_loop().call_later(OLD_ARCHIVE_SECONDS, old.close)
        logger.info("reloaded the archive: %d stories from %d pages", st.summary.stories, st.pages)
        return True


@dataclass(frozen=True)
class Loaded:
    """The archive as it is now on disk, opened: what a reload swaps in."""

    state: str  # the index generation it was read at
    archive: Archive
    searcher: Searcher
    summary: Summary
    pages: int


def _open_current(config: BotConfig, update: bool, tokenizer) -> Loaded:
    archive = Archive(config.archive_dir)
    try:
        searcher = open_library(archive, config.archive_dir, update=update, tokenizer=tokenizer, serving=True)
    except Exception:
        archive.close()
        raise
    return Loaded(searcher.state, archive, searcher, archive.summary(), archive.page_count())


async def watch_archive(application: Application) -> None:
    """Reload whenever another process (bot.py ingest, bot.py remove) publishes a new index."""
    st: BotState = application.bot_data["state"]
    root = st.config.archive_dir / INDEX_DIR
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        try:
            if current_name(root) != st.archive_state:
                await reload(application)
            await follow.deliver(application)  # what an ingest (here or in another process) queued
        except Exception as exc:  # noqa: BLE001 - the watcher must outlive a failed reload
            logger.error("could not reload the archive or deliver follows: %s", exc)


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the archive now, bringing its index up to date if another process left it behind."""
    changed = await reload(context.application, update=True)
    await update.effective_message.reply_html(render.reloaded_html(state(context).summary, changed))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say how big the archive is, when a page was last added, how many questions came."""
    st = state(context)
    await update.effective_message.reply_html(
        render.stats_html(st.summary, st.pages, st.archive.last_ingest(), st.questions_answered)
    )


ADMIN_COMMANDS = [("reload", "重新载入档案", reload_command), ("stats", "档案和提问统计", stats)]
