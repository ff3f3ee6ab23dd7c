"""Words a reader may have typed for another that sounds the same: 消废 for 消费, 意诊 for 义诊.

Chinese is typed by sound, so the common slip is a character of the same pinyin. The table of
readings is pypinyin's (every character's pinyin, tones dropped); only characters of the
language's common words (jieba's dictionary) are offered, so a variant is a plausible word.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)


def toneless(reading: str) -> str:
    """Give back a pinyin reading without its tone marks ("fèi" -> "fei", "lǜ" -> "lu")."""
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


class Homophones:
    """One-character sound-alike variants of a word, built on first use (about half a second)."""

    def __init__(self, common_chars: Callable[[], Iterable[str]]):
        self._common_chars = common_chars
        self._lock = threading.Lock()
        self._sounds: dict[str, tuple[str, ...]] | None = None  # character -> its readings
        self._chars: dict[str, tuple[str, ...]] = {}  # reading -> the common characters read so

    def _load(self) -> None:
        with self._lock:
            if self._sounds is not None:
                return
            from pypinyin import pinyin_dict  # the table is large: loaded only when a typo needs it

            common = set(self._common_chars())
            sounds, chars = {}, defaultdict(list)
            for code, readings in pinyin_dict.pinyin_dict.items():
                char = chr(code)
                sounds[char] = tuple(dict.fromkeys(toneless(r) for r in readings.split(",")))
                if char in common:
                    for sound in sounds[char]:
                        chars[sound].append(char)
            self._chars = {sound: tuple(found) for sound, found in chars.items()}
            self._sounds = sounds

    def variants(self, word: str) -> list[str]:
        """Give back the words made by putting one character of `word` in another of its sound."""
        self._load()
        found = []
        for i, char in enumerate(word):
            for sound in self._sounds.get(char, ()):
                found += [word[:i] + other + word[i + 1 :] for other in self._chars.get(sound, ()) if other != char]
        return list(dict.fromkeys(found))
