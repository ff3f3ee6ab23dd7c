"""Printed lines -> articles: leads, bylines, captions, and headlines matched by content.

The rules are general ones about how Chinese newspapers are set, not about these pages:

* "本报讯" opens a news item; a byline "（王艳）" or a photo credit "王艳 摄" closes one.
* A headline is a short line without sentence punctuation. Where it stands between a
  closed item and the next one (or before 本报讯, or at either end of the page) it is a
  headline; inside running prose it is a feature's sub-heading and stays in the text.
* Headlines may be printed above their story, below it, or gathered at the end of the
  page, so each one goes to the article whose text it matches best, one per article.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import jieba

from index.clean import (
    BOX_MARKS,
    CJK_CHARS,
    SENTENCE_END,
    Line,
    has_sentence_punct,
    join_lines,
    tidy_spaces,
)

logger = logging.getLogger(__name__)

# Single-character surnames common enough to anchor a byline, and the compound ones.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀"
    "郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴"
    "丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜"
    "印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧"
)
_COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|端木"
_NAME = f"(?:(?:{_COMPOUND})[{CJK_CHARS}]{{1,2}}|[{_SURNAMES}][{CJK_CHARS}]{{1,3}})"
_NAMES = f"{_NAME}(?:[ 、]+{_NAME}){{0,3}}"
_ROLE = r"(?:(?:本报)?记者|通讯员|文/图|文／图|文|图)?[/／:： ]*"
# "（王艳）" at the end of a line, alone or after the sentence it closes; "(张美艳）" mixes widths.
_BYLINE = re.compile(rf"\s*[（(]\s*{_ROLE}({_NAMES})\s*[）)]\s*$")
# Words printed in parentheses at the end of a line that start like a surname but are no names.
_NOT_NAMES = frozenset(
    "单位 万元 全文 全年 全区 全市 全县 全乡 全镇 全村 全省 简称 修订 试行 暂行 公里 公顷 平方米 "
    "于是 于此 和谐 和平 方案 方面 高新 高速 高中 文件 文化 上下 时间 时期 车辆 金额 安全 计划 "
    "石油 向上 国家 国内 国外 平均 明细 元旦 周年 周边 左右 项目 连续 资金 成都 江苏 云南".split()
)
# "□ 王燕华": the boxed byline printed under a feature's headline.
_BOX = re.compile(rf"^[{BOX_MARKS}]\s*{_ROLE}({_NAMES})\s*$")
# "王燕华 摄", "…现场。 王艳 摄": a photo credit, after whatever caption shares its line.
_CREDIT = re.compile(rf"(?:^|(?<=[{SENTENCE_END}”’」』\s]))\s*(?:图/|图：|摄影/)?({_NAMES})\s*摄(?:影)?\s*$")
_DATELINE = "本报讯"
_BIGRAM_CHARS = re.compile(f"[{CJK_CHARS}A-Za-z0-9]")

NEWS, FEATURE, PHOTO = "news", "feature", "photo"
MATCH_THRESHOLD = 0.35  # share of a headline's weighted bigrams found in the article
# A paragraph's first line is printed indented two cells, so only a line shorter than its
# column by more than that, and without punctuation, is a sub-heading line.
SUBHEAD_SHORTFALL = 3.5
FALLBACK_SHARE = 0.75
MERGE_SLACK = 0.05
LABEL_MAX = 8  # characters: a title this short under a shared banner is a label ("凤山街道")
LEXICON_MIN_FREQ = 100  # jieba dictionary frequency for a word that a line break may cut
CAPTION_MAX = 200  # characters: a photo caption longer than this has swallowed a paragraph  # how much worse a joined headline may fit than its parts and still be one  # a taken story's headline may go to a runner-up scoring this share of it


@dataclass
class Entry:
    """A printed line (or part of one) with what it is on the page."""

    kind: str  # start | text | head | box | byline | credit
    line: Line
    names: str | None = None


@dataclass
class Article:
    """A story as the reader sees it: headline, byline, kind and clean paragraphs."""

    title: str | None
    author: str | None
    kind: str
    paragraphs: list[str]
    subtitle: str | None = None
    regions: dict | None = None  # where a PDF page prints it (see regions_of)
    kicker: str | None = None  # the line over the headline ("爱心献血 医护先行"): readers quote it too

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class _Draft:
    entries: list[Entry] = field(default_factory=list)
    author: str | None = None
    photographer: str | None = None
    heading: list[Entry] = field(default_factory=list)  # labelled kicker, headline, subtitle lines
    captions: list[Entry] = field(default_factory=list)  # labelled caption lines
    region: int | None = None
    closing: list[Entry] = field(default_factory=list)  # its byline line: printed with it, not text

    @property
    def is_news(self) -> bool:
        return bool(self.entries) and self.entries[0].kind == "start"


@dataclass
class _Run:
    """Consecutive headline lines between two articles."""

    entries: list[Entry]
    before: int  # index of the article printed just before the run, -1 if none
    after: int  # index of the article printed just after it


def is_headish(text: str) -> bool:
    """Tell whether a line could be (part of) a headline: short, no sentence punctuation."""
    t = text.strip()
    if not t or t.startswith(_DATELINE) or len(t) > 48:
        return False
    if has_sentence_punct(t) or t.endswith(("：", ":")):
        return False
    return bool(re.search(f"[{CJK_CHARS}]", t))


def is_kicker(text: str) -> bool:
    """Tell whether a headline line is a kicker or banner: balanced phrases, "共办一桌席 共下一盘棋"."""
    parts = text.split()
    if len(parts) not in (2, 3):
        return False
    if not all(re.fullmatch(f"[{CJK_CHARS}]{{2,7}}", p) for p in parts):
        return False
    return max(map(len, parts)) - min(map(len, parts)) <= 1


def _names(text: str) -> str:
    return " ".join(re.split(r"[ 、]+", text.strip()))


def label_lines(lines: list[Line]) -> list[Entry]:
    """Give back the page's lines labelled, bylines and credits split off their lines.

    A line the PDF layout labelled keeps what it is (its header lines are left out); a body
    line, labelled or not, still has its byline or photo credit split off."""
    entries: list[Entry] = []
    for line in _mend_bylines(lines):
        entries += _labelled(line) if line.label and line.label != "body" else _body_entries(line)
    _heads_over_boxes(entries)
    return entries


def _body_entries(line: Line) -> list[Entry]:
    """Give back a body line's entries: its text, and the byline or credit that ends it."""
    for kind, pattern in (("box", _BOX), ("byline", _BYLINE), ("credit", _CREDIT)):
        match = pattern.search(line.text)
        if match and not (kind == "byline" and match.group(1) in _NOT_NAMES):
            break
    else:
        return [Entry(_body_kind(line.text, line), line)]
    rest = line.text[: match.start()].strip()
    marker = Entry(kind, dataclasses.replace(line, text=match.group(0).strip(), block_start=False, joined=True),
                   _names(match.group(1)))
    return [Entry(_body_kind(rest, line), dataclasses.replace(line, text=rest)), marker] if rest else [marker]


