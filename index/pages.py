"""A page file -> its dated articles: clean, segment, then date against the page's year."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from index import dates
from index.clean import join_lines, page_lines
from index.segment import split_articles

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatedArticle:
    """An article as the archive keeps it."""

    id: str
    source: str
    ordinal: int
    title: str | None
    author: str | None
    kind: str
    date: str | None
    dates: list[str]
    page_date: str | None
    text: str

    def as_json(self) -> dict:
        """Give back the article as the `articles --json` object (exactly these keys)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "kind": self.kind,
            "date": self.date,
            "dates": self.dates,
            "page_date": self.page_date,
            "text": self.text,
        }


@dataclass(frozen=True)
class Summary:
    """What the archive holds, for greetings and for the hint after a miss."""

    stories: int
    first: str | None
    last: str | None
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    source: str
    sha256: str
    year: int | None
    page_date: str | None
    articles: list[DatedArticle]


def article_id(page_sha256: str, ordinal: int) -> str:
    """Give back a short id that stays the same whenever the same page is read again."""
    return hashlib.blake2b(f"{page_sha256}:{ordinal}".encode(), digest_size=5).hexdigest()


def read_page(source: str, raw: str) -> Page:
    """Give back the page's articles with titles, bylines, kinds and dates."""
    # A page is known by its text, not its layout: the same words re-wrapped are the same page.
    sha = hashlib.sha256(re.sub(r"\s+", "", raw).encode("utf-8", "surrogatepass")).hexdigest()  # a lone surrogate must not crash
    lines = page_lines(raw)
    whole = join_lines([line.text for line in lines])
    year = dates.page_year(whole)
    page_date = dates.latest(dates.find_dates(whole, year))
    articles = []
    for ordinal, article in enumerate(split_articles(lines)):
        lead = article.paragraphs[0]
        if len(lead) < 30 and len(article.paragraphs) > 1:
            lead += article.paragraphs[1]
        articles.append(
            DatedArticle(
                id=article_id(sha, ordinal),
                source=source,
                ordinal=ordinal,
                title=article.title,
                author=article.author,
                kind=article.kind,
                date=dates.article_date(lead, year),
                dates=dates.find_dates(article.text, year),
                page_date=page_date,
                text=article.text,
            )
        )
    logger.debug("%s: %d articles, year %s", source, len(articles), year)
    return Page(source, sha, year, page_date, articles)
