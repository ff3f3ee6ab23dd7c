"""Question -> answer: the stories about it, the sentences that answer, and whether they do.

Ranking is BM25 exactly as rank-bm25's BM25Okapi computes it (k1 = 1.5, b = 0.75, IDF floored
at epsilon = 0.25 times the mean), over the question's content words only (index/question.py
strips its scaffolding). On top of it, a story's *coverage*: the share of the question's
content it prints, each word weighted by its IDF; a specific subject (a name, or a noun rare in
the language) the archive never prints weighs the most, an unknown verb or a stray character
little. A word the story cuts differently still counts through its character pairs, but a pair
that spans two of the question's words never counts on its own.

Three outcomes:
* answered: the best story covers the question and its excerpt holds what is asked;
* not_stated: a story is about the question's subject but does not give what is asked
  (the noun the question ends on, which the archive never prints; no number in the unit asked
  for; another year);
* nothing: no story prints the question's specific subjects, nor covers most of it; no results.
A question naming only a date ("5月20日的报纸") lists that date's stories instead.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from index import excerpt
from index.segments import Segment, SegmentedIndex, global_stats
from index.pages import DatedArticle
from index.question import (AUTHOR, CLOCK, HOW, HOW_MANY, NAME, PERSON_END, PHOTO, PLACE_KIND_WORDS, PROGRESS, QUOTE, REGIONS, WHEN, WHICH_ONES, WHICH_ORG, WHERE, WHO,
                            WHY, Question, Word, places_of, read_question)
from index.tokenize import BIGRAM_PREFIX, Tokenizer

logger = logging.getLogger(__name__)

K1, B, EPSILON = 1.5, 0.75, 0.25
RECUT_MAX = 6  # characters of a word in a question cut again by what the archive prints
POOL = 60  # best BM25 stories whose coverage is measured
ANSWERED, NOT_STATED, NOTHING = "answered", "not_stated", "nothing"
ANSWER_COVERAGE = 0.7  # share of the question's weight a story must print to answer it
COUNTED_MIN = 3  # things a list must name all but one of, when the question says how many there are
ABBREVIATED_MAX = 5  # characters of a word looked up by its short forms (新闻办公室 -> 新闻办)
TOPIC_COVERAGE = 0.63  # ... to be about it at all (below this: nothing)
COVERAGE_POWER = 2.0  # how much coverage counts against BM25 in ranking
SLIP_FREQ = 10  # jieba's count: a word used less than this may be a slip for one the archive prints
NAME_FREQ = 100  # jieba's count: a word used this often is a word of the language, whatever posseg tags it (明珠 nr)
COMMON_NOUN_FREQ = 1000  # jieba's count: a noun used less than this is specific (疫苗), else common (长度)
VERB_WEIGHT = 0.5  # a verb, an adjective or a single character weighs at most half the mean IDF
TYPOS_MAX = 5  # sound-alike corrections a question may make
GAP_MAX = 2  # characters a gap in a name may stand for ("李X军": 建)
STRAY_WEIGHT = 0.15  # an unknown verb or single character, in mean IDFs: a typo or a colloquialism
# A caption is a sentence about a picture; a reader asking about the event wants the story.
# BM25's length normalisation would otherwise let a caption that repeats the question crowd
# the stories out of the pool; captions are also ranked after stories (see _rank).
PHOTO_PRIOR, PHOTO_WANTED = 0.5, 2.0
SHORT_CAPTION = 40  # characters: a caption this short is a story's photo, not a photo story
CAPTION_MATCH = 0.6  # share of a caption's character pairs its story prints
DATE_BOOST, YEAR_BOOST = 1.6, 1.3
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
# Tags of a lone character jieba's guess may glue to a word: a verb, preposition, adverb,
# localizer, conjunction, particle or pronoun ("来/考察", "对/离石"), never a noun or a number.
_GLUED_TAGS = ("v", "p", "d", "f", "c", "u", "r")
_CLOCK_TIME = re.compile(r"\d{1,2}\s*(?:点|时|[:：]\d{2})|[一二三四五六七八九十]{1,3}点|上午|下午|早上|晚上|凌晨|中午|傍晚")
# How a reader can do something ("要怎么预约", "怎么申请", "咋报名"): the steps for that very act.
# An errand a reader asks how or where to run ("怎么办借书证", "去哪儿办理"; not 还原, 咋办, 办的)
_ERRAND = r"(申请|报名|预约|办理|办(?=[\u4e00-\u9fff])(?![法公理的了])|购买|买|借阅|借|参加|加入|联系|预订|挂号|领取|领|归还|还(?=书|钱|款|贷)|缴费|缴纳|注册|登记|投诉)"
_HOW_TO = re.compile(rf"(?:怎么|怎样|如何|咋)(?:样)?(?:才能|才可以|能|可以|去|来)?{_ERRAND}")
_WHERE_TO = re.compile(rf"(?:哪儿|哪里|哪|什么地方|啥地方)(?:才能|可以|能|去|来)?{_ERRAND}")
# how a reader can do something: "家长可通过扫描社区宣传进群…", "可到…办理", "持身份证…", a number to call
_INSTRUCTIONS = re.compile(r"可(?:以)?(?:通过|到|在|凭|携带|前往)|扫码|扫描|拨打|进群|登录|关注|持[^，。；]{1,8}(?:证|卡)|电话|地址")
_HELP_ASKED = re.compile(r"帮|扶持|支持|服务|协助")  # how someone was helped
# why someone says so, or tells someone to do something ("医生为啥叫张大爷少抽烟"): the reasons are in the words said
_WHY_SAID = re.compile(r"为(?:啥|什么|何)(?:要|会)?(?:说|叫|嘱咐|叮嘱|劝|建议|提醒|告诉)|说[^，。？?]{0,16}为(?:啥|什么|何)|"
                       r"为(?:啥|什么|何)[^，。？?]{0,8}(?:嘱咐|叮嘱|劝|建议|提醒)")
# Kinds whose question ends on what it is about, not on what it asks ("白根生对拆老房子咋说的":
# the words said are asked, 老房子 is the subject, which the story may call 旧房子)
_NOT_AN_ATTRIBUTE = frozenset({QUOTE, WHY, HOW, PROGRESS, WHICH_ONES})  # "新增了哪些牲畜": 牛、驴 are its kind, 牲畜 need not be printed
# What was said, why or how: the thing named is the scene, and a kind of it the story never prints
# ("怎么清理楼道小广告": 楼栋墙体的小广告) does not make the story about something else.
_SCENE_OF_THE_ASK = frozenset({QUOTE, WHY, HOW})
_COUNTED_PLACES = re.compile(f"[{''.join(sorted(excerpt.NO_NAME_END | set('一二三四五六七八九十本')))}][省市县区镇乡村]$")  # "点燃了两县…", 各村: no place's name
SHORT_NAME_MAX = 4  # characters of a short name a reader may type for a longer one printed (城管: 城市管理)
SHORT_NAME_CREDIT = 0.8  # such a short name counts as most of the word
# An amount asked per person, household, month… ("每户补偿多少", "一个月能挣多少"), not a total.
_PER_ASKED = re.compile(r"(?:每一?个?|人均|户均|月均|年均|平均每?)\s*(月|年|天|日|人|户|亩|次|位|名)|一个?(月|年)(?![前后多来底初])")
_FULL_NAME_ASKED = re.compile(r"全称|全名")
_NAME_RUN = re.compile(r"[\u4e00-\u9fff“”\"、]{0,20}$")  # the characters of a name before its last word
_DEPARTMENT_TYPED = re.compile(excerpt.DEPARTMENT_NAME + r"(?=主任|部长|科长|股长|组长|负责人)")  # "要文部主任"
_PLACE_CHARS = "山河川沟峪坡梁湾"  # the ends of names of places in the hills (吕梁山, 任家沟)
_PLACE_END = re.compile(r"(?:省|市|县|区|镇|乡|村|街道|社区)$")  # jieba takes 吴城镇 for a person (吴 is a surname)
# A name printed after its holder's post, before what the person did: "主任刘建忠介绍", "书记车建文说:".
_AFTER_POST = re.compile(r"(?:书记|主任|局长|院长|县长|区长|镇长|乡长|主席|经理|董事长|负责人|队长|组长|站长|所长|科长|部长|校长|馆长|会长)"
                         + excerpt.NAME_AFTER)
_KIND_OF_TERM = re.compile(r"是(?:一?[家个种项])?(?:什么|啥)(?!意思|含义|意义|内容|东西)([\u4e00-\u9fff]{2})")  # "是什么模式", "是家什么企业": the kind it is
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,4}[·•][\u4e00-\u9fff]{1,4}")
_SLOGAN = re.compile(r"[“\"「][^”\"」]{0,12}[”\"」]")
_TITLES = re.compile(r"《[^》]{0,40}》")
_ENUMERATION = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")  # "中磁尚善、珍味谱、艺德等企业"
_COUNTED_ITEM = re.compile(r"[\u4e00-\u9fff]{2,}(?=\d+(?:\.\d+)?\s*(?:个|名|人|户|家|项|处|所|条|件)[，、；])")  # a thing, its count
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")  # a whole number, never the 2 of 2020
_WHICH_OF = re.compile(r"哪(?:些|几)[个位名]?")  # "哪些委员", "哪几位专家"
_POINTS = re.compile(r"一是|首先|第一[，,、]")  # points made one by one
_NEXT_ASKED = re.compile(r"下[一]?[次回届期轮]|再[来办搞开去]")  # "下次啥时候再来": a time still to come
_PLANNED = re.compile(r"将[于在要]?|计划|拟|预计|下一步|下[一]?[次回届期轮]|届时|即将")  # a time to come, as a story states it
_NAME_REASON_ASKED = re.compile(r"(?:为啥|为什么|为何)(?:要|会)?(?:叫(?=\s*[“\"「‘]|\s*[\u4e00-\u9fff]{1,4}\s*(?:啊|呀|呢)?\s*[?？]?\s*$)|起名|取名|命名)"
                                r"|名字(?:是)?(?:怎么|咋|如何)来的|(?:名字|名称)的?(?:由来|来历)")  # "为啥叫“山花牌”", not 为啥叫他少抽烟
_NAME_ORIGIN = re.compile(r"得名|取自|取其|寓意|意为|意思是|象征|命名|取名|起名|名字来源|由来|因此叫|故名|故称")  # why a name is so
_CHOICE_ASKED = re.compile(r"偏偏|(?:为啥|为什么|为何)(?:要|会)?(?:专门|特意|特地)?(?:选|挑)")  # why this one of all
_PLACES_LISTED = re.compile(r"[\u4e00-\u9fff]、[^，。；]{1,16}?等(?:地|处|场所|区域|地方)")  # "车站、市场、医院等地"
_PURPOSE_OPENS = re.compile(r"只为|以便|以求|好让|为")  # a clause that says what the one before was for
_CLAUSE_OF_WORDS = re.compile(r"[\u4e00-\u9fff]{4,}")  # a clause that says something, not a word or two
_REST_ASKED = re.compile(r"除了|除去|除[^，。？?]{1,20}?外|以外|之外|剩下|剩余|其余|其他|另外")  # "除了A、B，还有哪些": the rest of a list
_NOT_IN_A_NAME = ("r", "m", "q", "p", "c", "u", "d", "x", "w")  # tags of words a name never ends on
_NUMERALS = frozenset("一二三四五六七八九十百千万两几")
_NUMERALS_IN_ORDER = "一二三四五六七八九十"
_ACRONYM = re.compile(r"^(?=.*\d)[a-z0-9.+\-]+$|^[a-z]{1,3}$")  # GDP, 5G, PM2.5 name things; SELECT does not


@dataclass(frozen=True)
class Hit:
    """A story that answers, with the passage that answers and where the question's terms are."""

    id: str
    title: str | None
    source: str
    date: str | None
    page_date: str | None
    kind: str
    author: str | None
    score: float
    excerpt: str
    spans: tuple[tuple[int, int], ...]  # [start, end) of matched terms in `excerpt`
    opening: str  # the story's first words, to name a story printed without a headline
    coverage: float = 0.0  # share of the question's content the story prints
    evidence: bool = False  # whether the excerpt holds what the question wants
    caption: bool = False  # the excerpt is the caption of the story's photo
    page_no: int | None = None  # the 版次 its PDF page's header printed
    section: str | None = None  # and the section

    @classmethod
    def of(cls, article: DatedArticle, score: float, excerpt: str, spans: tuple = (), coverage: float = 0.0,
           evidence: bool = False) -> Hit:
        """Give back a hit for an article with the passage shown for it."""
        return cls(
            id=article.id,
            title=article.title,
            source=article.source,
            date=article.date,
            page_date=article.page_date,
            kind=article.kind,
            author=article.author,
            score=float(score),
            excerpt=excerpt,
            spans=spans,
            opening=article.text[:30],
            coverage=coverage,
            evidence=evidence,
            page_no=article.page_no,
            section=article.section,
        )

    @classmethod
    def lead_of(cls, article: DatedArticle) -> Hit:
        """Give back a hit for an article with its opening sentences as the excerpt."""
        return cls.of(article, 0.0, excerpt.lead(article.text))

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "page_date": self.page_date,
            "kind": self.kind,
            "score": round(self.score, 4),
            "coverage": round(self.coverage, 3),
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True)
class Answer:
    """What the archive says to a question: the outcome and the stories, best first."""

    question: Question
    outcome: str  # ANSWERED, NOT_STATED or NOTHING
    hits: list[Hit]
    missing: tuple[str, ...] = ()  # for NOT_STATED: what the story does not print
    listing: bool = False  # the stories of a date, not a search
    total: int = 0  # stories found in all (for "第2/5页"); 0 when not counted

    def as_json(self) -> dict:
        return {"query": self.question.text, "outcome": self.outcome, "wants": self.question.wants,
                "missing": list(self.missing), "results": [hit.as_json() for hit in self.hits]}


