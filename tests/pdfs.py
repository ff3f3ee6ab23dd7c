"""Real PDFs made in the tests with reportlab's built-in STSong-Light CID font (no font download)."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def page_pdf(lines: list[str], encrypt: str | None = None) -> bytes:
    """Give back a one-page PDF printing these lines, one under another."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.setFont("STSong-Light", 10.5)
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
