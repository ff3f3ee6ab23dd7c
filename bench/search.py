"""Search at archive scale: this project's index against rank_bm25 and bm25s, in one run.

    .venv/bin/python -m bench [--sizes 1000,20000,100000] [--questions 100]

Synthetic archives are made from the seed stories (their sentences recombined, with other
places, people and numbers, so that stories differ); all three engines index the same
tokens and answer the same questions, excerpts included. Each engine runs in its own
forked process, so its memory is its own: "added MB" is that process's peak resident size
less what it inherited (the tokens and the tokenizer, the same for all three). The machine
is small and noisy: read medians and ratios, not single numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from index import segments
from index.library import publish, tokenize_all
from index.pages import DatedArticle, Page
from index.excerpt import best_passage, sentences
from index.question import read_question
from index.search import B, EPSILON, K1, document_text
from index.pagefile import read_page_file
from index.store import Archive, page_files
from index.tokenize import DEFAULT_MODE, Tokenizer
from tests.blind import load_blind

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["信义镇", "田家会街道", "凤山街道", "交口街道", "城北街道", "西属巴街道", "吴城镇", "坪头乡", "红眼川乡",
          "枣林乡", "莲花池街道", "滨河街道", "尉汾路社区", "河东社区", "站前社区", "永红村", "回龙塔村", "梁家焉村"]
PEOPLE = ["王艳", "王燕华", "高淑芳", "张晋晋", "郭雪梅", "刘一荪", "张美艳", "王伟", "李志鑫", "任建忠"]


def synthetic_articles(n: int, seeds: list[DatedArticle], rng: random.Random) -> list[DatedArticle]:
    """Give back n stories made of the seeds' sentences, with places, people and numbers varied."""
    pool = [s for a in seeds for s in sentences(a.text) if len(s) > 8]
    titles = [a.title for a in seeds if a.title]
    out = []
    for i in range(n):
        place, person = rng.choice(PLACES), rng.choice(PEOPLE)
        body = "".join(rng.sample(pool, rng.randint(3, 9)))
        body = re.sub(r"信义镇|田家会街道|凤山街道|红眼川乡", place, body)
        body = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), body)
        year, month, day = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = dt.date(year, month, day).isoformat()
        text = f"本报讯 {month}月{day}日，{place}{body}"
        title = rng.choice(titles).replace("信义镇", place) if rng.random() < 0.8 else None
        kind = "photo" if rng.random() < 0.1 else "news"
        out.append(DatedArticle(f"s{i:07d}", f"syn_{i // 10:06d}.txt", i % 10, title, person, kind, date, [date], date, text))
    return out


def store(folder: Path, articles: list[DatedArticle]) -> Archive:
    """Give back an archive holding the stories, ten to a page, as `bot.py build` would store them."""
    pages = []
    for start in range(0, len(articles), 10):
        chunk = articles[start : start + 10]
        sha = hashlib.sha256(chunk[0].source.encode()).hexdigest()
        pages.append(Page(chunk[0].source, sha, int(chunk[0].date[:4]), chunk[-1].date, chunk))
    archive = Archive(folder)
    archive.rebuild(pages)
    return archive


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def in_child(function, *args):
    """Run function(*args) in a forked process; give back its result and the memory it added."""
    parent, child = multiprocessing.get_context("fork").Pipe()

    def run():
        base = rss_mb()
        result = function(*args)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child.send((result, max(peak - base, 0.0)))

    process = multiprocessing.get_context("fork").Process(target=run)
    process.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        raise RuntimeError(f"{function.__name__} failed in its process (see above)") from None
    process.join()
    return result


def timed_questions(answer, questions: list[str]) -> tuple[float, float]:
    times = []
    for question in questions:
        started = time.perf_counter()
        answer(question)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def excerpts(question, ranked, articles, tokenizer, weight):
    """The same excerpts for a baseline: the question's content words, weighted by its IDF."""
    q = read_question(question, tokenizer)
    weights = {w.text: weight(w.text) for w in q.words}
    return [best_passage(articles[i].text, q, weights, tokenizer.fold, articles[i].date, articles[i].title)
            for i in ranked]


