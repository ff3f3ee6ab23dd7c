"""Dates as the paper prints them, the page's year, and an article's own date.

Dates come out as ISO 8601 strings: "2020-05-16", or "--05-16" (month-day) when the page
gives no year. No page prints its issue date, so the year is inferred from the page
itself and never guessed beyond what it supports.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re

from lunardate import LunarDate

logger = logging.getLogger(__name__)

_DAY = r"(\d{1,2})\s*[日号]"
_DATE = re.compile(
    r"(?:(?<!\d)(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*" + _DAY + r"(?:\s*[—\-－~～]+\s*" + _DAY + r")?"
)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?!\s*(?:前|后|以后|远景))")
_NEW_YEAR = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*[（(]\s*(?:大年初一|正月初一|春节)\s*[)）]")

# A date printed with "大年初一" names its year: the Spring Festival (正月初一) falls on a
# different Gregorian day each year. Read against the years the e-paper's pages can be from: 2000
# to this year (no page is from the future), so the rule does not run out.
FIRST_PAGE_YEAR = 2000
EARLIEST_YEAR, LATEST_YEAR = 1949, 2100


def iso(year: int | None, month: int, day: int) -> str | None:
    """Give back "YYYY-MM-DD" (or "--MM-DD" without a year), or None for an impossible date."""
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 2月29日 stays valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, year: int | None = None) -> list[str]:
    """Give back every date the text prints, in order; a range "5月11日—12日" gives both ends.

    A date printed with its year keeps that year; the others take `year` when given."""
    found: list[str] = []
    for match in _DATE.finditer(text):
        printed_year, month, day, range_end = match.groups()
        use_year = int(printed_year) if printed_year else year
        for d in (day, range_end):
            if d is None:
                continue
            value = iso(use_year, int(month), int(d))
            if value:
                found.append(value)
    return found


def page_year(text: str) -> int | None:
    """Give back the year a page was printed in, or None when the page does not say.

    The latest year the page mentions is taken (a page reports on its own year and looks
    back on earlier ones); targets such as "到2035年" and ends of ranges are ignored. With no
    year printed, a date marked as the Spring Festival ("1月25日（大年初一）") names it."""
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(text)
        if EARLIEST_YEAR <= int(m.group(1)) <= LATEST_YEAR and not _is_target(text[: m.start()])
    ]
    if years:
        return max(years)
    for month, day in _NEW_YEAR.findall(text):
        matches = [y for y in range(FIRST_PAGE_YEAR, dt.date.today().year + 1) if spring_festival(y) == (int(month), int(day))]
        if len(matches) == 1:
            return matches[0]
    return None


@functools.cache
def spring_festival(year: int) -> tuple[int, int]:
    """Give back (month, day) of the Spring Festival in a Gregorian year (lunardate's calendar)."""
    day = LunarDate(year, 1, 1).to_solar_date()
    return day.month, day.day


def _is_target(before: str) -> bool:
    """Tell whether a year printed after `before` is a target or a range's end, not news."""
    before = before.rstrip()
    if before.endswith(("到", "—", "-", "－", "~", "～")):
        return True
    return before.endswith("至") and not before.endswith("截至")


def latest(dates: list[str]) -> str | None:
    """Give back the latest of ISO dates; month-day dates order by month and day."""
    if not dates:
        return None
    return max(dates, key=lambda d: (d[:4] if d[0] != "-" else "0000", d[-5:]))


def article_date(lead: str, year: int | None) -> str | None:
    """Give back the article's own date: the first date printed in its lead, or None."""
    dates = find_dates(lead, year)
    return dates[0] if dates else None
