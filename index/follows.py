"""Followed topics: which chats follow what, and the outbox of new stories to tell them about.

A chat follows a query (`/follow 飞地经济`). After every ingest the new stories are matched
against every followed query with the search's own rules (search.Searcher.covering: the story
must answer the query, not share one common word with it), and each match is written to the
outbox in the store, once per story and chat. The bot (handlers/follow.py) sends what the outbox
holds and marks it sent afterwards, so a crash or a restart neither loses nor repeats a story;
the process that ingested needs no Telegram at all.

A query's words are parsed once, when it is followed, and kept with it as JSON: matching an
ingest against many followed queries then costs vocabulary look-ups, not a tagger run each.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass

from index.question import Word
from index.store import Archive

logger = logging.getLogger(__name__)

MAX_PER_CHAT = 20  # followed queries a chat may hold
PENDING_MAX = 500  # outbox rows read per delivery round


@dataclass(frozen=True)
class Follow:
    id: int
    chat_id: int
    query: str
    created_at: str


@dataclass(frozen=True)
class Delivery:
    """The new stories of one ingest for one chat: one message."""

    chat_id: int
    batch: str
    queries: tuple[str, ...]
    article_ids: tuple[str, ...]
    outbox_ids: tuple[int, ...]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Follows:
    """The follows and outbox tables of an archive (same connection, same transactions)."""

    def __init__(self, archive: Archive):
        self.db, self.lock = archive.db, archive.writing

    def add(self, chat_id: int, query: str, words: tuple[Word, ...]) -> str:
        """Follow a query in a chat; give back "added", "already" or "full"."""
        with self.lock, self.db:
            if self.db.execute("SELECT 1 FROM follows WHERE chat_id = ? AND query = ?", (chat_id, query)).fetchone():
                return "already"
            if self.db.execute("SELECT COUNT(*) FROM follows WHERE chat_id = ?", (chat_id,)).fetchone()[0] >= MAX_PER_CHAT:
                return "full"
            packed = json.dumps([[w.text, w.tag, w.head, w.category] for w in words], ensure_ascii=False)
            self.db.execute("INSERT INTO follows (chat_id, query, created_at, words) VALUES (?, ?, ?, ?)",
                            (chat_id, query, _now(), packed))
        return "added"

    def remove(self, chat_id: int, follow_id: int) -> Follow | None:
        """Stop one of a chat's follows by its id; give back what it was (None: not this chat's)."""
        with self.lock, self.db:
            row = self.db.execute("SELECT * FROM follows WHERE id = ? AND chat_id = ?", (follow_id, chat_id)).fetchone()
            if row is None:
                return None
            self.db.execute("DELETE FROM follows WHERE id = ?", (follow_id,))
        return _follow(row)

    def of_chat(self, chat_id: int) -> list[Follow]:
        rows = self.db.execute("SELECT * FROM follows WHERE chat_id = ? ORDER BY id", (chat_id,))
        return [_follow(r) for r in rows]

    def all(self) -> list[Follow]:
        return [_follow(r) for r in self.db.execute("SELECT * FROM follows ORDER BY chat_id, id")]

    def queries(self) -> dict[str, tuple[tuple[Word, ...], list[int]]]:
        """Give back every followed query with its parsed words and the chats following it."""
        found: dict[str, tuple[tuple[Word, ...], list[int]]] = {}
        for query, packed, chat_id in self.db.execute("SELECT query, words, chat_id FROM follows"):
            if query not in found:
                found[query] = (tuple(Word(*w) for w in json.loads(packed or "[]")), [])
            found[query][1].append(chat_id)
        return found

    def drop_chat(self, chat_id: int) -> int:
        """Forget a chat that blocked the bot or is gone: its follows and what it was not sent."""
        with self.lock, self.db:
            gone = self.db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,)).rowcount
            self.db.execute("UPDATE outbox SET sent_at = 'dropped' WHERE chat_id = ? AND sent_at IS NULL", (chat_id,))
        return gone

    def queue(self, matches: list[tuple[int, str, str]], batch: str) -> int:
        """Write (chat, query, story) matches to the outbox; a story already queued for a chat is
        not queued again. Give back how many were new."""
        now = _now()
        with self.lock, self.db:
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR IGNORE INTO outbox (chat_id, article_id, query, batch, created_at) VALUES (?, ?, ?, ?, ?)",
                [(chat, article, query, batch, now) for chat, query, article in matches])
            return self.db.total_changes - before

    def pending(self) -> list[Delivery]:
        """Give back what is waiting to be sent, one delivery per chat and ingest, oldest first."""
        rows = self.db.execute("SELECT id, chat_id, article_id, query, batch FROM outbox WHERE sent_at IS NULL"
                               " ORDER BY id LIMIT ?", (PENDING_MAX,)).fetchall()
        grouped: dict[tuple[int, str], list] = defaultdict(list)
        for row in rows:
            grouped[(row["chat_id"], row["batch"])].append(row)
        return [Delivery(chat, batch, tuple(dict.fromkeys(r["query"] for r in group)),
                         tuple(dict.fromkeys(r["article_id"] for r in group)), tuple(r["id"] for r in group))
                for (chat, batch), group in grouped.items()]

    def mark(self, outbox_ids: tuple[int, ...], how: str = "sent") -> None:
        """Mark outbox rows done: "sent", or "skipped" (the chat is no longer admitted)."""
        stamp = _now() if how == "sent" else how
        with self.lock, self.db:
            self.db.executemany("UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL",
                                [(stamp, i) for i in outbox_ids])


def _follow(row) -> Follow:
    return Follow(row["id"], row["chat_id"], row["query"], row["created_at"])


def match_new_stories(archive: Archive, searcher, article_ids: list[str], batch: str | None = None) -> int:
    """Match the stories just added against every followed query and queue each match for its
    chats, as one batch (an ingest's: one message per chat); give back how many deliveries were
    queued. `searcher` must already hold the stories."""
    if not article_ids:
        return 0
    follows = Follows(archive)
    queries = follows.queries()
    if not queries:
        return 0
    stories = searcher.story_terms(article_ids)
    matches, memo = [], {}  # many followed queries share words: each is looked up once
    for query, (words, chats) in queries.items():
        for article_id in searcher.covering(words, stories, memo):
            matches += [(chat, query, article_id) for chat in chats]
    queued = follows.queue(matches, batch or secrets.token_hex(6))
    logger.info("%d new stories matched against %d followed queries: %d deliveries queued",
                len(article_ids), len(queries), queued)
    return queued
