"""What readers send: questions, commands, buttons and inline queries.

Questions wait in their reader's queue (handlers/state.py) and are searched in the thread
pool, so no handler holds the event loop or a concurrent-update slot while it waits.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from telegram import (
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    MessageEntity,
    SwitchInlineQueryChosenChat,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from handlers import clip, follow, render
from handlers.access import addresses_bot, command_text
from handlers.faults import report
from handlers.state import BotState, state
from index.question import PHOTO
from index.search import ANSWERED, Answer, Hit

logger = logging.getLogger(__name__)

PAGE_SIZE = 3  # stories in one answer
INLINE_PAGE = 10  # stories in one page of inline results
QUESTION_MAX = 1000  # characters of a question that are read
ANSWERS_KEPT = 200  # per chat: answers an edited question may correct, stories opened in a group
STORY_ID = re.compile(r"[0-9a-f]{10}")
# Courtesies of Mandarin (and their English twins) that are said, not asked: "谢谢" wants "不客气".
_COURTESY = re.compile(r"(?:谢谢|多谢|感谢|谢了|谢啦|辛苦了|好的|好吧|知道了|收到|明白了?|嗯+|哦+|ok|okay|thanks?|thank you|thx|"
                       r"你好|您好|hi|hello|再见|拜拜|bye|👍|🙏|😊)(?:你|您|机器人|啦|了|哈)?[!！。.~～,，\s]*", re.I)


# --- answering --------------------------------------------------------------------------


def answer_keyboard(answer: Answer, token: str, page: int, more: bool, asked: int | None = None) -> InlineKeyboardMarkup:
    """Give back the buttons under an answer: per story, open it, share it (the share box is
    pre-filled with its headline) and copy its excerpt; then ◀ 第2/5页 ▶ to turn pages in place;
    under a first page that answers, 🔔 to follow the question (`asked`: its message id)."""
    rows = []
    for number, hit in enumerate(answer.hits, page * PAGE_SIZE + 1):
        title = render.headline(hit, width=14)
        rows.append(
            [
                InlineKeyboardButton(f"📄 {number}. {title}", callback_data=f"art:{hit.id}"),
                InlineKeyboardButton("↗ 分享", switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat(
                    query=render.headline(hit, width=40)[:60], allow_user_chats=True, allow_group_chats=True,
                    allow_channel_chats=True)),
                InlineKeyboardButton("📋 复制", copy_text=CopyTextButton(render.copy_text(hit))),
            ]
        )
    turns = []
    if page > 0 and token:
        turns.append(InlineKeyboardButton("◀", callback_data=f"more:{token}:{page - 1}"))
    pages = -(-answer.total // PAGE_SIZE) if answer.total else 0
    if token and (page > 0 or more):
        label = render.page_of(page, max(pages, page + 1 + more))
        turns.append(InlineKeyboardButton(label, callback_data="noop"))
    if more and token:
        turns.append(InlineKeyboardButton("▶", callback_data=f"more:{token}:{page + 1}"))
    follow_row = [InlineKeyboardButton(render.FOLLOW_LABEL, callback_data=f"fol:{asked}")] \
        if asked is not None and page == 0 and answer.outcome == ANSWERED else []
    return InlineKeyboardMarkup(rows + [r for r in (turns, follow_row) if r])


def search_page(st: BotState, question: str, page: int) -> tuple[Answer, bool]:
    """Give back one page of the answer to a question and whether another page follows (blocking:
    run it in the pool)."""
    answer = st.searcher.answer(question, top=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
    return dataclasses.replace(answer, hits=answer.hits[:PAGE_SIZE]), len(answer.hits) > PAGE_SIZE


def remember(kept: dict, key, value) -> None:
    """Keep a value in a chat's small memory, the oldest forgotten past ANSWERS_KEPT."""
    kept[key] = value
    while len(kept) > ANSWERS_KEPT:
        kept.pop(next(iter(kept)))


def first_page(st: BotState, question: str, chat_id: int) -> tuple[Answer, bool, str]:
    """Give back the first page of the answer, whether more follow, and the token of its "更多"
    button (blocking: run it in the pool, the token is written to the archive)."""
    answer, more = search_page(st, question, 0)
    return answer, more, st.archive.remember_query(question, chat_id) if more else ""


