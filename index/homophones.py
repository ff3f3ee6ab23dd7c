"""Words a reader may have typed for another that sounds the same: 消废 for 消费, 意诊 for 义诊.

Chinese is typed by sound, so the common slip is a character read the same way, tone and all
(意/义 yì, 废/费 fèi, 半/办 bàn), and less often one read the same but for its tone (艳/焉 yan:
pinyin input shows both on the same key). The table of readings is pypinyin's; only characters
of the language's common words (jieba's dictionary) are offered, so a variant is a plausible word.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)


class Homophones:
    """One-character sound-alike variants of a word, built on first use (about half a second)."""

    def __init__(self, common_chars: Callable[[], Iterable[str]]):
        self._common_chars = common_chars
        self._lock = threading.Lock()
        self._sounds: dict[str, tuple[str, ...]] | None = None  # character -> its readings ("fèi")
        self._chars: dict[str, tuple[str, ...]] = {}  # reading -> the common characters read so
        self._toneless: dict[str, tuple[str, ...]] = {}  # the same, readings without their tones

    def _load(self) -> None:
        with self._lock:
            if self._sounds is not None:
                return
            from pypinyin import pinyin_dict  # the table is large: loaded only when a typo needs it

            common = set(self._common_chars())
            sounds, chars, toneless = {}, defaultdict(list), defaultdict(list)
            for code, readings in pinyin_dict.pinyin_dict.items():
                char = chr(code)
                sounds[char] = tuple(dict.fromkeys(readings.split(",")))
                if char in common:
                    for sound in sounds[char]:
                        chars[sound].append(char)
                        toneless[_without_tone(sound)].append(char)
            self._chars = {sound: tuple(found) for sound, found in chars.items()}
            self._toneless = {sound: tuple(dict.fromkeys(found)) for sound, found in toneless.items()}
            self._sounds = sounds

    def variants(self, word: str, tones: bool = True) -> list[tuple[int, str]]:
        """Give back (position, word) for each word made by putting one character of `word` in
        another read the same way (with `tones` False: the same but for the tone)."""
        self._load()
        found = {}
        for i, char in enumerate(word):
            for sound in self._sounds.get(char, ()):
                others = self._chars.get(sound, ()) if tones else self._toneless.get(_without_tone(sound), ())
                found.update({word[:i] + other + word[i + 1 :]: i for other in others if other != char})
        return [(i, variant) for variant, i in found.items()]

    def usually_alike(self, char: str, other: str, tones: bool = True) -> bool:
        """Whether two characters sound alike as they are usually read, by their first readings
        (络 and 落 luò; not 格 gé, read luò only in a rare word): the slip pinyin input makes."""
        self._load()
        first, second = self._sounds.get(char, ("",))[0], self._sounds.get(other, ("",))[0]
        return first == second if tones else _without_tone(first) == _without_tone(second)


_TONE_MARKS = {0x0300: None, 0x0301: None, 0x0304: None, 0x030C: None}  # à á ā ǎ; ü keeps its dots


def _without_tone(reading: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", reading).translate(_TONE_MARKS))