def _heads_over_boxes(entries: list[Entry]) -> None:
    """A headline may carry a comma ("新闻工作者，也是…"): it is one when its lines lead to a
    boxed byline (on a text page; the PDF layout says so itself)."""
    leads_to_box = False
    for entry in reversed(entries):
        text = entry.line.text
        if entry.line.label:
            leads_to_box = False
        elif entry.kind == "box":
            leads_to_box = True
        elif leads_to_box and entry.kind in ("text", "head") and len(text) <= 48:
            if not text.rstrip("”’」』").endswith(tuple(SENTENCE_END)):
                entry.kind = "head"
            else:
                leads_to_box = False
        else:
            leads_to_box = False


_OPEN_TAIL = re.compile(r"[（(][^（()）]{0,8}$")
_CLOSE_LINE = re.compile(r"^[^（()）]{1,8}[）)]$")


def _mend_bylines(lines: list[Line]) -> list[Line]:
    """Give back the lines with a byline cut by the column's end ("…五本。（李" / "娜）") put
    back on one line."""
    mended: list[Line] = []
    for line in lines:
        prev = mended[-1] if mended else None
        if prev is not None and prev.region == line.region and _OPEN_TAIL.search(prev.text) and _CLOSE_LINE.match(line.text):
            mended[-1] = dataclasses.replace(prev, text=prev.text + line.text)
        else:
            mended.append(line)
    return mended


