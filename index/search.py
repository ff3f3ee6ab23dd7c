"""Question -> hits: BM25 over title and body, the passage that answers, and its date.

Scoring is BM25 exactly as rank-bm25's BM25Okapi computes it: k1 = 1.5 (how fast repeated
terms stop adding), b = 0.75 (how much long stories are discounted), IDF floored at
epsilon (0.25) times the mean IDF for terms in most stories. On top of it:

* a relevance gate: a story is shown only when it carries at least half of the question's
  weight (IDF-weighted terms; a term the archive never prints weighs the most), so one
  common word such as 离石区 never brings in unrelated stories;
* a date preference: a question naming a year, month or day ranks stories of that date up.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from index.pages import DatedArticle
from index.tokenize import BIGRAM_PREFIX, Tokenizer

logger = logging.getLogger(__name__)

K1, B, EPSILON = 1.5, 0.75, 0.25
MIN_COVERAGE = 0.5  # share of the question's weight a story must carry to be shown
EXCERPT_MAX = 160  # characters: one to three sentences that answer
DATE_BOOST, YEAR_BOOST = 1.6, 1.3

WHEN, COUNT, WHO, KEYWORD = "when", "count", "who", "keyword"
_KINDS = [
    (WHEN, re.compile(r"什么时候|什麼時候|何时|何時|哪天|哪一天|哪年|几月|幾月|几号|幾號|哪个月|日期|时间|時間|when", re.I)),
    (COUNT, re.compile(r"多少|几个|幾個|几名|几次|几家|几人|几户|几位|几项|几条|几台|几辆|数量|多大|多长|多高|多远|how many|how much", re.I)),
    (WHO, re.compile(r"谁|誰|哪位|哪些人|哪个单位|哪個單位|哪个部门|哪些单位|哪些部门|由谁|who", re.I)),
]
_SENTENCE = re.compile(r"[^。！？；!?\n]*[。！？；!?]?[”’」』]?")
_DATE_TEXT = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年|今年|去年|近日|当天|凌晨|上午|下午")
_NUMBER_TEXT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:个|人|户|名|次|家|元|%|亩|公里|平方公里|米|吨|件|台|辆|条|项|所|余|多|篇|位|天|头|份)")
_WHO_TEXT = re.compile(r"书记|局长|主任|院长|县长|区长|镇长|乡长|主席|经理|董事长|负责人|队长|组长|说|表示|介绍|委员|组织|联合|党支部")


@dataclass(frozen=True)
class Question:
    """What a question asks: its kind and the date it names, if any."""

    text: str
    kind: str
    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, text: str) -> Question:
        kind = next((k for k, pattern in _KINDS if pattern.search(text)), KEYWORD)
        year = re.search(r"(?<!\d)(\d{4})\s*年", text)
        month_day = re.search(r"(?<!\d)(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?", text)
        return cls(
            text=text,
            kind=kind,
            year=int(year.group(1)) if year else None,
            month=int(month_day.group(1)) if month_day else None,
            day=int(month_day.group(2)) if month_day and month_day.group(2) else None,
        )


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

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "page_date": self.page_date,
            "score": round(self.score, 4),
            "excerpt": self.excerpt,
        }


class Searcher:
    """Answers questions from a fixed set of articles."""

    def __init__(self, articles: list[DatedArticle], tokenizer: Tokenizer):
        self.articles = articles
        self.tokenizer = tokenizer
        self.doc_tokens = [tokenizer.tokens(f"{a.title or ''}\n{a.text}") for a in articles]
        self.doc_sets = [set(tokens) for tokens in self.doc_tokens]
        self.bm25 = BM25Okapi(self.doc_tokens, k1=K1, b=B, epsilon=EPSILON) if articles else None
        self.max_idf = max(self.bm25.idf.values(), default=1.0) if self.bm25 else 1.0

    def weight(self, term: str) -> float:
        """Give back a term's weight in the relevance gate: its IDF, the most if never printed."""
        if self.bm25 is None:
            return self.max_idf
        return max(self.bm25.idf.get(term, self.max_idf), 0.0)

    def search(self, text: str, top: int = 3, offset: int = 0) -> list[Hit]:
        """Give back the stories that answer the question, best first (empty when none does)."""
        question = Question.parse(text)
        terms = list(dict.fromkeys(self.tokenizer.tokens(text)))
        if not terms or self.bm25 is None:
            return []
        total = sum(self.weight(t) for t in terms)
        if total <= 0:
            return []
        scores = self.bm25.get_scores(terms)
        ranked = []
        for index, score in enumerate(scores):
            if score <= 0:
                continue
            coverage = sum(self.weight(t) for t in terms if t in self.doc_sets[index]) / total
            if coverage < MIN_COVERAGE:
                continue
            ranked.append((score * self._date_factor(self.articles[index], question), index))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        return [self._hit(index, score, question, terms) for score, index in ranked[offset : offset + top]]

    def _date_factor(self, article: DatedArticle, question: Question) -> float:
        if question.month is None and question.year is None:
            return 1.0
        factor = 1.0
        dates = ([article.date] if article.date else []) + article.dates
        if question.month is not None:
            wanted = f"-{question.month:02d}-" + (f"{question.day:02d}" if question.day else "")
            if any(wanted in d[-6:] if question.day else d[-6:].startswith(wanted) for d in dates):
                factor *= DATE_BOOST
        if question.year is not None:
            year = (article.date or article.page_date or "")[:4]
            if year == str(question.year):
                factor *= YEAR_BOOST
        return factor

    def _hit(self, index: int, score: float, question: Question, terms: list[str]) -> Hit:
        article = self.articles[index]
        excerpt, spans = best_passage(article.text, question, terms, self.tokenizer, self.weight)
        return Hit(
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
        )


