"""A PDF page -> labelled printed lines, by geometry and type (pdfplumber's characters).

An e-paper page is set in columns: a dated header over a rule, then stories, each a headline
(larger or bolder than the body, maybe over several columns, with a kicker above and a "——"
subtitle or "□ 王燕华" byline under it) over its text, which runs down its columns. The text
stream of such a PDF mixes columns and stories, so the page is read from where things are:

1. glyphs: every character with its box, size and font; bold drawn twice is taken once;
2. fragments: glyphs on one baseline, cut where a gap is wider than a character;
3. the body size (the commonest), the columns (where body text stands), the header band;
4. mastheads: headline fragments (by size and face) joined across their lines, with the kicker,
   subtitle and bylines around them; picture frames with the caption under each;
5. each remaining fragment belongs to the nearest masthead above it that stands over its column,
   unless a rule lies between (so a story running down beside another one stays whole);
6. each story's lines in reading order: column by column, top to bottom.

The segmenter (segment.py) gets the lines with labels and story regions; it applies the same
rules to them as to a text page, which simply has no labels.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import pdfplumber

from index import dates
from index.clean import BOX_MARKS, Line

logger = logging.getLogger(__name__)

HEAD_RATIO = 1.3  # a headline's type is at least this much larger than the body's
STRONG_RATIO = 1.08  # a kicker or subtitle: a little larger than the body, or in another face
SMALL_RATIO = 0.96  # a caption: smaller than the body
GAP = 0.9  # a gap wider than this many characters cuts a line into two fragments
SPACE = 0.35  # a gap wider than this many characters is a space
MAX_PAGES = 16  # pages in one file: an edition's pages, not a book (each takes about 0.4 s)
HEADER_SHARE = 0.12  # without a rule, the header is in this top share of the page
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PAGE_NO = re.compile(r"第\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*版")
_WEEKDAY = re.compile(r"(星期|周)[一二三四五六日天]")
_BOXED = re.compile(f"^[{BOX_MARKS}]")
_CREDIT = re.compile(r"摄(影)?\s*$")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


class LayoutError(ValueError):
    """The PDF cannot be read as pages of the paper."""


@dataclass(frozen=True)
class Header:
    """What a page's header prints about it."""

    paper: str | None
    date: str | None  # ISO date
    page_no: int | None
    section: str | None
    box: tuple | None = field(default=None, compare=False)  # (page, x0, top, x1, bottom) of the header band


@dataclass(frozen=True)
class LaidOutPage:
    """A PDF's pages as labelled lines, and the first page's header."""

    lines: list[Line]
    header: Header | None


@dataclass
class _Frag:
    """Glyphs printed on one baseline, next to each other."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    role: str = "body"  # body | head | strong | small | header
    column: int = 0
    indented: bool = True  # set in from its column's left edge: a paragraph's first line
    glyphs: list = field(default_factory=list, repr=False)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def overlap(self, x0: float, x1: float) -> float:
        return max(0.0, min(self.x1, x1) - max(self.x0, x0))


@dataclass
class _Masthead:
    """A story's headline with what stands around it."""

    head: list[_Frag]
    above: list[_Frag]  # kicker
    below: list[_Frag]  # subtitle, bylines
    x0: float = 0.0
    x1: float = 0.0

    @property
    def top(self) -> float:
        return min(f.top for f in self.above + self.head)

    @property
    def bottom(self) -> float:
        return max(f.bottom for f in self.head + self.below)