def _body_kind(text: str, line: Line) -> str:
    if text.startswith(_DATELINE):
        return "start"
    return "head" if is_headish(text) and not line.label else "text"


def _labelled(line: Line) -> list[Entry]:
    """Give back the entries of a line the PDF layout labelled other than body."""
    if line.label == "header":
        return []
    if line.label == "byline":
        names = re.sub(rf"^[{BOX_MARKS}\s]*{_ROLE}", "", line.text).strip()
        return [Entry("box", line, _names(names) if names else None)]
    return [Entry(line.label, line)]


def blank_separated(lines: list[Line]) -> bool:
    """Tell whether the page separates printed lines with blank lines.

    On such a page two lines printed with no blank between them belong together (the lines
    of one headline, one caption, one paragraph split by the extractor)."""
    if len(lines) < 4:
        return False
    return sum(not line.joined for line in lines[1:]) >= 0.5 * (len(lines) - 1)


def split_articles(lines: list[Line]) -> list[Article]:
    """Give back the articles printed on a page, in page order, each with its headline."""
    blanks = blank_separated(lines)
    reader = _PageReader(label_lines(lines), blanks)
    reader.read()
    articles = [_finish(d, blanks) for d in reader.drafts]
    _attach_headlines(articles, reader.runs, blanks)
    return [a for a in articles if a.paragraphs]


class _PageReader:
    """Walks a page's labelled lines top to bottom, gathering drafts of stories and the runs of
    headline lines printed between them (matched to their stories afterwards)."""

    def __init__(self, entries: list[Entry], blanks: bool):
        self.entries, self.blanks = entries, blanks
        self.drafts: list[_Draft] = []
        self.runs: list[_Run] = []
        self.current: _Draft | None = None
        self.region: int | None = None

    def read(self) -> None:
        steps = {"start": self._start, "text": self._text, "byline": self._byline, "credit": self._credit,
                 "headline": self._heading, "kicker": self._heading, "subtitle": self._heading,
                 "box": self._box, "caption": self._caption}
        i = 0
        while i < len(self.entries):
            entry = self.entries[i]
            if entry.line.region != self.region:  # the PDF layout's story regions never share a story
                self._close()
                self.region = entry.line.region
            if entry.kind in ("head", "box") and not entry.line.label:
                i = self._headings(i)
                continue
            if entry.kind in steps:
                steps[entry.kind](entry)
            i += 1
        self._close()

    def _draft(self) -> _Draft:
        """Give back the story being read, opening one if none is."""
        if self.current is None:
            self.current = _Draft(region=self.region)
        return self.current

    def _close(self) -> None:
        if self.current is not None and (self.current.entries or self.current.captions):
            self.drafts.append(self.current)
        self.current = None

    def _start(self, entry: Entry) -> None:
        if self.current is not None and not self.current.entries and self.current.heading:
            self.current.entries.append(entry)  # the lead under its labelled headline
            return
        self._close()
        self.current = _Draft([entry], region=self.region)

    def _heading(self, entry: Entry) -> None:
        """A labelled headline, kicker or subtitle line: after text, it opens the next story."""
        if self.current is not None and (self.current.entries or self.current.captions):
            self._close()
        self._draft().heading.append(entry)

    def _box(self, entry: Entry) -> None:
        draft = self._draft()
        draft.author = draft.author or entry.names

    def _caption(self, entry: Entry) -> None:
        """A labelled caption line: it goes with the story of its region, even one a byline closed."""
        closed = self.drafts[-1] if self.drafts else None
        if self.current is None and closed is not None and self.region is not None and closed.region == self.region:
            draft = closed
        else:
            draft = self._draft()
        draft.captions.append(entry)

    def _text(self, entry: Entry) -> None:
        self._draft().entries.append(entry)

    def _byline(self, entry: Entry) -> None:
        if self.current is not None:
            self.current.author = entry.names
            self.current.closing.append(entry)
            self._close()
        elif self.drafts and self.drafts[-1].author is None:
            self.drafts[-1].author = entry.names
            self.drafts[-1].closing.append(entry)

    def _credit(self, entry: Entry) -> None:
        draft = self._draft()
        draft.photographer = entry.names
        if draft.is_news:
            draft.author = draft.author or entry.names
            self._close()
        else:
            _close_caption(draft, self.drafts, self.blanks)
            self.current = None

    def _headings(self, i: int) -> int:
        """Read the run of short lines starting at entry i; give back the index after it."""
        entries, current = self.entries, self.current
        j = i
        while j < len(entries) and entries[j].kind in ("head", "box"):
            j += 1
        run = entries[i:j]
        nxt = entries[j] if j < len(entries) else None
        inside_prose = (
            current is not None
            and current.entries[-1].kind in ("text", "start")
            and nxt is not None
            and nxt.kind in ("text", "byline", "credit")  # a byline or credit ends prose
            and not any(e.kind == "box" or e.line.text.startswith("——") for e in run)
        )
        if inside_prose:  # a feature's sub-heading, or prose lines without punctuation
            current.entries.extend(Entry("text", e.line) for e in run)
            return j
        heads, prose = _peel_prose(run, entries[max(0, i - 6) : i], entries[j : j + 5], self.blanks)
        if heads:
            self._close()
            self.runs.append(_Run(heads, before=len(self.drafts) - 1, after=len(self.drafts)))
        if prose:
            self._draft().entries.extend(Entry("text", e.line) for e in prose)
        return j


