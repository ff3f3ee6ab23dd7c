"""BM25Okapi exactly as rank-bm25 scores it, at the speed of a sparse matrix.

rank-bm25 walks every document for every query term. Here the weight of each (term,
document) pair is computed once, with rank-bm25's formula and IDF floor, into a term x
document CSR matrix; a question then costs the postings of its own terms. The index is
saved as a folder of plain files (.npy without pickles, JSON) that load memory-mapped, so
opening it is instant and only the postings a question touches are read from disk.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "CURRENT"  # names the folder of the index in use; replaced atomically


# --- scoring: small pure functions ---------------------------------------------------------


def okapi_idf(doc_freq: np.ndarray, n_docs: int, epsilon: float) -> np.ndarray:
    """Give back rank-bm25's BM25Okapi IDF: log((N - n + 0.5) / (n + 0.5)), negatives floored.

    A term in more than half of the documents has a negative IDF; rank-bm25 replaces it by
    epsilon times the mean of all IDFs (negatives included)."""
    idf = np.log(n_docs - doc_freq + 0.5) - np.log(doc_freq + 0.5)
    floor = epsilon * idf.mean() if len(idf) else 0.0
    idf[idf < 0] = floor
    return idf


def okapi_weights(tf: np.ndarray, doc_len: np.ndarray, avgdl: float, idf: np.ndarray, k1: float, b: float) -> np.ndarray:
    """Give back each posting's contribution: idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))."""
    return idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * doc_len / avgdl)))


WEIGHTINGS = {"okapi": (okapi_idf, okapi_weights)}


def weighting(method: str):
    """Give back the (idf, weights) functions of a BM25 variant."""
    try:
        return WEIGHTINGS[method]
    except KeyError:
        raise ValueError(f"unknown BM25 method {method!r}; choose one of {', '.join(WEIGHTINGS)}") from None


# --- the index -------------------------------------------------------------------------------


class Vocabulary:
    """Terms in sorted order, looked up by binary search over one UTF-8 blob (no dict to load)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self.blob, self.offsets = blob, offsets
        # memoryviews index and slice at C speed, where a memmap makes an object per slice
        self._bytes = memoryview(np.ascontiguousarray(blob)).cast("B") if len(blob) else memoryview(b"")
        self._starts = memoryview(np.ascontiguousarray(offsets, dtype=np.int64)).cast("B").cast("q")

    @classmethod
    def from_terms(cls, terms: list[str]) -> Vocabulary:
        encoded = [t.encode("utf-8") for t in terms]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _key(self, index: int) -> bytes:
        return bytes(self._bytes[self._starts[index] : self._starts[index + 1]])

    def term(self, index: int) -> str:
        return self._key(index).decode("utf-8")

    def find(self, term: str) -> int | None:
        """Give back the term's number, or None when the archive never prints it."""
        key = term.encode("utf-8")
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self) and self._key(lo) == key else None