def sentences(text: str) -> list[str]:
    """Give back the text's sentences, in order, each with its closing punctuation."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def best_passage(text: str, question: Question, terms: list[str], tokenizer: Tokenizer, weight) -> tuple[str, tuple]:
    """Give back (excerpt, spans): the one to three sentences that best answer the question.

    A window scores by the question's weighted terms it holds; a "when" question wants the
    sentence with a date, "how many" the one with a number, "who" the one with a person or
    body, and a bare keyword query the one that covers the most terms."""
    parts = sentences(text)
    if not parts:
        return "", ()
    wanted = {t.removeprefix(BIGRAM_PREFIX) for t in terms}
    weights = {t: weight(t) for t in terms}
    folded = [tokenizer.fold(s).replace(" ", "") for s in parts]
    best = (-math.inf, 0, 1)
    for start in range(len(parts)):
        length = 0
        for size in range(1, 4):
            end = start + size
            if end > len(parts):
                break
            length += len(parts[end - 1])
            if size > 1 and length > EXCERPT_MAX:
                break
            window = "".join(folded[start:end])
            found = {t for t in terms if t.removeprefix(BIGRAM_PREFIX) in window}
            value = sum(weights[t] for t in found)
            value += _kind_bonus(question.kind, "".join(parts[start:end])) * (max(weights.values()) if weights else 1)
            value -= 0.05 * size  # the shortest window that answers
            if value > best[0]:
                best = (value, start, end)
    _, start, end = best
    excerpt = "".join(parts[start:end])
    if len(excerpt) > EXCERPT_MAX:
        excerpt = _trim(excerpt, wanted)
    return excerpt, match_spans(excerpt, wanted)


def _kind_bonus(kind: str, passage: str) -> float:
    pattern = {WHEN: _DATE_TEXT, COUNT: _NUMBER_TEXT, WHO: _WHO_TEXT}.get(kind)
    return 1.0 if pattern is not None and pattern.search(passage) else 0.0


def _trim(passage: str, wanted: set[str]) -> str:
    """Give back at most EXCERPT_MAX characters of a long sentence, around its first match."""
    first = min((passage.find(w) for w in wanted if w in passage), default=0)
    start = max(0, min(first - 30, len(passage) - EXCERPT_MAX + 1))
    piece = passage[start : start + EXCERPT_MAX - 1]
    return ("…" if start else "") + piece + ("…" if start + len(piece) < len(passage) else "")


def match_spans(excerpt: str, wanted: set[str]) -> tuple[tuple[int, int], ...]:
    """Give back the merged [start, end) spans of the question's terms in the excerpt.

    Archive text is already in simplified script and half-width, as the terms are."""
    folded = excerpt.lower()
    spans = []
    for term in wanted:
        if len(term) < 2 and not term.isdigit():
            continue
        for match in re.finditer(re.escape(term), folded):
            spans.append((match.start(), match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass(frozen=True)
class Summary:
    """What the archive holds, for greetings and for the hint after a miss."""

    stories: int
    first: str | None
    last: str | None
    examples: tuple[str, ...]


def summarize(articles: list[DatedArticle]) -> Summary:
    """Give back how many stories the archive holds, from when to when, and a few headlines."""
    dates = sorted(d for a in articles for d in [a.date or a.page_date] if d and not d.startswith("--"))
    titled = [a.title for a in articles if a.title and a.kind == "news" and len(a.title) <= 20]
    step = max(1, len(titled) // 3)
    return Summary(len(articles), dates[0] if dates else None, dates[-1] if dates else None, tuple(titled[::step][:3]))


def open_searcher(articles: list[DatedArticle], cache_dir, mode: str | None = None) -> Searcher:
    """Give back a Searcher over the articles, its tokenizer taught the archive's own names."""
    tokenizer = Tokenizer(cache_dir, mode=mode) if mode else Tokenizer(cache_dir)
    tokenizer.add_names(tokenizer.learn_names([a.text for a in articles], [a.author or "" for a in articles]))
    return Searcher(articles, tokenizer)
