"""The archive's search index on disk: kept up with SQLite by the process that changes it.

The index (index/segments.py) records which pages it holds. Opened after an ingest, it gets
a segment with the new pages' stories only; after a removal, its segments are merged without
the removed stories; a new tokenizer or a broken file means a rebuild, tokenizing on every
core with a progress bar when a person is watching. Otherwise it is loaded memory-mapped
without tokenizing anything. A running bot only loads (`update=False`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index import segments
from index.search import B, EPSILON, K1, Searcher, document_text
from index.store import Archive
from index.tokenize import DEFAULT_MODE, TOKENIZER_VERSION, Tokenizer

logger = logging.getLogger(__name__)

INDEX_DIR = "index"
NAME_SAMPLE = 5000  # articles read to learn the archive's names (places, bodies)
PARALLEL_FROM = 2000  # fewer articles than this are tokenized in this process
CHUNK = 64


class IndexStale(Exception):
    """The saved index does not hold the archive's pages yet (another process is adding them)."""


def index_state(mode: str = DEFAULT_MODE) -> str:
    """Give back what every segment of an index must share: tokenizer, index format, BM25 parameters."""
    return f"{mode}|{TOKENIZER_VERSION}|{segments.FORMAT_VERSION}|{K1}|{B}|{EPSILON}"


_worker: Tokenizer | None = None


def _init_worker(cache_dir: str, names: list[str], mode: str) -> None:
    global _worker
    _worker = Tokenizer(Path(cache_dir), names=names, mode=mode)


def _tokens(text: str) -> list[str]:
    return _worker.tokens(text)


def tokenize_all(texts: list[str], tokenizer: Tokenizer, processes: int | None = None, progress: bool | None = None):
    """Give back every text's tokens, in order, using every core for a large archive."""
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(texts), desc="tokenizing", unit="story", disable=not show, file=sys.stderr)
    processes = processes or os.cpu_count() or 1
    try:
        if len(texts) < PARALLEL_FROM or processes == 1:
            for text in texts:
                yield tokenizer.tokens(text)
                bar.update()
            return
        cache = str(tokenizer.cache_dir) if tokenizer.cache_dir else None
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        with context.Pool(processes, _init_worker, (cache, list(tokenizer.names), tokenizer.mode)) as pool:
            for tokens in pool.imap(_tokens, texts, chunksize=CHUNK):
                yield tokens
                bar.update()
    finally:
        bar.close()


def open_library(archive: Archive, archive_dir: Path, mode: str = DEFAULT_MODE, progress: bool | None = None,
                 update: bool = True, rebuild: bool = False, tokenizer: Tokenizer | None = None,
                 serving: bool = False) -> Searcher:
    """Give back a Searcher over the archive's saved index, first bringing the index up to the
    archive when `update` (the process that changed the archive does). With `update` false
    (a running bot), an index that lacks pages raises IndexStale: its builder is on the way.

    A `tokenizer` already loaded is reused when it knows the same names (a reload). A process
    `serving` questions weighs the longest postings ahead (SegmentedIndex.warm); one that only
    changes the archive does not."""
    root, cache_dir = archive_dir / INDEX_DIR, archive_dir / "jieba"
    loaded = None if rebuild else _load(root, archive, mode)
    if loaded is None:
        if not update:
            raise IndexStale(f"the index at {root} does not hold the archive's pages yet")
        with segments.writing(root):
            update_index(archive, root, cache_dir, mode, progress, rebuild)
        loaded = _load(root, archive, mode)
        if loaded is None:
            raise IndexStale(f"the index at {root} changed while it was being opened")
    name, manifest, index = loaded
    if tokenizer is None or tokenizer.names != tuple(sorted(set(manifest["names"]))) or tokenizer.mode != mode:
        tokenizer = Tokenizer(cache_dir, names=manifest["names"], mode=mode)
    if serving:
        index.warm()
    searcher = Searcher(index, index.doc_ids, index.photos, archive, tokenizer)
    searcher.state = name
    return searcher


