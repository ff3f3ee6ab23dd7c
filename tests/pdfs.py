"""Real PDFs made in the tests with reportlab's built-in STSong-Light CID font (no font download).

`page_pdf` prints lines one under another; `Newspaper` sets an A3 page the way the e-paper does:
a dated header over a rule, six columns, headlines over two to four of them (drawn twice, a hair
apart, as e-paper tools fake bold), kickers, "——" subtitles, "□ 王燕华" bylines, photo frames
with captions, and stories whose text runs down one column beside another story (L-shaped)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def page_pdf(lines: list[str], encrypt: str | None = None) -> bytes:
    """Give back a one-page PDF printing these lines, one under another."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.setFont(FONT, 10.5)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 16
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """Give back a PDF with a drawing and no text at all, like a scanned page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.save()
    return buffer.getvalue()


A3 = (842.0, 1191.0)
MARGIN = 36.0
GUTTER = 12.0
BODY = 9.5  # body text size, points
LEADING = 13.0  # body line pitch


@dataclass
class Newspaper:
    """An A3 page set in columns; y is measured from the top of the page, as on paper."""

    columns: int = 6
    ops: list = field(default_factory=list)  # one drawing step per block, drawn in any order

    @property
    def column_width(self) -> float:
        return (A3[0] - 2 * MARGIN - (self.columns - 1) * GUTTER) / self.columns

    def x(self, column: int) -> float:
        return MARGIN + column * (self.column_width + GUTTER)

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * GUTTER

    def header(self, text: str) -> float:
        """The dated header line over a full-width rule; give back where the stories start."""
        self._text([text], MARGIN, 40, 11, center_in=None)
        self.rule(0, self.columns, 58, width=1.2)
        return 70

    def headline(self, lines: list[str], column: int, span: int, top: float, size: float = 24) -> float:
        """A bold headline centred over `span` columns; give back the y under it."""
        return self._text(lines, self.x(column), top, size, center_in=self.span_width(span), bold=True)

    def line(self, text: str, column: int, span: int, top: float, size: float = 12, center: bool = True) -> float:
        """A kicker, subtitle or byline line over a story's columns."""
        return self._text([text], self.x(column), top, size, center_in=self.span_width(span) if center else None)

    def rule(self, column: int, span: int, y: float, width: float = 0.5) -> None:
        x0, x1 = self.x(column), self.x(column) + self.span_width(span)
        self.ops.append(lambda pdf: (pdf.setLineWidth(width), pdf.line(x0, A3[1] - y, x1, A3[1] - y)))

    def photo(self, column: int, span: int, top: float, height: float, caption: str) -> float:
        """A grey picture frame with its caption under it; give back the y under the caption."""
        x, width = self.x(column), self.span_width(span)
        self.ops.append(lambda pdf: (pdf.setFillGray(0.6), pdf.rect(x, A3[1] - top - height, width, height, fill=1, stroke=0), pdf.setFillGray(0)))
        per_line = int(width // 8.5)
        lines = [caption[i : i + per_line] for i in range(0, len(caption), per_line)]
        return self._text(lines, x, top + height + 4, 8.5)

    def flow(self, paragraphs: list[str], pieces: list[tuple[int, float, int]]) -> None:
        """Set paragraphs in column pieces (column, top, lines), in order; each paragraph's first
        line indented two characters. Every line must fit."""
        lines = self.wrap(paragraphs)
        for column, top, count in pieces:
            chunk, lines = lines[:count], lines[count:]
            for i, (indent, text) in enumerate(chunk):
                self._text([text], self.x(column) + indent * BODY, top + i * LEADING, BODY)
        assert not lines, f"{len(lines)} lines left over"

    def story(self, column: int, span: int, top: float, title: list[str], paragraphs: list[str],
              kicker: str | None = None, subtitle: str | None = None, byline: str | None = None) -> float:
        """A story set the usual way: headline over its columns, text balanced under it.
        Give back the y under its longest column."""
        y = top
        if kicker:
            y = self.line(kicker, column, span, y, 12) + 2
        y = self.headline(title, column, span, y) + 2
        if subtitle:
            y = self.line(subtitle, column, span, y, 12) + 2
        if byline:
            y = self.line(byline, column, span, y, 10.5) + 2
        y += 6
        count = len(self.wrap(paragraphs))
        depth = math.ceil(count / span)
        self.flow(paragraphs, [(column + i, y, depth) for i in range(span)])
        return y + depth * LEADING

    def wrap(self, paragraphs: list[str]) -> list[tuple[int, str]]:
        per_line = int(self.column_width // BODY)
        lines = []
        for paragraph in paragraphs:
            first = paragraph[: per_line - 2]
            lines.append((2, first))
            rest = paragraph[per_line - 2 :]
            lines += [(0, rest[i : i + per_line]) for i in range(0, len(rest), per_line)]
        return lines

    def _text(self, lines, x, top, size, center_in=None, bold=False) -> float:
        for i, text in enumerate(lines):
            width = pdfmetrics.stringWidth(text, FONT, size)
            left = x + (center_in - width) / 2 if center_in else x
            baseline = A3[1] - (top + size + i * size * 1.25)
            for dx in (0, 0.4) if bold else (0,):
                self.ops.append(lambda pdf, t=text, a=left + dx, b=baseline, s=size: (pdf.setFont(FONT, s), pdf.drawString(a, b, t)))
        return top + len(lines) * size * 1.25

    def pdf(self, order: str = "reading") -> bytes:
        """Give back the page as a PDF, its blocks drawn in reading order or reversed."""
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A3)
        for op in reversed(self.ops) if order == "reversed" else self.ops:
            op(pdf)
        pdf.save()
        return buffer.getvalue()
