"""Encyclopedia passages made pages: our search against a plain bm25s baseline, in one run.

    .venv/bin/python -m bench.passages [FILE]      (default tests/fixtures/encyclopedia.jsonl)

Each passage becomes a page file that goes through the real pipeline (segmenting, SQLite, the
saved index); every question is asked through `Searcher.answer`. The baseline is bm25s over
OpenCC-folded jieba tokens of each whole passage, its excerpt the sentence holding most of the
question's tokens. Printed per script: the right passage first, and the answer inside the first
excerpt (ours only when the outcome is "answered"); and how many unanswerable questions get
"nothing" or "not_stated" (the baseline always answers).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import jieba
import opencc

from index.excerpt import sentences
from index.library import open_library
from index.store import Archive, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "encyclopedia.jsonl"


def load(path: Path) -> tuple[dict[int, dict], list[dict]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows if r["type"] == "passage"}, [r for r in rows if r["type"] == "question"]


def write_pages(passages: dict[int, dict], folder: Path) -> None:
    """Write each passage as a page: its title as the headline, then its text."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, passage in passages.items():
        (folder / f"passage_{number:02d}.txt").write_text(f"{passage['title']}\n\n{passage['text']}\n", encoding="utf-8")


def ours(passages, questions, scratch: Path) -> Counter:
    write_pages(passages, scratch / "pages")
    with Archive(scratch / "data") as archive:
        build(archive, scratch / "pages")
        searcher = open_library(archive, scratch / "data", progress=False)
        counts = Counter()
        for q in questions:
            script = passages[q["passage"]]["script"] if q["passage"] else "none"
            answer = searcher.answer(q["q"], top=5)
            if q["passage"] is None:
                counts["refused"] += answer.outcome != "answered"
                continue
            first = answer.hits[0] if answer.hits else None
            right = first is not None and first.source == f"passage_{q['passage']:02d}.txt"
            counts[f"{script} first"] += right
            counts[f"{script} excerpt"] += right and q["answer"] in first.excerpt
            counts[f"{script} answer"] += right and answer.outcome == "answered" and q["answer"] in first.excerpt
            counts[f"{script} asked"] += 1
        return counts


def baseline(passages, questions) -> Counter:
    import bm25s

    fold = opencc.OpenCC("t2s").convert
    cut = lambda text: [w for w in jieba.cut(fold(text)) if w.strip()]  # noqa: E731
    ids = list(passages)
    engine = bm25s.BM25()
    engine.index([cut(passages[i]["title"] + passages[i]["text"]) for i in ids], show_progress=False)
    counts = Counter()
    for q in questions:
        if q["passage"] is None:
            continue
        script = passages[q["passage"]]["script"]
        query = [t for t in cut(q["q"]) if t in engine.vocab_dict]
        docs, _ = engine.retrieve([query or ["的"]], k=1, show_progress=False)
        best = ids[int(docs[0][0])]
        right = best == q["passage"]
        terms = set(query)
        sentence = max(sentences(passages[best]["text"]), key=lambda s: len(terms & set(cut(s))), default="")
        counts[f"{script} first"] += right
        counts[f"{script} answer"] += right and q["answer"] in sentence
        counts[f"{script} excerpt"] += right and q["answer"] in sentence  # it answers every question
        counts[f"{script} asked"] += 1
    return counts


def main(argv: list[str]) -> int:
    jieba.setLogLevel(60)
    passages, questions = load(Path(argv[0]) if argv else FIXTURE)
    with tempfile.TemporaryDirectory() as scratch:
        mine = ours(passages, questions, Path(scratch))
    base = baseline(passages, questions)
    # "in excerpt": the first excerpt holds the answer; "answered": and the outcome says so
    # (a not-stated reply shows the same excerpt but does not claim it answers)
    print(f"{'script':12} {'engine':9} {'asked':>6} {'first':>7} {'in excerpt':>11} {'answered':>9}")
    for script in ("simplified", "traditional"):
        for name, c in (("ours", mine), ("bm25s", base)):
            asked = c[f"{script} asked"] or 1
            print(f"{script:12} {name:9} {c[f'{script} asked']:>6} {c[f'{script} first'] / asked:>7.1%} "
                  f"{c[f'{script} excerpt'] / asked:>11.1%} {c[f'{script} answer'] / asked:>9.1%}")
    unanswerable = sum(1 for q in questions if q["passage"] is None)
    print(f"unanswerable refused (ours): {mine['refused']}/{unanswerable}; the baseline answers every question")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
