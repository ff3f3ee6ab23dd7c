"""The search index as segments: a new page costs a small segment, not a rebuild.

Lucene's way, at this project's size. Each segment holds the postings of some stories as
*counts* (term, document, term frequency) with each document's length, never weights: BM25
weights depend on the whole archive (document count, average length, every term's document
frequency), so they are computed at question time from the global figures, and every score
stays exactly rank-bm25's BM25Okapi over the whole archive whatever the segments are.

    index/
      CURRENT                 names the generation in use (replaced atomically)
      gen.<n>/manifest.json   the segments in order, the global figures, the tokenizer's names
      segments/<name>/        one segment: vocabulary, postings, lengths, article ids (.npy, memory-mapped)

Adding a page writes one segment and a new generation; a segment is never changed after it
is written. Many small segments are merged into one (no tokenizing: their postings are
combined), and a removed page's stories are dropped by merging without them.
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from index.bm25 import Vocabulary, okapi_idf

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: segments of counts (1 was one folder of precomputed weights)
CURRENT = "CURRENT"
SEGMENTS = "segments"
MAX_SEGMENTS = 8  # more than this after an ingest: the small ones are merged into one
PLACES_CACHE = 200_000  # terms whose place in the segments is remembered
WEIGHT_CACHE = 4_000_000  # postings whose weights are kept computed for this generation (~64 MB)
WARM_POSTINGS = 3_000_000  # of those, weighed at load (the longest postings; about 0.1 s)


@dataclass
class Segment:
    """Postings of some stories: rows are terms (sorted), columns the segment's own documents."""

    name: str
    vocabulary: Vocabulary
    indptr: np.ndarray  # row start of each term
    docs: np.ndarray  # segment-local document number of each posting (sorted within a row)
    tf: np.ndarray  # how often the term occurs in that document
    lengths: np.ndarray  # tokens in each document
    doc_ids: np.ndarray  # article id of each document
    photos: np.ndarray  # whether each document is a photo caption
    pages: list[str]  # page hashes whose stories these are

    @property
    def n_docs(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, name: str, corpus: Iterable[list[str]], doc_ids: list[str], photos: list[bool], pages: list[str]) -> Segment:
        """Give back the segment of tokenized documents (each a list of terms, repeats counted)."""
        ids: dict[str, int] = {}
        rows, cols, counts, lengths = [], [], [], []
        for doc, tokens in enumerate(corpus):
            freq = Counter(tokens)
            lengths.append(len(tokens))
            rows.append(np.fromiter((ids.setdefault(t, len(ids)) for t in freq), dtype=np.int64, count=len(freq)))
            cols.append(np.full(len(freq), doc, dtype=np.int32))
            counts.append(np.fromiter(freq.values(), dtype=np.int32, count=len(freq)))
        terms = sorted(ids)
        order = np.empty(len(ids), dtype=np.int64)  # first-seen number -> sorted number
        order[[ids[t] for t in terms]] = np.arange(len(terms))
        row = order[np.concatenate(rows)] if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int32)
        tf = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int32)
        return cls._from_postings(name, terms, row, col, tf, np.asarray(lengths, dtype=np.int32), doc_ids, photos, pages)

    @classmethod
    def _from_postings(cls, name, terms, row, col, tf, lengths, doc_ids, photos, pages) -> Segment:
        by_term = np.lexsort((col, row))  # postings grouped by term, documents ascending
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(terms)), out=indptr[1:])
        return cls(name, Vocabulary.from_terms(terms), indptr, col[by_term].astype(np.int32), tf[by_term].astype(np.int32),
                   lengths, np.asarray(doc_ids, dtype=str), np.asarray(photos, dtype=bool), list(pages))

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Give back (local documents, counts) of a term, or None when no document here has it."""
        row = self.vocabulary.find(term)
        if row is None:
            return None
        start, end = self.indptr[row], self.indptr[row + 1]
        return self.docs[start:end], self.tf[start:end]

    def doc_freq(self) -> np.ndarray:
        return np.diff(self.indptr)

    # --- files ------------------------------------------------------------------------------

    ARRAYS = ("indptr", "docs", "tf", "lengths", "doc_ids", "photos")

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        for name in self.ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name), allow_pickle=False)
        np.save(folder / "vocab_blob.npy", self.vocabulary.blob, allow_pickle=False)
        np.save(folder / "vocab_offsets.npy", self.vocabulary.offsets, allow_pickle=False)
        (folder / "segment.json").write_text(json.dumps({"pages": self.pages}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Segment:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in cls.ARRAYS}
        vocabulary = Vocabulary(np.load(folder / "vocab_blob.npy", mmap_mode="r", allow_pickle=False),
                                np.load(folder / "vocab_offsets.npy", mmap_mode="r", allow_pickle=False))
        pages = json.loads((folder / "segment.json").read_text(encoding="utf-8"))["pages"]
        segment = cls(folder.name, vocabulary, pages=pages, **arrays)
        n = len(segment.lengths)
        if len(segment.indptr) != len(vocabulary) + 1 or len(segment.docs) != len(segment.tf) \
                or len(segment.doc_ids) != n or len(segment.photos) != n:
            raise ValueError(f"segment {folder.name}: arrays do not fit together")
        return segment

    def terms(self) -> list[str]:
        return [self.vocabulary.term(i) for i in range(len(self.vocabulary))]


def merge(name: str, segments: list[Segment], dropped_pages: set[str] = frozenset(), dropped_ids: set[str] = frozenset()) -> Segment:
    """Give back one segment holding the documents of several, in order, without the documents
    of dropped pages (their ids are given): their postings are combined, nothing re-tokenized."""
    terms = sorted(set().union(*(s.terms() for s in segments))) if segments else []
    vocabulary = Vocabulary.from_terms(terms)
    rows, cols, tfs, lengths, doc_ids, photos, pages = [], [], [], [], [], [], []
    base = 0
    for segment in segments:
        keep = ~np.isin(segment.doc_ids, list(dropped_ids)) if dropped_ids else np.ones(segment.n_docs, dtype=bool)
        renumber = np.cumsum(keep) - 1 + base  # old local number -> new global number
        local_rows = np.array([vocabulary.find(t) for t in segment.terms()], dtype=np.int64)
        posting_rows = np.repeat(local_rows, np.diff(segment.indptr))
        live = keep[segment.docs]
        rows.append(posting_rows[live])
        cols.append(renumber[segment.docs[live]].astype(np.int32))
        tfs.append(np.asarray(segment.tf)[live])
        lengths.append(np.asarray(segment.lengths)[keep])
        doc_ids.append(np.asarray(segment.doc_ids)[keep])
        photos.append(np.asarray(segment.photos)[keep])
        pages += [p for p in segment.pages if p not in dropped_pages]
        base += int(keep.sum())
    cat = lambda parts, dtype: np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)  # noqa: E731
    row, col = cat(rows, np.int64), cat(cols, np.int32)
    # a term whose every document was dropped keeps an empty row: harmless, and rare
    return Segment._from_postings(name, terms, row, col, cat(tfs, np.int32), cat(lengths, np.int32),
                                  cat(doc_ids, str), cat(photos, bool), pages)


class SegmentedIndex:
    """The segments of one generation searched as one BM25Okapi index over all their documents.

    Offers what the Searcher uses: `vocabulary.find(term)` (the term itself, or None),
    `idf[term]`, `mean_idf` and `max_idf`, `postings(term)` and `scores_of(terms)`, over
    global document numbers (segment by segment, in order)."""

    def __init__(self, segments: list[Segment], params: dict, stats: dict):
        self.segments = segments
        self.params = params
        self.bases = np.cumsum([0] + [s.n_docs for s in segments])
        self.n_docs = int(self.bases[-1])
        self.avgdl = stats["avgdl"]
        self.idf_floor, self.mean_idf, self.max_idf = stats["idf_floor"], stats["mean_idf"], stats["max_idf"]
        self.vocabulary = self  # find() is the vocabulary's question
        self.idf = _Idf(self)
        self._weights: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # oldest first
        self._cached = 0  # postings held in _weights
        self._caching = threading.Lock()
        self._places: dict[str, list] = {}  # term -> where it is, see _located

    @cached_property
    def _norms(self) -> list[np.ndarray]:
        """Each segment's k1 * (1 - b + b * length / avgdl): the length part of BM25's weight."""
        k1, b = self.params["k1"], self.params["b"]
        return [k1 * (1 - b + b * np.asarray(s.lengths, dtype=np.float64) / self.avgdl) for s in self.segments]

    @cached_property
    def doc_ids(self) -> np.ndarray:
        return np.concatenate([np.asarray(s.doc_ids) for s in self.segments]) if self.segments else np.zeros(0, dtype=str)

    @cached_property
    def photos(self) -> np.ndarray:
        return np.concatenate([np.asarray(s.photos) for s in self.segments]) if self.segments else np.zeros(0, dtype=bool)

    def find(self, term: str) -> str | None:
        return term if self._located(term) else None

    def between(self, start: str, end: str, longest: int) -> list[str]:
        """Give back the terms of any segment that begin with `start` and end with `end` (Vocabulary.between)."""
        return sorted({term for segment in self.segments for term in segment.vocabulary.between(start, end, longest)})

    def _located(self, term: str) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """Give back (segment number, local documents, counts) of each segment holding the term;
        remembered, as a question asks the same term's number, IDF and postings in turn."""
        found = self._places.get(term)
        if found is not None:
            return found
        found = []
        for number, segment in enumerate(self.segments):
            postings = segment.postings(term)
            if postings is not None and len(postings[0]):
                found.append((number, *postings))
        with self._caching:
            if len(self._places) >= PLACES_CACHE:
                self._places.clear()  # a fresh start beats bookkeeping for entries this cheap
            self._places[term] = found
        return found

    def doc_freq(self, term: str) -> int:
        return sum(len(docs) for _, docs, _ in self._located(term))

    def term_idf(self, term: str) -> float:
        df = self.doc_freq(term)
        idf = math.log(self.n_docs - df + 0.5) - math.log(df + 0.5)  # as okapi_idf, for one term
        return self.idf_floor if idf < 0 else idf

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Give back (global documents, BM25 weights) of a term, computed once per generation."""
        cached = self._weights.get(term)
        if cached is not None:
            return cached
        located = self._located(term)
        if not located:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idf = self.term_idf(term)
        docs, weights = [], []
        k1 = self.params["k1"]
        for number, local, counts in located:
            tf = np.asarray(counts, dtype=np.float64)
            # okapi_weights with each document's length part worked out once per generation
            docs.append(local.astype(np.int64) + self.bases[number])
            weights.append(idf * (tf * (k1 + 1) / (tf + self._norms[number][local])))
        result = (np.concatenate(docs), np.concatenate(weights))
        with self._caching:  # the bot searches on several threads
            while self._weights and self._cached + len(result[0]) > WEIGHT_CACHE:
                self._cached -= len(self._weights.pop(next(iter(self._weights)))[0])  # the oldest go
            if len(result[0]) <= WEIGHT_CACHE and term not in self._weights:
                self._weights[term] = result
                self._cached += len(result[0])
        return result

    def warm(self, budget: int = WARM_POSTINGS) -> None:
        """Weigh ahead, at load, the terms with the most postings, up to `budget` postings: they
        are the ones questions meet most and that cost most to weigh, so the first questions of
        a generation cost what later ones do (a running bot would cache them all the same)."""
        if not self.segments:
            return
        segment = max(self.segments, key=lambda s: s.n_docs)
        lengths = np.diff(np.asarray(segment.indptr))
        used = 0
        for row in np.argsort(-lengths, kind="stable"):
            term = segment.vocabulary.term(int(row))
            size = self.doc_freq(term)  # its postings in every segment
            if used + size > budget:
                break
            self.postings(term)
            used += size

    def scores_of(self, term_counts: Counter) -> np.ndarray:
        """Give back every document's BM25 score for terms with their counts in the question."""
        scores = np.zeros(self.n_docs)
        for term, count in term_counts.items():
            docs, weights = self.postings(term)
            scores[docs] += count * weights  # a term's postings name each document once
        return scores

    def scores(self, terms: list[str]) -> np.ndarray:
        """Every document's score, as rank-bm25's get_scores(terms) would give it."""
        return self.scores_of(Counter(t for t in terms if self.find(t) is not None))


