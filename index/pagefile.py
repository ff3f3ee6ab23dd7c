"""A page file -> a page: text in any encoding Chinese tools write, or a PDF's text; refused
with the reason when it is not a page of the paper."""

from __future__ import annotations

import codecs
import io
import logging
import re
from pathlib import Path

import charset_normalizer
from pypdf import PdfReader

from index.clean import CJK_CHARS
from index.pages import Page, read_page

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
        raw = pdf_text(data, path.name)
    elif path.suffix.lower() not in PAGE_SUFFIXES:
        raise PageError(f"{path.name}: not a page file (send the page as .txt or .pdf)")
    else:
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


def pdf_text(data: bytes, name: str) -> str:
    """Give back the text of a PDF page by page, keeping its line layout as pypdf can."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PageError(f"{name}: an encrypted PDF; send it without a password")
        texts = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except PageError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        raise PageError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(texts)
    if not text.strip():
        raise PageError(f"{name}: a PDF without text (scanned images?); send the extracted text instead")
    return "\n".join(line.strip() for line in text.splitlines())