def read_pdf(data: bytes, name: str) -> LaidOutPage:
    """Give back the labelled lines of every page of a PDF, or raise LayoutError saying why not."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise LayoutError(f"{name}: {len(pdf.pages)} pages; send an edition's pages as separate files")
            pages = [_read_page(page, n) for n, page in enumerate(pdf.pages)]
    except LayoutError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken or locked file
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps pdfminer's
        kind = type(cause).__name__
        if "Password" in kind or "Encrypt" in kind:
            raise LayoutError(f"{name}: an encrypted PDF; send it without a password") from None
        raise LayoutError(f"{name}: not a readable PDF ({kind})") from None
    lines = [line for page_lines, _ in pages for line in page_lines]
    if not lines:
        raise LayoutError(f"{name}: a PDF without text (scanned images?); send the extracted text instead")
    header = next((h for _, h in pages if h is not None), None)
    return LaidOutPage(lines, header)


def _read_page(page, number: int) -> tuple[list[Line], Header | None]:
    frags = _fragments(_glyphs(page.chars))
    if not frags:
        return [], None
    body = _body_size(frags)
    rules = [r for r in _rules(page) if r[3] - r[1] < 3]
    header = _mark_header(frags, rules, page.height)
    _mark_roles(frags, body)
    columns = _columns([f for f in frags if f.role == "body"], page.width)
    frags = [piece for f in frags for piece in _split_at_columns(f, columns)]
    for f in frags:
        f.column = _column_of(f, columns)
        f.indented = f.x0 - columns[f.column][0] > 1.2 * f.size
    if not any(f.role == "head" for f in frags):  # one type throughout: the text rules must tell
        ordered = sorted((f for f in frags if f.role != "header"), key=lambda f: (f.column, f.top))
        return [Line(f.text, f.indented, True) for f in ordered], header
    frames = _frames(page, body)
    stories = _stories(frags, rules, frames, body, columns)
    lines = [line for region, story in enumerate(stories) for line in story.lines(region + number * 1000, number)]
    return lines, header


# --- glyphs and fragments ----------------------------------------------------------------


def _glyphs(chars: list[dict]) -> list[dict]:
    """Give back the printed characters, each once: bold faked by drawing twice is taken once."""
    glyphs = [c for c in chars if c.get("upright", True) and c["text"]]
    glyphs.sort(key=lambda c: (round(c["bottom"]), c["x0"]))
    kept: list[dict] = []
    recent: dict[str, list[dict]] = {}
    for c in glyphs:
        near = c["size"] * 0.25
        twins = recent.setdefault(c["text"], [])
        if any(abs(t["x0"] - c["x0"]) < near and abs(t["bottom"] - c["bottom"]) < near for t in twins[-4:]):
            continue
        twins.append(c)
        kept.append(c)
    return kept


def _fragments(glyphs: list[dict]) -> list[_Frag]:
    """Give back the glyphs grouped into fragments: one baseline, no gap wider than a character."""
    rows: list[list[dict]] = []
    for c in sorted(glyphs, key=lambda c: c["bottom"]):
        if rows and abs(rows[-1][0]["bottom"] - c["bottom"]) <= 0.25 * min(rows[-1][0]["size"], c["size"]):
            rows[-1].append(c)
        else:
            rows.append([c])
    frags = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        run = [row[0]]
        for c in row[1:]:
            if c["x0"] - run[-1]["x1"] > GAP * min(c["size"], run[-1]["size"]):
                frags.append(_frag(run))
                run = []
            run.append(c)
        frags.append(_frag(run))
    return [f for f in frags if f is not None]


def _frag(glyphs: list[dict]) -> _Frag | None:
    while glyphs and not glyphs[-1]["text"].strip():
        glyphs = glyphs[:-1]
    while glyphs and not glyphs[0]["text"].strip():
        glyphs = glyphs[1:]
    if not glyphs:
        return None
    text = glyphs[0]["text"]
    for prev, c in zip(glyphs, glyphs[1:]):
        text += (" " if c["x0"] - prev["x1"] > SPACE * c["size"] else "") + c["text"]
    text = re.sub(r"\s+", " ", text).strip()
    size = Counter(round(c["size"], 1) for c in glyphs).most_common(1)[0][0]
    font = Counter(_face(c["fontname"]) for c in glyphs).most_common(1)[0][0]
    return _Frag(text, glyphs[0]["x0"], max(c["x1"] for c in glyphs), min(c["top"] for c in glyphs),
                 max(c["bottom"] for c in glyphs), size, font, glyphs=glyphs)


def _face(fontname: str) -> str:
    """Give back a font's face: an embedded subset's name without its tag ("AAAAAB+UMingCN")."""
    return _SUBSET.sub("", fontname)


def _body_size(frags: list[_Frag]) -> float:
    """Give back the size most characters are printed in."""
    sizes = Counter()
    for f in frags:
        sizes[f.size] += len(f.text)
    return sizes.most_common(1)[0][0]


def _rules(page) -> list[tuple[float, float, float, float]]:
    """Give back the page's drawn lines and thin boxes as (x0, top, x1, bottom)."""
    found = []
    for obj in page.lines + page.rects:
        found.append((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
    return found


# --- the header --------------------------------------------------------------------------


def _mark_header(frags: list[_Frag], rules, height: float) -> Header | None:
    """Mark the fragments of the page's header band; give back what the header prints.

    The band is what stands above the first rule across most of the page near its top, else
    the top lines of the page, if they print a date or a 版次."""
    width = max(f.x1 for f in frags) - min(f.x0 for f in frags)
    wide = [r for r in rules if r[2] - r[0] >= 0.5 * width and r[1] < 0.2 * height]
    limit = min(r[1] for r in wide) if wide else HEADER_SHARE * height
    band = sorted((f for f in frags if f.bottom <= limit + 1), key=lambda f: (round(f.bottom), f.x0))
    text = " ".join(f.text for f in band)
    if not band or not (_DATE.search(text) or _PAGE_NO.search(text)):
        return None
    for f in band:
        f.role = "header"
    names = [f for f in band if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", f.text.replace(" ", ""))]
    largest = max(names, key=lambda f: f.size).text.replace(" ", "") if names else None
    box = (min(f.x0 for f in band), min(f.top for f in band), max(f.x1 for f in band), max(f.bottom for f in band))
    return dataclasses.replace(parse_header(text, largest), box=box)


def parse_header(text: str, paper: str | None = None) -> Header:
    """Give back the paper's name, date, 版次 and section printed in a header line, in any order.

    The section is the name printed next to the 版次 (after it, else before it); the paper is
    the name printed largest (`paper`), else the first other name."""
    date, page_no = _DATE.search(text), _PAGE_NO.search(text)
    rest = text
    for match in (date, page_no):
        if match:
            rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
    rest = _WEEKDAY.sub(lambda m: " " * len(m.group(0)), rest)
    names = [(m.start(), m.group(0)) for m in re.finditer(r"[^\s|｜]+", rest) if re.search(r"[\u4e00-\u9fff]", m.group(0))]
    if paper not in [n for _, n in names]:
        paper = None
    after = [n for at, n in names if page_no and at > page_no.start() and n != paper]
    section = after[0] if after else None
    left = [n for _, n in names if n not in (section, paper)]
    if paper is None and left:
        paper, left = left[0], left[1:]
    if section is None and page_no:
        section = next((n for at, n in reversed(names) if at < page_no.start() and n in left), None)
    printed = dates.iso(*map(int, date.groups())) if date else None
    return Header(paper, printed, _number(page_no.group(1)) if page_no else None, section)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, ones = text.partition("十")
    if _:
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0) if tens else 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


# --- what each fragment is ---------------------------------------------------------------


def _mark_roles(frags: list[_Frag], body: float) -> None:
    """Mark headline, strong (kicker, subtitle), small (caption) and body fragments."""
    body_fonts = Counter()
    for f in frags:
        if f.size == body:
            body_fonts[f.font] += len(f.text)
    body_font = body_fonts.most_common(1)[0][0] if body_fonts else ""
    for f in frags:
        if f.role == "header":
            continue
        if f.size >= HEAD_RATIO * body:
            f.role = "head"
        elif f.size >= STRONG_RATIO * body or f.font != body_font or f.text.startswith("——") or _BOXED.match(f.text):
            f.role = "strong"
        elif f.size <= SMALL_RATIO * body:
            f.role = "small"


def _columns(frags: list[_Frag], width: float) -> list[tuple[float, float]]:
    """Give back the page's columns, (x0, x1) left to right, from where body lines start.

    Many lines start at a column's left edge; a paragraph's indented first lines start a little
    further in, inside the column that more lines start at, so they make no column of their own."""
    starts: list[list[_Frag]] = []
    for f in sorted(frags, key=lambda f: f.x0):
        if starts and f.x0 - starts[-1][-1].x0 <= 1.5:
            starts[-1].append(f)
        else:
            starts.append([f])
    columns: list[tuple[float, float]] = []
    for group in sorted(starts, key=len, reverse=True):
        x0 = group[0].x0
        x1 = sorted(f.x1 for f in group)[len(group) // 2]
        if len(group) >= 2 and not any(c0 - 1 < x0 < c1 for c0, c1 in columns):
            columns.append((x0, x1))
    return sorted(columns) or [(0.0, width)]


def _split_at_columns(f: _Frag, columns: list[tuple[float, float]]) -> list[_Frag]:
    """Give back a fragment cut where it crosses into the next column with a gap: two columns'
    lines that met because a squeezed mark stood out into the gutter."""
    if f.role == "head" or len(f.glyphs) < 2:
        return [f]
    for c0, _ in columns:
        if not f.x0 + f.size < c0 < f.x1:
            continue
        for i in range(1, len(f.glyphs)):
            left, right = f.glyphs[i - 1], f.glyphs[i]
            if right["x0"] >= c0 - 1 > left["x0"] and right["x0"] - left["x1"] > 0.2 * f.size:
                pieces = [p for p in (_frag(f.glyphs[:i]), _frag(f.glyphs[i:])) if p is not None]
                for piece in pieces:
                    piece.role = f.role
                return [p for piece in pieces for p in _split_at_columns(piece, columns)]
    return [f]


def _column_of(f: _Frag, columns: list[tuple[float, float]]) -> int:
    middle = (f.x0 + f.x1) / 2
    return min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= middle <= columns[i][1]
               else min(abs(middle - columns[i][0]), abs(middle - columns[i][1])))


def _frames(page, body: float) -> list[tuple[float, float, float, float]]:
    """Give back the picture frames: images, and filled boxes too large to be rules or borders."""
    found = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
    for r in page.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if r.get("fill") and w >= 4 * body and h >= 3 * body and w * h < 0.5 * page.width * page.height:
            found.append((r["x0"], r["top"], r["x1"], r["bottom"]))
    return found


# --- stories -----------------------------------------------------------------------------


@dataclass
class _Story:
    masthead: _Masthead | None
    frags: list[_Frag]
    captions: list[tuple[tuple, list[_Frag]]]  # (picture frame, caption lines)

    def lines(self, region: int, page: int) -> list[Line]:
        """Give back the story's lines labelled, in reading order, with where each is printed."""
        out = []
        if self.masthead:
            m = self.masthead
            out += [_line(f, "kicker", region, page) for f in m.above]
            out += [_line(f, "headline", region, page) for f in m.head]
            out += [_line(f, "byline" if _BOXED.match(f.text) else "subtitle", region, page) for f in m.below]
        for f in sorted(self.frags, key=lambda f: (f.column, f.top)):
            out.append(_line(f, "body", region, page, starts=f.indented))
        for frame, caption in self.captions:
            lines = [_line(f, "caption", region, page, starts=i == 0) for i, f in enumerate(caption)]
            out += [dataclasses.replace(lines[0], frame=(page, *frame))] + lines[1:]
        return out


def _line(f: _Frag, label: str, region: int, page: int, starts: bool = True) -> Line:
    return Line(f.text, starts, not starts, label=label, region=region,
                box=(page, round(f.x0, 1), round(f.top, 1), round(f.x1, 1), round(f.bottom, 1)))


def _stories(frags, rules, frames, body: float, columns) -> list[_Story]:
    """Give back the page's stories: each masthead with what stands under it, in reading order."""
    heads = _mastheads(frags, body)
    for m in heads:
        _snap(m, heads, frags, columns)
    placed = {id(f) for m in heads for f in m.head + m.above + m.below}
    rest = [f for f in frags if id(f) not in placed and f.role != "header"]
    captions = _captions(rest, frames, body)
    in_caption = {id(f) for c in captions for f in c[1]}
    stories = {id(m): _Story(m, [], []) for m in heads}
    orphans: list[_Frag] = []
    for f in rest:
        if id(f) in in_caption:
            continue
        owner = _owner(heads, rules, f.x0, f.x1, f.top, body)
        (stories[id(owner)].frags if owner else orphans).append(f)
    loose = []
    for frame, lines in captions:
        owner = _owner(heads, rules, frame[0], frame[2], frame[1], body)
        if owner:
            stories[id(owner)].captions.append((frame, lines))
        else:
            loose.append(_Story(None, [], [(frame, lines)]))
    found = [stories[id(m)] for m in sorted(heads, key=lambda m: (round(m.top / body), m.x0))]
    return found + _orphan_stories(orphans, body) + loose


def _mastheads(frags: list[_Frag], body: float) -> list[_Masthead]:
    """Give back the headlines, each joined across its lines, with kicker and subtitle lines."""
    heads = sorted((f for f in frags if f.role == "head"), key=lambda f: (f.top, f.x0))
    blocks: list[list[_Frag]] = []
    for f in heads:
        for block in blocks:
            last = block[-1]
            under = 0 <= f.top - last.bottom <= 0.6 * f.size and f.overlap(min(g.x0 for g in block), max(g.x1 for g in block)) > 0
            beside = abs(f.bottom - last.bottom) < 0.3 * f.size and 0 <= f.x0 - last.x1 <= 1.2 * f.size
            if (under or beside) and 0.8 < f.size / last.size < 1.25:
                block.append(f)
                break
        else:
            blocks.append([f])
    strong = [f for f in frags if f.role == "strong"]
    mastheads = []
    for block in sorted(blocks, key=lambda b: -max(f.size for f in b)):  # headlines before their kickers
        if any(_attach(m, block) for m in mastheads):
            continue
        m = _Masthead(block, [], [])
        m.x0, m.x1 = min(f.x0 for f in block), max(f.x1 for f in block)
        mastheads.append(m)
    for m in mastheads:
        _gather(m, strong, body)
    return mastheads


def _attach(m: _Masthead, block: list[_Frag]) -> bool:
    """Give a headline a smaller headline-type block just above it (kicker) or under it
    (subtitle); tell whether it was one."""
    size = max(f.size for f in block)
    if size > 0.8 * min(f.size for f in m.head):
        return False
    x0, x1 = min(f.x0 for f in block), max(f.x1 for f in block)
    if min(x1, m.x1) - max(x0, m.x0) < 0.5 * (x1 - x0):
        return False
    if 0 <= m.top - max(f.bottom for f in block) <= 1.2 * size:
        m.above[:0] = block
        return True
    if 0 <= min(f.top for f in block) - m.bottom <= 1.2 * size:
        m.below += block
        return True
    return False


def _gather(m: _Masthead, strong: list[_Frag], body: float) -> None:
    """Give a masthead the kicker printed just above it and the subtitle and bylines just under."""
    for f in sorted(strong, key=lambda f: -f.bottom):
        if f.role == "strong" and f.overlap(m.x0, m.x1) > 0.5 * f.width and 0 <= m.top - f.bottom <= 1.2 * f.size:
            m.above.insert(0, f)
            f.role = "placed"
    for f in sorted(strong, key=lambda f: f.top):
        centred = abs((f.x0 + f.x1) - (m.x0 + m.x1)) / 2 < 2 * f.size  # not a sub-heading set at a column's edge
        marked = f.text.startswith("——") or _BOXED.match(f.text)
        if f.role == "strong" and (centred or marked) and f.overlap(m.x0, m.x1) > 0.5 * f.width \
                and 0 <= f.top - m.bottom <= 1.2 * f.size:
            m.below.append(f)
            f.role = "placed"


def _snap(m: _Masthead, heads: list[_Masthead], frags: list[_Frag], columns) -> None:
    """Widen a masthead to the whole columns its story's text stands in.

    It covers the columns it stands over, and the columns beside them whose text starts just
    under it, unless another masthead stands over that column as low as it (the story beside)."""
    over = [i for i, c in enumerate(columns) if min(m.x1, c[1]) - max(m.x0, c[0]) > 0.2 * (c[1] - c[0])]
    if not over:
        return
    first, last = over[0], over[-1]
    while first > 0 and _text_starts_under(m, first - 1, heads, frags, columns):
        first -= 1
    while last < len(columns) - 1 and _text_starts_under(m, last + 1, heads, frags, columns):
        last += 1
    m.x0, m.x1 = min(m.x0, columns[first][0]), max(m.x1, columns[last][1])


def _text_starts_under(m: _Masthead, column: int, heads, frags, columns) -> bool:
    """Tell whether a column's text starts just under a masthead (and does not run on from
    above, beside it), with no other masthead over that column as low as this one."""
    c0, c1 = columns[column]
    text = [f for f in frags if f.column == column and f.role in ("body", "small")]
    below = [f for f in text if f.top >= m.bottom - 2]
    if not below:
        return False
    first = min(below, key=lambda f: f.top)
    if first.top - m.bottom > 3 * min(f.size for f in m.head):
        return False
    if any(0 <= first.top - f.bottom <= 1.5 * f.size for f in text):  # runs on from above
        return False
    return not any(h is not m and h.bottom >= m.top and min(h.x1, c1) - max(h.x0, c0) > 0 and h.bottom <= first.top
                   for h in heads)


def _owner(heads: list[_Masthead], rules, x0: float, x1: float, top: float, body: float) -> _Masthead | None:
    """Give back the masthead a block at (x0..x1, top) stands under: the nearest one above that
    stands over it, with no rule across between them."""
    best = None
    for m in heads:
        if m.bottom > top + 0.3 * body or min(x1, m.x1) - max(x0, m.x0) < 0.5 * (x1 - x0):
            continue
        if best is not None and m.bottom <= best.bottom:
            continue
        if any(r[1] > m.bottom + 1.5 * body and r[3] < top and min(x1, r[2]) - max(x0, r[0]) > 0.5 * (x1 - x0)
               for r in rules):
            continue
        best = m
    return best


def _captions(frags: list[_Frag], frames, body: float) -> list[tuple[tuple, list[_Frag]]]:
    """Give back each picture frame with the lines of the caption printed just under it."""
    found = []
    for frame in frames:
        x0, top, x1, bottom = frame
        under = sorted((f for f in frags if f.overlap(x0, x1) > 0.5 * f.width and -0.5 * body <= f.top - bottom <= 6 * body),
                       key=lambda f: f.top)
        lines: list[_Frag] = []
        for f in under:
            edge = lines[-1].bottom if lines else bottom
            if f.top - edge > (0.8 * f.size if lines else 1.5 * body) or (lines and f.size != lines[0].size):
                break
            lines.append(f)
            if _CREDIT.search(f.text):
                break
        if lines and (lines[0].role == "small" or _CREDIT.search(lines[-1].text)):
            found.append((frame, lines))
    return found


def _orphan_stories(frags: list[_Frag], body: float) -> list[_Story]:
    """Give back the text under no headline as stories: runs of lines down one column."""
    runs: list[list[_Frag]] = []
    for f in sorted(frags, key=lambda f: (f.column, f.top)):
        last = runs[-1][-1] if runs else None
        if last is not None and last.column == f.column and f.top - last.bottom <= 1.5 * body:
            runs[-1].append(f)
        else:
            runs.append([f])
    return [_Story(None, run, []) for run in runs]
