"""Following a topic: /follow, /following, /unfollow and their buttons; and the delivery of new
stories the outbox holds (index/follows.py queues them after every ingest, in whatever process
ingested).

In a private chat the reader decides; in a group only its administrators (asked of Telegram
with getChatMember each time) may add or stop a follow. Delivery checks access at send time,
forgets a chat that blocked the bot, and marks each story sent only once Telegram took it.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from handlers import render
from handlers.access import command_text
from handlers.state import BotState, state
from index.follows import Delivery, Follows
from index.search import Hit

logger = logging.getLogger(__name__)

SHOWN = 10  # stories listed in one delivery; "共N篇" says how many more
ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Tell whether the sender may change this chat's follows: anyone in a private chat, a
    group's administrators in a group."""
    chat, user = update.effective_chat, update.effective_user
    if chat.type == ChatType.PRIVATE:
        return True
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.info("could not ask who administers a group: %s", exc)
        return False
    return member.status in ADMINS


async def follow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/follow 飞地经济`: tell this chat about new stories on a topic."""
    st, message = state(context), update.effective_message
    query = command_text(update)[:100]
    if not query:
        await message.reply_html(render.FOLLOW_USAGE)
        return
    if not await may_change(update, context):
        await message.reply_text(render.GROUP_ADMINS_ONLY)
        return
    words, why = await st.run(st.searcher.followable, query)
    if why:
        await message.reply_html(render.not_followable_html(query, why))
        return
    status = await st.run(Follows(st.archive).add, message.chat_id, query, words)
    await message.reply_html(render.followed_html(query, status))


async def following_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/following` (and `/unfollow` alone): the chat's follows, a button each to stop it."""
    st = state(context)
    follows = await st.run(Follows(st.archive).of_chat, update.effective_chat.id)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(render.unfollow_label(f.query), callback_data=f"unf:{f.id}")]
                                   for f in follows]) if follows else None
    await update.effective_message.reply_html(render.following_html([f.query for f in follows]), reply_markup=markup)


async def unfollow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/unfollow 飞地经济`: stop one follow by its words; alone, list them to choose."""
    st, query = state(context), command_text(update)
    if not query:
        await following_command(update, context)
        return
    if not await may_change(update, context):
        await update.effective_message.reply_text(render.GROUP_ADMINS_ONLY)
        return
    follows = Follows(st.archive)
    match = next((f for f in await st.run(follows.of_chat, update.effective_chat.id) if f.query == query), None)
    if match is not None:
        await st.run(follows.remove, match.chat_id, match.id)
    await update.effective_message.reply_html(render.unfollowed_html(query, match is not None))


async def unfollow_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`unf:<id>`: stop a follow of this chat (a forged or another chat's id stops nothing)."""
    st, query = state(context), update.callback_query
    if query.message is None or not await may_change(update, context):
        await query.answer(render.GROUP_ADMINS_ONLY, show_alert=True)
        return
    gone = await st.run(Follows(st.archive).remove, query.message.chat.id, int(query.data.removeprefix("unf:")))
    if gone is None:
        await query.answer(render.EXPIRED, show_alert=True)
        return
    await query.answer(render.unfollowed_text(gone.query))
    await following_command(update, context)


async def follow_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`fol:<question message id>`: follow the question an answer was given to, as this chat
    remembers it (a forged id, another chat's or one from before a restart follows nothing)."""
    st, query = state(context), update.callback_query
    asked = context.chat_data.get("asked", {}) if query.message else {}
    text = asked.get(int(query.data.removeprefix("fol:")))
    if text is None:
        await query.answer(render.EXPIRED, show_alert=True)
        return
    if not await may_change(update, context):
        await query.answer(render.GROUP_ADMINS_ONLY, show_alert=True)
        return
    words, why = await st.run(st.searcher.followable, text[:100])
    status = "vague" if why else await st.run(Follows(st.archive).add, query.message.chat.id, text[:100], words)
    await query.answer(render.follow_toast(text[:100], status), show_alert=status in ("vague", "full"))


COMMANDS = [
    ("follow", "关注一个话题，有新报道时通知，例如 /follow 飞地经济", follow_command),
    ("following", "查看已关注的话题", following_command),
    ("unfollow", "取消关注，例如 /unfollow 飞地经济", unfollow_command),
]


# --- delivery ----------------------------------------------------------------------------


async def deliver(application: Application) -> int:
    """Send every delivery the outbox holds, chats side by side (a chat waiting out a 429 holds
    up no other); give back how many messages went out."""
    st: BotState = application.bot_data["state"]
    async with st.delivering:
        pending = await st.run(Follows(st.archive).pending)
        by_chat: dict[int, list[Delivery]] = {}
        for delivery in pending:
            by_chat.setdefault(delivery.chat_id, []).append(delivery)
        sent = await asyncio.gather(*(_deliver_to(application, st, chat, items) for chat, items in by_chat.items()))
        return sum(sent)


async def _deliver_to(application: Application, st: BotState, chat_id: int, deliveries: list[Delivery]) -> int:
    """Send one chat its deliveries in order; give back how many were sent."""
    follows, sent = Follows(st.archive), 0
    for delivery in deliveries:
        if st.config.allowed_chat_ids and chat_id not in st.config.allowed_chat_ids:
            await st.run(follows.mark, delivery.outbox_ids, "skipped")  # no longer admitted
            continue
        articles = await st.run(st.archive.fetch, delivery.article_ids)
        stories = [articles[i] for i in delivery.article_ids if i in articles]
        try:
            if stories:
                hits = [Hit.lead_of(a) for a in stories[:SHOWN]]
                await application.bot.send_message(chat_id, render.new_stories_html(delivery.queries, hits, len(stories)),
                                                   reply_markup=_story_buttons(hits))
        except (Forbidden, BadRequest) as exc:
            if isinstance(exc, BadRequest) and "chat not found" not in str(exc).lower():
                logger.warning("a delivery was refused (%s); it is dropped", exc)
                await st.run(follows.mark, delivery.outbox_ids, "refused")
                continue
            gone = await st.run(follows.drop_chat, chat_id)
            logger.info("a chat blocked the bot or is gone: its %d follows are removed", gone)
            return sent
        except TelegramError as exc:  # a network fault: the outbox keeps it for the next round
            logger.warning("a delivery is kept for later: %s", exc)
            return sent
        follows.mark(delivery.outbox_ids)  # at once: no await between Telegram taking it and this
        sent += 1
    return sent


def _story_buttons(hits: list[Hit]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"📄 {n}. {render.headline(hit, width=20)}", callback_data=f"art:{hit.id}")]
                                 for n, hit in enumerate(hits, 1)])
