"""Clippings: 📰 剪报 sends a story from a PDF page as the paper printed it; a question about a
picture gets the printed photo. Images are made by index/clipping.py off the event loop; the
file_id Telegram gives the first upload is kept and reused on every later send."""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultCachedPhoto,
    InputMediaPhoto,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from handlers import render
from handlers.faults import report
from handlers.state import BotState, state
from index.clipping import ClippingError, clipping, photo
from index.pages import DatedArticle
from index.search import Answer

logger = logging.getLogger(__name__)


def clip_markup(article: DatedArticle) -> InlineKeyboardMarkup | None:
    """Give back the 📰 剪报 button for a story printed on a kept PDF page (none for a text page)."""
    if not (article.regions and article.pdf):
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(render.CLIP_LABEL, callback_data=f"clip:{article.id}")]])


async def clip_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`clip:<id>`: send the story's clipping (a photo, or an album when it is tall). Presses
    wait in the reader's queue with their questions: making clippings is the dearest thing a
    reader can ask for, and a reader pressing 📰 again and again takes one at a time."""
    st, query = state(context), update.callback_query
    if query.message is None:
        await query.answer()
        return
    reader = (query.message.chat_id, query.from_user.id)

    async def job() -> None:
        try:
            await _clip(query, context)
        except Exception as exc:  # noqa: BLE001 - told to the reader and logged, like any handler's fault
            await report(update, exc)

    if st.queues.offer(reader, job):
        await query.answer()
    else:
        await query.answer(render.PRESSED_TOO_FAST if st.queues.first_refusal(reader) else None)


async def _clip(query, context: ContextTypes.DEFAULT_TYPE) -> None:
    st = state(context)
    article = await st.run(st.searcher.article, query.data.removeprefix("clip:"))
    if article is None:
        await query.message.reply_text(render.NO_SUCH_STORY, do_quote=False)
        return
    caption = render.clipping_caption_html(article, create_deep_linked_url(context.bot.username, f"a_{article.id}"))
    kept = await st.run(st.archive.clipping_file_ids, article.id)
    try:
        if kept:
            try:
                await _send(query.message, kept, caption)
                return
            except BadRequest as exc:  # Telegram no longer knows the file: make it again
                logger.info("a kept clipping could not be reused: %s", exc)
        images = await st.run(lambda: clipping(st.config.archive_dir, article, st.archive.on_page(article.source)))
        sent = await _send(query.message, images, caption)
        await st.run(st.archive.remember_clipping, article.id, [m.photo[-1].file_id for m in sent])
    except ClippingError as exc:
        logger.info("no clipping of %s: %s", article.id, exc)
        await query.message.reply_text(render.NO_CLIPPING, do_quote=False, reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton(render.READ_TEXT, callback_data=f"art:{article.id}")]]))


async def _send(message, photos: list, caption: str) -> list:
    """Send images (bytes or file_ids) into the chat of a message: one photo, or an album."""
    if len(photos) == 1:
        return [await message.reply_photo(photos[0], caption=caption, do_quote=False)]
    media = [InputMediaPhoto(p, caption=caption if i == 0 else None) for i, p in enumerate(photos)]
    return list(await message.reply_media_group(media, do_quote=False))


async def cached_results(st: BotState, hits, bot_username: str | None) -> list[InlineQueryResultCachedPhoto]:
    """Give back the clippings already on Telegram of some stories, as inline results to share."""
    kept = await st.run(lambda: {hit.id: st.archive.clipping_file_ids(hit.id) for hit in hits})
    results = []
    for hit in hits:
        if kept.get(hit.id):
            link = create_deep_linked_url(bot_username, f"a_{hit.id}") if bot_username else ""
            results.append(InlineQueryResultCachedPhoto(
                id=f"c{hit.id}", photo_file_id=kept[hit.id][0], title=f"{render.CLIP_LABEL} {render.headline(hit, 30)}",
                caption=render.clipping_caption_html(hit, link), parse_mode="HTML"))
    return results


async def send_photo_answer(update: Update, st: BotState, answer: Answer) -> None:
    """After the answer to a question about a picture, send the printed photo of its best story
    that has one, captioned with its caption and date."""
    for hit in answer.hits:
        article = await st.run(st.searcher.article, hit.id)
        if article is None or not (article.regions or {}).get("photos"):
            continue
        try:
            image = await st.run(photo, st.config.archive_dir, article)
        except ClippingError as exc:
            logger.info("no photo of %s: %s", article.id, exc)
            continue
        await update.effective_message.reply_photo(image, caption=render.photo_caption_html(article), do_quote=False)
        return