class _Idf:
    """`index.idf[term]`: one term's IDF over the whole archive."""

    def __init__(self, index: SegmentedIndex):
        self.index = index

    def __getitem__(self, term: str) -> float:
        return self.index.term_idf(term)


def global_stats(segments: list[Segment], epsilon: float) -> dict:
    """Give back the archive-wide figures BM25Okapi needs: average length, and the IDF floor
    (epsilon times the mean IDF of every term), with the mean and the largest IDF."""
    n_docs = sum(s.n_docs for s in segments)
    total = sum(int(np.asarray(s.lengths, dtype=np.int64).sum()) for s in segments)
    if not segments:
        return {"avgdl": 1.0, "idf_floor": 0.0, "mean_idf": 1.0, "max_idf": 1.0}
    big = max(segments, key=lambda s: len(s.vocabulary))
    df = big.doc_freq().astype(np.float64)
    extra: Counter[str] = Counter()
    for segment in segments:
        if segment is big:
            continue
        counts = segment.doc_freq()
        for row in range(len(segment.vocabulary)):
            term = segment.vocabulary.term(row)
            at = big.vocabulary.find(term)
            if at is None:
                extra[term] += int(counts[row])
            else:
                df[at] += counts[row]
    df = np.concatenate([df, np.fromiter(extra.values(), dtype=np.float64, count=len(extra))])
    df = df[df > 0]
    raw = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
    floored = okapi_idf(df, n_docs, epsilon)
    return {"avgdl": total / n_docs if n_docs else 1.0, "idf_floor": float(epsilon * raw.mean()) if len(raw) else 0.0,
            "mean_idf": float(floored.mean()) if len(floored) else 1.0, "max_idf": float(floored.max()) if len(floored) else 1.0}