async def queue_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Put a question in its reader's queue; a reader with too many waiting is told once."""
    st = state(context)
    question = question.strip()[:QUESTION_MAX]
    message = update.effective_message
    if _COURTESY.fullmatch(question):
        await message.reply_text(render.YOU_ARE_WELCOME)
        return
    reader = (message.chat_id, update.effective_user.id if update.effective_user else 0)

    async def job() -> None:
        try:
            await answer_question(update, context, question)
        except Exception as exc:  # noqa: BLE001 - told to the reader and logged, like any handler's fault
            await report(update, exc)

    if not st.queues.offer(reader, job) and st.queues.first_refusal(reader):
        await message.reply_text(render.SLOW_DOWN)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Reply to a question with its best stories and their buttons."""
    st = state(context)
    st.questions_answered += 1
    message = update.effective_message
    await message.reply_chat_action(ChatAction.TYPING)
    answer, more, token = await st.run(first_page, st, question, message.chat_id)
    text = render.answer_html(answer, st.summary)
    if answer.outcome == ANSWERED:  # what 🔔 follows: kept in this chat's memory, not written per question
        remember(context.chat_data.setdefault("asked", {}), message.message_id, question)
    markup = answer_keyboard(answer, token, 0, more, message.message_id) if answer.hits else None
    answers = context.chat_data.setdefault("answers", {})  # question message -> its answer, kept briefly
    earlier = answers.get(message.message_id) if update.edited_message else None
    if earlier is not None:  # an edited question corrects its answer in place
        try:
            await context.bot.edit_message_text(text, message.chat_id, earlier, reply_markup=markup)
            return
        except BadRequest as exc:  # the answer was deleted, or is the same
            logger.info("edited question answered anew: %s", exc.message)
    sent = await message.reply_html(text, reply_markup=markup)
    remember(answers, message.message_id, sent.message_id)
    if answer.question.wants == PHOTO and answer.hits:  # a question about a picture gets the picture
        await clip.send_photo_answer(update, st, answer)


async def send_story(update: Update, context: ContextTypes.DEFAULT_TYPE, article_id: str) -> bool:
    """Send a whole story into the chat (and forum topic) of an update; give back whether it exists."""
    article = state(context).searcher.article(article_id) if STORY_ID.fullmatch(article_id) else None
    if article is None:
        return False
    message = update.effective_message
    parts = render.article_messages(article)
    for n, part in enumerate(parts, 1):
        markup = clip.clip_markup(article) if n == len(parts) else None
        await message.reply_html(part, do_quote=False, reply_markup=markup)  # keeps message_thread_id in a topic
    return True


def missing_story(context: ContextTypes.DEFAULT_TYPE, article_id: str) -> str:
    """Say why a story cannot be opened: an editor removed its page, or there never was one."""
    removed = STORY_ID.fullmatch(article_id) and state(context).archive.was_removed(article_id)
    return render.REMOVED_STORY if removed else render.NO_SUCH_STORY


# --- commands -----------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet and say what the archive holds."""
    group = update.effective_chat.type != ChatType.PRIVATE
    await update.effective_message.reply_html(render.welcome_html(state(context).summary, context.bot.username, group))


