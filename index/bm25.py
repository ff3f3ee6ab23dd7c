"""BM25Okapi exactly as rank-bm25 scores it: its formulas, and the vocabulary the index keeps.

rank-bm25 walks every document for every query term; the index (index/segments.py) keeps
each term's postings, so a question costs the postings of its own terms, weighted with these
formulas from the archive's global figures.
"""

from __future__ import annotations

import bisect
import logging

import numpy as np

logger = logging.getLogger(__name__)



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
    """Terms in sorted order, looked up by binary search (C's bisect over the terms' UTF-8 keys,
    cut once from one blob when the index loads: a list, leaner than a dict)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self.blob, self.offsets = blob, offsets  # as saved
        whole, starts = np.ascontiguousarray(blob).tobytes(), np.asarray(offsets, dtype=np.int64).tolist()
        self._keys = [whole[a:b] for a, b in zip(starts, starts[1:])]

    @classmethod
    def from_terms(cls, terms: list[str]) -> Vocabulary:
        encoded = [t.encode("utf-8") for t in terms]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def term(self, index: int) -> str:
        return self._keys[index].decode("utf-8")

    def find(self, term: str) -> int | None:
        """Give back the term's number, or None when the archive never prints it."""
        key = term.encode("utf-8")
        at = bisect.bisect_left(self._keys, key)
        return at if at < len(self._keys) and self._keys[at] == key else None

    def between(self, start: str, end: str, longest: int) -> list[str]:
        """Give back the terms that begin with `start` and end with `end`, with at most
        `longest` characters ("李", "军": 李建军): a name the reader recalls only in part. Only the
        terms beginning so are looked at, by binary search, and only those ending so decoded."""
        first, last = start.encode("utf-8"), end.encode("utf-8")
        at = bisect.bisect_left(self._keys, first)
        found = []
        while at < len(self._keys) and self._keys[at].startswith(first):
            key = self._keys[at]
            if key.endswith(last) and len(key) > len(first) + len(last) and len(term := key.decode("utf-8")) <= longest:
                found.append(term)
            at += 1
        return found
