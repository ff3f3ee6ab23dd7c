"""Who may use the bot: one gate before every handler, for every kind of update.

Installed as a TypeHandler in group -1: an update from a chat or a reader outside the
allow-list gets one short refusal where it addressed the bot, and goes no further.
"""

from __future__ import annotations

import logging
import re

from telegram import MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers import render
from handlers.state import BotConfig, state

logger = logging.getLogger(__name__)


def is_allowed(config: BotConfig, update: Update) -> bool:
    """Tell whether to serve an update: every one when no allow-list is set; else a group
    only when the group is listed (whoever writes in it), a private chat, an inline query or
    a button on a shared message when the reader is listed."""
    if not config.allowed_chat_ids:
        return True
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and chat.type != ChatType.PRIVATE:
        return chat.id in config.allowed_chat_ids
    return user is not None and user.id in config.allowed_chat_ids


def is_admin(config: BotConfig, update: Update) -> bool:
    user = update.effective_user
    return bool(user and user.id in config.admin_ids)


def addresses_bot(update: Update, username: str | None, bot_id: int) -> bool:
    """Whether a message is meant for the bot: in a private chat always; in a group when it is
    a command, mentions the bot by its @username (the entity, not a substring), or replies to it."""
    message = update.effective_message
    if message is None:
        return False
    if message.chat.type == ChatType.PRIVATE:
        return True
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == bot_id:
        return True
    wanted = f"@{username}".lower() if username else None
    mentions = message.parse_entities([MessageEntity.MENTION]).values() if message.entities else ()
    commands = message.parse_entities([MessageEntity.BOT_COMMAND]).values() if message.entities else ()
    return any(m.lower() == wanted for m in mentions) or any(
        "@" not in c or c.split("@", 1)[1].lower() == (username or "").lower() for c in commands)


def command_text(update: Update) -> str:
    """Give back what follows the command ("/ask飞地经济" and "/ask@bot 飞地经济": 飞地经济)."""
    return re.sub(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", "", update.effective_message.text or "", count=1).strip()


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let an admitted update through; refuse any other once per chat, and stop it here."""
    st = state(context)
    if is_allowed(st.config, update):
        return
    try:
        if update.callback_query:
            await update.callback_query.answer(render.REFUSED, show_alert=True)
        elif update.inline_query:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.effective_chat and addresses_bot(update, context.bot.username, context.bot.id) \
                and update.effective_chat.id not in st.refused:
            st.refused.add(update.effective_chat.id)
            await update.effective_message.reply_text(render.REFUSED)
    except TelegramError as exc:
        logger.info("could not refuse an update: %s", exc)
    raise ApplicationHandlerStop
