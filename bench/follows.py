"""How long matching one new page against many followed topics takes (issue: at most 2 s for
10,000 subscriptions), on a synthetic archive of 20,000 stories as `python -m bench` makes it.

The topics are one to three nouns drawn from the seed pages, as readers would follow them; each
is parsed once, when followed (as /follow does), so matching costs index look-ups only."""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import jieba.posseg

from bench.bot import synthetic_archive
from index.follows import Follows, match_new_stories
from index.library import open_library
from index.store import Archive, ingest, page_files

ROOT = Path(__file__).resolve().parent.parent


def topics(count: int, rng: random.Random) -> list[str]:
    """Give back distinct topics of one to three nouns printed in the seed pages."""
    text = "".join(p.read_text(encoding="utf-8") for p in page_files(ROOT / "seeds"))
    nouns = sorted({w for w, tag in jieba.posseg.cut(text) if tag.startswith(("n", "v")) and len(w) >= 2})
    found: set[str] = set()
    while len(found) < count:
        found.add(" ".join(rng.sample(nouns, rng.choice((1, 2, 2, 3)))))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--follows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        synthetic_archive(root, args.stories)
        with Archive(root) as archive:
            searcher = open_library(archive, root, progress=False)
            follows, kept = Follows(archive), 0
            for query in topics(args.follows * 2, rng):  # some are too vague to follow
                words, why = searcher.followable(query)
                if why is None and kept < args.follows:
                    kept += follows.add(rng.randrange(1, 10 ** 9), query, words) == "added"
            page = ingest(archive, ROOT / "seeds" / "001_53d15a1e8c2e0ae6.txt")
            searcher = open_library(archive, root, progress=False)
            times, queued = [], 0
            for run in range(args.runs):
                archive.db.execute("DELETE FROM outbox")
                archive.db.commit()
                start = time.perf_counter()
                queued = match_new_stories(archive, searcher, list(page.ids), batch=f"bench{run}")
                times.append(time.perf_counter() - start)
    print(f"follows: one page ({len(page.ids)} stories) matched against {kept} followed topics in an archive of "
          f"{args.stories} stories: median {statistics.median(times):.2f} s over {args.runs} runs (bar 2 s); "
          f"{queued} deliveries queued")


if __name__ == "__main__":
    main()
