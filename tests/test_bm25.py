"""The sparse index scores exactly as rank-bm25's BM25Okapi does, and saves as plain files."""

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index, Vocabulary, current, publish, weighting
from index.store import page_files, read_page_file
from index.tokenize import Tokenizer
from tests.conftest import SEEDS


def assert_same_scores(corpus, queries):
    ours, reference = BM25Index.build(corpus), BM25Okapi(corpus)
    for query in queries:
        expected, got = reference.get_scores(query), ours.scores(query)
        assert np.allclose(got, expected, rtol=1e-9, atol=1e-12), query


def test_scores_equal_rank_bm25_on_the_seeds(tmp_path):
    tokenizer = Tokenizer(tmp_path)
    corpus = [tokenizer.tokens(a.text) for path in page_files(SEEDS) for a in read_page_file(path).articles]
    queries = [tokenizer.tokens(q) for q in ["信义镇爱国卫生运动", "飞地经济", "离石区", "扶贫 扶贫 脱贫", "世界杯", ""]]
    assert_same_scores(corpus, queries)


def test_scores_equal_rank_bm25_on_a_random_corpus():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(300)]
    # Zipf-like: some terms in more than half the documents, so the IDF floor is exercised too.
    corpus = [rng.choices(words, weights=[1 / (i + 1) for i in range(300)], k=rng.randint(1, 80)) for _ in range(500)]
    queries = [rng.choices(words, k=rng.randint(1, 6)) for _ in range(50)] + [["w0", "w0", "w1"], ["nope"]]
    assert_same_scores(corpus, queries)


def test_index_saves_and_loads_memory_mapped(tmp_path):
    corpus = [["飞地", "经济", "飞地"], ["献血"], ["经济", "发展"]]
    index = BM25Index.build(corpus)
    index.save(tmp_path / "ix", extra={"state": "abc"})
    loaded, meta = BM25Index.load(tmp_path / "ix")
    assert meta["state"] == "abc" and meta["format_version"] == 1
    assert isinstance(loaded.weights, np.memmap)
    assert np.array_equal(loaded.scores(["飞地", "发展"]), index.scores(["飞地", "发展"]))


def test_index_files_hold_no_pickles(tmp_path):
    BM25Index.build([["a", "b"], ["b"]]).save(tmp_path / "ix")
    for path in (tmp_path / "ix").glob("*.npy"):
        np.load(path, allow_pickle=False)  # raises on an object array


def test_an_index_of_another_format_is_refused(tmp_path):
    BM25Index.build([["a"]]).save(tmp_path / "ix")
    meta = (tmp_path / "ix" / "meta.json")
    meta.write_text(meta.read_text().replace('"format_version": 1', '"format_version": 0'))
    with pytest.raises(ValueError, match="index format 0"):
        BM25Index.load(tmp_path / "ix")


def test_publish_switches_the_current_index(tmp_path):
    publish(tmp_path, "one", lambda folder: BM25Index.build([["a"]]).save(folder))
    assert current(tmp_path).name == "one"
    publish(tmp_path, "two", lambda folder: BM25Index.build([["b"]]).save(folder))
    assert current(tmp_path).name == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CURRENT", "two"]


def test_vocabulary_lookup():
    vocabulary = Vocabulary.from_terms(sorted(["飞地", "#飞地", "经济", "a", "b2"]))
    assert [vocabulary.find(t) is not None for t in ["飞地", "#飞地", "经济", "a", "b2", "c", "", "飞"]] == [True] * 5 + [False] * 3


def test_unknown_method_names_the_choices():
    with pytest.raises(ValueError, match="choose one of okapi"):
        weighting("bm42")
