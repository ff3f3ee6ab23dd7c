"""Raw page text -> normalised printed lines, and the rules that join them back into prose.

A page arrives as text extracted from PDF, one printed column line per line. This module
only repairs what the extraction broke inside a line (full-width letters, control characters,
glyphs doubled by bold fonts, two text blocks glued onto one line) and knows how to join
lines again without the stray spaces of justified Chinese type. Deciding what the lines
*are* (headline, byline, body) is segment.py's job.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

logger = logging.getLogger(__name__)

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CHARS}]")
# Sentence-ending punctuation: a printed line ending in one of these may end a paragraph.
SENTENCE_END = "。！？…!?；;"
# The marks a feature's byline is printed after: "□ 王燕华".
BOX_MARKS = "□■◇◆○●☆★"
# Opening and closing marks that delimit quoted names, inside which spaces are meaningful.
_OPENERS = "“‘《〈「『【"
_CLOSERS = "”’》〉」』】"
_LATIN = re.compile(r"[A-Za-z0-9%.+#@&_\-]")
# Marks below U+2E80 that Chinese type sets a full cell wide.
_FULL_WIDTH_MARKS = frozenset("‘’“”—…·")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(frozen=True)
class Line:
    """One printed line of a page, cleaned."""

    text: str  # spaces collapsed but kept: whether they are stray is decided on joining
    block_start: bool  # the extractor indented it: the first line of a new text block
    joined: bool  # no blank line between it and the previous printed line
    label: str | None = None  # what the PDF layout saw it is: headline, kicker, subtitle, byline, body, caption
    region: int | None = None  # the story region the PDF layout put it in
    box: tuple | None = None  # (PDF page index, x0, top, x1, bottom) in points, where it is printed
    frame: tuple | None = None  # on a caption's first line: the picture frame above it, as `box`

    @property
    def width(self) -> float:
        return display_width(self.text)


def fold_width(text: str) -> str:
    """Give back text with full-width Latin letters, digits and spaces made half-width,
    zero-width and control characters removed; Chinese punctuation stays as printed."""
    out = []
    for ch in text.translate(_ZERO_WIDTH):
        code = ord(ch)
        if ch == "\u3000" or ch == "\u00a0" or ch == "\t":
            out.append(" ")
        elif 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def display_width(text: str) -> float:
    """Give back how wide the text prints, in Chinese character cells.

    Justified lines are padded with spaces, so a space counts a quarter cell: that keeps a
    letter-spaced line ("正 处 在 最 吃 劲") about as wide as a full line of its column."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.25
        elif ord(ch) < 0x2E80 and ch not in _FULL_WIDTH_MARKS:
            width += 0.5
        else:
            width += 1.0
    return width


