"""Question -> hits: BM25 over title and body, the passage that answers, and its date.

Scoring is BM25 exactly as rank-bm25's BM25Okapi computes it: k1 = 1.5 (how fast repeated
terms stop adding), b = 0.75 (how much long stories are discounted), IDF floored at
epsilon (0.25) times the mean IDF for terms in most stories. On top of it:

* a relevance gate: a story is shown only when it carries nearly half of the question's
  weight (IDF-weighted terms; a word the archive never prints weighs the most) and prints
  at least half of the question's words, so one common word such as 离石区 or 吕梁 never
  brings in unrelated stories, while a typo (cut into single characters) still finds its story;
* a date preference: a question naming a year, month or day ranks stories of that date up.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index.bm25 import BM25Index
from index.pages import DatedArticle
from index.tokenize import BIGRAM_PREFIX, Tokenizer

logger = logging.getLogger(__name__)

K1, B, EPSILON = 1.5, 0.75, 0.25
POOL = 60  # best-scoring stories that are looked at closely (date, words, excerpt)
MIN_COVERAGE = 0.5  # share of the question's weight a story must carry to be shown
MIN_WORDS = 0.5  # share of the question's Chinese words (two characters or more) it must print
EXCERPT_MAX = 160  # characters: one to three sentences that answer
FOCUS_WEIGHT = 2.0  # the question's head word, in choosing the passage
KIND_BONUS = 0.5  # a passage with the date/number/person asked for, against the share of terms it holds
DATE_BOOST, YEAR_BOOST = 1.6, 1.3
# A caption is a sentence about a picture; a reader asking about the event wants the story.
# BM25's length normalisation would otherwise put a caption that repeats the question first.
PHOTO_PRIOR = 0.5

WHEN, COUNT, WHO, KEYWORD = "when", "count", "who", "keyword"
_KINDS = [
    (WHEN, re.compile(r"什么时候|什麼時候|何时|何時|哪天|哪一天|哪年|几月|幾月|几号|幾號|哪个月|日期|时间|時間|when", re.I)),
    (COUNT, re.compile(r"多少|几个|幾個|几名|几次|几家|几人|几户|几位|几项|几条|几台|几辆|数量|多大|多长|多高|多远|how many|how much", re.I)),
    (WHO, re.compile(r"谁|誰|哪位|哪些人|哪个单位|哪個單位|哪个部门|哪些单位|哪些部门|由谁|who", re.I)),
]
_PUNCT = re.compile(r"[^\u3400-\u9fffa-z0-9]+")
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
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

    @classmethod
    def of(cls, article: DatedArticle, score: float, excerpt: str, spans: tuple = ()) -> Hit:
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
        )

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


class Searcher:
    """Answers questions from a BM25 index over the archive's articles."""

    def __init__(self, index: BM25Index, doc_ids: np.ndarray, photos: np.ndarray, library, tokenizer: Tokenizer):
        self.index = index
        self.doc_ids = doc_ids  # article id of each index column
        self.photos = photos  # whether each column is a photo caption
        self.library = library  # .fetch(ids) -> {id: DatedArticle}, .latest(top, offset)
        self.tokenizer = tokenizer
        self.state = ""  # the archive state the index reflects (set by index.library)
        idf = np.asarray(index.idf)
        self.max_idf = float(idf.max()) if len(idf) else 1.0
        self.mean_idf = float(idf.mean()) if len(idf) else 1.0

    def weight(self, term: str, term_id: int | None = -1) -> float:
        """Give back a term's weight in the relevance gate: its IDF, or for a term the archive
        never prints, the most for a Chinese word (a question about something else) and the
        mean for a single character, a character pair or a Latin word (a typo, or noise around
        a real question)."""
        if term_id == -1:
            term_id = self.index.vocabulary.find(term)
        if term_id is not None:
            return max(float(self.index.idf[term_id]), 0.0)
        return self.max_idf if _CJK_WORD.match(term) and len(term) > 1 else self.mean_idf

    def search(self, text: str, top: int = 3, offset: int = 0) -> list[Hit]:
        """Give back the stories that answer the question, best first (empty when none does)."""
        question = Question.parse(text)
        terms = list(dict.fromkeys(self.tokenizer.tokens(text)))
        if not terms or self.index.n_docs == 0:
            return []
        ids = {t: self.index.vocabulary.find(t) for t in terms}  # each term looked up once
        weights = {t: self.weight(t, ids[t]) for t in terms}
        # The gate weighs bigrams, Latin words and numbers: uniform units, where a typo costs
        # two bigrams and a question about something else misses most of them. In a Chinese
        # question, a Latin word the archive never prints is noise ("SELECT … 朵朵红").
        gate = [t for t in terms if t.startswith(BIGRAM_PREFIX) or not _CJK_WORD.match(t)]
        if any(t.startswith(BIGRAM_PREFIX) for t in gate):
            gate = [t for t in gate if t.startswith(BIGRAM_PREFIX) or ids[t] is not None]
        else:
            gate = terms
        total = sum(weights[t] for t in gate)
        if total <= 0:
            return []
        scores = self.index.scores_of(Counter({ids[t]: 1 for t in terms if ids[t] is not None}))
        coverage = np.zeros(self.index.n_docs)
        for term in gate:
            if ids[term] is not None:
                coverage[self.index.postings(ids[term])[0]] += weights[term]
        eligible = np.flatnonzero((scores > 0) & (coverage >= MIN_COVERAGE * total - 1e-12))
        if not len(eligible):
            return []
        adjusted = scores[eligible] * np.where(self.photos[eligible], PHOTO_PRIOR, 1.0)
        pool_size = min(len(eligible), max(POOL, 3 * (offset + top)))
        pool = eligible[np.argpartition(-adjusted, pool_size - 1)[:pool_size]] if pool_size < len(eligible) else eligible
        pool_scores = scores[pool] * np.where(self.photos[pool], PHOTO_PRIOR, 1.0)
        order = sorted(zip((-pool_scores).tolist(), pool.tolist()))
        question_words = self.tokenizer.words(text)  # cut once: the word gate and the head word
        words = [w for w in question_words if len(w) > 1 and _CJK_WORD.match(w)]
        focus = question_focus(question_words)
        hits: list[Hit] = []
        skipped = 0
        for score, article in self._candidates(order, question, offset + top):
            if words:
                folded = plain(f"{article.title or ''}{article.text}")
                if sum(w in folded for w in words) < MIN_WORDS * len(words):
                    continue
            if skipped < offset:
                skipped += 1
                continue
            hits.append(self._hit(article, score, question, terms, weights.__getitem__, focus))
            if len(hits) == top:
                break
        return hits

    def _candidates(self, order: list[tuple[float, int]], question: Question, wanted: int):
        """Yield (score, article) best first, reading stories from the library as needed.

        A question naming a date re-ranks the whole pool by date, so it reads the pool at
        once; otherwise stories are read a few at a time, as the gates let them through."""
        ids = [str(self.doc_ids[index]) for _, index in order]
        if question.month is not None or question.year is not None:
            articles = self.library.fetch(ids)
            ranked = [(-negative * self._date_factor(articles[i], question), n, articles[i])
                      for n, ((negative, _), i) in enumerate(zip(order, ids)) if i in articles]
            ranked.sort(key=lambda item: (-item[0], item[1]))
            yield from ((score, article) for score, _, article in ranked)
            return
        batch = wanted + 3
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            articles = self.library.fetch(chunk)
            for (negative, _), article_id in zip(order[start : start + batch], chunk):
                if article_id in articles:
                    yield -negative, articles[article_id]
            batch = max(batch * 2, 10)

    def article(self, article_id: str) -> DatedArticle | None:
        """Give back a whole article by id, or None."""
        return self.library.fetch([article_id]).get(article_id)

    def story(self, article_id: str) -> Hit | None:
        """Give back a story as a hit with its lead as the excerpt, or None for an unknown id."""
        article = self.article(article_id)
        return _lead_hit(article) if article else None

    def latest(self, top: int = 10, offset: int = 0) -> list[Hit]:
        """Give back the newest stories first (by their own date, else their page's)."""
        return [_lead_hit(a) for a in self.library.latest(top, offset)]

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

    def _hit(self, article: DatedArticle, score: float, question: Question, terms: list[str], weight, focus) -> Hit:
        excerpt, spans = best_passage(article.text, question, terms, self.tokenizer, weight, article.date, focus)
        return Hit.of(article, score, excerpt, spans)


