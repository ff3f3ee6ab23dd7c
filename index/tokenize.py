"""One tokenizer for the archive and for questions: script folding, jieba, learned names.

Text is folded first (traditional -> simplified with OpenCC, full-width -> half-width,
lower case; emoji, punctuation, zero-width and control characters become spaces), then cut
by jieba. Each word gives its search-mode parts ("爱国卫生运动" -> 爱国, 卫生, 运动, …) and,
in "both" mode, the character bigrams of each run of content words, so that "卫生运动",
"献血" or a typo still meet the story that prints the whole compound.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import jieba
import jieba.posseg
import opencc

from index import viterbi
from index.clean import CJK_CHARS, fold_width
from index.homophones import Homophones

logger = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading on its own handler
viterbi.install()  # the same tags, found with less work (see index/viterbi.py)

TOKENIZER_VERSION = 2  # bump when tokens change, so that saved indexes are rebuilt
MODES = ("search", "bigram", "both")
DEFAULT_MODE = "both"
BIGRAM_PREFIX = "#"  # bigram tokens are kept apart from words of the same two characters

# Words that carry no content in a question or a story: question words, particles, dates' units.
STOPWORDS = frozenset(
    """
    什么时候 什么 啥 哪天 哪一天 哪年 哪月 何时 几时 几号 多少 多少钱 几 几个 谁 哪些 哪个 哪位 哪里 哪儿
    怎么 怎么样 怎样 如何 为什么 为何 是否 有没有 是不是 吗 呢 吧 啊 呀 么 嘛 哦 哈
    的 地 得 了 着 过 是 在 和 与 及 跟 同 或 而 并 也 都 就 还 又 把 被 对 从 给 让 向 之 其 这 那 这个 那个
    个 有 没有 请问 请 一下 关于 告诉 我 我们 你 你们 他 他们 她 它 想 知道 查 查询 找 搜索 有关 相关
    时候 时间 the a an of to in on and or is are was were do does did how what when who why
    which i my me you your can could please
    """.split()
)

# Single characters that start no place name: "为将信义镇" is 为 + 将 + 信义镇.
_FUNCTION_CHARS = frozenset("为将在和到对与及该使就各由帮即进给向从把被让每全本此该等即并于以")
_SURROGATE = re.compile("[\ud800-\udfff]")
HMM_MAX = 80  # characters of question text that jieba's HMM may guess words in
RARE_WORD_FREQ = 300  # a two-character jieba word rarer than this may be part of a name
_NOISE = re.compile(f"[^{CJK_CHARS}A-Za-z0-9]+")
_CJK_RUN = re.compile(f"^[{CJK_CHARS}]+$")
# Places and bodies the paper names: 信义镇, 田家会街道, 尉汾路社区, 红眼川乡, 中磁尚善 (科技有限公司).
_PLACE_SUFFIXES = ("街道", "社区", "乡", "镇", "村")


class Tokenizer:
    """Cuts archive text and questions into the same search terms."""

    def __init__(self, cache_dir: Path | None = None, names: list[str] | tuple[str, ...] = (), mode: str = DEFAULT_MODE):
        if mode not in MODES:
            raise ValueError(f"unknown tokenizer mode {mode!r}; choose one of {', '.join(MODES)}")
        self.mode = mode
        self.names = tuple(sorted(set(names)))
        self._converter = opencc.OpenCC("t2s")
        self._jieba = jieba.Tokenizer()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        if cache_dir is not None:
            # jieba's default cache in /tmp breaks when two users share a machine.
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._jieba.tmp_dir = str(cache_dir)
        self._lock = threading.Lock()
        self._ready = False
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        self.homophones = Homophones(self._common_chars)

    def _ensure_ready(self) -> None:
        with self._lock:
            if self._ready:
                return
            self._jieba.initialize()
            for name in self.names:
                self._jieba.add_word(name, freq=max(self._jieba.FREQ.get(name, 0), 2000))
            self._ready = True

    def add_names(self, names: list[str]) -> None:
        """Teach jieba the archive's own names, so that each is cut as one word."""
        self._ensure_ready()
        new = sorted(set(names) - set(self.names))
        for name in new:
            self._jieba.add_word(name, freq=max(self._jieba.FREQ.get(name, 0), 2000))
        self.names = tuple(sorted(set(self.names) | set(new)))

    def learn_names(self, texts: list[str], authors: list[str] = ()) -> list[str]:
        """Give back the archive's own names found in its texts: places and bylines.

        A place is the short run of characters jieba does not know as a word, ended by 街道,
        社区, 乡, 镇 or 村 ("尉/汾/路/社区" -> 尉汾路社区). Other names (a company's brand) need
        no teaching: search matches a word the archive cuts differently by its character pairs."""
        self._ensure_ready()
        found: set[str] = set()
        for text in texts:
            text = self._converter.convert(text)
            found.update(self._places(text))
        found.update(a for author in authors if author for a in author.split())
        return sorted(name for name in found if 2 <= len(name) <= 8)

    def _common_chars(self) -> set[str]:
        """Give back the characters of the language's common words (jieba's dictionary)."""
        self._ensure_ready()
        return {c for word, freq in self._jieba.FREQ.items() if freq >= RARE_WORD_FREQ for c in word}

    def frequency(self, word: str) -> int:
        """Give back how often the language uses a word (jieba's dictionary count; 0 if unknown)."""
        self._ensure_ready()
        return self._jieba.FREQ.get(word, 0)

    def tag_of(self, word: str) -> str | None:
        """Give back the part of speech jieba's dictionary gives a word, or None."""
        self._ensure_ready()
        return self._tagger.word_tag_tab.get(word)

    def knows(self, word: str) -> bool:
        """Whether the language knows a word: jieba's dictionary counts it (a typo it does not)."""
        return self.frequency(word) > 0

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Give back a question's words with their part-of-speech tags (folded text, jieba.posseg)."""
        self._ensure_ready()
        # jieba's HMM guesses unknown names in a short question; over a long run of unknown
        # characters its Viterbi search costs about 2 ms a character, so long text goes without.
        hmm = len(text) <= HMM_MAX
        return [(pair.word, pair.flag) for pair in self._tagger.cut(text, HMM=hmm) if pair.word.strip()]

    def _places(self, text: str) -> list[str]:
        found = []
        words = list(self._jieba.cut(text, HMM=False))
        for i, word in enumerate(words):
            if word not in _PLACE_SUFFIXES and not (len(word) > 2 and word.endswith(("街道", "社区"))):
                continue
            name, j = word, i - 1
            while j >= 0 and len(name) < 6:
                prev = words[j]
                # An unknown name comes out of jieba as single characters or rare pairs.
                rare = len(prev) == 1 or (len(prev) == 2 and self._jieba.FREQ.get(prev, 0) < RARE_WORD_FREQ)
                if not _CJK_RUN.match(prev) or not rare or prev in STOPWORDS or prev in _FUNCTION_CHARS:
                    break
                name, j = prev + name, j - 1
            if len(name) - len(word) >= 2:
                found.append(name)
        return found

    def fold(self, text: str) -> str:
        """Give back text in one script and width, lower case, with noise turned into spaces."""
        text = self._converter.convert(fold_width(text)).lower()
        return _NOISE.sub(" ", text)

    def simplified(self, text: str) -> str:
        """Give back text in simplified script, lower case, its punctuation kept (for patterns)."""
        return self._converter.convert(_SURROGATE.sub("", text)).lower()  # a lone surrogate cannot be encoded

    def words(self, text: str) -> list[str]:
        """Give back the content words of a text, in order (jieba's precise cut, folded)."""
        self._ensure_ready()
        return [w for w in self._jieba.cut(self.fold(text), HMM=False) if w.strip() and w not in STOPWORDS]

    def tokens(self, text: str) -> list[str]:
        """Give back the search terms of a text: words with their parts, and/or bigrams."""
        self._ensure_ready()
        freq = self._jieba.FREQ
        out: list[str] = []
        run: list[str] = []
        for word in self._jieba.cut(self.fold(text), HMM=False):
            if not word.strip() or word in STOPWORDS:
                self._flush_bigrams(run, out)
                continue
            if self.mode != "bigram":
                if _CJK_RUN.match(word):
                    for size in (2, 3):
                        if len(word) > size:
                            out += [word[i : i + size] for i in range(len(word) - size + 1) if freq.get(word[i : i + size])]
                out.append(word)
            elif not _CJK_RUN.match(word):
                out.append(word)
            if _CJK_RUN.match(word):
                run.append(word)
            else:
                self._flush_bigrams(run, out)
        self._flush_bigrams(run, out)
        return out

    def _flush_bigrams(self, run: list[str], out: list[str]) -> None:
        if self.mode != "search" and run:
            chars = "".join(run)
            if len(chars) == 1 and self.mode == "bigram":
                out.append(chars)
            out += [BIGRAM_PREFIX + chars[i : i + 2] for i in range(len(chars) - 1)]
        run.clear()
