"""The wiring: which handler gets which update, in which order; the bot's start and stop.

    group -1   the access gate (handlers/access.py): strangers stop here
    group  0   commands (editors' only for ADMIN_IDS), documents, text, buttons by pattern, inline

The handlers themselves are in handlers/reader.py and handlers/editor.py, their markup in
handlers/render.py, the shared state in handlers/state.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import access, clip, editor, follow, reader, render
from handlers.faults import error_handler
from handlers.state import FINISH_SECONDS, BotConfig, BotState, ReaderQueues
from handlers.transport import make_bot
from index.library import open_library
from index.store import Archive, build

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]


def command_callbacks(update: Update, config: BotConfig) -> dict:
    """Give back the commands this sender may run, by name."""
    callbacks = {name: callback for name, _, callback in reader.COMMANDS}
    if access.is_admin(config, update):
        callbacks |= {name: callback for name, _, callback in editor.ADMIN_COMMANDS}
    return callbacks


async def unmarked_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run a "/command" that came without Telegram's command entity (typed by some clients, or
    pasted); one meant for another bot ("/ask@other_bot") is left alone."""
    name, target = re.match(r"/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?", update.effective_message.text).groups()
    if target and target.lower() != (context.bot.username or "").lower():
        return
    config = context.application.bot_data["state"].config
    await command_callbacks(update, config).get(name.lower(), reader.unknown_command)(update, context)


def install(application: Application, config: BotConfig) -> None:
    """Register every handler on the application, in the order they are tried."""
    application.add_handler(TypeHandler(Update, access.gate), group=-1)
    editors = filters.User(user_id=config.admin_ids)
    application.add_handler(CommandHandler("start", reader.open_story, filters.Regex(r"^/start a_[0-9a-f]{10}$")))
    for name, _, callback in reader.COMMANDS:
        application.add_handler(CommandHandler(name, callback))
    for name, _, callback in editor.ADMIN_COMMANDS:
        application.add_handler(CommandHandler(name, callback, filters=editors))
    application.add_handler(MessageHandler(filters.Document.ALL & editors, editor.upload))
    application.add_handler(MessageHandler(filters.Document.ALL, editor.reader_document))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text & filters.Regex(r"^/[A-Za-z0-9_]"), unmarked_command))
    application.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, reader.private_text))
    application.add_handler(MessageHandler(text & filters.ChatType.GROUPS, reader.group_text))
    application.add_handler(MessageHandler(filters.COMMAND, reader.unknown_command))
    application.add_handler(MessageHandler(~filters.TEXT & filters.ChatType.PRIVATE, reader.not_text))
    application.add_handler(CallbackQueryHandler(reader.story_button, pattern=r"^art:[0-9a-f]{10}$"))
    application.add_handler(CallbackQueryHandler(reader.more_button, pattern=r"^more:[A-Za-z0-9_-]{16}:\d{1,3}$"))
    application.add_handler(CallbackQueryHandler(reader.page_label, pattern=r"^noop$"))
    application.add_handler(CallbackQueryHandler(editor.drop_button, pattern=r"^drop:[A-Za-z0-9_-]{16}$"))
    application.add_handler(CallbackQueryHandler(follow.unfollow_button, pattern=r"^unf:\d{1,12}$"))
    application.add_handler(CallbackQueryHandler(follow.follow_button, pattern=r"^fol:\d{1,12}$"))
    application.add_handler(CallbackQueryHandler(clip.clip_button, pattern=r"^clip:[0-9a-f]{10}$"))
    application.add_handler(CallbackQueryHandler(reader.stale_button))
    application.add_handler(InlineQueryHandler(reader.inline_query))
    application.add_error_handler(error_handler)


def make_post_init(config: BotConfig):
    """Give back the post_init hook: open the archive (building it if empty), publish commands."""

    async def post_init(application: Application) -> None:
        archive = Archive(config.archive_dir)
        if archive.is_empty():
            build(archive, config.seeds_dir)
        searcher = open_library(archive, config.archive_dir, serving=True)
        summary, pages = archive.summary(), archive.page_count()
        st = BotState(config, archive, searcher, summary, pages, searcher.state, queues=ReaderQueues(application))
        application.bot_data["state"] = st
        st.pool.submit(searcher.answer, "离石区新闻")  # loads the tagger's model now, not on the first reader's time
        st.watcher = asyncio.create_task(editor.watch_archive(application))
        await publish_commands(application, config)
        logger.info("serving %d stories from %d pages as @%s", summary.stories, pages, application.bot.username)

    return post_init


async def publish_commands(application: Application, config: BotConfig) -> None:
    """Publish the bot's description, the readers' commands (groups get those that work there),
    and the editors' only in each editor's chat."""
    await application.bot.set_my_description(render.DESCRIPTION)
    await application.bot.set_my_short_description(render.SHORT_DESCRIPTION)
    public = [BotCommand(name, description) for name, description in reader.command_list()]
    await application.bot.set_my_commands(public)
    groups = [c for c in public if c.command in reader.GROUP_COMMANDS]
    await application.bot.set_my_commands(groups, scope=BotCommandScopeAllGroupChats())
    editors = public + [BotCommand(name, description) for name, description, _ in editor.ADMIN_COMMANDS]
    for admin in config.admin_ids:
        try:
            await application.bot.set_my_commands(editors, scope=BotCommandScopeChat(admin))
        except TelegramError as exc:  # the editor has not opened a chat with the bot yet
            logger.info("editor commands not published for one editor: %s", exc)


async def post_stop(application: Application) -> None:
    """Answer the questions taken in (at most FINISH_SECONDS), then stop watching the archive.
    Updates not fetched yet stay with Telegram for the next start."""
    st = application.bot_data.get("state")
    if st is None:
        return
    unfinished = await st.queues.finish(FINISH_SECONDS)
    if unfinished:
        logger.warning("stopped with %d readers' questions unanswered after %.0f s", unfinished, FINISH_SECONDS)
    if st.watcher is not None:
        st.watcher.cancel()


async def post_shutdown(application: Application) -> None:
    """Close the archive and the search threads."""
    st = application.bot_data.get("state")
    if st is not None:
        st.pool.shutdown(wait=False, cancel_futures=True)
        st.archive.close()


def build_application(settings) -> Application:
    """Give back the Telegram Application for bot.py's Settings, every handler installed."""
    config = BotConfig(settings.archive_dir, settings.seeds_dir, settings.allowed_chat_ids, settings.admin_ids)
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        allow_sending_without_reply=True,  # a question deleted before its answer still gets it
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    application = (
        ApplicationBuilder()
        .bot(make_bot(settings.token, settings.base_url, defaults, settings.overall_per_second))
        .concurrent_updates(64)  # handlers only queue questions; searches run in a thread pool
        .post_init(make_post_init(config))
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    install(application, config)
    return application


def run(settings) -> int:
    """Run the bot until SIGTERM or Ctrl-C: by webhook when WEBHOOK_URL is set, else polling."""
    application = build_application(settings)
    if settings.webhook_url:
        path = hashlib.sha256(settings.token.encode()).hexdigest()[:32]  # unguessable, not the token
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
            secret_token=settings.webhook_secret or secrets.token_urlsafe(32),  # requests without it: 403
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
    return 0