def _doubled_chunks(token: str) -> list[str] | None:
    """Give back the chunks c1, c2, … if token is c1c1c2c2…, else None (longest chunks first)."""
    n = len(token)
    if n < 2 or n % 2 or n > 240:
        return None

    @cache
    def solve(i: int) -> tuple[str, ...] | None:
        if i == n:
            return ()
        for size in range((n - i) // 2, 0, -1):
            if token[i : i + size] == token[i + size : i + 2 * size]:
                rest = solve(i + 2 * size)
                if rest is not None:
                    return (token[i : i + size],) + rest
        return None

    chunks = solve(0)
    return list(chunks) if chunks is not None else None


def undouble(line: str, beside_doubled: bool = False) -> str:
    """Give back the line with glyphs doubled by a bold font undone.

    "王艳王艳 摄摄" -> "王艳 摄", "众志成城众志成城" -> "众志成城". Only a line whose every
    token is doubled counts, and it must carry more than a reduplicated word: "谢谢",
    "常常 天天" and "高高兴兴" stay as they are, unless the line is printed right after a
    doubled one (the tail of a doubled headline, "引擎引擎")."""
    tokens = line.split()
    if not tokens or not _CJK.search(line):
        return line
    halves = []
    chunk_count, longest, total = 0, 0, 0
    for token in tokens:
        chunks = _doubled_chunks(token)
        if chunks is None:
            return line
        halves.append("".join(chunks))
        chunk_count += len(chunks)
        longest = max(longest, *(len(c) for c in chunks))
        total += sum(len(c) for c in chunks)
    if beside_doubled or (total >= 3 and (longest >= 2 or chunk_count >= 3)):
        return " ".join(halves)
    return line


def has_sentence_punct(text: str) -> bool:
    return any(ch in "，。；！？…,;!?、" for ch in text)


def _split_glued(text: str, next_width: float | None) -> tuple[str, str] | None:
    """Split a line that glues a headline to the first line of the next column.

    PDF extraction sometimes prints "headline<space>first body line" as one line; the
    right part then has the width of the lines that follow it, and the left part reads as
    a headline (no sentence punctuation)."""
    if next_width is None or " " not in text:
        return None
    tokens = text.split()
    if display_width(text) < 1.4 * next_width or sum(len(t) == 1 for t in tokens) > len(tokens) // 3:
        return None  # not wide enough, or letter-spaced justified type
    best = None
    for match in re.finditer(" ", text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if len(left) < 6 or has_sentence_punct(left) or not _CJK.match(right[:1]):
            continue
        if not has_sentence_punct(right):
            continue  # the glued right part is a line of prose
        # The right part is a column's first line: as wide as the lines below it, or up to
        # an indent and a little short of them.
        gap = next_width - display_width(right)
        if -1.0 <= gap <= 3.5 and (best is None or abs(gap) < best[0]):
            best = (abs(gap), left, right)
    return (best[1], best[2]) if best else None


def page_lines(raw: str) -> list[Line]:
    """Give back the printed lines of a page, cleaned, blank lines folded into `joined`."""
    pending: list[tuple[str, bool, bool]] = []
    blank_before = True
    previous_doubled = False
    for raw_line in raw.splitlines():
        folded = fold_width(raw_line)
        if not folded.strip():
            blank_before = True
            continue
        printed = re.sub(r" +", " ", folded.strip())
        text = undouble(printed, beside_doubled=previous_doubled)
        previous_doubled = text != printed
        pending.append((text, folded[:1] == " ", not blank_before))
        blank_before = False

    lines: list[Line] = []
    for i, (text, block_start, joined) in enumerate(pending):
        following = [display_width(p[0]) for p in pending[i + 1 : i + 4]]
        next_width = sorted(following)[len(following) // 2] if following else None
        glued = _split_glued(text, next_width)
        if glued:
            lines.append(Line(glued[0], block_start, joined))
            lines.append(Line(glued[1], True, False))
        else:
            lines.append(Line(text, block_start, joined))
    return lines


def tidy_spaces(text: str, heading: bool = False) -> str:
    """Give back text without the stray spaces of justified Chinese type.

    A space survives only between two Latin letters or digits ("Windows 10"), or between
    two phrases of two or more characters inside quotes (“党建引领 爱卫同行”) or, when
    `heading` is set, anywhere in a headline ("共办一桌席 共下一盘棋"). The space after
    the dateline 本报讯 is kept."""
    text = re.sub(r"\s+", " ", text).strip()
    if " " not in text:
        return text
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != " ":
            if ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS and depth:
                depth -= 1
            out.append(ch)
            i += 1
            continue
        before = "".join(out)
        after = text[i + 1 :]
        left_tok = text[:i].rsplit(" ", 1)[-1]
        right_tok = after.split(" ", 1)[0]
        a, b = before[-1:], after[:1]
        keep = False
        if _LATIN.match(a or "") and _LATIN.match(b or ""):
            keep = True
        elif before.endswith("本报讯") and len(before) <= 4:
            keep = True
        elif (heading or depth) and _CJK.match(a or "") and (_CJK.match(b or "") or b in _OPENERS):
            keep = _cjk_run(left_tok, from_end=True) >= 2 and _cjk_run(right_tok) >= 2
        if keep:
            out.append(" ")
        i += 1
    return "".join(out)


def _cjk_run(token: str, from_end: bool = False) -> int:
    """Give back how many CJK characters the token starts (or ends) with."""
    chars = reversed(token) if from_end else iter(token)
    count = 0
    for ch in chars:
        if ch in _OPENERS or ch in _CLOSERS:
            continue
        if not _CJK.match(ch):
            break
        count += 1
    return count


def join_lines(texts: list[str], heading: bool = False) -> str:
    """Give back printed lines joined into one run of text, stray spaces removed."""
    # No space between printed lines, even between Latin letters or digits: a number the
    # extractor cut at the line's end ("201" / "8年") must come back whole.
    return tidy_spaces("".join(texts), heading=heading)
