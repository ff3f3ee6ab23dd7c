"""The archive's search index on disk: built from SQLite, saved beside it, loaded in a blink.

The index folder is named by the archive's state (which pages, which tokenizer, which index
format), so a changed archive or a new format is noticed at start and the index rebuilt;
otherwise it is loaded memory-mapped without tokenizing anything. Building tokenizes on
every core, with a progress bar when a person is watching.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index import bm25
from index.search import B, EPSILON, K1, Searcher, document_text
from index.store import Archive
from index.tokenize import DEFAULT_MODE, TOKENIZER_VERSION, Tokenizer

logger = logging.getLogger(__name__)

INDEX_DIR = "index"
NAME_SAMPLE = 5000  # articles read to learn the archive's names (places, bodies)
PARALLEL_FROM = 2000  # fewer articles than this are tokenized in this process
CHUNK = 64


def archive_state(archive: Archive, mode: str = DEFAULT_MODE) -> str:
    """Give back a short name for what the index must reflect: pages, tokenizer, format."""
    digest = hashlib.sha256()
    for (sha,) in archive.db.execute("SELECT sha256 FROM pages ORDER BY source, sha256"):
        digest.update(sha.encode())
    digest.update(f"|{archive.count()}|{mode}|{TOKENIZER_VERSION}|{bm25.FORMAT_VERSION}|{K1}|{B}|{EPSILON}".encode())
    return digest.hexdigest()[:20]


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


def build_index(archive: Archive, root: Path, cache_dir: Path, mode: str = DEFAULT_MODE,
                processes: int | None = None, progress: bool | None = None) -> Path:
    """Tokenize every article, build the BM25 index and publish it under `root`."""
    started = time.monotonic()
    state = archive_state(archive, mode)
    articles = archive.articles()
    tokenizer = Tokenizer(cache_dir, mode=mode)
    step = max(1, len(articles) // NAME_SAMPLE)
    sample = articles[::step]
    names = tokenizer.learn_names([a.text for a in sample], sorted({a.author for a in articles if a.author}))
    tokenizer.add_names(names)
    texts = [document_text(a) for a in articles]
    index = bm25.BM25Index.build(tokenize_all(texts, tokenizer, processes, progress), k1=K1, b=B, epsilon=EPSILON)
    folder = save_index(root, state, index, articles, names, mode)
    logger.info("index of %d stories built in %.1fs", len(articles), time.monotonic() - started)
    return folder


def save_index(root: Path, state: str, index: bm25.BM25Index, articles, names: list[str], mode: str) -> Path:
    """Publish an index with what the Searcher needs beside it: article ids, photo flags, names."""
    doc_ids = np.array([a.id for a in articles], dtype=str)
    photos = np.array([a.kind == "photo" for a in articles], dtype=bool)

    def write(folder: Path) -> None:
        index.save(folder, extra={"state": state, "mode": mode, "names": names})
        np.save(folder / "doc_ids.npy", doc_ids, allow_pickle=False)
        np.save(folder / "doc_photos.npy", photos, allow_pickle=False)

    # A new folder every time: a broken index with the same state is never reused.
    return bm25.publish(root, f"{state}.{time.time_ns()}", write)


def open_library(archive: Archive, archive_dir: Path, mode: str = DEFAULT_MODE, progress: bool | None = None) -> Searcher:
    """Give back a Searcher over the archive: the saved index when it is current, else a new one."""
    root, cache_dir = archive_dir / INDEX_DIR, archive_dir / "jieba"
    state = archive_state(archive, mode)
    folder = bm25.current(root)
    loaded = _load(folder, state) if folder else None
    if loaded is None:
        if folder is not None and _state_of(folder) == state:
            logger.warning("index at %s is unreadable; rebuilding it from the archive", folder)
        elif folder is not None:
            logger.info("the archive changed; rebuilding the search index")
        folder = build_index(archive, root, cache_dir, mode, progress=progress)
        loaded = _load(folder, state)
    index, meta, doc_ids, photos = loaded
    tokenizer = Tokenizer(cache_dir, names=meta["names"], mode=meta["mode"])
    searcher = Searcher(index, doc_ids, photos, archive, tokenizer)
    searcher.state = state
    return searcher


def _state_of(folder: Path) -> str | None:
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("state")
    except (OSError, ValueError):
        return None


def _load(folder: Path, state: str):
    try:
        index, meta = bm25.BM25Index.load(folder)
        doc_ids = np.load(folder / "doc_ids.npy", allow_pickle=False)
        photos = np.load(folder / "doc_photos.npy", allow_pickle=False)
    except (OSError, ValueError, KeyError) as exc:
        logger.debug("cannot read the index at %s: %s", folder, exc)
        return None
    if meta.get("state") != state or len(doc_ids) != index.n_docs or len(photos) != index.n_docs:
        return None
    return index, meta, doc_ids, photos