@dataclass(frozen=True)
class QueryWord:
    """A content word of the question as the index knows it."""

    text: str  # folded
    subject: bool
    token: int | None  # term number of the word itself
    pairs: tuple[int | None, ...]  # term numbers of its character pairs (CJK words of 2+)
    weight: float
    foreign: bool = False  # a specific subject the language knows and the archive never prints
    specific: bool = False  # a name, or a noun rare in the language: what the question is about
    head: str | None = None  # the noun it modifies in the question ("微信" -> "账号")

    @property
    def printed(self) -> bool:
        """Whether the archive prints the word: as a term, or every pair of its characters."""
        return _printed(self.token, self.pairs)


class MemoryLibrary:
    """Articles held in memory, fetched by id (tests, small archives)."""

    def __init__(self, articles: list[DatedArticle]):
        self.by_id = {a.id: a for a in articles}
        self.ordered = list(articles)

    def fetch(self, ids) -> dict[str, DatedArticle]:
        return {i: self.by_id[i] for i in ids if i in self.by_id}

    def latest(self, top: int, offset: int) -> list[DatedArticle]:
        ordered = sorted(self.ordered, key=lambda a: _sortable(a.date or a.page_date), reverse=True)
        return ordered[offset : offset + top]

    def on_page(self, source: str) -> list[DatedArticle]:
        """Give back the articles of one page, in print order."""
        return [a for a in self.ordered if a.source == source]

    def dated(self, pattern: str, top: int, offset: int) -> list[DatedArticle]:
        """Give back the articles whose date matches a SQL LIKE pattern, newest first."""
        wanted = re.compile(re.escape(pattern).replace("%", ".*").replace("_", "."))
        found = [a for a in self.ordered if wanted.fullmatch(a.date or a.page_date or "")]
        return sorted(found, key=lambda a: _sortable(a.date or a.page_date), reverse=True)[offset : offset + top]


