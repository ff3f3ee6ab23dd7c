"""The saved index: built once, loaded without tokenizing, grown by a segment per new page,
thinned when a page goes, rebuilt only when its tokenizer changes or a file breaks."""

import logging

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index import library, segments
from index.library import INDEX_DIR, IndexStale, open_library, tokenize_all
from index.search import document_text
from index.store import Archive, build, ingest
from index.tokenize import Tokenizer
from tests.conftest import SEEDS
from tests.test_ingest import WALNUT


@pytest.fixture
def archive_dir(tmp_path):
    with Archive(tmp_path) as archive:
        build(archive, SEEDS)
    return tmp_path


def manifest(archive_dir):
    return segments.current_manifest(archive_dir / INDEX_DIR)[1]


def page(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_index_is_saved_and_reused_without_tokenizing(archive_dir, monkeypatch):
    with Archive(archive_dir) as archive:
        first = open_library(archive, archive_dir).search("飞地经济")
    monkeypatch.setattr(library, "update_index", lambda *a, **k: pytest.fail("rebuilt a current index"))
    with Archive(archive_dir) as archive:
        assert open_library(archive, archive_dir).search("飞地经济") == first
    assert first[0].title == "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎"


def test_a_new_page_adds_one_segment_and_tokenizes_only_its_stories(archive_dir, tmp_path_factory, monkeypatch):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        before = manifest(archive_dir)["segments"]
        ingest(archive, page(tmp_path_factory.mktemp("p"), "walnut.txt", "\n".join(WALNUT)))
        tokenized = []
        real = library.tokenize_all
        monkeypatch.setattr(library, "tokenize_all", lambda texts, *a: tokenized.extend(texts) or real(texts, *a))
        searcher = open_library(archive, archive_dir)
        assert len(tokenized) == 1  # the new story, not the 45 of the archive
        assert manifest(archive_dir)["segments"][:-1] == before and len(manifest(archive_dir)["segments"]) == 2
        assert searcher.search("核桃文化节")[0].title == "离石区举办首届核桃文化节"
        assert searcher.index.n_docs == 45


def test_scores_stay_exact_after_ingests_and_a_removal(archive_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("p")
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        for n, word in enumerate(["核桃", "小米", "红枣"]):
            text = "\n".join(WALNUT).replace("核桃", word)
            ingest(archive, page(folder, f"p{n}.txt", text))
            open_library(archive, archive_dir)
        assert archive.remove_page("p1.txt") == 1
        searcher = open_library(archive, archive_dir)
        assert len(manifest(archive_dir)["segments"]) == 1  # the removal merged what was left
        tokenizer = searcher.tokenizer
        ids = [str(i) for i in searcher.doc_ids]
        articles = archive.fetch(ids)
        reference = BM25Okapi([tokenizer.tokens(document_text(articles[i])) for i in ids])
        for question in ["核桃文化节", "小米", "红枣 红枣 核桃", "飞地经济", "离石区"]:
            terms = tokenizer.tokens(question)
            assert np.allclose(searcher.index.scores(terms), reference.get_scores(terms), rtol=1e-9, atol=1e-12)
        assert all(hit.source != "p1.txt" for hit in searcher.search("小米文化节", top=10))


def test_many_small_segments_are_merged(archive_dir, tmp_path_factory, monkeypatch):
    monkeypatch.setattr(segments, "MAX_SEGMENTS", 3)
    folder = tmp_path_factory.mktemp("p")
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        for n in range(4):
            ingest(archive, page(folder, f"p{n}.txt", "\n".join(WALNUT).replace("三千", f"{n + 2}千")))
            open_library(archive, archive_dir)
            assert len(manifest(archive_dir)["segments"]) <= 3
        assert open_library(archive, archive_dir).index.n_docs == 48


def test_a_running_bot_never_builds(archive_dir, tmp_path_factory):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        ingest(archive, page(tmp_path_factory.mktemp("p"), "walnut.txt", "\n".join(WALNUT)))
        with pytest.raises(IndexStale):
            open_library(archive, archive_dir, update=False)
        open_library(archive, archive_dir)  # the ingesting process publishes
        assert open_library(archive, archive_dir, update=False).index.n_docs == 45


def test_a_rebuilt_archive_gets_a_new_index(archive_dir, tmp_path_factory):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        pages = tmp_path_factory.mktemp("pages")
        (pages / "a.txt").write_bytes((SEEDS / "004_1a30c9eb8058a402.txt").read_bytes())
        build(archive, pages)
        searcher = open_library(archive, archive_dir)
        assert searcher.index.n_docs == 12 and searcher.search("飞地经济") == []


def test_a_corrupt_index_file_is_rebuilt_with_one_log_line(archive_dir, caplog):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        name = manifest(archive_dir)["segments"][0]
        (archive_dir / INDEX_DIR / segments.SEGMENTS / name / "tf.npy").write_bytes(b"not an array")
        with caplog.at_level(logging.WARNING):
            searcher = open_library(archive, archive_dir)
        assert searcher.search("无偿献血")[0].title == "离石区医疗集团人民医院组织开展无偿献血活动"
    assert [r.levelname for r in caplog.records] == ["WARNING"]  # one log line
    assert "unreadable" in caplog.records[0].message and "rebuilding it from the archive" in caplog.records[0].message


def test_a_missing_index_file_is_rebuilt(archive_dir):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        name = manifest(archive_dir)["segments"][0]
        (archive_dir / INDEX_DIR / segments.SEGMENTS / name / "doc_ids.npy").unlink()
        assert open_library(archive, archive_dir).search("送书上门")


def test_parallel_tokenizing_gives_the_same_tokens(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "PARALLEL_FROM", 10)
    with Archive(tmp_path) as archive:
        build(archive, SEEDS)
        texts = [a.text for a in archive.articles()]
    tokenizer = Tokenizer(tmp_path / "jieba", names=["尉汾路社区"])
    serial = [tokenizer.tokens(t) for t in texts]
    assert list(tokenize_all(texts, tokenizer, processes=2, progress=False)) == serial


def test_doc_metadata_is_plain_arrays(archive_dir):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
    folder = archive_dir / INDEX_DIR / segments.SEGMENTS / manifest(archive_dir)["segments"][0]
    assert np.load(folder / "doc_ids.npy", allow_pickle=False).dtype.kind == "U"
    assert np.load(folder / "photos.npy", allow_pickle=False).sum() == 11  # the annotation's photos
