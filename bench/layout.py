"""How long the layout step takes on a full A3 page (at most 2 s a page on this machine), a story's
clipping (at most 1 s), and a kept clipping sent again by its file_id (at most 100 ms on loopback).

The page is set as the e-paper sets one (tests/pdfs.py): a dated header, six columns packed with
eleven stories from the seed pages' sentences, headlines drawn twice for bold, a photo. Figures
are medians of several runs; the machine is shared, so they are never test assertions."""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
import statistics
import time
from pathlib import Path

from telegram import Bot

from index.clipping import CLIP_DPI, clipping
from index.layout import read_pdf
from index.pagefile import read_page_file
from index.store import Archive, ingest
from tests.fake_telegram import FakeTelegram
from tests.pdfs import LEADING, Newspaper

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s for s in re.findall(r"[^。！？\n]{12,80}[。！？]", re.sub(r"\s+", "", text))]


def dense_page() -> bytes:
    """Give back an A3 page whose six columns are full from the header to the foot."""
    pool = sentences()
    n = Newspaper()
    y = n.header("今日离石  2020年5月20日 星期三  第2版  综合新闻")
    rows = [[(0, 3), (3, 3)], [(0, 4), (4, 2)], [(0, 2), (2, 2), (4, 2)], [(0, 3), (3, 3)], [(0, 6)]]
    depth = 12  # lines under each headline: five rows fill the page
    used = 0
    for row in rows:
        for column, span in row:
            paragraphs, lines = [], 0
            while lines < depth * span - 6:
                sentence = pool[used % len(pool)]
                used += 1
                paragraphs.append(sentence)
                lines = len(n.wrap(paragraphs))
            while len(n.wrap(paragraphs)) > depth * span:
                paragraphs.pop()
            fits = int(n.span_width(span) // 24) - 1  # characters of a 24 pt headline the span holds
            head = re.sub(r"[，。、！？“”：；]", "", paragraphs[0])[:min(fits, 14)]
            under = n.headline([head], column, span, y) + 8
            n.flow(paragraphs, [(column + i, under + 0, depth) for i in range(span)])
        y = under + depth * LEADING + 16
    return n.pdf()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = dense_page()
    laid_out = read_pdf(data, "dense.pdf")
    chars = sum(len(line.text) for line in laid_out.lines)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        read_pdf(data, "dense.pdf")
        times.append(time.perf_counter() - start)
    path = Path("/tmp/bench_dense_page.pdf")
    path.write_bytes(data)
    start = time.perf_counter()
    page = read_page_file(path)
    whole = time.perf_counter() - start
    print(f"layout of one A3 page ({chars} characters, {len(page.articles)} stories): "
          f"median {statistics.median(times):.2f} s over {args.runs} runs (bar 2 s); "
          f"with segmenting and dating {whole:.2f} s")
    clip_times, cached_times = clippings(path)
    print(f"clipping of a story at {CLIP_DPI} dpi: median {statistics.median(clip_times):.2f} s, worst "
          f"{max(clip_times):.2f} s over {len(clip_times)} stories (bar 1 s); a kept one sent again by its file_id "
          f"over loopback: median {statistics.median(cached_times) * 1000:.0f} ms (bar 100 ms)")


def clippings(path: Path) -> tuple[list[float], list[float]]:
    """Give back the time to render each story's clipping, and to send a kept one again."""
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive(Path(folder))
        stories = archive.on_page(ingest(archive, path).name)
        times = []
        for story in stories:
            start = time.perf_counter()
            clipping(Path(folder), story, stories)
            times.append(time.perf_counter() - start)
        return times, asyncio.run(_resend(Path(folder), stories))


async def _resend(folder: Path, stories) -> list[float]:
    """Send the first clipping once, then again by its file_id, as the bot does on a second press."""
    fake = FakeTelegram("1:bench").start()
    try:
        async with Bot("1:bench", base_url=fake.base_url) as bot:
            [image] = clipping(folder, stories[0], stories)[:1]
            file_id = (await bot.send_photo(1, image)).photo[-1].file_id
            times = []
            for _ in range(20):
                start = time.perf_counter()
                await bot.send_photo(1, file_id, caption="剪报")
                times.append(time.perf_counter() - start)
            return times
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