def _load(root: Path, archive: Archive, mode: str):
    """Give back (generation, manifest, index) when the current index holds exactly the
    archive's pages with this tokenizer; None otherwise."""
    name, manifest = segments.current_manifest(root)
    if manifest is None or manifest["state"] != index_state(mode) or set(manifest["pages"]) != archive.page_hashes():
        return None
    try:
        loaded = segments.load_segments(root, manifest)
    except (OSError, ValueError, KeyError) as exc:
        logger.debug("cannot read the index at %s: %s", root, exc)
        return None
    return name, manifest, segments.SegmentedIndex(loaded, PARAMS, manifest["stats"])


PARAMS = {"k1": K1, "b": B, "epsilon": EPSILON, "method": "okapi"}


def update_index(archive: Archive, root: Path, cache_dir: Path, mode: str = DEFAULT_MODE,
                 progress: bool | None = None, rebuild: bool = False) -> None:
    """Bring the index up to the archive (hold `segments.writing`): tokenize only the stories of
    pages the index lacks, into a segment of their own; drop the stories of pages the archive
    no longer has by merging; rebuild everything only for a new tokenizer or a broken index."""
    started = time.monotonic()
    _, manifest = segments.current_manifest(root)
    held: list[segments.Segment] = []
    if manifest is not None and manifest["state"] == index_state(mode) and not rebuild:
        try:
            held = segments.load_segments(root, manifest)
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("index at %s is unreadable (%s); rebuilding it from the archive", root, exc)
            manifest = None
    else:
        manifest = None
    if manifest is None:  # everything anew: learn the archive's names, tokenize every story
        articles = archive.articles()
        tokenizer = Tokenizer(cache_dir, mode=mode)
        sample = articles[:: max(1, len(articles) // NAME_SAMPLE)]
        names = tokenizer.learn_names([a.text for a in sample], sorted({a.author for a in articles if a.author}))
        tokenizer.add_names(names)
        held = [_segment(articles, archive.page_hashes(), tokenizer, processes=None, progress=progress)]
    else:
        names = manifest["names"]
        wanted, indexed = archive.page_hashes(), set(manifest["pages"])
        if indexed - wanted:  # pages taken out: their stories go, by merging what is left
            kept_ids = archive.article_ids()
            dropped = {str(i) for s in held for i in np.asarray(s.doc_ids) if str(i) not in kept_ids}
            held = [segments.merge(segments.new_name("seg"), held, indexed - wanted, dropped)]
        if wanted - indexed:
            tokenizer = Tokenizer(cache_dir, names=names, mode=mode)
            held.append(_segment(archive.articles_of_pages(wanted - indexed), wanted - indexed, tokenizer, 1, False))
        if len(held) > segments.MAX_SEGMENTS:  # the small ones become one; the big one stays as it is
            big = max(range(len(held)), key=lambda i: held[i].n_docs)
            small = [s for i, s in enumerate(held) if i != big]
            held = [held[big], segments.merge(segments.new_name("seg"), small)]
    publish(root, held, names, mode)
    logger.info("index updated in %.1fs: %d stories in %d segments",
                time.monotonic() - started, sum(s.n_docs for s in held), len(held))


def publish(root: Path, held: list[segments.Segment], names: list[str], mode: str = DEFAULT_MODE) -> None:
    """Save the segments not yet on disk and make them, in this order, the current index."""
    for segment in held:
        if not (root / segments.SEGMENTS / segment.name).exists():
            segments.save_segment(root, segment)
    pages = sorted(set().union(*(s.pages for s in held))) if held else []
    segments.publish(root, {"format_version": segments.FORMAT_VERSION, "state": index_state(mode), "names": names,
                            "segments": [s.name for s in held], "pages": pages,
                            "stats": segments.global_stats(held, EPSILON)})


def _segment(articles, pages, tokenizer: Tokenizer, processes: int | None, progress: bool | None) -> segments.Segment:
    """Give back a new segment of articles, tokenized (on every core for many)."""
    texts = [document_text(a) for a in articles]
    tokens = tokenize_all(texts, tokenizer, processes, progress)
    return segments.Segment.build(segments.new_name("seg"), tokens, [a.id for a in articles],
                                  [a.kind == "photo" for a in articles], sorted(pages))