# --- generations on disk -----------------------------------------------------------------------


@contextmanager
def writing(root: Path):
    """Hold the index's write lock: one process publishes at a time (an ingest and an upload)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_name(prefix: str) -> str:
    return f"{prefix}.{time.time_ns()}.{os.getpid()}"


def save_segment(root: Path, segment: Segment) -> None:
    """Write a segment under a temporary name and rename it into place."""
    folder = root / SEGMENTS / segment.name
    temporary = root / SEGMENTS / f".{segment.name}.tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    segment.save(temporary)
    os.replace(temporary, folder)


def publish(root: Path, manifest: dict) -> Path:
    """Write a generation's manifest and make it current (an atomic rename of CURRENT); then
    remove other generations and the segments none of them uses."""
    name = new_name("gen")
    temporary = root / f".{name}.tmp"
    temporary.mkdir(parents=True)
    (temporary / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, root / name)
    pointer = root / f".{CURRENT}.{os.getpid()}.tmp"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root / CURRENT)
    used = set(manifest["segments"])
    for old in root.iterdir():
        if old.is_dir() and old.name.startswith("gen.") and old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    for old in (root / SEGMENTS).iterdir() if (root / SEGMENTS).exists() else ():
        if old.name not in used and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return root / name


def current_manifest(root: Path) -> tuple[str | None, dict | None]:
    """Give back the current generation's name and manifest, or (None, None)."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
        manifest = json.loads((root / name / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    return (name, manifest) if manifest.get("format_version") == FORMAT_VERSION else (None, None)


def current_name(root: Path) -> str | None:
    """Give back the name of the current generation (cheap: a watcher asks it every few seconds)."""
    try:
        return (root / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def load_segments(root: Path, manifest: dict) -> list[Segment]:
    """Give back a generation's segments, memory-mapped; OSError or ValueError if one is broken."""
    return [Segment.load(root / SEGMENTS / name) for name in manifest["segments"]]