async def open_story(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/start a_<id>` (a deep link from a shared story) or `/article <id>` opens that story."""
    article_id = command_text(update).removeprefix("a_")
    if not await send_story(update, context, article_id):
        await update.effective_message.reply_text(missing_story(context, article_id))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands and how to ask and share."""
    await update.effective_message.reply_html(render.help_html(command_list(), context.bot.username))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say how big the archive is and which dates it covers."""
    st = state(context)
    newest = await st.run(st.archive.newest_pages, 3)
    await update.effective_message.reply_html(render.about_html(st.summary, st.pages, newest))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer `/ask QUESTION` (also written without a space), in private chats and groups alike."""
    question = command_text(update)
    if not question:
        await update.effective_message.reply_text(render.EMPTY_QUESTION)
        return
    await queue_question(update, context, question)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/latest`: the newest stories in the archive."""
    st = state(context)
    hits = await st.run(st.searcher.latest, PAGE_SIZE * 2)
    if not hits:
        await update.effective_message.reply_text(render.EMPTY_ARCHIVE)
        return
    await update.effective_message.reply_html(render.latest_html(hits))


async def by_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/date 2020-05-20` (or 2020年5月20日, 2020-05): the stories of that day or month."""
    raw = command_text(update)
    match = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?", raw)
    if not match:
        await update.effective_message.reply_text(render.DATE_FORMAT)
        return
    year, month, day = match.groups()
    asked = f"{int(year)}年{int(month)}月" + (f"{int(day)}日" if day else "") + "的报纸"
    await queue_question(update, context, asked)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands when a command is unknown (in groups, only one addressed to us).
    An editor's command sent by anyone else gets this same reply."""
    message = update.effective_message
    if message.chat.type != ChatType.PRIVATE:
        command = (message.text or "/").split()[0]
        if "@" not in command or command.split("@", 1)[1].lower() != (context.bot.username or "").lower():
            return
    await message.reply_html(render.unknown_command_html(command_list()))


# --- text ----------------------------------------------------------------------------------


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Treat any text in a private chat as a question."""
    await queue_question(update, context, update.effective_message.text)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, answer only a message that mentions the bot or replies to it."""
    message = update.effective_message
    if not addresses_bot(update, context.bot.username, context.bot.id):
        return
    question = message.text
    for entity, text in sorted(message.parse_entities([MessageEntity.MENTION]).items(), key=lambda e: -e[0].offset):
        if text.lower() == f"@{context.bot.username}".lower():
            question = question.replace(text, " ")
    if question.strip():
        await queue_question(update, context, question)
    else:
        await message.reply_text(render.EMPTY_QUESTION)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a sticker, photo or anything else without text with a hint."""
    await update.effective_message.reply_text(render.NOT_TEXT)


# --- buttons -------------------------------------------------------------------------------


async def acknowledge(query, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press; a refusal (the press is too old, Telegram is slow) is logged and
    the work goes on."""
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as exc:
        logger.info("button press not acknowledged: %s", exc)


async def story_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`art:<id>`: open a story; in a group, once per answer (a second press posts nothing)."""
    query = update.callback_query
    if query.message is not None and query.message.chat.type != ChatType.PRIVATE:
        opened = context.chat_data.setdefault("opened", {})  # (answer message, story) -> True, kept briefly
        key = (query.message.message_id, query.data)
        if key in opened:
            await acknowledge(query, render.ALREADY_OPEN)
            return
        remember(opened, key, True)
    await acknowledge(query)
    article_id = query.data.removeprefix("art:")
    if query.message is not None and not await send_story(update, context, article_id):
        await query.message.reply_text(missing_story(context, article_id), do_quote=False)


async def more_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`more:<token>:<page>`: replace an answer with its next page of stories. The token must
    have been made for this chat and not have expired."""
    query, st = update.callback_query, state(context)
    _, token, page = query.data.split(":")
    chat_id = query.message.chat_id if query.message else None
    question = st.archive.query_text(token, chat_id) if chat_id is not None else None
    if question is None:
        await acknowledge(query, render.EXPIRED, alert=True)
        return
    await acknowledge(query)
    answer, has_more = await st.run(search_page, st, question, int(page))
    text = render.answer_html(answer, st.summary, first_number=int(page) * PAGE_SIZE + 1)
    markup = answer_keyboard(answer, token, int(page), has_more) if answer.hits else None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified": pressed twice
        logger.info("edit skipped: %s", exc.message)


async def page_label(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "第2/5页" between the arrows: a label, answered without a word."""
    await acknowledge(update.callback_query)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other button (forged, or from an older version of the bot)."""
    await acknowledge(update.callback_query, render.EXPIRED, alert=True)


# --- inline --------------------------------------------------------------------------------


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List stories for `@bot words` in any chat; an empty query offers the latest. Results are
    cached per reader whenever the bot serves only some readers."""
    query, st = update.inline_query, state(context)
    text = query.query.strip()[:QUESTION_MAX]
    offset = int(query.offset) if query.offset.isdigit() and len(query.offset) < 6 else 0
    if re.fullmatch(r"a_[0-9a-f]{10}", text):
        story = st.searcher.story(text[2:])
        hits = [story] if story and offset == 0 else []
    elif text:
        hits = (await st.run(st.searcher.answer, text, INLINE_PAGE, offset)).hits
    else:
        hits = st.searcher.latest(top=INLINE_PAGE, offset=offset)
    results = [inline_result(hit, context.bot.username) for hit in hits]
    results += await clip.cached_results(st, hits, context.bot.username)  # clippings sent before, as photos
    next_offset = str(offset + INLINE_PAGE) if len(hits) == INLINE_PAGE else ""
    into_bot = InlineQueryResultsButton(text=render.OPEN_BOT, start_parameter="inline") if not text else None
    await query.answer(results, next_offset=next_offset, cache_time=30, is_personal=bool(st.config.allowed_chat_ids),
                       button=into_bot)


def inline_result(hit: Hit, bot_username: str | None) -> InlineQueryResultArticle:
    """Give back a story as an inline result: headline, date and snippet, a button back to the bot."""
    date = render.date_label(hit.date, hit.page_date)
    buttons = None
    if bot_username:
        link = create_deep_linked_url(bot_username, f"a_{hit.id}")
        buttons = InlineKeyboardMarkup([[InlineKeyboardButton("阅读全文", url=link)]])
    return InlineQueryResultArticle(
        id=hit.id,
        title=render.headline(hit, width=40),
        description=f"{date} · {hit.excerpt[:80]}",
        input_message_content=InputTextMessageContent(render.shared_html(hit), parse_mode=ParseMode.HTML),
        reply_markup=buttons,
    )


# One table registers the readers' commands and publishes them with set_my_commands.
COMMANDS = [
    ("start", "开始，看看档案里有什么", start),
    ("help", "使用方法和命令", help_command),
    ("ask", "提问，例如 /ask 飞地经济", ask),
    ("article", "按编号阅读全文，例如 /article c16da485de", open_story),
    ("latest", "最新收录的报道", latest),
    ("date", "某一天或某一月的报道，例如 /date 2020-05-20", by_date),
    ("about", "档案规模和日期范围", about),
] + follow.COMMANDS


GROUP_COMMANDS = ("ask", "help", "latest", "date", "about", "follow", "following", "unfollow")  # /start and /article belong to a private chat


def command_list() -> list[tuple[str, str]]:
    return [(name, description) for name, description, _ in COMMANDS]
