"""What Telegram accepts as HTML: a few tags, balanced, and &, <, > escaped elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote", "span", "tg-emoji"}
LIMIT = 4096


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text_length = 0

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.errors.append(f"tag <{tag}> is not allowed")
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            self.errors.append("<a> without href")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text_length += len(data)

    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot"):
            self.errors.append(f"&{name}; is not an entity Telegram knows")
        self.text_length += 1

    def handle_charref(self, name):
        self.text_length += 1


def problems(text: str) -> list[str]:
    """Give back what Telegram would refuse in this HTML message (empty when it is fine)."""
    found = []
    if not text.strip():
        found.append("empty message")
    if len(text) > LIMIT:
        found.append(f"{len(text)} characters, more than {LIMIT}")
    bare = re.sub(r"</?[a-z-]+(?:\s+[a-z-]+=\"[^\"<>]*\")*\s*>", "", text)
    if "<" in bare or ">" in bare:
        found.append("a bare < or > outside a tag")
    if re.search(r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        found.append("a bare & outside an entity")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    found += checker.errors
    if checker.stack:
        found.append(f"unclosed {checker.stack}")
    return found
