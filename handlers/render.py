"""Hits -> what a reader sees: the one place for presentation (plain text for the console)."""

from __future__ import annotations

import logging

from index.search import Hit, Summary

logger = logging.getLogger(__name__)


def date_label(date: str | None, page_date: str | None) -> str:
    """Give back a story's date as a reader says it: "2020年5月16日", "5月16日", or "约2020年5月"."""
    if date:
        return _spoken(date)
    if page_date:
        year, month = page_date[:4], int(page_date[-5:-3])
        return f"约{year}年{month}月" if not page_date.startswith("--") else f"约{month}月"
    return "日期不详"


def _spoken(date: str) -> str:
    month, day = int(date[-5:-3]), int(date[-2:])
    return f"{month}月{day}日" if date.startswith("--") else f"{date[:4]}年{month}月{day}日"


def headline(hit: Hit, width: int = 24) -> str:
    """Give back the story's headline, or its first words when the page printed none."""
    if hit.title:
        return hit.title
    text = hit.opening.removeprefix("本报讯").strip()
    return text if len(text) <= width else text[:width] + "…"


def plain_answer(query: str, hits: list[Hit], summary: Summary) -> str:
    """Give back the answer to a question as plain text, as the console prints it."""
    if not query.strip():
        return "请输入问题，例如：信义镇爱国卫生运动"
    if not hits:
        return no_match_text(summary)
    lines = []
    for number, hit in enumerate(hits, 1):
        lines.append(f"{number}. {headline(hit)}")
        lines.append(f"   {date_label(hit.date, hit.page_date)} · {hit.source}")
        lines.append(f"   {hit.excerpt}")
    return "\n".join(lines)


def no_match_text(summary: Summary) -> str:
    """Give back the reply to a question nothing in the archive answers, with a hint."""
    span = ""
    if summary.first and summary.last:
        span = f"（{summary.first[:4]}—{summary.last[:4]}年）" if summary.first[:4] != summary.last[:4] else f"（{summary.first[:4]}年）"
    examples = "、".join(summary.examples)
    hint = f"，例如：{examples}" if examples else ""
    return f"没有找到相关报道。档案收录《今日离石》{summary.stories}篇报道{span}，可以换个说法或用更短的词试试{hint}。"
