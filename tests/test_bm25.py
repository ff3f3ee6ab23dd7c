"""The index scores exactly as rank-bm25's BM25Okapi does over the whole corpus, however the
corpus is cut into segments, merged or thinned, and it saves as plain files."""

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index import segments
from index.bm25 import Vocabulary, weighting
from index.segments import Segment, SegmentedIndex, global_stats, merge
from index.pagefile import read_page_file
from index.store import page_files
from index.tokenize import Tokenizer
from tests.conftest import SEEDS

PARAMS = {"k1": 1.5, "b": 0.75, "epsilon": 0.25}


def segment(corpus, start=0, name=None):
    ids = [f"d{start + i}" for i in range(len(corpus))]
    return Segment.build(name or f"s{start}", corpus, ids, [False] * len(corpus), [f"p{start}"])


def index_of(parts: list[Segment]) -> SegmentedIndex:
    return SegmentedIndex(parts, PARAMS, global_stats(parts, PARAMS["epsilon"]))


def cut(corpus, sizes):
    """Give back the corpus as segments of these sizes (the rest in the last)."""
    parts, start = [], 0
    for size in sizes + [len(corpus)]:
        if start < len(corpus):
            parts.append(segment(corpus[start : start + size], start))
            start += size
    return parts


def assert_same_scores(corpus, queries, parts):
    ours, reference = index_of(parts), BM25Okapi(corpus)
    assert ours.n_docs == len(corpus)
    for query in queries:
        expected, got = reference.get_scores(query), ours.scores(query)
        assert np.allclose(got, expected, rtol=1e-9, atol=1e-12), query


@pytest.fixture(scope="module")
def seed_corpus(tmp_path_factory):
    tokenizer = Tokenizer(tmp_path_factory.mktemp("jieba"))
    corpus = [tokenizer.tokens(a.text) for path in page_files(SEEDS) for a in read_page_file(path).articles]
    queries = [tokenizer.tokens(q) for q in ["信义镇爱国卫生运动", "飞地经济", "离石区", "扶贫 扶贫 脱贫", "世界杯", ""]]
    return corpus, queries


def random_corpus(seed=7, docs=500):
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(300)]
    # Zipf-like: some terms in more than half the documents, so the IDF floor is exercised too.
    corpus = [rng.choices(words, weights=[1 / (i + 1) for i in range(300)], k=rng.randint(1, 80)) for _ in range(docs)]
    queries = [rng.choices(words, k=rng.randint(1, 6)) for _ in range(50)] + [["w0", "w0", "w1"], ["nope"]]
    return corpus, queries


def test_scores_equal_rank_bm25_on_the_seeds(seed_corpus):
    corpus, queries = seed_corpus
    assert_same_scores(corpus, queries, [segment(corpus)])


@pytest.mark.parametrize("sizes", [[], [1], [10, 3, 1, 7], [40, 4]])
def test_scores_equal_rank_bm25_however_the_seeds_are_cut(seed_corpus, sizes):
    corpus, queries = seed_corpus
    assert_same_scores(corpus, queries, cut(corpus, sizes))


def test_scores_equal_rank_bm25_on_a_random_corpus_in_segments():
    corpus, queries = random_corpus()
    assert_same_scores(corpus, queries, [segment(corpus)])
    assert_same_scores(corpus, queries, cut(corpus, [200, 1, 50, 120]))


def test_weighing_ahead_keeps_the_longest_postings_and_changes_no_score():
    corpus, queries = random_corpus()
    warmed, cold = index_of(cut(corpus, [200, 100])), index_of(cut(corpus, [200, 100]))
    warmed.warm(budget=2000)
    assert 0 < warmed._cached <= 2000 and "w0" in warmed._weights and "w299" not in warmed._weights
    for query in queries:
        assert np.array_equal(warmed.scores(query), cold.scores(query)), query


def test_merged_segments_score_as_the_pieces_did():
    corpus, queries = random_corpus(seed=3, docs=200)
    parts = cut(corpus, [50, 50, 50])
    assert_same_scores(corpus, queries, [merge("m", parts)])
    assert_same_scores(corpus, queries, [parts[0], merge("m", parts[1:])])


def test_dropping_documents_scores_as_a_corpus_without_them():
    corpus, queries = random_corpus(seed=5, docs=120)
    parts = cut(corpus, [40, 40])
    dropped = {f"d{i}" for i in range(40, 80)}  # the second page taken out
    thinned = merge("m", parts, {"p40"}, dropped)
    assert thinned.pages == ["p0", "p80"] and list(thinned.doc_ids) == [f"d{i}" for i in range(120) if f"d{i}" not in dropped]
    assert_same_scores(corpus[:40] + corpus[80:], queries, [thinned])


def test_segments_save_and_load_memory_mapped_without_pickles(tmp_path):
    corpus = [["飞地", "经济", "飞地"], ["献血"], ["经济", "发展"]]
    built = segment(corpus, name="seg.1")
    segments.save_segment(tmp_path, built)
    loaded = Segment.load(tmp_path / segments.SEGMENTS / "seg.1")
    assert isinstance(loaded.tf, np.memmap) and loaded.pages == ["p0"]
    assert np.array_equal(index_of([loaded]).scores(["飞地", "发展"]), index_of([built]).scores(["飞地", "发展"]))
    for path in (tmp_path / segments.SEGMENTS / "seg.1").glob("*.npy"):
        np.load(path, allow_pickle=False)  # raises on an object array


def test_publish_switches_generations_and_drops_unused_segments(tmp_path):
    for name in ("seg.a", "seg.b"):
        segments.save_segment(tmp_path, segment([["a"]], name=name))
    segments.publish(tmp_path, {"format_version": segments.FORMAT_VERSION, "segments": ["seg.a", "seg.b"]})
    first, manifest = segments.current_manifest(tmp_path)
    assert manifest["segments"] == ["seg.a", "seg.b"]
    segments.publish(tmp_path, {"format_version": segments.FORMAT_VERSION, "segments": ["seg.b"]})
    second, _ = segments.current_manifest(tmp_path)
    assert second != first and not (tmp_path / first).exists()
    assert sorted(p.name for p in (tmp_path / segments.SEGMENTS).iterdir()) == ["seg.b"]


def test_an_index_of_another_format_is_not_current(tmp_path):
    segments.publish(tmp_path, {"format_version": segments.FORMAT_VERSION - 1, "segments": []})
    assert segments.current_manifest(tmp_path) == (None, None)


def test_vocabulary_lookup():
    vocabulary = Vocabulary.from_terms(sorted(["飞地", "#飞地", "经济", "a", "b2"]))
    assert [vocabulary.find(t) is not None for t in ["飞地", "#飞地", "经济", "a", "b2", "c", "", "飞"]] == [True] * 5 + [False] * 3


def test_unknown_method_names_the_choices():
    with pytest.raises(ValueError, match="choose one of okapi"):
        weighting("bm42")


def test_terms_between_a_start_and_an_end():
    vocabulary = Vocabulary.from_terms(sorted(["李", "李军", "李建军", "李红军", "李建华", "李建国军", "李家山村", "王建军"]))
    assert vocabulary.between("李", "军", 3) == ["李建军", "李红军"]  # not 李军 (nothing between), nor 4 characters
    assert sorted(vocabulary.between("李", "军", 4)) == sorted(["李建国军", "李建军", "李红军"])
    assert vocabulary.between("赵", "军", 3) == []
