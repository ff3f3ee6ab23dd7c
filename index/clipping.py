"""A story from a PDF page -> its clipping: the story as the paper printed it, as images.

The page the archive kept (store.PDF_DIR) is rendered with pypdfium2 (PDFium, the engine
Chrome uses; it came with pdfplumber) at CLIP_DPI, and the story's own regions are cut from it
(segment.regions_of): its headline block on top, then each piece of its text down its columns
and each photo with its caption, in reading order. Lines of other stories that stand inside a
piece's box are painted out. Under it, a thin strip cut from the page's own printed header
(paper, date, 版次), so no font is needed. A story taller than MAX_HEIGHT is cut between its
pieces into a few images, sent as an album.

Rendering is pure CPU work: callers run it off the event loop. Images are cached on disk under
the archive (CACHE_DIR, at most CACHE_FILES files; the oldest go first).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from index.pages import DatedArticle
from index.store import PDF_DIR

logger = logging.getLogger(__name__)

CLIP_DPI = 150
SCALE = CLIP_DPI / 72  # pixels per point
MAX_HEIGHT = 2400  # pixels in one image; a taller clipping becomes an album
MAX_IMAGES = 10  # Telegram's album limit
GAP = 14  # pixels between pieces
MARGIN = 10  # points of white kept around a region
CACHE_DIR = "clippings"
CACHE_FILES = 400


class ClippingError(ValueError):
    """No clipping can be made of a story (a text page, or its PDF is missing or damaged)."""


def clipping(archive_dir: Path, article: DatedArticle, page_articles: list[DatedArticle]) -> list[bytes]:
    """Give back the PNG images of a story's clipping (cached), or raise ClippingError."""
    cached = _cached(archive_dir, article.id)
    if cached:
        return cached
    regions = article.regions
    if not regions or not article.pdf or not (regions.get("head") or regions.get("pieces") or regions.get("photos")):
        raise ClippingError("no regions")
    page = _page(archive_dir, article.pdf, regions["page"])
    others = [box for a in page_articles if a.id != article.id and a.regions and a.regions["page"] == regions["page"]
              for box in a.regions["lines"]]
    parts = [_render(page, box, others) for box in _boxes(regions)]
    if regions.get("header"):
        parts.append(_footer(_render(page, regions["header"], []), max(p.width for p in parts)))
    images = [_png(image) for image in _stack(parts)][:MAX_IMAGES]
    _cache(archive_dir, article.id, images)
    return images


def photo(archive_dir: Path, article: DatedArticle, number: int = 0) -> bytes:
    """Give back a story's printed photo, cropped to its frame, as PNG; or raise ClippingError."""
    photos = (article.regions or {}).get("photos") or []
    if number >= len(photos) or not article.pdf:
        raise ClippingError("no photo")
    page = _page(archive_dir, article.pdf, article.regions["page"])
    return _png(_render(page, photos[number]["frame"], [], margin=0))


def _page(archive_dir: Path, name: str, number: int):
    path = archive_dir / PDF_DIR / name
    try:
        return pdfium.PdfDocument(path.read_bytes())[number]
    except (OSError, pdfium.PdfiumError, IndexError) as exc:
        raise ClippingError(f"the page's PDF cannot be read ({type(exc).__name__})") from None


def _boxes(regions: dict) -> list[list[float]]:
    """Give back the regions to cut, in reading order: headline, then text pieces and photos
    (a photo goes before the text under it in its column)."""
    flow = [(box, False) for box in regions.get("pieces") or []]
    for p in regions.get("photos") or []:
        frame, caption = p["frame"], p.get("caption") or p["frame"]
        flow.append(([frame[0], frame[1], max(frame[2], caption[2]), max(frame[3], caption[3])], True))
    lefts = sorted({round(box[0] / 20) for box, _ in flow})
    flow.sort(key=lambda item: (lefts.index(round(item[0][0] / 20)), item[0][1]))
    return ([regions["head"]] if regions.get("head") else []) + [box for box, _ in flow]


def _render(page, box: list[float], others: list[list[float]], margin: float = MARGIN) -> Image.Image:
    """Give back one region of the page as an image, other stories' lines in it painted out."""
    width, height = page.get_size()
    x0, top = max(0.0, box[0] - margin), max(0.0, box[1] - margin)
    x1, bottom = min(width, box[2] + margin), min(height, box[3] + margin)
    image = page.render(scale=SCALE, crop=(x0, height - bottom, width - x1, top)).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for ox0, otop, ox1, obottom in others:
        pad = 1 + 0.2 * (obottom - otop)  # a glyph's ink may stand out of the box its font reports
        if ox1 > x0 and ox0 < x1 and obottom + pad > top and otop - pad < bottom:
            draw.rectangle([(ox0 - x0 - 1) * SCALE, (otop - pad - top) * SCALE, (ox1 - x0 + 1) * SCALE,
                            (obottom + pad - top) * SCALE], fill="white")
    return image


def _footer(header: Image.Image, width: int) -> Image.Image:
    """Give back the page's printed header scaled to a thin strip under the clipping."""
    scale = min(1.0, width / header.width)
    strip = header.resize((max(1, int(header.width * scale)), max(1, int(header.height * scale))))
    out = Image.new("RGB", (width, strip.height + 6), "white")
    ImageDraw.Draw(out).line([(0, 1), (width, 1)], fill=(150, 150, 150), width=1)
    out.paste(strip, (0, 5))
    return out


def _stack(parts: list[Image.Image]) -> list[Image.Image]:
    """Give back the parts one under another, as few images as MAX_HEIGHT allows."""
    width = max(p.width for p in parts)
    groups: list[list[Image.Image]] = [[]]
    for part in parts:
        height = sum(p.height + GAP for p in groups[-1])
        if groups[-1] and height + part.height > MAX_HEIGHT:
            groups.append([])
        groups[-1].append(part)
    images = []
    for group in groups:
        canvas = Image.new("RGB", (width, sum(p.height for p in group) + GAP * (len(group) - 1)), "white")
        y = 0
        for part in group:
            canvas.paste(part, (0, y))
            y += part.height + GAP
        images.append(canvas)
    return images


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _cached(archive_dir: Path, article_id: str) -> list[bytes]:
    folder = archive_dir / CACHE_DIR
    files = sorted(folder.glob(f"{article_id}-*.png")) if folder.is_dir() else []
    return [f.read_bytes() for f in files]


def _cache(archive_dir: Path, article_id: str, images: list[bytes]) -> None:
    folder = archive_dir / CACHE_DIR
    folder.mkdir(exist_ok=True)
    for n, data in enumerate(images):
        (folder / f"{article_id}-{n:02d}.png").write_bytes(data)
    files = sorted(folder.glob("*.png"), key=lambda f: f.stat().st_mtime)
    for old in files[: max(0, len(files) - CACHE_FILES)]:
        old.unlink(missing_ok=True)

