"""Telegram: read the update, ask the archive, render, reply.

One handler per kind of update. The archive's state (searcher, store, summary) lives in
`application.bot_data["state"]`, made in `post_init`; markup comes from handlers/render.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers import render
from index.library import open_library
from index.pages import Summary
from index.search import Answer, Hit, Searcher
from index.store import Archive, build, ingest

logger = logging.getLogger(__name__)

PAGE_SIZE = 3  # stories in one answer
INLINE_PAGE = 10  # stories in one page of inline results
QUESTION_MAX = 1000  # characters of a question that are read
EXAMPLES = ["信义镇爱国卫生运动", "离石区和中阳县什么时候签约飞地经济？", "无偿献血"]


@dataclass(frozen=True)
class BotConfig:
    """What the handlers need from Settings: where the archive is and who may use the bot."""

    archive_dir: Path
    seeds_dir: Path
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()


class FloodGate:
    """Slows down one user who floods the bot, without holding up anyone else.

    Each user has a bucket of `burst` questions refilled at `rate` a second; a question
    beyond it waits for the bucket (at most `max_wait`), under that user's own lock, while
    other users' updates run concurrently."""

    def __init__(self, rate: float = 2.0, burst: int = 5, max_wait: float = 8.0):
        self.rate, self.burst, self.max_wait = rate, burst, max_wait
        self._buckets: dict[int, tuple[float, float]] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def lock(self, user_id: int) -> asyncio.Lock:
        return self._locks.setdefault(user_id, asyncio.Lock())

    async def wait(self, user_id: int) -> float:
        """Wait for the user's turn; give back how long that took."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        tokens, last = self._buckets.get(user_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        delay = 0.0
        if tokens < 1:
            delay = min((1 - tokens) / self.rate, self.max_wait)
            await asyncio.sleep(delay)
            tokens += delay * self.rate
        self._buckets[user_id] = (max(tokens - 1, 0.0), loop.time())
        return delay


@dataclass
class BotState:
    config: BotConfig
    archive: Archive
    searcher: Searcher
    summary: Summary
    pages: int
    archive_state: str = ""
    gate: FloodGate = field(default_factory=FloodGate)
    refused: set[int] = field(default_factory=set)
    questions_answered: int = 0
    reloading: asyncio.Lock = field(default_factory=asyncio.Lock)
    watcher: asyncio.Task | None = None


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


# --- access -----------------------------------------------------------------------------


def is_allowed(config: BotConfig, update: Update) -> bool:
    """Tell whether the chat or the user is on the allow-list (everyone, with none set)."""
    if not config.allowed_chat_ids:
        return True
    chat, user = update.effective_chat, update.effective_user
    return bool((chat and chat.id in config.allowed_chat_ids) or (user and user.id in config.allowed_chat_ids))


async def admitted(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Tell whether to serve this update; refuse a stranger politely, once per chat."""
    st = state(context)
    if is_allowed(st.config, update):
        return True
    chat = update.effective_chat
    if update.callback_query:
        await update.callback_query.answer(render.REFUSED, show_alert=True)
    elif chat and chat.id not in st.refused and update.effective_message:
        st.refused.add(chat.id)
        await update.effective_message.reply_text(render.REFUSED)
    return False


# --- answering --------------------------------------------------------------------------


def answer_keyboard(hits: list[Hit], query_id: int, page: int, more: bool) -> InlineKeyboardMarkup:
    """Give back the buttons under an answer: open each story, share it, and "更多"."""
    rows = []
    for number, hit in enumerate(hits, page * PAGE_SIZE + 1):
        label = render.headline(hit, width=14)
        rows.append(
            [
                InlineKeyboardButton(f"📄 {number}. {label}", callback_data=f"art:{hit.id}"),
                InlineKeyboardButton("↗ 分享", switch_inline_query=f"a_{hit.id}"),
            ]
        )
    if more:
        rows.append([InlineKeyboardButton("更多 ▶", callback_data=f"more:{query_id}:{page + 1}")])
    return InlineKeyboardMarkup(rows)


