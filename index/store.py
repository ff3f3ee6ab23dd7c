"""SQLite, the archive's store of record: pages and their articles under ARCHIVE_DIR."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import multiprocessing
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from index.pagefile import PAGE_SUFFIXES, PageError, read_page_file
from index.pages import DatedArticle, Page, Summary

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 8  # 2: queries for "more" buttons; 3: buttons bound to a chat, expiring; 4: PRAGMA user_version;
# 5: what a PDF page's header prints (paper, page_no, section) and a story's subtitle; 6: follows and their outbox;
# 7: the kept PDF of a page, where each story is printed on it, and clippings sent; 8: a story's kicker
BUTTON_TTL = 7 * 24 * 3600  # seconds a "more" button keeps working
BUTTONS_MAX = 20_000  # questions kept for buttons; the oldest go first
DB_NAME = "archive.sqlite3"
PDF_DIR = "pdf"  # the printed pages, by content hash, for clippings

_SCHEMA = """
DROP TABLE IF EXISTS meta;
CREATE TABLE IF NOT EXISTS pages (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL UNIQUE,
    ingested_at TEXT NOT NULL,
    year        INTEGER,
    page_date   TEXT,
    paper       TEXT,
    page_no     INTEGER,
    section     TEXT,
    pdf         TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    id       TEXT PRIMARY KEY,
    page_id  INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    title    TEXT,
    author   TEXT,
    kind     TEXT NOT NULL CHECK (kind IN ('news', 'feature', 'photo')),
    date     TEXT,
    dates    TEXT NOT NULL,
    text     TEXT NOT NULL,
    subtitle TEXT,
    regions  TEXT,
    kicker   TEXT,
    UNIQUE (page_id, ordinal)
);
DROP TABLE IF EXISTS queries;
CREATE TABLE IF NOT EXISTS buttons (
    token      TEXT PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    text       TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS buttons_by_age ON buttons (created_at);
CREATE TABLE IF NOT EXISTS follows (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    words      TEXT NOT NULL DEFAULT '[]',  -- the query's content words, parsed once (JSON)
    UNIQUE (chat_id, query)
);
CREATE TABLE IF NOT EXISTS outbox (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    query      TEXT NOT NULL,
    batch      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    UNIQUE (chat_id, article_id)
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (sent_at, chat_id);
CREATE TABLE IF NOT EXISTS clippings (
    article_id TEXT PRIMARY KEY,
    file_ids   TEXT NOT NULL  -- JSON list: Telegram's file_id of each image sent, reused on the next send
);
CREATE TABLE IF NOT EXISTS removed (
    id         TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    removed_at TEXT NOT NULL
);
"""


_ADDED_COLUMNS = {  # schema 5 and later
    "pages": [("paper", "TEXT"), ("page_no", "INTEGER"), ("section", "TEXT"), ("pdf", "TEXT")],
    "articles": [("subtitle", "TEXT"), ("regions", "TEXT"), ("kicker", "TEXT")],
}


@dataclass(frozen=True)
class Ingested:
    """What adding one page file did."""

    name: str
    status: str  # added | replaced | unchanged | refused
    titles: tuple[str, ...] = ()  # headlines (or first words) of the stories added
    reason: str = ""  # why a file was refused
    beside: str = ""  # the page already kept under the file's name, when this one was added beside it
    ids: tuple[str, ...] = ()  # the ids of the stories added


class ArchiveError(Exception):
    """The archive cannot be used; the message names the file and what is wrong."""


PARALLEL_PAGES = 50  # more page files than this are read on every core


def page_files(folder: Path) -> list[Path]:
    """Give back the page files in a folder, in name order."""
    if not folder.is_dir():
        raise ArchiveError(f"{folder}: no such folder of pages")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)


class Archive:
    """The articles of every page ingested so far, kept in one SQLite file."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"{self.folder}: cannot create the archive folder ({exc.strerror})") from None
        try:
            # Any thread may use a connection, one at a time: the bot rebuilds indexes off its loop.
            self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self.writing = threading.Lock()  # the bot's threads write buttons on the one connection
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self._check_version()  # before the schema script: a newer archive is left untouched
            self.db.executescript(_SCHEMA)
            self._add_columns()
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"{self.path}: cannot open the archive ({exc}); is {self.folder} writable?") from None
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a usable archive database ({exc})") from None

    def _check_version(self) -> None:
        """Refuse an archive written by a newer program; an older one only lacks tables, which
        the schema script then creates (SQLite's user_version holds the version)."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: schema version {version}, this program reads {SCHEMA_VERSION}; "
                "rebuild it with `python bot.py build`"
            )

    def _add_columns(self) -> None:
        """Give tables made by an older program the columns added since (all may be NULL)."""
        for table, columns in _ADDED_COLUMNS.items():
            have = {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def is_empty(self) -> bool:
        return self.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 0

    def rebuild(self, pages: list[Page]) -> None:
        """Replace the archive's pages with these, in one transaction.

        A page read before keeps the time it was first ingested."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.db:
            first_seen = dict(self.db.execute("SELECT sha256, ingested_at FROM pages").fetchall())
            self.db.execute("DELETE FROM articles")
            self.db.execute("DELETE FROM pages")
            for page in pages:
                self._insert(page, first_seen.get(page.sha256, now))
        logger.info("archive rebuilt: %d pages, %d articles", len(pages), self.count())

    def _insert(self, page: Page, ingested_at: str) -> None:
        header = page.header
        cursor = self.db.execute(
            "INSERT INTO pages (source, sha256, ingested_at, year, page_date, paper, page_no, section, pdf)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (page.source, page.sha256, ingested_at, page.year, page.page_date,
             header and header.paper, header and header.page_no, header and header.section, page.pdf),
        )
        self.db.executemany(
            "INSERT INTO articles (id, page_id, ordinal, title, author, kind, date, dates, text, subtitle, regions, kicker)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.id, cursor.lastrowid, a.ordinal, a.title, a.author, a.kind, a.date, json.dumps(a.dates), a.text,
                 a.subtitle, json.dumps(a.regions) if a.regions else None, a.kicker)
                for a in page.articles
            ],
        )

    def add_page(self, page: Page, replace: bool = False) -> tuple[str, str]:
        """Add one page in one transaction; give back its status and the name it is kept under.

        The same text (whatever its file name or line breaks) is "unchanged". A different page
        under a name already taken is "added" beside it under a name of its own, unless
        `replace` asks for the old page of that name to go ("replaced")."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        source, old = page.source, None
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
                if self.db.execute("SELECT 1 FROM pages WHERE sha256 = ?", (page.sha256,)).fetchone():
                    return "unchanged", source
                old = self.db.execute("SELECT id FROM pages WHERE source = ?", (source,)).fetchone()
                if old and replace:
                    self.db.execute("INSERT OR REPLACE INTO removed SELECT id, ?, ? FROM articles WHERE page_id = ?",
                                    (source, now, old[0]))
                    self.db.execute("DELETE FROM articles WHERE page_id = ?", (old[0],))
                    self.db.execute("DELETE FROM pages WHERE id = ?", (old[0],))
                elif old:
                    stem, dot, suffix = source.rpartition(".")
                    source = f"{stem}_{page.sha256[:8]}.{suffix}" if dot else f"{source}_{page.sha256[:8]}"
                    page = dataclasses.replace(page, source=source, articles=[
                        dataclasses.replace(a, source=source) for a in page.articles])
                self._insert(page, now)
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"{self.path}: cannot write to the archive ({exc})") from None
        return ("replaced" if old and replace else "added"), source

    def remove_page(self, source: str) -> int:
        """Take a page out of the archive; give back how many stories went with it (0: no such
        page). Their ids are remembered, so a link to one says it was removed."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                row = self.db.execute("SELECT id FROM pages WHERE source = ?", (source,)).fetchone()
                if row is None:
                    return 0
                ids = [r[0] for r in self.db.execute("SELECT id FROM articles WHERE page_id = ?", (row[0],))]
                self.db.executemany("INSERT OR REPLACE INTO removed VALUES (?, ?, ?)", [(i, source, now) for i in ids])
                self.db.executemany("DELETE FROM clippings WHERE article_id = ?", [(i,) for i in ids])
                pdf = self.db.execute("SELECT pdf FROM pages WHERE id = ?", (row[0],)).fetchone()[0]
                self.db.execute("DELETE FROM articles WHERE page_id = ?", (row[0],))
                self.db.execute("DELETE FROM pages WHERE id = ?", (row[0],))
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"{self.path}: cannot write to the archive ({exc})") from None
        if pdf and not self.db.execute("SELECT 1 FROM pages WHERE pdf = ?", (pdf,)).fetchone():
            (self.folder / PDF_DIR / pdf).unlink(missing_ok=True)  # no other page was printed from it
        return len(ids)

    def keep_pdf(self, path: Path) -> str:
        """Keep a page's PDF under the archive, named by its content (kept once however often it
        comes); give back its name."""
        data = path.read_bytes()
        name = hashlib.sha256(data).hexdigest()[:32] + ".pdf"
        target = self.folder / PDF_DIR / name
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)
        return name

    def remember_clipping(self, article_id: str, file_ids: list[str]) -> None:
        with self.writing, self.db:
            self.db.execute("INSERT OR REPLACE INTO clippings VALUES (?, ?)", (article_id, json.dumps(file_ids)))

    def clipping_file_ids(self, article_id: str) -> list[str]:
        """Give back Telegram's file_ids of a story's clipping images, sent before (else [])."""
        row = self.db.execute("SELECT file_ids FROM clippings WHERE article_id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def was_removed(self, article_id: str) -> bool:
        """Whether a story was in the archive and an editor took its page out."""
        return self.db.execute("SELECT 1 FROM removed WHERE id = ?", (article_id,)).fetchone() is not None

    def pages(self) -> list[dict]:
        """Give back every page: its name, printed date, stories and when it was added."""
        rows = self.db.execute(
            "SELECT p.source, p.page_date, p.year, p.paper, p.page_no, p.section, p.ingested_at,"
            " COUNT(a.id) AS stories FROM pages p"
            " LEFT JOIN articles a ON a.page_id = p.id GROUP BY p.id ORDER BY p.ingested_at, p.source")
        return [dict(r) for r in rows]

    def newest_pages(self, top: int) -> list[dict]:
        """Give back the pages added last, newest first: name, printed date, paper, 版次, section."""
        rows = self.db.execute("SELECT source, page_date, paper, page_no, section FROM pages"
                               " ORDER BY ingested_at DESC, id DESC LIMIT ?", (top,))
        return [dict(r) for r in rows]

    def page_hashes(self) -> set[str]:
        """Give back the hash of every page: what an index of the archive must hold."""
        return {r[0] for r in self.db.execute("SELECT sha256 FROM pages")}

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def articles_of_pages(self, hashes: set[str]) -> list[DatedArticle]:
        """Give back the articles of some pages (by hash), page by page in print order."""
        hashes = sorted(hashes)
        found = []
        for start in range(0, len(hashes), 500):  # SQLite's limit on bound parameters
            chunk = hashes[start : start + 500]
            found += [_article(row) for row in self.db.execute(
                f"{_SELECT} WHERE p.sha256 IN ({','.join('?' * len(chunk))}) ORDER BY p.source, a.ordinal", chunk)]
        return sorted(found, key=lambda a: (a.source, a.ordinal))

    def last_ingest(self) -> str | None:
        return self.db.execute("SELECT MAX(ingested_at) FROM pages").fetchone()[0]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def articles(self) -> list[DatedArticle]:
        """Give back every article, page by page in file-name order, in page order."""
        return [_article(row) for row in self.db.execute(f"{_SELECT} ORDER BY p.source, a.ordinal")]

    def article(self, article_id: str) -> DatedArticle | None:
        """Give back one article by id, or None."""
        return self.fetch([article_id]).get(article_id)


    def fetch(self, ids) -> dict[str, DatedArticle]:
        """Give back the articles with these ids, by id (unknown ids are left out)."""
        ids = list(ids)
        found: dict[str, DatedArticle] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.db.execute(
                f"{_SELECT} WHERE a.id IN ({','.join('?' * len(chunk))})", chunk  # noqa: S608 - placeholders only
            ).fetchall()
            found.update((row["id"], _article(row)) for row in rows)
        return found

    def latest(self, top: int, offset: int) -> list[DatedArticle]:
        """Give back the newest articles first: by their own date, else their page's."""
        rows = self.db.execute(
            f"{_SELECT} ORDER BY COALESCE(a.date, p.page_date, '') DESC, p.source, a.ordinal LIMIT ? OFFSET ?",
            (top, offset),
        ).fetchall()
        return [_article(row) for row in rows]

    def on_page(self, source: str) -> list[DatedArticle]:
        """Give back the articles of one page, in print order."""
        rows = self.db.execute(f"{_SELECT} WHERE p.source = ? ORDER BY a.ordinal", (source,)).fetchall()
        return [_article(row) for row in rows]

    def dated(self, pattern: str, top: int, offset: int) -> list[DatedArticle]:
        """Give back the articles whose date (their own, else their page's) matches a SQL LIKE
        pattern ("2022-02-%", "%-05-20"), newest first."""
        rows = self.db.execute(
            f"{_SELECT} WHERE COALESCE(a.date, p.page_date, '') LIKE ? "
            "ORDER BY COALESCE(a.date, p.page_date, '') DESC, p.source, a.ordinal LIMIT ? OFFSET ?",
            (pattern, top, offset),
        ).fetchall()
        return [_article(row) for row in rows]

    def page_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]

    def summary(self) -> Summary:
        """Give back how many stories the archive holds, from when to when, and a few headlines."""
        first, last = self.db.execute(
            "SELECT MIN(d), MAX(d) FROM (SELECT COALESCE(a.date, p.page_date) AS d FROM articles a"
            " JOIN pages p ON p.id = a.page_id) WHERE d IS NOT NULL AND d NOT LIKE '--%'"
        ).fetchone()
        # examples for readers: short headlines of the newest pages, one from each page where it can
        titles = [r[0] for r in self.db.execute(
            "SELECT a.title FROM articles a JOIN pages p ON p.id = a.page_id WHERE a.kind = 'news'"
            " AND a.title IS NOT NULL AND LENGTH(a.title) <= 20"
            " ORDER BY COALESCE(p.page_date, '') DESC, p.ingested_at DESC, p.source, a.ordinal LIMIT 60"
        )]
        step = max(1, len(titles) // 3)
        return Summary(self.count(), first, last, tuple(titles[::step][:3]))

    def remember_query(self, text: str, chat_id: int) -> str:
        """Give back an unguessable token standing for a question asked in a chat, kept for its
        "more" buttons for BUTTON_TTL; the oldest go when more than BUTTONS_MAX are kept."""
        token = secrets.token_urlsafe(12)
        now = time.time()
        with self.writing, self.db:
            self.db.execute("INSERT INTO buttons VALUES (?, ?, ?, ?)", (token, chat_id, text, now))
            self.db.execute("DELETE FROM buttons WHERE created_at < ?", (now - BUTTON_TTL,))
            self.db.execute("DELETE FROM buttons WHERE token IN (SELECT token FROM buttons"
                            " ORDER BY created_at DESC LIMIT -1 OFFSET ?)", (BUTTONS_MAX,))
        return token

    def query_text(self, token: str, chat_id: int) -> str | None:
        """Give back the question a token stands for in this chat; None when it is unknown,
        expired, or was asked in another chat."""
        row = self.db.execute("SELECT text FROM buttons WHERE token = ? AND chat_id = ? AND created_at >= ?",
                              (token, chat_id, time.time() - BUTTON_TTL)).fetchone()
        return row[0] if row else None


_SELECT = ("SELECT a.*, p.source, p.page_date, p.paper, p.page_no, p.section, p.pdf"
           " FROM articles a JOIN pages p ON p.id = a.page_id")


def _article(row: sqlite3.Row) -> DatedArticle:
    return DatedArticle(
        id=row["id"],
        source=row["source"],
        ordinal=row["ordinal"],
        title=row["title"],
        author=row["author"],
        kind=row["kind"],
        date=row["date"],
        dates=json.loads(row["dates"]),
        page_date=row["page_date"],
        text=row["text"],
        subtitle=row["subtitle"],
        paper=row["paper"],
        page_no=row["page_no"],
        section=row["section"],
        regions=json.loads(row["regions"]) if row["regions"] else None,
        pdf=row["pdf"],
        kicker=row["kicker"],
    )


def build(archive: Archive, folder: Path) -> list[Page]:
    """Rebuild the archive from every page file in a folder; give back the pages read."""
    files = page_files(folder)
    if len(files) > PARALLEL_PAGES and (os.cpu_count() or 1) > 1:
        # Reading a page (cleaning, segmenting, dating) is pure Python: one process per core.
        with multiprocessing.get_context("fork").Pool() as pool:
            read = pool.map(read_page_file, files, chunksize=8)
    else:
        read = [read_page_file(path) for path in files]
    pages: list[Page] = []
    seen: dict[str, str] = {}
    for path, page in zip(files, read):
        if page.sha256 in seen:
            logger.warning("%s: same text as %s, left out", path.name, seen[page.sha256])
            continue
        seen[page.sha256] = path.name
        pages.append(_kept(archive, path, page))
    archive.rebuild(pages)
    return pages


def _kept(archive: Archive, path: Path, page: Page) -> Page:
    """Give back a page read from a PDF with its file kept (for clippings); a text page as it is."""
    if not any(a.regions for a in page.articles):
        return page
    name = archive.keep_pdf(path)
    return dataclasses.replace(page, pdf=name, articles=[dataclasses.replace(a, pdf=name) for a in page.articles])


def ingest(archive: Archive, path: Path, replace: bool = False, news_only: bool = False) -> Ingested:
    """Add a page file to the archive; a file that is not a page is refused and changes nothing.

    `replace` lets it take the place of the page of the same name; `news_only` (uploads)
    refuses text in which no story carries a date or a byline (a chat log, a contract)."""
    try:
        page = read_page_file(path)
        if news_only and not any(a.date or a.author for a in page.articles):
            raise PageError(f"{path.name}: no dated or signed story in it; this does not look like a page of the paper")
    except PageError as exc:
        return Ingested(path.name, "refused", reason=str(exc))
    except OSError as exc:
        return Ingested(path.name, "refused", reason=f"{path.name}: cannot read it ({exc.strerror})")
    status, source = archive.add_page(_kept(archive, path, page), replace)
    added = page.articles if status != "unchanged" else []
    titles = tuple(a.title or a.text[:20] + "…" for a in added)
    return Ingested(source, status, titles, beside=page.source if source != page.source else "",
                    ids=tuple(a.id for a in added))
