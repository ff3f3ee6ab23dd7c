"""Run the question set through a Searcher: hit@1, hit@3, MRR, answer-in-excerpt, dates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.scoring import squash

QUESTIONS = Path(__file__).resolve().parent / "fixtures" / "questions.json"


def load_questions() -> list[dict]:
    return json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]


@dataclass
class Report:
    asked: int = 0
    hit1: int = 0
    hit3: int = 0
    rr: float = 0.0
    answered: int = 0
    when: int = 0
    when_right: int = 0
    out: int = 0
    out_empty: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        n = self.asked or 1
        return (
            f"{label}: {self.asked} questions: hit@1 {self.hit1 / n:.1%}, hit@3 {self.hit3 / n:.1%}, "
            f"MRR {self.rr / n:.3f}, answer in excerpt {self.answered / n:.1%}, "
            f"date shown {self.when_right}/{self.when}, out-of-archive empty {self.out_empty}/{self.out}"
        )


def evaluate(searcher, questions: list[dict], top: int = 5) -> Report:
    """Give back the figures for the question set on this searcher."""
    report = Report()
    for item in questions:
        hits = searcher.search(item["q"], top=top)
        if item["story"] is None:
            report.out += 1
            report.out_empty += hits == []
            if hits:
                report.misses.append(f"{item['q']!r}: expected nothing, got {hits[0].title or hits[0].opening!r}")
            continue
        report.asked += 1
        want = squash(item["story"])
        ranks = [i for i, hit in enumerate(hits, 1) if squash(searcher.article(hit.id).text).startswith(want)]
        rank = ranks[0] if ranks else None
        report.hit1 += rank == 1
        report.hit3 += rank is not None and rank <= 3
        report.rr += 1 / rank if rank else 0.0
        if rank == 1 and squash(item["answer"]) in squash(hits[0].excerpt):
            report.answered += 1
        elif rank == 1:
            report.misses.append(f"{item['q']!r}: excerpt lacks {item['answer']!r}: {hits[0].excerpt[:60]!r}")
        if rank != 1:
            got = hits[0].title or hits[0].opening if hits else None
            report.misses.append(f"{item['q']!r}: story at rank {rank}, first hit {got!r}")
        if item.get("date"):
            report.when += 1
            shown = hits and (
                (hits[0].date or "").endswith(item["date"]) or squash(item["answer"]) in squash(hits[0].excerpt)
            )
            report.when_right += bool(rank == 1 and shown)
    return report