def search_page(st: BotState, question: str, page: int) -> tuple[Answer, bool]:
    """Give back one page of the answer to a question and whether another page follows."""
    answer = st.searcher.answer(question, top=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
    return dataclasses.replace(answer, hits=answer.hits[:PAGE_SIZE]), len(answer.hits) > PAGE_SIZE


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Reply to a question with its best stories and their buttons."""
    st = state(context)
    question = question.strip()[:QUESTION_MAX]
    user_id = update.effective_user.id if update.effective_user else 0
    async with st.gate.lock(user_id):
        await st.gate.wait(user_id)
        st.questions_answered += 1
        answer, more = search_page(st, question, 0)
        if not answer.hits:
            await update.effective_message.reply_html(render.answer_html(answer, st.summary))
            return
        query_id = st.archive.remember_query(question)
        await update.effective_message.reply_html(
            render.answer_html(answer, st.summary), reply_markup=answer_keyboard(answer.hits, query_id, 0, more)
        )


async def send_story(chat_id: int, article_id: str, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Send a whole story to a chat, split between paragraphs; give back whether it exists."""
    article = state(context).searcher.article(article_id)
    if article is None:
        return False
    for message in render.article_messages(article):
        await context.bot.send_message(chat_id, message)
    return True


# --- handlers ---------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet and say what the archive holds; `/start a_<id>` opens that story."""
    if not await admitted(update, context):
        return
    if context.args and context.args[0].startswith("a_"):
        if not await send_story(update.effective_chat.id, context.args[0][2:], context):
            await update.effective_message.reply_text(render.NO_SUCH_STORY)
        return
    await update.effective_message.reply_html(render.welcome_html(state(context).summary, EXAMPLES))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands and how to ask and share."""
    if await admitted(update, context):
        await update.effective_message.reply_html(render.help_html(command_list(), context.bot.username))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say how big the archive is and which dates it covers."""
    if await admitted(update, context):
        st = state(context)
        await update.effective_message.reply_html(render.about_html(st.summary, st.pages))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer `/ask QUESTION`, in private chats and groups alike."""
    if not await admitted(update, context):
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await update.effective_message.reply_text(render.EMPTY_QUESTION)
        return
    await answer_question(update, context, question)


async def article(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the whole story for `/article ID`."""
    if not await admitted(update, context):
        return
    article_id = (context.args or [""])[0].removeprefix("a_")
    if not article_id or not await send_story(update.effective_chat.id, article_id, context):
        await update.effective_message.reply_text(render.NO_SUCH_STORY)


async def unmarked_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Run a "/command" sent without Telegram's command entity; give back whether it was one."""
    match = re.match(r"/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", update.effective_message.text, re.S)
    if not match:
        return False
    name, target, rest = match.groups()
    if target and target.lower() != (context.bot.username or "").lower():
        return True  # meant for another bot
    callbacks = {n: callback for n, _, callback in COMMANDS} | dict(ADMIN_COMMANDS)
    context.args = (rest or "").split()
    await callbacks.get(name.lower(), unknown_command)(update, context)
    return True


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Treat any text in a private chat as a question."""
    if await unmarked_command(update, context):
        return
    if await admitted(update, context):
        await answer_question(update, context, update.effective_message.text)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, answer only a message that mentions the bot or replies to it."""
    message, username = update.effective_message, context.bot.username
    if message.text.startswith("/") and await unmarked_command(update, context):
        return
    replied = message.reply_to_message
    to_bot = bool(replied and replied.from_user and replied.from_user.id == context.bot.id)
    mention = f"@{username}" if username else None
    if not to_bot and not (mention and mention.lower() in message.text.lower()):
        return
    if await admitted(update, context):
        question = re.sub(re.escape(mention), " ", message.text, flags=re.I) if mention else message.text
        if question.strip():
            await answer_question(update, context, question)
        else:
            await message.reply_text(render.EMPTY_QUESTION)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a sticker, photo or anything else without text with a hint."""
    if await admitted(update, context):
        await update.effective_message.reply_text(render.NOT_TEXT)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands when a command is unknown (in groups, only one addressed to us)."""
    message = update.effective_message
    if message.chat.type != ChatType.PRIVATE:
        command = (message.text or "/").split()[0]
        if "@" not in command or command.split("@", 1)[1].lower() != (context.bot.username or "").lower():
            return
    if await admitted(update, context):
        await message.reply_html(render.unknown_command_html(command_list()))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open a story (`art:<id>`) or turn to the next page of an answer (`more:<qid>:<page>`)."""
    query = update.callback_query
    if not await admitted(update, context):
        return
    kind, _, rest = (query.data or "").partition(":")
    if kind == "art":
        await query.answer()
        if not await send_story(query.message.chat.id, rest, context):
            await context.bot.send_message(query.message.chat.id, render.NO_SUCH_STORY)
    elif kind == "more":
        await more(query, context, rest)
    else:
        await query.answer(render.EXPIRED, show_alert=True)


async def more(query, context: ContextTypes.DEFAULT_TYPE, rest: str) -> None:
    """Replace an answer with its next page of stories."""
    st = state(context)
    query_id, _, page = rest.partition(":")
    question = st.archive.query_text(int(query_id)) if query_id.isdigit() else None
    if question is None or not page.isdigit():
        await query.answer(render.EXPIRED, show_alert=True)
        return
    await query.answer()
    answer, has_more = search_page(st, question, int(page))
    text = render.answer_html(answer, st.summary, first_number=int(page) * PAGE_SIZE + 1)
    markup = answer_keyboard(answer.hits, int(query_id), int(page), has_more) if answer.hits else None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified": pressed twice
        logger.info("edit skipped: %s", exc.message)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List stories for `@bot words` in any chat; an empty query offers the latest."""
    query = update.inline_query
    st = state(context)
    if not is_allowed(st.config, update):
        await query.answer([], cache_time=60, is_personal=True)
        return
    text = query.query.strip()[:QUESTION_MAX]
    offset = int(query.offset) if query.offset.isdigit() else 0
    if re.fullmatch(r"a_[0-9a-f]{6,20}", text):
        story = st.searcher.story(text[2:])
        hits = [story] if story and offset == 0 else []
    elif text:
        hits = st.searcher.search(text, top=INLINE_PAGE, offset=offset)
    else:
        hits = st.searcher.latest(top=INLINE_PAGE, offset=offset)
    results = [inline_result(hit, context.bot.username) for hit in hits]
    next_offset = str(offset + INLINE_PAGE) if len(hits) == INLINE_PAGE else ""
    await query.answer(results, next_offset=next_offset, cache_time=30, is_personal=False)


def inline_result(hit: Hit, bot_username: str | None) -> InlineQueryResultArticle:
    """Give back a story as an inline result: headline, date and snippet, a button back to the bot."""
    date = render.date_label(hit.date, hit.page_date)
    buttons = None
    if bot_username:
        link = f"https://t.me/{bot_username}?start=a_{hit.id}"
        buttons = InlineKeyboardMarkup([[InlineKeyboardButton("阅读全文", url=link)]])
    return InlineQueryResultArticle(
        id=hit.id,
        title=render.headline(hit, width=40),
        description=f"{date} · {hit.excerpt[:80]}",
        input_message_content=InputTextMessageContent(render.shared_html(hit), parse_mode=ParseMode.HTML),
        reply_markup=buttons,
    )


# --- editors: pages in, reloads, stats -------------------------------------------------------

UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes: a page's text or PDF is far smaller
UPLOAD_TYPES = (".txt", ".pdf")
WATCH_SECONDS = 2.0  # how often the archive is checked for pages added by another process


def is_admin(config: BotConfig, update: Update) -> bool:
    user = update.effective_user
    return bool(user and user.id in config.admin_ids)


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add a page an editor sends as a document, and say what it added."""
    st, message = state(context), update.effective_message
    document = message.document
    if not is_admin(st.config, update):
        await message.reply_text(render.ADMINS_ONLY_UPLOAD)
        return
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
        await reload(context.application)
    await message.reply_html(render.ingest_html(result))


def safe_file_name(name: str) -> str:
    """Give back a file name with no path in it and only ordinary characters."""
    name = re.sub(r"[^\w.\-\u3400-\u9fff]+", "_", Path(name).name).strip("._")
    return name[:100] or "page.txt"


def ingest_bytes(archive_dir: Path, name: str, data: bytes):
    """Add an uploaded page to the archive on its own connection (runs off the event loop)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with Archive(archive_dir) as archive:
            return ingest(archive, path)


async def reload(application: Application) -> bool:
    """Load the index of the archive as it is now, off the event loop; give back whether it changed.

    Questions are answered from the old index until the new one is swapped in."""
    st: BotState = application.bot_data["state"]
    async with st.reloading:
        fresh = await asyncio.to_thread(_open_current, st.config)
        if fresh is None or fresh[0] == st.archive_state:
            if fresh is not None:
                fresh[1].close()
            return False
        st.archive_state, st.archive, st.searcher, st.summary, st.pages = fresh
        logger.info("reloaded the archive: %d stories from %d pages", st.summary.stories, st.pages)
        return True


def _open_current(config: BotConfig):
    archive = Archive(config.archive_dir)
    try:
        searcher = open_library(archive, config.archive_dir)
    except Exception:
        archive.close()
        raise
    return searcher.state, archive, searcher, archive.summary(), archive.page_count()


async def watch_archive(application: Application) -> None:
    """Reload whenever another process (bot.py ingest, an upload) commits to the archive."""
    st: BotState = application.bot_data["state"]
    seen = st.archive.changes()
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        try:
            now = st.archive.changes()
            if now != seen:
                seen = now
                await reload(application)
                seen = st.archive.changes()
        except Exception as exc:  # noqa: BLE001 - the watcher must outlive a failed reload
            logger.error("could not reload the archive: %s", exc)


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the archive now (editors only)."""
    if not is_admin(state(context).config, update):
        await update.effective_message.reply_text(render.ADMINS_ONLY)
        return
    changed = await reload(context.application)
    await update.effective_message.reply_html(render.reloaded_html(state(context).summary, changed))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say how big the archive is, when a page was last added, how many questions came (editors only)."""
    st = state(context)
    if not is_admin(st.config, update):
        await update.effective_message.reply_text(render.ADMINS_ONLY)
        return
    await update.effective_message.reply_html(
        render.stats_html(st.summary, st.pages, st.archive.last_ingest(), st.questions_answered)
    )


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception once and tell the user something went wrong."""
    error = context.error
    if isinstance(error, NetworkError):  # Telegram or the link failed: one line, no traceback
        where = "polling Telegram for updates" if update is None else "replying"
        logger.warning("Telegram fault while %s: %s: %s", where, type(error).__name__, error)
    else:
        logger.error("while handling an update: %s", error, exc_info=error)
    if isinstance(update, Update):
        try:
            if update.callback_query:
                await update.callback_query.answer(render.FAILED, show_alert=True)
            elif update.effective_message:
                await update.effective_message.reply_text(render.FAILED)
        except Exception as exc:  # noqa: BLE001 - the apology itself may fail; it is logged once
            logger.warning("could not tell the user about the error: %s", exc)


# --- wiring -----------------------------------------------------------------------------

# One table registers the command handlers and publishes them with set_my_commands.
COMMANDS = [
    ("start", "开始，看看档案里有什么", start),
    ("help", "使用方法和命令", help_command),
    ("ask", "提问，例如 /ask 飞地经济", ask),
    ("article", "按编号阅读全文，例如 /article c16da485de", article),
    ("about", "档案规模和日期范围", about),
]


# Editors' commands are not published with set_my_commands; each call checks ADMIN_IDS.
ADMIN_COMMANDS = [("reload", reload_command), ("stats", stats)]


def command_list() -> list[tuple[str, str]]:
    return [(name, description) for name, description, _ in COMMANDS]


def install(application: Application) -> None:
    """Register every handler on the application, in the order they are tried."""
    for name, _, callback in COMMANDS:
        application.add_handler(CommandHandler(name, callback))
    for name, callback in ADMIN_COMMANDS:
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(MessageHandler(filters.Document.ALL, upload))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, private_text))
    application.add_handler(MessageHandler(text & filters.ChatType.GROUPS, group_text))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(~filters.TEXT & filters.ChatType.PRIVATE, not_text))
    application.add_handler(CallbackQueryHandler(button))
    application.add_handler(InlineQueryHandler(inline_query))
    application.add_error_handler(error_handler)


def make_post_init(config: BotConfig):
    """Give back the post_init hook: open the archive (building it if empty), publish commands."""

    async def post_init(application: Application) -> None:
        archive = Archive(config.archive_dir)
        if archive.is_empty():
            build(archive, config.seeds_dir)
        searcher = open_library(archive, config.archive_dir)
        summary, pages = archive.summary(), archive.page_count()
        st = BotState(config, archive, searcher, summary, pages, searcher.state)
        application.bot_data["state"] = st
        st.watcher = asyncio.create_task(watch_archive(application))
        await application.bot.set_my_commands([BotCommand(name, description) for name, description in command_list()])
        logger.info("serving %d stories from %d pages as @%s", summary.stories, pages, application.bot.username)

    return post_init


async def post_stop(application: Application) -> None:
    """Stop watching the archive."""
    st = application.bot_data.get("state")
    if st is not None and st.watcher is not None:
        st.watcher.cancel()


async def post_shutdown(application: Application) -> None:
    """Close the archive."""
    st = application.bot_data.get("state")
    if st is not None:
        st.archive.close()


ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
