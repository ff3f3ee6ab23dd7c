"""When something fails while handling an update: log it once, tell the reader briefly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import ContextTypes

from handlers import render

logger = logging.getLogger(__name__)


async def report(update: object, error: BaseException) -> None:
    """Log a fault (a Telegram or network fault in one line, anything else with its traceback)
    and apologise to the reader it concerns; never the reader's text at INFO."""
    if isinstance(error, NetworkError):
        where = "polling Telegram for updates" if update is None else "replying"
        logger.warning("Telegram fault while %s: %s: %s", where, type(error).__name__, error)
    else:
        logger.error("while handling an update: %s", error, exc_info=error)
    if isinstance(update, Update):
        try:
            if update.callback_query:
                await update.callback_query.answer(render.FAILED, show_alert=True)
            elif update.effective_message:
                await update.effective_message.reply_text(render.FAILED, do_quote=False)
        except Exception as exc:  # noqa: BLE001 - the apology itself may fail; it is logged once
            logger.warning("could not tell the user about the error: %s", exc)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The application's error handler."""
    await report(update, context.error)
