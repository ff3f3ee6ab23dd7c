"""The blind question set: written by a reader of the seed pages who never saw the code.

Each question names its story (the first words of its body), the phrase the first excerpt
must hold, its kind and its form; unanswerable ones say whether nothing in the archive is
about them or the story leaves the fact out. Half are for tuning, half held out.

`python -m tests.blind [tune…tune34|heldout…heldout18|all]` prints the figures per
kind on the seed archive.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.scoring import squash

BLIND = Path(__file__).resolve().parent / "fixtures" / "blind_questions.jsonl"


def load_blind(split: str = "all") -> list[dict]:
    rows = [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


@dataclass
class BlindReport:
    asked: Counter = field(default_factory=Counter)  # per kind
    first: Counter = field(default_factory=Counter)
    top3: Counter = field(default_factory=Counter)
    answered: Counter = field(default_factory=Counter)
    unanswerable: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, counter: Counter, kind: str | None = None) -> float:
        asked = self.asked[kind] if kind else sum(self.asked.values())
        got = counter[kind] if kind else sum(counter.values())
        return got / asked if asked else 1.0

    def worst_kind(self) -> float:
        return min(self.share(self.answered, kind) for kind in self.asked)

    def table(self, label: str) -> str:
        lines = [f"{label}: {sum(self.asked.values())} answerable, {self.unanswerable} unanswerable",
                 f"  {'kind':<11}{'n':>4}{'first':>8}{'top 3':>8}{'answer':>8}"]
        for kind in sorted(self.asked):
            lines.append(f"  {kind:<11}{self.asked[kind]:>4}{self.share(self.first, kind):>8.0%}"
                         f"{self.share(self.top3, kind):>8.0%}{self.share(self.answered, kind):>8.0%}")
        lines.append(f"  {'all':<11}{sum(self.asked.values()):>4}{self.share(self.first):>8.1%}"
                     f"{self.share(self.top3):>8.1%}{self.share(self.answered):>8.1%}")
        lines.append(f"  unanswerable refused (nothing or not_stated): {self.refused}/{self.unanswerable}")
        return "\n".join(lines)


def _is_story(searcher, hit, story: str) -> bool:
    """Whether the hit is the question's story; for a photo question whose story is the
    caption itself, the hit that shows that caption (labelled as the story it belongs to)."""
    article = searcher.article(hit.id)
    return article is not None and (squash(story) in squash(article.text)[:80]
                                    or hit.caption and squash(story) in squash(hit.excerpt)[:80])


def evaluate_blind(searcher, questions: list[dict], top: int = 5) -> BlindReport:
    """Give back the figures for the blind questions through `searcher.answer`."""
    report = BlindReport()
    for item in questions:
        result = searcher.answer(item["q"], top=top)
        if not item["answerable"]:
            report.unanswerable += 1
            report.refused += result.outcome != "answered"
            if result.outcome == "answered":
                report.misses.append(f"{item['q']!r}: answered with {result.hits[0].excerpt[:50]!r}")
            continue
        kind = item["kind"]
        report.asked[kind] += 1
        ranks = [n for n, hit in enumerate(result.hits, 1) if _is_story(searcher, hit, item["story"])]
        rank = ranks[0] if ranks else None
        report.first[kind] += rank == 1
        report.top3[kind] += rank is not None and rank <= 3
        ok = rank == 1 and result.outcome == "answered" and squash(item["answer"]) in squash(result.hits[0].excerpt)
        report.answered[kind] += ok
        if not ok:
            got = result.hits[0].excerpt[:60] if result.hits else None
            report.misses.append(f"[{kind}] {item['q']!r} -> {result.outcome}, rank {rank}, "
                                 f"want {item['answer']!r}, got {got!r}")
    return report


def main(argv: list[str]) -> int:
    import tempfile

    from index.library import open_library
    from index.store import Archive, build

    split = argv[0] if argv else "all"
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    with tempfile.TemporaryDirectory() as folder, Archive(Path(folder)) as archive:
        build(archive, seeds)  # the archive as production builds it
        report = evaluate_blind(open_library(archive, Path(folder), progress=False), load_blind(split))
    print(report.table(f"blind questions ({split})"))
    if "-v" in argv:
        print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