def run_ours(folder: Path, questions: list[str]):
    from index.library import open_library

    started = time.perf_counter()
    archive = Archive(folder)
    searcher = open_library(archive, folder, progress=False, serving=True)  # as bot.py ask and the bot open it
    searcher.tokenizer.tokens("预热")  # jieba loads its dictionary on first use
    load = time.perf_counter() - started
    median, p95 = timed_questions(lambda q: searcher.search(q, top=5), questions)
    return {"load": load, "median": median, "p95": p95}


def run_rank_bm25(tokens, articles, tokenizer, questions):
    from rank_bm25 import BM25Okapi

    started = time.perf_counter()
    engine = BM25Okapi(tokens, k1=K1, b=B, epsilon=EPSILON)
    build = time.perf_counter() - started
    weight = lambda t: max(engine.idf.get(t, 0.0), 0.0)  # noqa: E731

    def answer(question):
        scores = engine.get_scores(tokenizer.tokens(question))
        top = np.argpartition(-scores, 5)[:5]
        return excerpts(question, top[np.argsort(-scores[top])], articles, tokenizer, weight)

    median, p95 = timed_questions(answer, questions)
    return {"build": build, "median": median, "p95": p95}


def run_bm25s(tokens, articles, tokenizer, questions, folder: Path):
    import bm25s

    started = time.perf_counter()
    engine = bm25s.BM25(k1=K1, b=B)
    engine.index(tokens, show_progress=False)
    build = time.perf_counter() - started
    engine.save(folder / "bm25s")
    started = time.perf_counter()
    engine = bm25s.BM25.load(folder / "bm25s", mmap=True)
    load = time.perf_counter() - started
    vocab = engine.vocab_dict

    def answer(question):
        query = [t for t in tokenizer.tokens(question) if t in vocab and t]
        if not query:  # bm25s gives its empty token an id past the end of its matrix
            return []
        docs, _ = engine.retrieve([query], k=5, show_progress=False, n_threads=1)
        return docs[0]

    retrieve, _ = timed_questions(answer, questions)
    median, p95 = timed_questions(lambda q: excerpts(q, answer(q), articles, tokenizer, lambda t: 1.0), questions)
    return {"build": build, "load": load, "median": median, "p95": p95, "retrieve": retrieve}


def cold_start(folder: Path, questions: list[str], runs: int = 3) -> tuple[float, float]:
    """Give back the median seconds from starting `python bot.py ask --json` to its answer, and
    the peak resident MB of `bot.py ask --json` answering every question from stdin."""
    env = {**os.environ, "ARCHIVE_DIR": str(folder)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "bot.py", "ask", "--json", questions[0]], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    code = ("import resource, subprocess, sys; subprocess.run([sys.executable, 'bot.py', 'ask', '--json'], "
            "input=sys.stdin.read(), text=True, capture_output=True, check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    peak = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, input="\n".join(questions),
                          text=True, capture_output=True, check=True).stdout
    return statistics.median(times), int(peak) / 1024


