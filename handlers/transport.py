"""How the bot talks to Telegram: a rate limiter that pauses one chat at a time, and a bot
that skips an update it cannot read instead of asking for it again forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, Defaults, ExtBot
from telegram.request import HTTPXRequest

logger = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30  # Telegram's limit on messages a second across all chats
GROUP_PER_MINUTE = 20  # ... and on messages a minute into one group
MAX_RETRIES = 3
UNPACED = frozenset({"sendChatAction"})  # "typing…" is no message: it does not spend the chats' pace


class ChatRateLimiter(BaseRateLimiter[int]):
    """Paces messages within Telegram's limits, and on a 429 pauses only the chat it came for.

    PTB's AIORateLimiter pauses every request after any 429 (one global event), so one
    busy group would hold up every reader; here each chat waits out its own retry_after."""

    def __init__(self, overall: int | None = None, group: int = GROUP_PER_MINUTE, max_retries: int = MAX_RETRIES):
        self.overall = AsyncLimiter(overall or OVERALL_PER_SECOND, 1)
        self.group_rate = group
        self.max_retries = max_retries
        self.groups: dict[int | str, AsyncLimiter] = {}
        self.paused_until: dict[int | str | None, float] = {}

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def _group(self, chat_id) -> AsyncLimiter | contextlib.nullcontext:
        if not (isinstance(chat_id, str) or isinstance(chat_id, int) and chat_id < 0):
            return contextlib.nullcontext()  # a private chat: Telegram allows short bursts
        if len(self.groups) > 1024:  # forget groups that have been quiet
            self.groups = {k: v for k, v in self.groups.items() if not v.has_capacity(self.group_rate)}
        return self.groups.setdefault(chat_id, AsyncLimiter(self.group_rate, 60))

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)
        loop = asyncio.get_running_loop()
        for attempt in range((rate_limit_args or self.max_retries) + 1):
            wait = self.paused_until.get(chat_id, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            paced = chat_id is not None and endpoint not in UNPACED
            try:
                async with (self._group(chat_id) if paced else contextlib.nullcontext()), \
                        (self.overall if paced else contextlib.nullcontext()):
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == (rate_limit_args or self.max_retries):
                    raise
                seconds = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
                logger.info("429 for one chat: it waits %.1f s, the others go on", seconds)
                self.paused_until[chat_id] = loop.time() + seconds + 0.1
        raise AssertionError("unreachable")


class ArchiveBot(ExtBot):
    """The bot, reading updates one by one: an update the library cannot parse is replaced by
    its bare id (logged once, without the reader's text), so polling moves past it."""

    __slots__ = ()

    async def _do_post(self, endpoint: str, data, **kwargs):
        result = await super()._do_post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            result = [self._readable(raw) for raw in result]
        return result

    def _readable(self, raw):
        try:
            Update.de_json(raw, self)
            return raw
        except Exception as exc:  # noqa: BLE001 - any fault of a malformed update
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            logger.warning("skipped update %s: it cannot be read (%s)", update_id, type(exc).__name__)
            return {"update_id": update_id if isinstance(update_id, int) else 0}


def make_bot(token: str, base_url: str | None, defaults: Defaults, overall: int = OVERALL_PER_SECOND) -> ArchiveBot:
    """Give back the bot for a token, talking to Telegram or to the server at base_url."""
    urls = {}
    if base_url:
        base = base_url.rstrip("/")
        base = base if base.endswith("/bot") else base + "/bot"
        urls = {"base_url": base, "base_file_url": base.removesuffix("/bot") + "/file/bot"}
    return ArchiveBot(
        token,
        request=HTTPXRequest(connection_pool_size=16, pool_timeout=10),  # answers go out concurrently
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        defaults=defaults,
        rate_limiter=ChatRateLimiter(overall),
        **urls,
    )