class Searcher:
    """Answers questions from a BM25 index over the archive's articles."""

    def __init__(self, index: SegmentedIndex, doc_ids: np.ndarray, photos: np.ndarray, library, tokenizer: Tokenizer):
        self.index = index
        self.doc_ids = doc_ids  # article id of each index column
        self.photos = photos  # whether each column is a photo caption
        # each column's weight for a question that asks for a photo, and for any other: made once
        self.priors = {wanted: np.where(photos, PHOTO_WANTED if wanted else PHOTO_PRIOR, 1.0) for wanted in (True, False)}
        self.library = library  # .fetch(ids), .latest(top, offset), .dated(pattern, top, offset), .on_page(source)
        self.tokenizer = tokenizer
        self.state = ""  # the archive state the index reflects (set by index.library)
        self.max_idf, self.mean_idf = index.max_idf, index.mean_idf

    @cached_property
    def latest_year(self) -> int | None:
        """The year of the newest story: what 今年 means to a reader of this archive."""
        newest = self.library.latest(1, 0)
        date = (newest[0].date or newest[0].page_date or "") if newest else ""
        return int(date[:4]) if date[:4].isdigit() else None

    def parse(self, text: str) -> Question:
        """Give back what a question asks, its relative year made absolute, its words cut again
        where jieba's cut left a word the archive never prints beside one it does."""
        question = read_question(text, self.tokenizer, self.latest_year)
        words = self._mended(self._filled(question.words, question.gaps), question.folded)
        return dataclasses.replace(question, words=words)

    def _filled(self, words: tuple[Word, ...], gaps: tuple[tuple[str, str], ...]) -> tuple[Word, ...]:
        """Give back the words with the two on each side of a gap ("李X军": 李, 军) made the one
        name the archive prints that begins and ends so and has one or two characters between
        (李建军); the name printed in the most stories, where several fit (_fill)."""
        out, i = [], 0
        while i < len(words):
            word, after = words[i], words[i + 1] if i + 1 < len(words) else None
            found = self._fill(word.text, after.text, gaps) if after else None
            if found:
                rest_before, filled, rest_after = found
                out += [Word(text, self.tokenizer.tag_of(text) or tag) for text, tag in
                        ((rest_before, "n"), (filled, "nr"), (rest_after, "n")) if text]
            else:
                out.append(word)
            i += 2 if found else 1
        return tuple(out)

    def _fill(self, word: str, after: str, gaps: tuple[tuple[str, str], ...]) -> tuple[str, str, str] | None:
        """Give back (what is left of the word before, the name, what is left of the word after)
        where a gap stands between two words: the two words themselves, or a character or two
        at their ends that jieba glued to a word beside them ("村干部白/X/生": 白根生, 村干部 left),
        the longer ends first; or None."""
        if not any(before.endswith(word[-1]) and next_.lstrip().startswith(after[0]) for before, next_ in gaps):
            return None
        whole = any(before.endswith(word) and next_.startswith(after) for before, next_ in gaps)
        glued = [not self.tokenizer.knows(w) and self.index.vocabulary.find(w) is None for w in (word, after)]
        ends = [(len(word), len(after))] if whole else []
        ends += [(k, m) for k in (2, 1) for m in (2, 1) if k <= len(word) and m <= len(after)
                 and (glued[0] or k == len(word)) and (glued[1] or m == len(after))]
        for k, m in ends:
            head, tail = word[-k:], after[:m]
            names = self.index.between(head, tail, len(head) + len(tail) + GAP_MAX)
            name = max(names, key=self.index.doc_freq, default=None) or self._bridged(head, tail)
            if name:
                return _left(word[:-k]), name, _left(after[m:])
        return None

    def _bridged(self, before: str, after: str) -> str | None:
        """Give back before + one character + after, where the archive prints no such word but
        prints every pair of its characters ("红X川乡": 红眼川乡, cut 红眼/川/乡; "高X花": 高爱花):
        of the characters after the last one typed, the one that makes the name held whole by
        the most stories (every pair of it in one story); or None. Between two words the gap
        stands for no part of a name ("宣传什么突击队")."""
        if len(before) > 1 and len(after) > 1:
            return None
        best = (0, "")
        for pair in self.index.between(BIGRAM_PREFIX + before[-1], "", len(BIGRAM_PREFIX) + 2):
            name = before + pair[-1] + after
            if _CJK_WORD.match(pair[-1]) and self._prints(name):
                held = functools.reduce(np.intersect1d, (self.index.postings(BIGRAM_PREFIX + name[i : i + 2])[0]
                                                         for i in range(len(name) - 1)))
                best = max(best, (len(held), name))
        return best[1] or None

    def _prints(self, text: str) -> bool:
        """Whether the archive prints a text, as QueryWord.printed says of a question's word."""
        return _printed(*self._terms(text))

    def _terms(self, text: str) -> tuple[int | None, tuple[int | None, ...]]:
        """Give back the term number of a text and those of its character pairs (CJK words of 2+)."""
        find = self.index.vocabulary.find
        pairs = tuple(find(BIGRAM_PREFIX + text[i : i + 2]) for i in range(len(text) - 1)) if _CJK_WORD.match(text) else ()
        return find(text), pairs

    def _mended(self, words: tuple[Word, ...], folded: str) -> tuple[Word, ...]:
        """Give back the words with each one the archive never prints cut again by what it does
        print: a dictionary word that took the first character of the name after it ("对联/翔电建"
        -> 联翔电建), a name cut in two, two words cut across a printed one ("疾控流/调发现" ->
        疾控, 流调发现), a verb or particle glued to a word the language does not know ("来考察" ->
        考察). Only what the archive prints replaces what it does not."""
        out: list[Word] = []
        renamed: dict[str, str] = {}
        i = 0
        while i < len(words):
            word, after = words[i], words[i + 1] if i + 1 < len(words) else None
            text, mended = word.text, word
            adjacent = after is not None and bool(_CJK_WORD.match(after.text)) and text + after.text in folded
            if word.category or len(text) < 2 or not _CJK_WORD.match(text) or self._prints(text):
                pass
            elif adjacent and (joined := next((t for t in (text + after.text, text[1:] + after.text) if self._prints(t)), None)):
                mended, renamed[after.text] = Word(joined, "nz"), joined
                i += 1
            elif adjacent and (pieces := self._recut(text + after.text)):
                out += [Word(p, self.tokenizer.tag_of(p) or "n") for p in pieces[:-1]]
                mended = Word(pieces[-1], self.tokenizer.tag_of(pieces[-1]) or "n")
                renamed[after.text] = mended.text
                i += 1
            else:
                mended = self._trimmed(word)
            renamed[text] = mended.text
            out.append(mended)
            i += 1
        # a noun keeps knowing the noun it modifies under its new cut ("物流" -> "保春耕" -> "春耕")
        return tuple(dict.fromkeys(w if renamed.get(w.head, w.head) == w.head else dataclasses.replace(w, head=renamed[w.head])
                                   for w in out))

    def _recut(self, text: str) -> list[str] | None:
        """Give back a text cut into the fewest words the archive prints, each of two characters
        or more, or None when no such cut covers it."""
        best: list[list[str] | None] = [[]] + [None] * len(text)
        for end in range(2, len(text) + 1):
            cuts = [best[start] + [text[start:end]] for start in range(max(0, end - RECUT_MAX), end - 1)
                    if best[start] is not None and self._prints(text[start:end])]
            best[end] = min(cuts, key=len, default=None)
        return best[-1] if best[-1] and len(best[-1]) > 1 else None

    def _trimmed(self, word: Word) -> Word:
        """Give back a word without a character at its edge that is no noun when the rest is printed."""
        text = word.text
        if self.tokenizer.knows(text):
            return word
        for rest, edge in ((text[1:], text[0]), (text[:-1], text[-1])):
            if len(rest) > 1 and (self.tokenizer.tag_of(edge) or "n").startswith(_GLUED_TAGS) and self._prints(rest):
                return Word(rest, self.tokenizer.tag_of(rest) or word.tag)
        return word

    def search(self, text: str, top: int = 3, offset: int = 0) -> list[Hit]:
        """Give back the stories about the question, best first (empty when none is)."""
        return self.answer(text, top, offset).hits

    def answer(self, text: str, top: int = 3, offset: int = 0) -> Answer:
        """Give back the outcome for a question and the stories that answer it, best first."""
        question = self.parse(text)
        if question.lists_date:
            return self._listing(question, top, offset)
        words = self._query_words(question.words)
        # a word read as another ("高艾花" as 高爱花) is that word to the excerpt too: the speaker of a quote
        if any(w.text != q.text for w, q in zip(question.words, words)):
            question = dataclasses.replace(question, words=tuple(
                w if w.text == q.text else dataclasses.replace(w, text=q.text) for w, q in zip(question.words, words)))
        total = sum(w.weight for w in words)
        if not words or total <= 0 or self.index.n_docs == 0:
            return Answer(question, NOTHING, [])
        ranking = self._rank(question, words, total)
        ranked = ranking.order
        if not ranked:
            return Answer(question, NOTHING, [])
        shown = [(score, cover, str(self.doc_ids[column])) for score, cover, column in ranked[offset : offset + top]]
        articles = self.library.fetch([str(self.doc_ids[ranked[0][2]])] + [i for _, _, i in shown])
        weights = {w.text: w.weight for w in words}
        hits = [self._hit(articles[i], score, question, weights, cover) for score, cover, i in shown if i in articles]
        best = articles.get(str(self.doc_ids[ranked[0][2]]))
        if not hits or best is None:
            return Answer(question, NOTHING, [])
        column, coverage = ranked[0][2], ranked[0][1]
        if question.wants == PHOTO:
            hits = self._photos_with_stories(hits)
            # a caption shown as its story's photo answers as much of the question as the story
            # does ("兴县考察团的照片": the caption says 代表团, its story 考察团)
            story = next(((cover, col) for _, cover, col in ranked if str(self.doc_ids[col]) == hits[0].id), None)
            if hits[0].caption and story and story[0] > coverage:
                (coverage, column), best = story, self.article(hits[0].id) or best
        return dataclasses.replace(self._judge(question, words, hits, best, ranking.held(column), coverage), total=len(ranked))

    def followable(self, text: str) -> tuple[tuple[Word, ...], str | None]:
        """Give back a query's content words to follow it by, and why it cannot be followed
        (None when it can): a date to list, no content, or only words most stories print."""
        question = self.parse(text)
        if question.lists_date:
            return (), "date"
        words = [self._query_word(w, typos=False) for w in question.words]
        # BM25 floors the weight of a word in more than half the stories (离石区, 工作) at EPSILON
        # times the mean: a topic of such words only would bring nearly every new story.
        if not any(w.weight > EPSILON * self.mean_idf + 1e-6 for w in words if w.printed or w.subject):
            return (), "vague"
        return question.words, None

    def story_terms(self, article_ids) -> list[tuple[str, frozenset[int]]]:
        """Give back the index terms of a few stories (an ingest's), tokenized again: what
        matching them costs grows with the stories, not with the archive."""
        articles, found = self.library.fetch(list(article_ids)), []
        for article_id in article_ids:
            if article_id in articles:
                terms = {self.index.vocabulary.find(t) for t in set(self.tokenizer.tokens(document_text(articles[article_id])))}
                found.append((article_id, frozenset(terms - {None})))
        return found

    def covering(self, words: tuple[Word, ...], stories: list[tuple[str, frozenset[int]]], memo: dict | None = None) -> list[str]:
        """Give back the stories (from story_terms) that answer a followed query by the rules a
        question's best story must meet: they print most of its weight (ANSWER_COVERAGE), every
        foreign term it names, and the noun it ends on. Queries matched against the same
        stories may share a `memo` of their words' look-ups."""
        memo = {} if memo is None else memo
        for w in words:
            if w not in memo:
                looked = self._query_word(w, typos=False)
                memo[w] = (looked, _credit_in(looked, [terms for _, terms in stories]))
        looked_up = [memo[w][0] for w in words]
        total = sum(w.weight for w in looked_up)
        if (not looked_up or total <= 0 or not stories or self._asks_unprinted(looked_up)
                or self._names_an_unprinted_kind(looked_up)):
            return []
        credits = [memo[w][1] for w in words]
        coverage = sum(w.weight * c for w, c in zip(looked_up, credits)) / total
        keep = coverage >= ANSWER_COVERAGE - 1e-9
        for w, c in zip(looked_up, credits):
            if w.foreign:
                keep &= c > 0
        return [article_id for (article_id, _), kept in zip(stories, keep) if kept]

    def _photos_with_stories(self, hits: list[Hit]) -> list[Hit]:
        """Give back the hits for a photo question: a short caption shown as the story it belongs
        to ("献血现场。" is the photo of the blood-drive story printed beside it), and a story
        with its own short caption as the excerpt; each labelled as a caption."""
        pages: dict[str, list[tuple[DatedArticle, str]]] = {}  # each page read and folded once
        shown: list[Hit] = []
        for hit in hits:
            if hit.source not in pages:
                pages[hit.source] = [(a, excerpt.plain(self.tokenizer.fold(f"{a.title or ''}{a.text}")))
                                     for a in self.library.on_page(hit.source)]
            page = pages[hit.source]
            if hit.kind == "photo" and len(hit.excerpt) <= SHORT_CAPTION:
                story = self._story_of_caption(hit.excerpt, page)
                if story is not None:
                    hit = dataclasses.replace(Hit.of(story, hit.score, hit.excerpt, hit.spans, hit.coverage,
                                                     evidence=True), caption=True)
            elif hit.kind != "photo":
                own = [a for a, _ in page if a.kind == "photo" and len(a.text) <= SHORT_CAPTION
                       and getattr(self._story_of_caption(a.text, page), "id", None) == hit.id]
                if own:
                    hit = dataclasses.replace(hit, excerpt=_credited(own[0].text, own[0].author), spans=(), evidence=True,
                                              caption=True)
            if hit.kind == "photo":  # the photo's credit, as printed under it, says there is one
                hit = dataclasses.replace(hit, excerpt=_credited(hit.excerpt, hit.author))
            if all(h.id != hit.id for h in shown):
                shown.append(hit)
        return shown

    def _story_of_caption(self, caption: str, page: list[tuple[DatedArticle, str]]) -> DatedArticle | None:
        """Give back the story on the caption's page (articles with their folded text) that
        prints most of the caption's character pairs."""
        pairs = set(_pairs(excerpt.plain(self.tokenizer.fold(caption))))
        best, share = None, CAPTION_MATCH
        for article, text in page:
            if article.kind != "photo" and pairs:
                held = sum(p in text for p in pairs) / len(pairs)
                best, share = (article, held) if held > share else (best, share)
        return best

    def _query_words(self, words: tuple[Word, ...]) -> list[QueryWord]:
        """Give back the question's words as the index knows them; at most TYPOS_MAX of them are
        looked up as sound-alikes (each costs a few hundred vocabulary look-ups)."""
        found, attempts = [], 0
        for word in words:
            looked_up = self._query_word(word, typos=attempts < TYPOS_MAX)
            found.append(looked_up)
            # a word read as another, or still unprinted, was (or would have been) looked up
            attempts += self._may_be_typo(word) and (looked_up.text != word.text or not looked_up.printed)
        return found

    def _may_be_typo(self, word: Word) -> bool:
        """Whether a word could be a typed sound-alike: a Chinese noun the language does not know,
        or barely (jieba's dictionary holds a few slips itself: 拉圾 beside 垃圾)."""
        return word.is_subject and len(word.text) > 1 and bool(_CJK_WORD.match(word.text)) \
            and (self.tokenizer.frequency(word.text) < SLIP_FREQ or word.tag.startswith("nr"))

    def _query_word(self, word: Word, typos: bool = True) -> QueryWord:
        """Give back a question word with its term numbers and its weight in coverage.

        A word the archive prints weighs its IDF; a verb at most half the mean (readers
        paraphrase actions), a single character at most half the mean (its IDF as a token says
        little). A word the archive never prints weighs the most when it is a specific subject
        the language knows (核酸, GDP: the question is about something else), the mean when it is
        a common noun (利率, 长度: what is asked, often answered in other words), half the mean
        when it is a verb the language knows or a noun it does not (a typo, an unknown name),
        little for a stray character, nothing for an English word around a real question."""
        idf, text = self.index.idf, word.text
        cjk = bool(_CJK_WORD.match(text))
        token, pairs = self._terms(text)
        known = float(idf[token]) if token is not None else (
            max(float(idf[p]) for p in pairs) if pairs and all(p is not None for p in pairs) else None)
        half = VERB_WEIGHT * self.mean_idf
        if word.category:  # the kind of thing asked for is named, the thing itself is the answer
            return QueryWord(text, False, token, pairs, half if known is None else min(known, half))
        specific = word.is_subject and len(text) > 1 and (
            word.is_name or cjk and self.tokenizer.frequency(text) < COMMON_NOUN_FREQ)
        if known is not None:
            weight = known if word.is_subject and len(text) > 1 else min(known, half)
            return QueryWord(text, word.is_subject, token, pairs, weight, specific=specific, head=word.head)
        if typos and cjk and (heard := self._heard_as(word)):
            return self._query_word(Word(heard, word.tag))
        if word.is_subject and (short := self._abbreviation(text)):
            return self._query_word(Word(short, word.tag))
        if word.is_subject and (_ACRONYM.match(text) or cjk and len(text) > 1 and self.tokenizer.knows(text)):
            foreign = bool(_ACRONYM.match(text))
            return QueryWord(text, True, token, pairs, self.max_idf if specific or foreign else self.mean_idf, foreign, specific,
                             word.head)
        if not cjk:
            return QueryWord(text, False, token, pairs, 0.0)  # "SELECT … FROM": English around a question
        if cjk and len(text) > 1 and (word.is_subject or self.tokenizer.knows(text)):
            return QueryWord(text, word.is_subject, token, pairs, half, specific=specific)
        return QueryWord(text, False, token, pairs, STRAY_WEIGHT * self.mean_idf)

    def _abbreviation(self, word: str) -> str | None:
        """Give back the short form the archive prints of a word the language knows but the archive
        never prints in full: its first and last characters and some of those between, in order
        (挖掘机 -> 挖机), printed as a word (or, of two characters, as a pair); or None."""
        if not _CJK_WORD.match(word) or not 3 <= len(word) <= ABBREVIATED_MAX or not self.tokenizer.knows(word):
            return None
        inner = word[1:-1]
        for keep in range(len(inner) - 1, -1, -1):  # the longest short form first
            for kept in itertools.combinations(inner, keep):
                token, pairs = self._terms(short := word[0] + "".join(kept) + word[-1])
                if token is not None or len(short) == 2 and _printed(token, pairs):  # a word, or a pair printed
                    return short
        return None

    def _heard_as(self, word: Word) -> str | None:
        """Give back the printed word a word the archive never prints was typed for by its sound:
        a slip (消废 -> 消费, of any tone), or a word of the language in place of its exact
        homophone (考查 for 考察, 路经 for 路径); or None."""
        if self._may_be_typo(word):
            return self._sound_alike(word.text)
        if word.tag.startswith(("v", "n")) and len(word.text) > 1:
            return self._sounding(word.text, tones=True)
        return None

    def _sound_alike(self, word: str) -> str | None:
        """Give back the word the archive prints that differs from `word` by one character of the
        same sound (消废 -> 消费), the most widely printed one; failing that, one of the same sound
        but for its tone (梁家艳村 -> 梁家焉村); or None."""
        return self._sounding(word, tones=True) or self._sounding(word, tones=False)

    def _sounding(self, word: str, tones: bool) -> str | None:
        find, idf, sounds = self.index.vocabulary.find, self.index.idf, self.tokenizer.homophones
        best = None
        for changed, variant in sounds.variants(word, tones):
            # the pairs that hold the changed character first: most variants fail there
            near = [p for p in (changed - 1, changed) if 0 <= p < len(variant) - 1]
            order = near + [p for p in range(len(variant) - 1) if p not in near]
            terms = []
            for p in order:
                terms.append(find(BIGRAM_PREFIX + variant[p : p + 2]))
                if terms[-1] is None:
                    break
            if terms and terms[-1] is not None:
                # a character alike as usually read first, then the most widely printed word
                key = (not sounds.usually_alike(word[changed], variant[changed], tones), max(float(idf[t]) for t in terms), variant)
                best = min(best or key, key)
        return best[-1] if best else None

    def _rank(self, question: Question, words: list[QueryWord], total: float) -> _Ranking:
        """Give back the stories about the question, best first, as (score, coverage, column),
        with how much of each word every story weighed prints."""
        terms = Counter()
        for w in words:
            terms.update({t: 1 for t in (w.token, *w.pairs) if t is not None})
        scores = self.index.scores_of(terms)
        adjusted = scores * self.priors[question.wants == PHOTO]
        candidates = np.flatnonzero(adjusted > 0)
        if len(candidates) > POOL:
            candidates = candidates[np.argpartition(-adjusted[candidates], POOL - 1)[:POOL]]
        weighed = candidates = np.sort(candidates)
        prints = {w.text: self._credit(w, candidates) for w in words}
        credits = self._credits(words, prints)
        coverage = sum(w.weight * credits[w.text] for w in words) / total
        keep = coverage >= TOPIC_COVERAGE - 1e-9
        # A story printing every specific subject of the question that the archive prints is
        # about it (籍贯, printed nowhere, is what is asked, not what it is about); a subject
        # printed in most stories (the paper's own district) says little.
        printed = {w.text for w in words if w.printed}
        subjects = [w for w in words if w.specific and w.weight >= VERB_WEIGHT * self.mean_idf and w.printed]
        # "微信账号": a printed noun modifying one the archive never prints names something else
        if subjects and all(w.head is None or w.head in printed for w in subjects):
            keep |= np.all([credits[w.text] > 0 for w in subjects], axis=0)
        candidates, coverage = candidates[keep], coverage[keep]
        ranked = adjusted[candidates] * coverage**COVERAGE_POWER
        if question.names_date:
            ranked = ranked * self._date_factors(question, candidates)
        # A caption belongs to a story: it goes after the stories that cover the question as well
        # as it does, unless the reader asks for a photo (then the captions go first).
        captions = self.photos[candidates]
        if question.wants == PHOTO:
            captions_last = ~captions
        else:
            best_story = coverage[~captions].max(initial=0.0)
            captions_last = captions & (coverage <= best_story + 1e-9)
        order = np.lexsort((candidates, -ranked, captions_last))
        return _Ranking([(float(ranked[i]), float(coverage[i]), int(candidates[i])) for i in order], weighed, prints)

    @staticmethod
    def _credits(words: list[QueryWord], prints: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Give back how much of each word each document counts as printing, from how much it
        prints; a common noun modifying another ("垃圾分类") credits it only where both are
        printed: a story printing 分类 without 垃圾 is about another 分类 (a name in apposition,
        "搬迁户高爱花", is left alone)."""
        credits = dict(prints)
        common = {w.text for w in words if w.printed and not w.specific}
        for w in words:
            if w.text in common and w.head in common:
                credits[w.head] = credits[w.head] * (credits[w.text] > 0)
        return credits

    def _credit(self, word: QueryWord, docs: np.ndarray) -> np.ndarray:
        """Give back how much of the word each document prints, by the index's postings."""
        return _credit_by(word, lambda term: self._holds(term, docs))

    def _holds(self, term: int | None, docs: np.ndarray) -> np.ndarray:
        """Give back whether each (sorted) document holds the term, by its postings."""
        if term is None:
            return np.zeros(len(docs), dtype=bool)
        postings = self.index.postings(term)[0]
        at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
        return postings[at] == docs if len(postings) else np.zeros(len(docs), dtype=bool)

    def _date_factors(self, question: Question, candidates: np.ndarray) -> np.ndarray:
        articles = self.library.fetch(str(self.doc_ids[d]) for d in candidates)
        return np.array([_date_factor(articles.get(str(self.doc_ids[d])), question) for d in candidates])

    def _judge(self, question: Question, words: list[QueryWord], hits: list[Hit], best: DatedArticle,
               held: dict[str, float], coverage: float) -> Answer:
        """Give back the answer with its outcome: does the best story (which prints `held` of each
        word) give what is asked?"""
        missing = tuple(w.text for w in words if w.subject and held[w.text] == 0)
        total = sum(w.weight for w in words)
        # "哪些机械车辆": 农用车、翻斗车 answer without naming their kind; "属于哪个街道": 交口街道, one word
        kinds = question.kinds if question.wants == WHICH_ONES else (question.named,) if question.named in PLACE_KIND_WORDS else ()
        if kinds:
            unnamed = sum(w.weight for w in words if w.text in kinds and held[w.text] == 0)
            coverage = coverage * total / (total - unnamed) if total > unnamed else coverage
            missing = tuple(m for m in missing if m not in kinds)
        short = [w for w in words if w.subject and held[w.text] == 0 and _short_for(w.text, best.text)]  # 光扶电站: 光伏扶贫电站
        if short:
            coverage += SHORT_NAME_CREDIT * sum(w.weight for w in short) / total
            missing = tuple(m for m in missing if m not in {w.text for w in short})
        stated = (
            coverage >= ANSWER_COVERAGE - 1e-9
            and not any(w.foreign and held[w.text] == 0 for w in words)  # GDP, 5G: never printed
            and not (question.wants not in _SCENE_OF_THE_ASK and self._names_an_unprinted_kind(words))
            and not (self._asks_unprinted(words, question) and words[-1] not in short)  # 村支书: 村党支部书记
            and not any(held[w.text] == 0 for w in words if w.text in question.later)  # "后来做手术了吗"
            and self._gives_what_is_asked(question, hits[0])
            # a story of another date than the one the question names does not answer it
            and not (question.names_date and not question.relative and _date_factor(best, question) == 1.0)
        )
        return Answer(question, ANSWERED if stated else NOT_STATED, hits, () if stated else missing)

    def _names_an_unprinted_kind(self, words: list[QueryWord]) -> bool:
        """Whether the question asks about a kind of a printed thing that the archive never
        prints ("一等奖奖品": prizes are printed, a first prize never is): no story states it.
        A verb before a noun (发给学生, jieba's vn) says what is done to it, not which kind."""
        printed = {w.text for w in words if w.printed}
        return any(w.specific and not w.printed and w.head in printed
                   and not (self.tokenizer.tag_of(w.text) or "n").startswith("v") for w in words)

    def _asks_unprinted(self, words: list[QueryWord], question: Question | None = None) -> bool:
        """Whether the question ends on a noun, the thing it asks about ("…续贷的利率是多少"), that
        is a word of the language the archive never prints: then no story states it. A question
        about what was said, why or how ends on its subject instead (_NOT_AN_ATTRIBUTE); so does
        one that ends on a person ("李建国是干啥的"); a noun a verb takes after the question's cues
        is not what it asks ("被哪个单位授予了…称号"). Without a question (a followed query), a topic."""
        if question is not None and (question.wants in _NOT_AN_ATTRIBUTE or _named_person(question)):
            return False
        last = words[-1] if words else None
        if last is not None and question is not None and question.done_after_cues(last.text):
            return False
        return (last is not None and last.subject and bool(_CJK_WORD.match(last.text)) and len(last.text) > 1
                and not last.printed and self.tokenizer.knows(last.text))

    def _gives_what_is_asked(self, question: Question, hit: Hit) -> bool:
        """Whether the excerpt holds what is asked, where its look shows it: the date, duration
        or number (in the unit) asked for, the byline or the words said, a name of the kind
        asked or someone for "who", a term spelt out; other kinds of answer cannot be checked."""
        if question.wants == QUOTE:
            return self._said_by_the_speaker(question, hit.excerpt) and hit.evidence
        if question.wants == AUTHOR:
            return hit.evidence
        if question.wants == PHOTO and not (hit.caption or hit.kind == "photo"):
            return False  # a photo is shown by its caption; a story without one has none
        passage = self.tokenizer.simplified(hit.excerpt)
        if question.terms:  # "“三新五大”具体是什么": the excerpt must say what the term stands for, not only print it
            return self._defines(question, hit, passage)
        if question.ordinal:  # "第一项是什么": the excerpt must open that point
            return excerpt.opens_point(question.ordinal, passage)
        if question.named and not self._names(question, hit.excerpt) \
                and not (question.wants == WHICH_ONES and self._lists_places(question, passage)):
            return False
        if question.wants in (WHO, WHICH_ORG) and self._rest_listed(question, passage) is False:
            return False  # "“…民政局等8个主办单位” 剩下那几个是谁": the story lists no more
        if question.wants in (WHO, WHICH_ORG) and not question.named and not self._names_someone(question, hit.excerpt) \
                and not (_FULL_NAME_ASKED.search(question.folded) and _names_in_full(question, passage)):
            return False
        if question.wants == WHICH_ONES:
            return self._lists_what_is_asked(question, hit, passage)
        if question.located:  # "泰化医院在什么地方": where it is, not where its doctors went
            return excerpt.locates(question.located, passage)
        if question.wants == WHERE and not self._gives_place(question, passage):
            return False
        if question.wants in (WHY, HOW):
            return self._explains(question, passage)
        return _states_what_is_asked(question, passage) if question.wants in excerpt.CHECKABLE else True

    def _said_by_the_speaker(self, question: Question, passage: str) -> bool:
        """Whether the words an excerpt quotes can be the speaker's the question names: a post's
        holder, not a deputy ("院长说了啥": not a 副院长's); a person named who speaks there, not
        one named beside another's words ("王秋贵说了什么")."""
        if question.speaker_post and not excerpt.holds_post(question.speaker_post, passage):
            return False
        named = [w.text for w in question.words if self._is_person(w) and w.text in passage]
        return not named or any(excerpt.speaks(name, passage) for name in named)

    def _gives_place(self, question: Question, passage: str) -> bool:
        """Whether an excerpt says where: names a place the question does not ("…专班在哪报名":
        an excerpt that names none says nowhere), and, where a reader asks where to run an errand
        ("残疾人证去哪儿办理"), tells the reader, not only names a place in passing."""
        if _WHERE_TO.search(question.folded) and not _INSTRUCTIONS.search(passage):
            return False
        return self._names_a_place(question, passage)

    def _is_person(self, word: Word) -> bool:
        """Whether a word of the question is a person's name: posseg nr, two or three characters,
        no word the language uses widely (明珠 is tagged nr) nor a place's (吕梁山)."""
        return word.tag.startswith("nr") and 2 <= len(word.text) <= 3 and not _PLACE_END.search(word.text) \
            and word.text[-1] not in _PLACE_CHARS and self.tokenizer.frequency(word.text) < NAME_FREQ

    def _explains(self, question: Question, passage: str) -> bool:
        """Whether an excerpt says why or how: where a name comes from, for a question about a
        name ("为啥叫“山花牌”", "这名字是怎么来的"); else a reason (why) or a means (how)."""
        if _NAME_REASON_ASKED.search(question.folded):
            return bool(_NAME_ORIGIN.search(passage))
        return self._gives_reason(question, passage) if question.wants == WHY else _gives_means(question, passage)

    def _gives_reason(self, question: Question, passage: str) -> bool:
        """Whether an excerpt gives a reason: a cause or purpose it states, the merit said before
        an honour asked about, the words of someone asked why they say so, or the quality of the
        thing the question asks why about."""
        if excerpt.HONOUR.search(question.folded) and excerpt.gives_merit(passage):
            return True  # "为什么被授予…先进单位": the merit said before the honour
        if _WHY_SAID.search(question.folded) and excerpt.has_evidence(QUOTE, passage):
            return True  # "武才明为啥说拆旧房是好事": his reasons are in his own words
        if _CHOICE_ASKED.search(question.folded):
            return self._qualified(question, passage)  # "为啥偏偏选沈阳": what the place chosen is, not what the trip was for
        return self._qualified(question, passage) or excerpt.states(WHY, passage)

    @staticmethod
    def _qualified(question: Question, passage: str) -> bool:
        """Whether a passage qualifies a noun or a word of place (山上) the question asks why about
        with words the question does not print ("为啥往山上区域转移": "向环境容量充足…的山上区域
        转移"): the quality that makes the choice is the reason given."""
        asked = [w.text for w in question.words if len(w.text) > 1]
        return any(not any(word in said for word in asked)
                   for w in question.words if len(w.text) > 1 and w.tag.startswith(("n", "s"))
                   for said in excerpt.qualifiers(w.text, passage) + excerpt.appositives(w.text, passage))

    def _defines(self, question: Question, hit: Hit, passage: str) -> bool:
        """Whether the excerpt says what a quoted term stands for: spells it out (or a sound-alike
        of it: "三马联查", 三码联查), says something of it, sets out its items, or names a thing of
        the kind asked ("…是什么政策": "…兜底保障政策“136”保障机制")."""
        terms = [*question.terms, *(heard for t in question.terms if (heard := self._sound_alike(t)))]
        kind = _KIND_OF_TERM.search(question.folded)
        return any(excerpt.spells_out(t, passage, question.folded) or excerpt.describes(t, passage) for t in terms) \
            or self._sets_out_items(question, hit) \
            or bool(kind) and (excerpt.names_of_kind(kind.group(1), passage, question.folded)
                               or any(self._kind_after(t, passage, question) for t in terms))

    def _kind_after(self, term: str, passage: str, question: Question) -> bool:
        """Whether a passage names what kind of thing a quoted term is by the noun it prints
        right after it, one the question does not print ("是什么作物": "“朵朵红”辣椒")."""
        for m in re.finditer(rf"[“「‘]{re.escape(term)}[”」’]的?", passage):
            after = self.tokenizer.tagged(passage[m.end() : m.end() + 6])
            if after and after[0][1].startswith("n") and len(after[0][0]) > 1 and after[0][0] not in question.folded:
                return True
        return False

    def _lists_what_is_asked(self, question: Question, hit: Hit, passage: str) -> bool:
        """Whether the excerpt lists what a which-ones question asks: the names of the people
        asked for ("是哪些委员捐的"), all but one of the things it counts ("那6件重点提案": not
        four and 等), and things it does not name itself, unless it names the kind it wants."""
        if _asks_for_people(question):
            return self._new_names(question, hit.excerpt, ("nr",), person=True)
        if question.counted >= COUNTED_MIN and _items_listed(passage) < question.counted - 1:
            return False
        if (rest := self._rest_listed(question, passage)) is not None:
            return rest
        return bool(question.named) or self._lists_new(question, hit.excerpt) or self._sets_out_items(question, hit)

    def _rest_listed(self, question: Question, passage: str) -> bool | None:
        """Whether a passage lists more than the items a question asking for the rest of a list
        names ("除了A、B、C，还有哪些": "A、B、C等8个" lists no more); None where the question
        asks for no rest, or names no two items of a list the passage prints."""
        if not _REST_ASKED.search(question.folded):
            return None
        runs = [[self.tokenizer.fold(i).removesuffix("等") for i in self._items(run.split("、"))]
                for run in _ENUMERATION.findall(passage)]
        named = [[any(item[k:] in question.folded for k in range(max(1, len(item) - 4))) for item in run] for run in runs]
        quoted = [marks for marks in named if sum(marks) > 1]  # an item named by its end: 凤山街道前王家坡村
        return not all(all(marks) for marks in quoted) if quoted else None

    def _names_a_place(self, question: Question, passage: str) -> bool:
        """Whether a passage names a place the question does not name itself: a name ending in a
        kind of place (…村, …街道), a word jieba tags a place (华沙), where a thing lies (位于), or
        places of any sort listed as places (…、…等地)."""
        if _PLACES_LISTED.search(passage):
            return True  # "奔赴车站、市场、医院、乡村等地": places of any sort, listed as places
        widest = None if question.located else max(  # "回龙塔村在哪": a wider place (信义镇) is the answer
            (level for p in excerpt.places(question.folded) if (level := _place_level(p)) is not None), default=None)
        return any(_new_place(place, question, widest) and not _COUNTED_PLACES.search(place) for place in excerpt.places(passage)) \
            or any(tag == "ns" and _new_place(word, question, widest) for word, tag in self.tokenizer.tagged(passage))

    def _lists_places(self, question: Question, passage: str) -> bool:
        """Whether a passage lists places by their bare names ("在吴城、信义、坪头、枣林和西属巴建立了…"
        for "建在哪些乡镇"): an enumeration of short items, two or more tagged as places (posseg ns),
        none the question names itself."""
        for run in _ENUMERATION.findall(passage):
            items = [i for item in self._items(run.split("、")) for i in re.split("[和及与]", item)]
            items = [i for i in items if 1 < len(i) <= 5 and not question.prints(i)]
            places = [i for i in items if any(tag == "ns" for _, tag in self.tokenizer.tagged(i))]
            if len(places) >= 2:
                return True
        return False

    def _sets_out_items(self, question: Question, hit: Hit) -> bool:
        """Whether the excerpt is the items of the numbered set asked about ("…就业一批。…外输一批。")."""
        return excerpt.numbered_items(question, excerpt.sentences(hit.excerpt), self.tokenizer.simplified) is not None

    def _names_someone(self, question: Question, passage: str) -> bool:
        """Whether a passage names who did something: a person or a body the question does not
        name itself, or the post of the person it names ("郭志平是谁": 馆长郭志平)."""
        folded = self.tokenizer.fold(passage)
        body_only = question.wants == WHICH_ORG  # "哪个部门评定的": a body, not a person (nor 小康, posseg nr)
        if self._new_names(question, passage, ("nt",) if body_only else ("nr", "nt"), person=not body_only):
            return True
        if any(not any(question.prints(m.group(0)[k:]) for k in range(len(m.group(0)) - 3))
               for m in excerpt.ORG.finditer(folded)):
            return True  # a body the question does not name, even after its place ("离石区委中心组": 区委中心组)
        return any(w.tag.startswith("nr") for w in question.words) and bool(excerpt.POST.search(folded))

    def _lists_new(self, question: Question, passage: str) -> bool:
        """Whether a passage lists things the question does not name itself: points (一是…),
        titles (《…》《…》), things counted one after another, or an enumeration with 、 one of whose items prints none of the
        question's names ("除了大土河、东泰…还有哪些": the list of just those answers nothing)."""
        text = self.tokenizer.simplified(passage)
        if question.listed_by and excerpt.lists_after(question.listed_by, text):
            return True  # "发展了哪些特色产业": "发展了特色产业玉露香梨和油用牡丹"
        if _POINTS.search(text) or len([t for t in _TITLES.findall(text) if t[1:-1] not in question.text]) > 1:
            return True
        if len([c for c in _COUNTED_ITEM.findall(text) if c not in question.folded]) > 1:
            return True  # things counted one after another: "村级电站管理员106个，护林员237个"
        names = [w.text for w in question.words if len(w.text) > 1
                 and (w.is_name or self.tokenizer.frequency(w.text) < COMMON_NOUN_FREQ)]
        return any(not any(name in item for name in names)
                   for run in _ENUMERATION.findall(text) for item in self._items(run.split("、")))

    def _items(self, items: list[str]) -> list[str]:
        """Give back an enumeration's items without the words run on around it: the first item
        after its last verb ("征集/大土河集团"), the last before its first ("艺德/等/企业/合作")."""
        first, last = self.tokenizer.tagged(items[0]), self.tokenizer.tagged(items[-1])
        verbs = [i for i, (_, tag) in enumerate(first) if tag.startswith("v")]
        head = "".join(w for w, _ in first[verbs[-1] + 1 :]) if verbs and verbs[-1] + 1 < len(first) else items[0]
        ends = [i for i, (_, tag) in enumerate(last) if tag.startswith("v")]
        tail = "".join(w for w, _ in last[: ends[0]]) if ends and ends[0] > 0 else items[-1]
        return [head, *items[1:-1], tail]

    def _names(self, question: Question, passage: str) -> bool:
        """Whether a passage prints a name of the kind the question asks for, one the question
        does not print itself: a person's (posseg nr) or a place's ending in its kind (X街)."""
        if question.named == CLOCK:  # "几点": a time of day
            return bool(_CLOCK_TIME.search(self.tokenizer.simplified(passage)))
        if question.named == NAME:  # a person's name for a person ("那个讲师"), else any proper name
            if question.holder:  # "主任是谁": that very post, then a name
                return excerpt.names_holder(question.holder, self.tokenizer.fold(passage), self._departments_heard(question.folded))
            person = any(PERSON_END.search(w.text) for w in question.words)
            if not person and any(not question.prints(self.tokenizer.fold(t)[1:-1].strip())
                                  for t in _SLOGAN.findall(self.tokenizer.simplified(passage))):
                return True  # a thing's name in quotation marks ("纸币叫什么": 「交子」)
            return self._new_names(question, passage, ("nr",) if person else ("nr", "ns", "nt", "nz"), person)
        if question.named in REGIONS:  # "哪个市": a city is printed by its bare name (华沙, 江苏南通) as often as not
            return self._names_a_place(question, self.tokenizer.simplified(passage))
        asked = next((w.text for w in question.words if w.category and w.text.startswith(question.named)), None)
        return excerpt.prints_a(question.named, self._without_sorts(self.tokenizer.fold(passage), question.named, asked),
                                question.folded)

    def _departments_heard(self, folded: str) -> str:
        """Give back a question with each department it names typed by its sound read as the
        archive prints it ("要文部主任是谁": 要闻部), so that the department's holder is its own."""
        for typed in set(_DEPARTMENT_TYPED.findall(folded)):
            if self.index.vocabulary.find(typed) is None and (heard := self._sound_alike(typed)):
                folded = folded.replace(typed, heard)
        return folded

    def _without_sorts(self, folded: str, kind: str, asked: str | None = None) -> str:
        """Give back a passage with the words that hold a kind of place but name none blanked out:
        a word it begins (村容村貌, 村民), and a common noun for a sort of it after a pronoun, a
        number, a preposition or 的 (其他行政村, 8个示范村, 与乡村振兴; not 科技有限公司, the end
        of a name). A word that begins as the thing asked for is kept ("哪个社区卫生所":
        西崖底/社区卫生/所), as is one that goes on to a side of the place (公路沿线)."""
        kept, at, pos, before = [], 0, 0, "x"
        for word, tag in self.tokenizer.tagged(folded):
            start = folded.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            sort = tag == "n" and before.startswith(_NOT_IN_A_NAME)
            if kind in word and len(word) > len(kind) and (not word.endswith(kind) or sort) \
                    and not (asked and word.startswith(asked)) and not self._beside(word, kind) and not self._within(word, kind):
                kept += [folded[at:start], "，"]
                at = pos
            before = tag
        return "".join(kept) + folded[at:]

    @staticmethod
    def _within(word: str, kind: str) -> bool:
        """Whether a word names a place within a place of the kind, by both names ("信义镇任家沟村":
        a village of 信义镇, which it names)."""
        at = word.find(kind)
        return at >= 2 and bool(_PLACE_END.search(word[at + len(kind) :]))

    def _beside(self, word: str, kind: str) -> bool:
        """Whether a word is a kind of place followed by a word of its side ("刘七/公路沿线":
        posseg f or s), so that the name before it stands."""
        side = word[word.rfind(kind) + len(kind) :]
        return not word.startswith(kind) and bool(side) and all(tag in ("f", "s") for _, tag in self.tokenizer.tagged(side))

    def _new_names(self, question: Question, passage: str, tags: tuple[str, ...], person: bool) -> bool:
        """Whether a passage prints a name posseg tags with `tags` (a person's: also one printed
        after a post) that the question does not print itself. Titles (《敬祝毛主席万寿无疆》)
        name no one, nor does a word opening on a numeral (二人台 is a kind of opera)."""
        folded = self.tokenizer.fold(_TITLES.sub("，", passage))
        names = _tagged_names(self.tokenizer.tagged(folded), tags)
        if person:  # printed after a post, or a foreign name set with its dot ("阿尔芒·戴维", not “送爱上门·悦读成长”)
            names += _AFTER_POST.findall(folded) + _DOTTED_NAME.findall(_SLOGAN.sub("，", self.tokenizer.simplified(passage)))
        # a word the language uses widely is no one's name, whatever posseg tags it (智慧 nr)
        return any(len(name) > 1 and not question.prints(name) and name[0] not in _NUMERALS
                   and self.tokenizer.frequency(name) < COMMON_NOUN_FREQ
                   and not (person and _PLACE_END.search(name)) for name in names)

    def _listing(self, question: Question, top: int, offset: int) -> Answer:
        """Give back the stories printed on the date the question names, newest first."""
        year = f"{question.year:04d}" if question.year else "%"
        month = f"{question.month:02d}" if question.month else "%"
        day = f"{question.day:02d}" if question.day else "%"
        pattern = re.sub("%(-%)+", "%", f"{year}-{month}-{day}")
        articles = self.library.dated(pattern, top, offset)
        hits = [Hit.lead_of(a) for a in articles]
        return Answer(question, ANSWERED if hits else NOTHING, hits, listing=True)

    def article(self, article_id: str) -> DatedArticle | None:
        """Give back a whole article by id, or None."""
        return self.library.fetch([article_id]).get(article_id)

    def story(self, article_id: str) -> Hit | None:
        """Give back a story as a hit with its lead as the excerpt, or None for an unknown id."""
        article = self.article(article_id)
        return Hit.lead_of(article) if article else None

    def latest(self, top: int = 10, offset: int = 0) -> list[Hit]:
        """Give back the newest stories first (by their own date, else their page's)."""
        return [Hit.lead_of(a) for a in self.library.latest(top, offset)]

    def _hit(self, article: DatedArticle, score: float, question: Question, weights: dict[str, float], coverage: float) -> Hit:
        if question.wants == AUTHOR:  # the byline, then how the story opens
            byline = f"作者：{article.author}。" if article.author else ""
            return Hit.of(article, score, byline + excerpt.lead(article.text, excerpt.EXCERPT_MAX - len(byline)), (),
                          coverage, bool(byline))
        # Archive text is width-folded when a page is read: script and case are all that differ.
        passage = excerpt.best_passage(article.text, question, weights, self.tokenizer.simplified, article.date,
                                       article.title, self.tokenizer.simplified)
        return Hit.of(article, score, passage.text, passage.spans, coverage, passage.evidence)


def _left(rest: str) -> str:
    """Give back what is left of a word once a name's end is cut from it: a word, or nothing
    for a lone character ("公司跑到回龙/X/村去": 去)."""
    return rest if len(rest) > 1 else ""


def _named_person(question: Question) -> bool:
    """Whether the question ends on a person's name (a name is no attribute of anything)."""
    return bool(question.words) and question.words[-1].tag.startswith("nr")


@dataclasses.dataclass(frozen=True)
class _Ranking:
    """The stories about a question, best first, and how much of each word the stories weighed print."""

    order: list[tuple[float, float, int]]  # (score, coverage, column), best first
    weighed: np.ndarray  # the columns of the stories weighed, sorted
    prints: dict[str, np.ndarray]  # each word: how much of it each story weighed prints

    def held(self, column: int) -> dict[str, float]:
        """Give back how much of each word one of the stories weighed prints."""
        at = int(np.searchsorted(self.weighed, column))
        return {word: float(printed[at]) for word, printed in self.prints.items()}


def _printed(token: int | None, pairs: tuple[int | None, ...]) -> bool:
    """Whether the archive prints a word: as a term, or every pair of its characters."""
    return token is not None or bool(pairs) and all(p is not None for p in pairs)


def _credit_by(word: QueryWord, holds) -> np.ndarray:
    """Give back how much of the word each document prints: 1 for the word itself, else the
    share of its character pairs it prints (counted from half of them: a typo or another cut).
    `holds(term)` tells, per document, whether it holds a term (None: no such term)."""
    held = holds(word.token).astype(float)
    if len(word.pairs) == 0:
        return held
    held_pairs = sum(holds(p).astype(int) for p in word.pairs)
    return np.maximum(held, excerpt.pair_credits(held_pairs, len(word.pairs)))


def _credit_in(word: QueryWord, stories: list[frozenset[int]]) -> np.ndarray:
    """Give back how much of the word each story prints, from the story's own terms."""
    return _credit_by(word, lambda term: np.array([term is not None and term in terms for terms in stories]))


def _gives_means(question: Question, passage: str) -> bool:
    """Whether an excerpt says how a thing was done: a means it names (通过, 采取…), the steps or
    things used set out one by one, or what was done for someone helped; how a reader can do
    something (预约, 报名) only where it tells the reader how (可通过…, 扫码, 拨打…)."""
    if _HOW_TO.search(question.folded) and not _INSTRUCTIONS.search(passage):
        return False  # "要怎么预约": not "该社收到申请后…为其办理了续贷", the act done for another
    if passage.count("、") >= 3:
        return True  # "怎么做防护": the steps or the things used, set out one by one (隔离衣、防护服、N95口罩、护目镜)
    if _HELP_ASKED.search(question.folded) and excerpt.SERVICE.search(passage):
        return True  # "信用社是怎么帮的": "…与企业对接，并降低续贷压缩比例，为其办理了续贷…"
    return excerpt.states(HOW, passage) or _done_before(question, passage)


def _done_before(question: Question, passage: str) -> bool:
    """Whether a passage sets what was done right before the deed a how-question asks about, in
    the same sentence ("居民是怎么承诺的": "…在签名墙上签下了自己的名字，承诺自觉践行…"): the deed
    before is the way."""
    for verb in (w.text for w in question.words if w.tag.startswith("v") and len(w.text) > 1):
        for at in excerpt.places_of(verb, passage):
            before = passage[passage.rfind("。", 0, at) + 1 : at]  # the sentence up to the deed
            # the deed, or the purpose it serves ("…抢在24时前排版，只为第二日…让大家看到…")
            clause = before.rsplit("，", 1)
            if len(clause) == 2 and (not clause[1] or _PURPOSE_OPENS.match(clause[1])) and _CLAUSE_OF_WORDS.search(clause[0]):
                return True
    return False


def _items_listed(passage: str) -> int:
    """Give back how many things a passage lists at most: an enumeration's items, names of one
    kind, lines ending alike, titles, points, things counted one after another."""
    runs = [run.count("、") + 1 for run in _ENUMERATION.findall(passage)]
    kinds = Counter(name[-2:] for name in set(excerpt.ORG.findall(passage)))  # "…有限公司吸纳100个，…有限公司"
    lines = Counter(line.rstrip("。；;，, ")[-2:] for line in excerpt.sentences(passage))  # "…就业一批。…外输一批。"
    points = sum(excerpt.opens_point(n, passage) for n in _NUMERALS_IN_ORDER)  # 一是…；二是…
    return max([*runs, *kinds.values(), *lines.values(), len(_TITLES.findall(passage)), points, len(_COUNTED_ITEM.findall(passage))])


def _asks_for_people(question: Question) -> bool:
    """Whether a which-ones question asks for people ("哪些委员", "哪几位专家"), not things."""
    return any(PERSON_END.search(w.text) and question.folded.startswith(w.text, m.end())
               for w in question.words for m in _WHICH_OF.finditer(question.folded))


def _credited(caption: str, photographer: str | None) -> str:
    """Give back a caption with its photographer's credit ("…的温暖。 侯向春 摄"), as printed."""
    return f"{caption} {photographer} 摄" if photographer and not caption.rstrip().endswith("摄") else caption


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _sortable(date: str | None) -> str:
    """Give back a key that orders ISO dates, month-day dates after none of a known year."""
    if not date:
        return ""
    return date if not date.startswith("--") else "0000" + date[1:]


# Administrative levels of China's places, wider to narrower, by the word a name ends in; the
# longer ends first (社区 before 区).
_LEVELS = (("省", "自治区"), ("市", "州", "盟"), ("县", "区", "旗"), ("镇", "乡", "街道"), ("村", "社区"))
_LEVEL_OF_END = sorted(((end, len(_LEVELS) - i) for i, ends in enumerate(_LEVELS) for end in ends), key=lambda e: -len(e[0]))


def _states_what_is_asked(question: Question, passage: str) -> bool:
    """Whether a passage states the date, duration or number asked for: not the time reported for
    the next one ("下次啥时候再来"), not a total for an amount per unit ("一个月能挣多少"), not a
    number or a feast the question prints itself."""
    if question.wants == WHEN and _NEXT_ASKED.search(question.folded) and not _PLANNED.search(passage):
        return False
    if question.wants == HOW_MANY and (per := _PER_ASKED.search(question.folded)) and not _per(per.group(1) or per.group(2), passage):
        return False
    asked = set(_NUMBER.findall(question.folded))  # "9·9协会"
    passage = _NUMBER.sub(lambda m: " " if m.group(0) in asked else m.group(0), passage)
    passage = excerpt.DAY_WORDS.sub(lambda m: " " if m.group(0) in question.folded else m.group(0), passage)  # "庆元宵"
    return excerpt.states(question.wants, passage, question.unit)


def _new_place(place: str, question: Question, widest: int | None) -> bool:
    """Whether a place a passage names is one the question does not, and no wider than all it names
    ("离石区和中阳县…在哪里签约": "吕梁市首家" says nowhere)."""
    level = _place_level(place)
    return place[-3:] not in question.folded and not (widest is not None and level is not None and level > widest)


def _short_for(word: str, text: str) -> bool:
    """Whether a word the archive never prints is a story's longer name cut short, its characters
    in order with a few between (城管: 城市管理, 爱卫: 爱国卫生, 村支书: 村党支部书记)."""
    if not 2 <= len(word) <= SHORT_NAME_MAX or not _CJK_WORD.match(word):
        return False
    return re.search(re.escape(word[0]) + "".join(rf"[\u4e00-\u9fff]{{0,3}}?{re.escape(c)}" for c in word[1:]), text) is not None


def _per(unit: str, passage: str) -> bool:
    """Whether a passage states an amount per a unit: 每户, 人均, 月均, 元/亩, 一个月…"""
    return re.search(rf"(?:每一?个?|平均每?)\s*{unit}|{unit}均|/\s*{unit}|一个?{unit}", passage) is not None


def _place_level(name: str) -> int | None:
    """Give back how wide a place is by the kind its name ends in (省 widest), or None."""
    return next((level for end, level in _LEVEL_OF_END if name.endswith(end)), None)


def _names_in_full(question: Question, passage: str) -> bool:
    """Whether a passage prints the thing a question names by its last word in a longer name than
    the question's ("那个突击队，全称叫啥": 贫困户就业宣传突击队; "…招聘行动": “百日服务攻坚、千万岗位推送”…专项行动)."""
    head = question.words[-1].text if question.words else ""
    return len(head) > 1 and any(
        len(before := _NAME_RUN.search(passage[:at]).group(0).strip("“”\"")) >= 2 and before[-2:] not in question.folded
        for at in places_of(head, passage))


def _date_factor(article: DatedArticle | None, question: Question) -> float:
    """Give back how much a story's dates favour it for a question naming a date (1: not at all)."""
    if article is None or (question.month is None and question.year is None):
        return 1.0
    factor = 1.0
    dates = ([article.date] if article.date else []) + list(article.dates)
    if question.month is not None:
        wanted = f"-{question.month:02d}-" + (f"{question.day:02d}" if question.day else "")
        if any(wanted in d[-6:] if question.day else d[-6:].startswith(wanted) for d in dates):
            factor *= DATE_BOOST
    if question.year is not None:
        year = (article.date or article.page_date or "")[:4]
        if year == str(question.year) or f"{question.year}年" in f"{article.title}{article.text}":
            factor *= YEAR_BOOST
    return factor


def open_searcher(articles: list[DatedArticle], cache_dir, mode: str | None = None) -> Searcher:
    """Give back a Searcher over articles held in memory, its tokenizer taught their names."""
    tokenizer = Tokenizer(cache_dir, mode=mode) if mode else Tokenizer(cache_dir)
    tokenizer.add_names(tokenizer.learn_names([a.text for a in articles], [a.author or "" for a in articles]))
    segment = Segment.build("memory", (tokenizer.tokens(document_text(a)) for a in articles), [a.id for a in articles],
                            [a.kind == "photo" for a in articles], [])
    index = SegmentedIndex([segment], {"k1": K1, "b": B, "epsilon": EPSILON}, global_stats([segment], EPSILON))
    return Searcher(index, index.doc_ids, index.photos, MemoryLibrary(articles), tokenizer)


def _tagged_names(tagged: list[tuple[str, str]], tags: tuple[str, ...]) -> list[str]:
    """Give back the names posseg tags with `tags`, a surname and given name it cut into single
    characters joined again ("李/旭/鹏" in a long sentence is 李旭鹏)."""
    names: list[str] = []
    joining = False  # the word before was a name of at most three characters
    for word, tag in tagged:
        named = tag.startswith(tags)
        if named and len(word) == 1 and joining:
            names[-1] += word
        elif named:
            names.append(word)
        joining = named and len(names[-1]) < 4
    return names


def document_text(article: DatedArticle) -> str:
    """Give back what is indexed of an article: its kicker, title, subtitle and body."""
    return f"{article.kicker or ''}\n{article.title or ''}\n{article.subtitle or ''}\n{article.text}"