def _sortable(date: str | None) -> str:
    """Give back a key that orders ISO dates, month-day dates after none of a known year."""
    if not date:
        return ""
    return date if not date.startswith("--") else "0000" + date[1:]


def _lead_hit(article: DatedArticle) -> Hit:
    excerpt = ""
    for sentence in sentences(article.text):
        if excerpt and len(excerpt) + len(sentence) > EXCERPT_MAX:
            break
        excerpt += sentence
    if len(excerpt) > EXCERPT_MAX:
        excerpt = excerpt[: EXCERPT_MAX - 1] + "…"
    return Hit.of(article, 0.0, excerpt)


def sentences(text: str) -> list[str]:
    """Give back the text's sentences, in order, each with its closing punctuation."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def best_passage(
    text: str, question: Question, terms: list[str], tokenizer: Tokenizer, weight, own_date: str | None = None,
    focus: str | None = None,
) -> tuple[str, tuple]:
    """Give back (excerpt, spans): the one to three sentences that best answer the question.

    A window scores by the question's weighted terms it holds; a "when" question wants the
    sentence with a date, "how many" the one with a number, "who" the one with a person or
    body, and a bare keyword query the one that covers the most terms."""
    parts = sentences(text)
    if not parts:
        return "", ()
    wanted = {t.removeprefix(BIGRAM_PREFIX) for t in terms}
    folded = [plain(s) for s in parts]
    # Inside the story, the words of its topic recur in many sentences; the word the
    # question adds (送去, 网格员) points at the passage, so a term counts by how rare it is
    # among the story's sentences as well as in the archive.
    if focus is None:
        focus = question_focus(tokenizer.words(question.text))
    weights = {}
    for t in terms:
        bare = t.removeprefix(BIGRAM_PREFIX)
        holding = sum(bare in f for f in folded)
        weights[t] = weight(t) * math.log(1 + len(parts) / holding) if holding else 0.0
        if focus and bare in focus:
            weights[t] *= FOCUS_WEIGHT
    total = sum(weights.values()) or 1.0
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
            value = sum(weights[t] for t in found) / total
            value += KIND_BONUS * _kind_bonus(question.kind, "".join(parts[start:end]), own_date)
            value -= 0.01 * size  # the shortest window that answers
            if value > best[0]:
                best = (value, start, end)
    _, start, end = best
    excerpt = "".join(parts[start:end])
    if len(excerpt) > EXCERPT_MAX:
        excerpt = _trim(excerpt, wanted)
    return excerpt, match_spans(excerpt, wanted)


def plain(text: str) -> str:
    """Give back archive text as the tokenizer folds it, cheaply: archive text is already in
    simplified script and half-width, so only case and punctuation are left to drop."""
    return _PUNCT.sub("", text.lower())


def question_focus(words: list[str]) -> str:
    """Give back the head of a question from its content words: the last one ("枣架村网格员" -> 网格员).

    Chinese phrases put the head last, and the sentence that answers carries it; trailing
    single characters are taken together ("…送/去/了什么" -> 送去)."""
    tail = ""
    for word in reversed(words):
        if len(word) > 1:
            return word + tail if len(tail) < 2 else tail
        tail = word + tail
    return tail


def _kind_bonus(kind: str, passage: str, own_date: str | None) -> float:
    """Give back how well a passage carries what the question's kind asks for (0 to 1)."""
    if kind == WHEN and own_date:
        month, day = int(own_date[-5:-3]), int(own_date[-2:])
        if re.search(rf"(?<!\d){month}\s*月\s*{day}\s*[日号]", passage):
            return 1.0  # the story's own date
    pattern = {WHEN: _DATE_TEXT, COUNT: _NUMBER_TEXT, WHO: _WHO_TEXT}.get(kind)
    if pattern is None or not pattern.search(passage):
        return 0.0
    return 0.6 if kind == WHEN else 1.0


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


def open_searcher(articles: list[DatedArticle], cache_dir, mode: str | None = None) -> Searcher:
    """Give back a Searcher over articles held in memory, its tokenizer taught their names."""
    tokenizer = Tokenizer(cache_dir, mode=mode) if mode else Tokenizer(cache_dir)
    tokenizer.add_names(tokenizer.learn_names([a.text for a in articles], [a.author or "" for a in articles]))
    index = BM25Index.build((tokenizer.tokens(document_text(a)) for a in articles), k1=K1, b=B, epsilon=EPSILON)
    doc_ids = np.array([a.id for a in articles], dtype=str)
    photos = np.array([a.kind == "photo" for a in articles], dtype=bool)
    return Searcher(index, doc_ids, photos, MemoryLibrary(articles), tokenizer)


def document_text(article: DatedArticle) -> str:
    """Give back what is indexed of an article: its title and its body."""
    return f"{article.title or ''}\n{article.text}"
