"""What the handlers share: the settings they need, the archive as loaded, the readers' queues.

The state lives in `application.bot_data["state"]`, made in `post_init`.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from telegram.ext import Application, ContextTypes

from index.pages import Summary
from index.search import Searcher
from index.store import Archive

logger = logging.getLogger(__name__)

QUEUE_DEPTH = 10  # questions one reader may have waiting; more are declined with one notice
FINISH_SECONDS = 8.0  # on SIGTERM, how long the questions taken in may take to be answered
ANSWERING_MAX = 12  # answers worked on at once, across readers: fewer than the HTTP connections


@dataclass(frozen=True)
class BotConfig:
    """What the handlers need from Settings: where the archive is and who may use the bot."""

    archive_dir: Path
    seeds_dir: Path
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()


class ReaderQueues:
    """One queue per reader: a reader's questions are answered one after another, in order,
    by a task of its own, so a handler never waits and a flooding reader takes one search at a
    time from the pool however many questions they send; the others go on beside them.

    `offer` gives back False when the reader already has QUEUE_DEPTH questions waiting."""

    def __init__(self, application: Application, depth: int = QUEUE_DEPTH, at_once: int = ANSWERING_MAX):
        self.application = application
        self.depth = depth
        self.turns = asyncio.Semaphore(at_once)  # first come, first served
        self.workers: set[asyncio.Task] = set()
        self.waiting: dict[object, deque[Callable[[], Awaitable[None]]]] = {}
        self.warned: set[object] = set()

    def offer(self, reader: object, job: Callable[[], Awaitable[None]]) -> bool:
        queue = self.waiting.get(reader)
        if queue is None:
            self.waiting[reader] = deque([job])
            # kept here, not by the application: a question taken in while the bot stops (PTB
            # still hands out the updates it fetched) must be answered too, see `finish`
            worker = asyncio.get_running_loop().create_task(self._drain(reader), name=f"reader-{reader}")
            self.workers.add(worker)
            worker.add_done_callback(self.workers.discard)
            return True
        if len(queue) >= self.depth:
            return False
        queue.append(job)
        return True

    async def finish(self, timeout: float) -> int:
        """Wait (at most `timeout` seconds) for every question taken in to be answered; give back
        how many readers' queues were still unfinished."""
        if not self.workers:
            return 0
        _, pending = await asyncio.wait(set(self.workers), timeout=timeout)
        for worker in pending:
            worker.cancel()
        return len(pending)

    def first_refusal(self, reader: object) -> bool:
        """Whether this is the first question declined since the reader's queue last emptied."""
        new = reader not in self.warned
        self.warned.add(reader)
        return new

    async def _drain(self, reader: object) -> None:
        queue = self.waiting[reader]
        try:
            while queue:
                job = queue[0]
                try:
                    async with self.turns:
                        await job()
                except Exception:  # noqa: BLE001 - each job reports its own faults; the queue goes on
                    logger.exception("a queued question failed")
                queue.popleft()
        finally:
            del self.waiting[reader]
            self.warned.discard(reader)


@dataclass
class BotState:
    config: BotConfig
    archive: Archive
    searcher: Searcher
    summary: Summary
    pages: int
    archive_state: str = ""
    queues: ReaderQueues | None = None
    # searches run here, off the event loop: one thread per core
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max(2, os.cpu_count() or 2), "search"))
    refused: set[int] = field(default_factory=set)
    questions_answered: int = 0
    reloading: asyncio.Lock = field(default_factory=asyncio.Lock)
    delivering: asyncio.Lock = field(default_factory=asyncio.Lock)  # one round of follow deliveries at a time
    watcher: asyncio.Task | None = None

    async def run(self, function, *args):
        """Run a search (or any blocking call on the archive) in the pool; give back its result."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, function, *args)


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]