def _peel_prose(run: list[Entry], before: list[Entry], after: list[Entry], blanks: bool):
    """Give back (headline lines, prose lines) of a run of short lines between two stories.

    The run's last lines may open the prose that follows. Working upwards, a line belongs
    to the prose below it when it is printed flush against it (on a blank-separated page),
    when the break between them cuts a word in two, or when it fills the column of a short
    caption below it (a caption's first line often has no punctuation at all)."""
    nxt = after[0] if after else None
    if nxt is None or nxt.kind not in ("text", "credit"):
        return run, []
    column = _caption_column(before, after)
    below, peel = nxt, 0
    while peel < len(run) and run[-1 - peel].kind == "head":
        line = run[-1 - peel].line
        flush = blanks and below.line.joined
        fills = column is not None and column - 0.5 <= line.width <= column
        if not (flush or fills or breaks_word(line.text, below.line.text)):
            break
        below, peel = run[-1 - peel], peel + 1
    return run[: len(run) - peel], run[len(run) - peel :]


def _caption_column(before: list[Entry], after: list[Entry]) -> float | None:
    """Give back the column width if `after` opens with a short caption closed by a credit.

    The column is measured on the text lines around it; full lines outnumber the short
    last lines of paragraphs, so the upper quartile is the column."""
    caption = []
    for entry in after:
        if entry.kind != "text":
            break
        caption.append(entry)
    if not caption or len(caption) > 3 or len(after) == len(caption) or after[len(caption)].kind != "credit":
        return None
    widths = sorted(e.line.width for e in before + caption[:-1] if e.kind == "text")
    return widths[3 * len(widths) // 4] if len(widths) >= 2 else None


@cache
def _lexicon() -> frozenset[str]:
    """Give back the common two- and three-character words of jieba's own dictionary."""
    words = set()
    with open(jieba.get_dict_file().name, encoding="utf-8") as handle:
        for row in handle:
            word, freq = row.split(" ", 2)[:2]
            if 2 <= len(word) <= 3 and int(freq) >= LEXICON_MIN_FREQ:
                words.add(word)
    return frozenset(words)


def breaks_word(left: str, right: str) -> bool:
    """Tell whether a line break between `left` and `right` cuts a word in two ("讲解健|康常识").

    A headline ends on a word boundary; a wrapped line of prose often does not. A break that
    is also a clean boundary between two words ("走出大山|水墨画", though 山水 is a word) is
    not evidence."""
    lexicon = _lexicon()
    spans = any(
        re.fullmatch(f"[{CJK_CHARS}]{{2,3}}", left[-k:] + right[:m]) and left[-k:] + right[:m] in lexicon
        for k in (1, 2)
        for m in (1, 2)
        if k + m <= 3
    )
    if not spans:
        return False
    ends_word = left[-2:] in lexicon or left[-3:] in lexicon
    starts_word = right[:2] in lexicon or right[:3] in lexicon
    return not (ends_word and starts_word)


def _close_caption(draft: _Draft, drafts: list[_Draft], blanks: bool) -> None:
    """Close a draft ended by a photo credit: its last paragraph is the caption.

    Anything printed before that paragraph with no boundary between (a feature with no
    byline) is its own article."""
    lines = [e.line for e in draft.entries]
    paragraphs = split_paragraphs(lines, blanks) if lines else []
    keep = sum(len(p) for p in paragraphs[:-1])
    if paragraphs and len(_paragraph_text(paragraphs[-1])) > CAPTION_MAX:
        # The paragraph before the caption ended flush with the column: cut at its last
        # line that closes a sentence.
        last = paragraphs[-1]
        for cut in range(len(last) - 1, 0, -1):
            if last[cut - 1].text.rstrip("”’」』)）").endswith(tuple(SENTENCE_END)):
                keep += cut
                break
    if keep:
        drafts.append(_Draft(draft.entries[:keep]))
        draft.entries = draft.entries[keep:]
    drafts.append(draft)


def _finish(draft: _Draft, blanks: bool) -> Article:
    lines = [e.line for e in draft.entries]
    paragraphs = [_paragraph_text(p) for p in split_paragraphs(lines, blanks)] if lines else []
    if draft.captions:  # a labelled photo's caption: the story's last paragraph, or its only one
        caption = join_lines([e.line.text for e in draft.captions])
        credit = _CREDIT.search(caption)
        if credit:
            caption = caption[: credit.start()].strip()
            draft.photographer = draft.photographer or _names(credit.group(1))
        paragraphs.append(caption)
    if draft.is_news:
        kind, author = NEWS, draft.author
    elif draft.photographer and not draft.entries:
        kind, author = PHOTO, draft.photographer
    elif draft.photographer and not draft.heading and not draft.captions:
        kind, author = PHOTO, draft.photographer
    else:
        kind, author = FEATURE, draft.author
    title = _labelled_text(draft.heading, "headline")
    subtitle = _labelled_text(draft.heading, "subtitle")
    return Article(title=title, author=author, kind=kind, paragraphs=[p for p in paragraphs if p],
                   subtitle=subtitle.lstrip("—- ") or None if subtitle else None, regions=regions_of(draft),
                   kicker=_labelled_text(draft.heading, "kicker"))


def regions_of(draft: _Draft) -> dict | None:
    """Give back where a story from a PDF page is printed, for its clipping: the page, the
    headline block, the text's pieces (a run of lines down one column; an L-shaped story has
    several) and photos with their captions in reading order, and every line's box (so another
    story's lines inside a piece can be masked). None for a text page."""
    body = list(dict.fromkeys(e.line.box for e in draft.entries + draft.closing if e.line.box))  # a byline shares its line
    heads = [e.line.box for e in draft.heading if e.line.box]
    if not body and not heads and not draft.captions:
        return None
    page = (heads or body or [c.line.box for c in draft.captions])[0][0]
    pieces: list[list[float]] = []
    for _, x0, top, x1, bottom in body:
        last = pieces[-1] if pieces else None
        overlap = min(x1, last[2]) - max(x0, last[0]) if last else 0
        if last and overlap > 0.5 * min(x1 - x0, last[2] - last[0]) and 0 <= top - last[3] < 3 * (bottom - top):
            last[:] = [min(last[0], x0), last[1], max(last[2], x1), bottom]
        else:
            pieces.append([x0, top, x1, bottom])
    photos = []
    for i, e in enumerate(draft.captions):
        if e.line.frame:
            under = [c.line.box for c in draft.captions[i:] if c.line.box][: 3]
            lines = [e] + list(itertools.takewhile(lambda c: not c.line.frame, draft.captions[i + 1 :]))
            text = join_lines([c.line.text for c in lines])
            credit = _CREDIT.search(text)
            photos.append({"frame": list(e.line.frame[1:]), "caption": _union(under),
                           "text": text[: credit.start()].strip() if credit else text})
    return {"page": page, "head": _union(heads), "pieces": pieces, "photos": photos,
            "lines": [list(b[1:]) for b in body + heads]}


def _union(boxes) -> list[float] | None:
    if not boxes:
        return None
    return [min(b[1] for b in boxes), min(b[2] for b in boxes), max(b[3] for b in boxes), max(b[4] for b in boxes)]


def _labelled_text(heading: list[Entry], kind: str) -> str | None:
    """Give back the labelled heading lines of one kind joined ("离石区与中阳县" + "签订…")."""
    text = join_lines([e.line.text for e in heading if e.kind == kind], heading=True)
    return tidy_spaces(text, heading=True) or None


def _paragraph_text(lines: list[Line]) -> str:
    texts = [line.text for line in lines]
    heading = all(is_headish(t) for t in texts)
    return join_lines(texts, heading=heading)


def split_paragraphs(lines: list[Line], blanks: bool) -> list[list[Line]]:
    """Give back the lines grouped into printed paragraphs.

    A paragraph ends on a line that closes a sentence and falls short of the column, or on
    a short line without punctuation (a sub-heading). On a blank-separated page, lines
    printed flush together never part."""
    if not lines:
        return []
    widths = [line.width for line in lines]
    paragraphs = [[lines[0]]]
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if _paragraph_break(prev, line, _column_width(widths, i - 1), blanks):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _column_width(widths: list[float], i: int) -> float:
    window = widths[max(0, i - 6) : i + 7]
    return statistics.median(window)


def _paragraph_break(prev: Line, line: Line, column: float, blanks: bool) -> bool:
    if line.block_start or line.text.startswith(_DATELINE):
        return True
    if blanks and line.joined:
        return False
    if is_headish(line.text) and line.width < column - SUBHEAD_SHORTFALL:
        return True  # a sub-heading: no paragraph runs on into a short unpunctuated line
    if prev.text.rstrip("”’」』)）").endswith(tuple(SENTENCE_END)):
        return prev.width < column - 1.0
    return is_headish(prev.text) and prev.width < column - SUBHEAD_SHORTFALL


# --- headlines -------------------------------------------------------------------------


def _bigrams(text: str) -> list[str]:
    chars = _BIGRAM_CHARS.findall(text)
    return [a + b for a, b in zip(chars, chars[1:])]


def _units(run: _Run, blanks: bool) -> list[list[Entry]]:
    """Give back a run cut into headline units: the lines of one printed headline.

    On a blank-separated page a unit is the lines printed flush together; elsewhere each
    line is a unit, and units that match the same article are put together later."""
    units: list[list[Entry]] = []
    for entry in run.entries:
        if units and blanks and entry.line.joined and entry.kind == "head" and units[-1][-1].kind == "head":
            units[-1].append(entry)
        else:
            units.append([entry])
    return units


def _attach_headlines(articles: list[Article], runs: list[_Run], blanks: bool) -> None:
    """Give each article the headline printed for it, wherever it stands on the page."""
    if not articles or not runs:
        return
    fits = _HeadlineFit(articles)
    groups = [_scored_group(piece, run, fits.score, fits.n) for run in runs for piece in _headlines_of(run, blanks, fits)]
    _assign_headlines(articles, groups)


class _HeadlineFit:
    """How well headline text fits each story of a page: the IDF-weighted share of its
    character pairs the story prints."""

    def __init__(self, articles: list[Article]):
        self.doc_bigrams = [set(_bigrams(a.text)) for a in articles]
        self.df = Counter(g for grams in self.doc_bigrams for g in grams)
        self.n = len(articles)

    def idf(self, gram: str) -> float:
        # A bigram printed in no article says nothing either way: it weighs half a rare one.
        count = self.df.get(gram, 0)
        return math.log((self.n + 1) / (count + 0.5)) if count else 0.5 * math.log((self.n + 1) / 1.5)

    def score(self, text: str, index: int, run: _Run | None) -> float:
        grams = set(_bigrams(text))
        total = sum(self.idf(g) for g in grams)
        if not total:
            return 0.0
        found = sum(self.idf(g) for g in grams if g in self.doc_bigrams[index])
        if run is None:
            return found / total
        prior = 0.06 if index == run.before else 0.03 if index == run.after else 0.0
        return found / total + prior

    def fit(self, units: list[list[Entry]]) -> tuple[float, float]:
        """Give back (best coverage of any story, weight) for headline units."""
        text = join_lines([e.line.text for u in units for e in u if e.kind == "head"], heading=True)
        weight = sum(self.idf(g) for g in set(_bigrams(text)))
        return max(self.score(text, k, None) for k in range(self.n)), weight

    def one_headline(self, a: list[list[Entry]], b: list[list[Entry]]) -> bool:
        """Tell whether two pieces are one headline: together they fit a story as well as apart."""
        (fa, wa), (fb, wb), (fab, _) = self.fit(a), self.fit(b), self.fit(a + b)
        return not wa or not wb or fab >= (fa * wa + fb * wb) / (wa + wb) - MERGE_SLACK


def _headlines_of(run: _Run, blanks: bool, fits: _HeadlineFit) -> list[list[list[Entry]]]:
    """Give back the headlines printed in a run of short lines, each as its units."""
    pieces: list[list[list[Entry]]] = []
    for unit in _units(run, blanks):
        if unit[0].kind == "box" and pieces:
            pieces[-1].append(unit)  # a boxed byline closes the headline above it
        else:
            pieces.append([unit])
    merged = [pieces[0]]
    for piece in pieces[1:]:
        last = merged[-1]
        closed = any(u[0].kind == "box" for u in last)
        kicker = len(last) == 1 and is_kicker(join_lines([e.line.text for e in last[0]], heading=True))
        # One headline printed over several lines fits its story as well as its parts do;
        # two headlines put together fit neither story.
        if not closed and (kicker or fits.one_headline(last, piece)):
            merged[-1] = last + piece
        else:
            merged.append(piece)
    return merged


def _assign_headlines(articles: list[Article], groups: list) -> None:
    """Give each headline group, best fit first, to its story; a headline whose story is taken
    goes to its runner-up only if that fits nearly as well, else it may be a shared banner."""
    taken: set[int] = set()
    left: list[tuple[list[int], list]] = []
    for best_score, ranked, units in sorted(groups, key=lambda g: -g[0]):
        free = [k for k, s in ranked if k not in taken and s >= FALLBACK_SHARE * best_score]
        if not free:
            left.append(([k for k, _ in ranked], units))
            continue
        index = free[0]
        taken.add(index)
        article = articles[index]
        kickers, heads = _kicker_and_headline(units)
        article.title, article.kicker = _joined(heads), _joined(kickers)
        boxed = [u[0].names for u in units if u[0].kind == "box"]
        if boxed and article.author is None:
            article.author = boxed[0]
    _banner_titles(articles, left)


def _banner_titles(articles: list[Article], left: list[tuple[list[int], list]]) -> None:
    """Give stories printed under one banner with short labels their banner too: a headline no
    story took, fitting two or more stories titled by labels ("凤山街道"), titles each of them
    "banner：label"."""
    for candidates, units in left:
        banner = _title(units)
        labelled = [k for k in candidates if articles[k].title and len(articles[k].title) <= LABEL_MAX]
        if banner and len(labelled) >= 2:
            for k in labelled:
                articles[k].title = f"{banner}：{articles[k].title}"


def _scored_group(units, run, score, n):
    """Give back (best score, candidate articles best first, units) for a headline group."""
    text = join_lines([e.line.text for u in units for e in u if e.kind == "head"], heading=True)
    scored = sorted(((score(text, k, run), k) for k in range(n)), reverse=True)
    ranked = [(k, s) for s, k in scored if s >= MATCH_THRESHOLD]
    return (scored[0][0] if scored else 0.0, ranked, units)


def _title(units: list[list[Entry]]) -> str | None:
    """Give back the headline as printed: its lines joined, kicker left out, subtitle kept."""
    return _joined(_kicker_and_headline(units)[1])


def _kicker_and_headline(units: list[list[Entry]]) -> tuple[list, list]:
    """Give back a headline group's kicker lines ("爱心献血 医护先行") and its headline lines."""
    heads = [u for u in units if u[0].kind == "head"]
    kickers = []
    while len(heads) > 1 and is_kicker(join_lines([e.line.text for e in heads[0]], heading=True)):
        kickers.append(heads.pop(0))
    return kickers, heads


def _joined(units: list[list[Entry]]) -> str | None:
    text = join_lines([e.line.text for u in units for e in u], heading=True)
    return tidy_spaces(text, heading=True) or None
