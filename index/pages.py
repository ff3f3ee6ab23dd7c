"""A page file -> its dated articles: clean, segment, then date against the page's year."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from index import dates
from index.clean import Line, join_lines, page_lines
from index.layout import Header, LaidOutPage
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
    subtitle: str | None = None
    paper: str | None = None  # what the page's header prints (PDF pages): 今日离石
    page_no: int | None = None  # 第2版
    section: str | None = None  # 综合新闻
    regions: dict | None = None  # where its PDF page prints it (segment.regions_of), for clippings
    pdf: str | None = None  # the kept PDF file of its page, under the archive's pdf/ folder
    kicker: str | None = None  # the line printed over its headline

    def as_json(self) -> dict:
        """Give back the article as the `articles --json` object (exactly these keys)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "subtitle": self.subtitle,
            "kicker": self.kicker,
            "author": self.author,
            "kind": self.kind,
            "date": self.date,
            "dates": self.dates,
            "paper": self.paper,
            "page_date": self.page_date,
            "page_no": self.page_no,
            "section": self.section,
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
    header: Header | None = None  # what a PDF page's header prints: paper, date, 版次, section
    pdf: str | None = None  # the kept PDF file, once the archive keeps it


def article_id(page_sha256: str, ordinal: int) -> str:
    """Give back a short id that stays the same whenever the same page is read again."""
    return hashlib.blake2b(f"{page_sha256}:{ordinal}".encode(), digest_size=5).hexdigest()


def read_page(source: str, raw: str) -> Page:
    """Give back a text page's articles with titles, bylines, kinds and dates."""
    return _dated_page(source, raw, page_lines(raw), None)


def read_laid_out(source: str, laid_out: LaidOutPage) -> Page:
    """Give back a PDF page's articles: its labelled lines, dated by the date in its header."""
    raw = "\n".join(line.text for line in laid_out.lines)
    return _dated_page(source, raw, laid_out.lines, laid_out.header)


def _dated_page(source: str, raw: str, lines: list[Line], header: Header | None) -> Page:
    # A page is known by its text, not its layout: the same words re-wrapped are the same page.
    sha = hashlib.sha256(re.sub(r"\s+", "", raw).encode("utf-8", "surrogatepass")).hexdigest()  # a lone surrogate must not crash
    whole = join_lines([line.text for line in lines if line.label != "header"])
    if header is not None and header.date:  # printed in the header: certain
        year, page_date = int(header.date[:4]), header.date
    else:
        year = dates.page_year(whole)
        page_date = dates.latest(dates.find_dates(whole, year))
    printed = dict(paper=header.paper, page_no=header.page_no, section=header.section) if header else {}
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
                subtitle=article.subtitle,
                kicker=article.kicker,
                regions={**article.regions, "header": header.box} if article.regions and header and header.box
                else article.regions,
                **printed,
            )
        )
    logger.debug("%s: %d articles, year %s", source, len(articles), year)
    return Page(source, sha, year, page_date, articles, header)
