"""Score articles against a hand annotation: boundaries, headlines, bylines, dates, years."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class Score:
    stories: int = 0
    exact: int = 0
    titles: int = 0
    authors: int = 0
    kinds: int = 0
    dated: int = 0
    dates_carried: int = 0
    year_right: int = 0
    wrong_years: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("stories", "exact", "titles", "authors", "kinds", "dated", "dates_carried", "year_right", "wrong_years"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def share(self, name: str) -> float:
        total = self.dated if name in ("dates_carried", "year_right") else self.stories
        return getattr(self, name) / total if total else 1.0

    def summary(self) -> str:
        return (
            f"{self.stories} stories: exact boundaries {self.exact} ({self.share('exact'):.0%}), "
            f"headlines {self.titles} ({self.share('titles'):.0%}), bylines {self.authors} ({self.share('authors'):.0%}), "
            f"kinds {self.kinds}; dated {self.dated}: dates carried {self.dates_carried} "
            f"({self.share('dates_carried'):.0%}), right year {self.year_right} ({self.share('year_right'):.0%}), "
            f"wrong years {self.wrong_years}"
        )


def score_page(stories: list[dict], articles: list, year: int | None) -> Score:
    """Give back how well `articles` (with .text, .title, .author, .kind, .dates) match `stories`."""
    score = Score()
    texts = [squash(a.text) for a in articles]
    for story in stories:
        score.stories += 1
        first, last = squash(story["first"]), squash(story["last"])
        found = [i for i, t in enumerate(texts) if t.startswith(first)]
        article = articles[found[0]] if found else None
        label = story["first"][:12]
        if article is None:
            score.misses.append(f"{label}: no article starts here")
            continue
        if texts[found[0]].endswith(last):
            score.exact += 1
        else:
            score.misses.append(f"{label}: ends {texts[found[0]][-16:]!r}")
        if squash(article.title) == squash(story["title"]):
            score.titles += 1
        else:
            score.misses.append(f"{label}: title {article.title!r}")
        score.authors += squash(article.author) == squash(story["author"])
        score.kinds += article.kind == story["kind"]
        if story["dates"]:
            score.dated += 1
            carried = [d[-5:] for d in getattr(article, "dates", [])]
            score.dates_carried += carried == [d[-5:] for d in story["dates"]]
            years = {d[:4] for d in getattr(article, "dates", []) if not d.startswith("--")}
            score.year_right += bool(years) and years == {d[:4] for d in story["dates"]}
            score.wrong_years += bool(years - {d[:4] for d in story["dates"]})
    return score