@dataclass
class BM25Index:
    """Precomputed BM25 weights: rows are terms, columns documents."""

    vocabulary: Vocabulary
    indptr: np.ndarray  # row start of each term in `docs` and `weights`
    docs: np.ndarray  # document number of each posting
    weights: np.ndarray  # BM25 contribution of each posting (float64, as rank-bm25)
    idf: np.ndarray
    n_docs: int
    params: dict

    @classmethod
    def build(cls, corpus: Iterable[list[str]], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25,
              method: str = "okapi") -> BM25Index:
        """Give back the index of tokenized documents (each a list of terms, repeats counted)."""
        idf_of, weights_of = weighting(method)
        ids: dict[str, int] = {}
        rows, cols, counts, doc_len = [], [], [], []
        for doc, tokens in enumerate(corpus):
            freq = Counter(tokens)
            doc_len.append(len(tokens))
            rows.append(np.fromiter((ids.setdefault(t, len(ids)) for t in freq), dtype=np.int64, count=len(freq)))
            cols.append(np.full(len(freq), doc, dtype=np.int32))
            counts.append(np.fromiter(freq.values(), dtype=np.float64, count=len(freq)))
        n_docs = len(doc_len)
        terms = sorted(ids)
        order = np.empty(len(ids), dtype=np.int64)  # first-seen number -> sorted number
        order[[ids[t] for t in terms]] = np.arange(len(terms))
        row = order[np.concatenate(rows)] if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int32)
        tf = np.concatenate(counts) if counts else np.zeros(0)
        matrix = sparse.csr_matrix((tf, (row, col)), shape=(len(terms), max(n_docs, 1)))
        matrix.sort_indices()
        lengths = np.asarray(doc_len, dtype=np.float64)
        avgdl = float(lengths.sum() / n_docs) if n_docs else 1.0
        doc_freq = np.diff(matrix.indptr).astype(np.float64)
        idf = idf_of(doc_freq, n_docs, epsilon)
        term_of_posting = np.repeat(np.arange(len(terms)), np.diff(matrix.indptr))
        weights = weights_of(matrix.data, lengths[matrix.indices], avgdl, idf[term_of_posting], k1, b)
        params = {"k1": k1, "b": b, "epsilon": epsilon, "method": method, "avgdl": avgdl}
        return cls(Vocabulary.from_terms(terms), matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32),
                   weights, idf, n_docs, params)

    def term_ids(self, terms: list[str]) -> Counter[int]:
        """Give back how often each known term occurs in a question, by term number."""
        found = Counter()
        for term in terms:
            index = self.vocabulary.find(term)
            if index is not None:
                found[index] += 1
        return found

    def postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray]:
        """Give back (documents, weights) of one term."""
        start, end = self.indptr[term_id], self.indptr[term_id + 1]
        return self.docs[start:end], self.weights[start:end]

    def scores(self, terms: list[str]) -> np.ndarray:
        """Give back every document's BM25 score, as rank-bm25's get_scores(terms) would."""
        return self.scores_of(self.term_ids(terms))

    def scores_of(self, term_counts: Counter[int]) -> np.ndarray:
        """Give back every document's BM25 score for term numbers with their counts."""
        scores = np.zeros(self.n_docs)
        for term_id, count in term_counts.items():
            docs, weights = self.postings(term_id)
            scores[docs] += count * weights  # a term's postings name each document once
        return scores

    # --- files ------------------------------------------------------------------------------

    ARRAYS = ("indptr", "docs", "weights", "idf")

    def save(self, folder: Path, extra: dict | None = None) -> None:
        """Write the index into a new folder (which must not exist yet)."""
        folder.mkdir(parents=True)
        for name in self.ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name), allow_pickle=False)
        np.save(folder / "vocab_blob.npy", self.vocabulary.blob, allow_pickle=False)
        np.save(folder / "vocab_offsets.npy", self.vocabulary.offsets, allow_pickle=False)
        meta = {"format_version": FORMAT_VERSION, "n_docs": self.n_docs, "params": self.params, **(extra or {})}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> tuple[BM25Index, dict]:
        """Give back the index in a folder (memory-mapped) and its meta; ValueError if unusable."""
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"index format {meta.get('format_version')}, this program reads {FORMAT_VERSION}")
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in cls.ARRAYS}
        vocabulary = Vocabulary(
            np.load(folder / "vocab_blob.npy", mmap_mode="r", allow_pickle=False),
            np.load(folder / "vocab_offsets.npy", mmap_mode="r", allow_pickle=False),
        )
        index = cls(vocabulary, arrays["indptr"], arrays["docs"], arrays["weights"], arrays["idf"], meta["n_docs"], meta["params"])
        if len(index.indptr) != len(vocabulary) + 1 or len(index.docs) != len(index.weights):
            raise ValueError("index arrays do not fit together")
        return index, meta


def publish(root: Path, name: str, write) -> Path:
    """Write a new index folder `root/name` with `write(folder)`, then make it current.

    The folder is written under a temporary name and renamed; CURRENT is replaced with an
    atomic rename, so a reader sees the old index or the new one, never half of one."""
    root.mkdir(parents=True, exist_ok=True)
    final = root / name
    if not final.exists():
        temporary = root / f".{name}.{os.getpid()}.tmp"
        shutil.rmtree(temporary, ignore_errors=True)
        write(temporary)
        os.replace(temporary, final)
    pointer = root / f".{CURRENT}.{os.getpid()}.tmp"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root / CURRENT)
    for old in root.iterdir():
        if old.is_dir() and old.name != name and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return final


def current(root: Path) -> Path | None:
    """Give back the folder of the current index, or None."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = root / name
    return folder if name and folder.is_dir() else None
