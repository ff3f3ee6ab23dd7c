"""A page file -> a page: text in any encoding Chinese tools write, or a PDF read by its layout
(layout.py); refused with the reason when it is not a page of the paper."""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer
from index.clean import CJK_CHARS
from index.layout import LayoutError, read_pdf
from index.pages import Page, read_laid_out, read_page

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".txt", ".pdf")


class PageError(ValueError):
    """A page file cannot be read as a page of the paper."""


MIN_CJK = 20  # Chinese characters a page must hold to be a page of the paper


def read_page_file(path: Path) -> Page:
    """Give back the page in a UTF-8 text file or a PDF, or raise PageError saying why not."""
    data = path.read_bytes()
    if not data.strip():
        raise PageError(f"{path.name}: empty")
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF"):
        return _pdf_page(data, path.name)
    if path.suffix.lower() not in PAGE_SUFFIXES:
        raise PageError(f"{path.name}: not a page file (send the page as .txt or .pdf)")
    raw = decode_text(data, path.name)
    if not raw.strip():
        raise PageError(f"{path.name}: empty")
    if len(re.findall(f"[{CJK_CHARS}]", raw)) < MIN_CJK:
        raise PageError(f"{path.name}: no Chinese newspaper text in it")
    page = read_page(path.name, raw)
    if not page.articles:
        raise PageError(f"{path.name}: no stories found in it")
    return page


# What Chinese tools write a page's text in: UTF-8, UTF-16 (with its byte-order mark), GB18030
# (GBK's superset: Chinese Windows) and Big5 (Taiwan, Hong Kong).
LEGACY_ENCODINGS = ["gb18030", "big5"]


def decode_text(data: bytes, name: str) -> str:
    """Give back the text of a page file in any encoding Chinese tools write, or raise PageError.

    UTF-8 and a UTF-16 byte-order mark are certain; otherwise charset-normalizer picks between
    GB18030 and Big5 by which decodes into the more coherent text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PageError(f"{name}: broken UTF-16 text") from None
    if b"\x00" in data:
        raise PageError(f"{name}: a binary file, not page text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise PageError(f"{name}: not text in UTF-8, UTF-16, GB18030 or Big5")
    logger.info("%s: read as %s", name, best.encoding)
    return str(best)


def _pdf_page(data: bytes, name: str) -> Page:
    """Give back the page of a PDF read by its layout, or raise PageError saying why not."""
    try:
        laid_out = read_pdf(data, name)
    except LayoutError as exc:
        raise PageError(str(exc)) from None
    if len(re.findall(f"[{CJK_CHARS}]", "".join(line.text for line in laid_out.lines))) < MIN_CJK:
        raise PageError(f"{name}: no Chinese newspaper text in it")
    page = read_laid_out(name, laid_out)
    if not page.articles:
        raise PageError(f"{name}: no stories found in it")
    return page