def ingest_one(folder: Path, page: Path) -> tuple[float, float, int]:
    """Give back the seconds and peak MB of `python bot.py ingest` adding one new page (a seed
    page with its numbers changed) to the archive, and the stories it added."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    page.write_text(re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), seed), encoding="utf-8")
    env = {**os.environ, "ARCHIVE_DIR": str(folder)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    code = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
            "out = subprocess.run([sys.executable, 'bot.py', 'ingest', sys.argv[1]], text=True, capture_output=True, check=True).stdout; "
            "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, out.count('\\n  '))")
    seconds, peak, stories = subprocess.run([sys.executable, "-c", code, str(page)], cwd=ROOT, env=env, text=True,
                                            capture_output=True, check=True).stdout.split()
    return float(seconds), int(peak) / 1024, int(stories)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args(argv)
    seeds = [a for path in page_files(ROOT / "seeds") for a in read_page_file(path).articles]
    asked = [q["q"] for name in ("questions.json", "questions_heldout.json")
             for q in json.loads((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8"))["questions"]]
    asked += [q["q"] for q in load_blind()]
    questions = (asked * 2)[: args.questions]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in [int(s) for s in args.sizes.split(",")]:
            folder = Path(scratch) / str(n)
            articles = synthetic_articles(n, seeds, random.Random(n))
            archive = store(folder, articles)
            tokenizer, names = learned_tokenizer(folder, articles)
            started = time.perf_counter()
            tokens = list(tokenize_all([document_text(a) for a in articles], tokenizer, progress=sys.stderr.isatty()))
            tokenize = time.perf_counter() - started
            ours = in_child(_build_ours, tokens, folder, sorted(archive.page_hashes()), articles, names)
            served, served_mb = in_child(run_ours, folder, questions)
            rank, rank_mb = in_child(run_rank_bm25, tokens, articles, tokenizer, questions)
            fast, fast_mb = in_child(run_bm25s, tokens, articles, tokenizer, questions, folder)
            cold = cold_start(folder, questions)
            archive.close()
            added = ingest_one(folder, Path(scratch) / f"new_page_{n}.txt")
            rows.append((n, tokenize, ours[0], served, served_mb, rank, rank_mb, fast, fast_mb, cold, added))
            print_table(rows, len(questions))


def learned_tokenizer(folder: Path, articles: list[DatedArticle]) -> tuple[Tokenizer, list[str]]:
    """Give back the tokenizer taught the archive's names, as `bot.py build` teaches it, and the names."""
    tokenizer = Tokenizer(folder / "jieba", mode=DEFAULT_MODE)
    names = tokenizer.learn_names([a.text for a in articles[:: max(1, len(articles) // 5000)]], PEOPLE)
    tokenizer.add_names(names)
    return tokenizer, names


def _build_ours(tokens, folder: Path, pages: list[str], articles, names):
    started = time.perf_counter()
    segment = segments.Segment.build(segments.new_name("seg"), tokens, [a.id for a in articles],
                                     [a.kind == "photo" for a in articles], pages)
    publish(folder / "index", [segment], names, DEFAULT_MODE)
    return time.perf_counter() - started


def print_table(rows, questions: int) -> None:
    print(f"\nPer question: tokenize, score, top 5, excerpts; {questions} questions. Build excludes tokenizing (same for all).")
    print(f"{'stories':>8} {'engine':10} {'build s':>8} {'load s':>7} {'median ms':>10} {'p95 ms':>8} {'added MB':>9}")
    for n, tokenize, build, served, served_mb, rank, rank_mb, fast, fast_mb, cold, added in rows:
        print(f"{n:>8,} {'ours':10} {build:>8.2f} {served['load']:>7.2f} {served['median']:>10.2f} {served['p95']:>8.2f} {served_mb:>9.0f}")
        print(f"{'':>8} {'rank_bm25':10} {rank['build']:>8.2f} {'—':>7} {rank['median']:>10.2f} {rank['p95']:>8.2f} {rank_mb:>9.0f}")
        print(f"{'':>8} {'bm25s':10} {fast['build']:>8.2f} {fast['load']:>7.2f} {fast['median']:>10.2f} {fast['p95']:>8.2f} {fast_mb:>9.0f}")
        print(f"{'':>8} tokenizing {tokenize:.1f} s on {os.cpu_count()} cores; bot.py ask --json: cold start {cold[0]:.2f} s, "
              f"peak {cold[1]:.0f} MB serving {questions} questions; "
              f"median: {served['median'] / fast['median']:.2f}x bm25s with the same excerpts, "
              f"{served['median'] / fast['retrieve']:.2f}x bm25s retrieve alone ({fast['retrieve']:.2f} ms), "
              f"1/{rank['median'] / served['median']:.0f} of rank_bm25")
        print(f"{'':>8} bot.py ingest of one new page ({added[2]} stories): {added[0]:.1f} s, peak {added[1]:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
