"""The saved index: built once, loaded without tokenizing, rebuilt when stale or broken."""

import logging

import numpy as np
import pytest

from index import bm25, library
from index.library import INDEX_DIR, archive_state, open_library, tokenize_all
from index.store import Archive, build
from index.tokenize import Tokenizer
from tests.conftest import SEEDS


@pytest.fixture
def archive_dir(tmp_path):
    with Archive(tmp_path) as archive:
        build(archive, SEEDS)
    return tmp_path


def test_the_index_is_saved_and_reused_without_tokenizing(archive_dir, monkeypatch):
    with Archive(archive_dir) as archive:
        first = open_library(archive, archive_dir).search("飞地经济")
    monkeypatch.setattr(library, "build_index", lambda *a, **k: pytest.fail("rebuilt a current index"))
    with Archive(archive_dir) as archive:
        assert open_library(archive, archive_dir).search("飞地经济") == first
    assert first[0].title == "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎"


def test_a_changed_archive_rebuilds_the_index(archive_dir, tmp_path_factory):
    with Archive(archive_dir) as archive:
        before = archive_state(archive)
        open_library(archive, archive_dir)
        pages = tmp_path_factory.mktemp("pages")
        (pages / "a.txt").write_bytes((SEEDS / "004_1a30c9eb8058a402.txt").read_bytes())
        build(archive, pages)
        assert archive_state(archive) != before
        searcher = open_library(archive, archive_dir)
        assert searcher.index.n_docs == 12 and searcher.search("飞地经济") == []
        assert bm25.current(archive_dir / INDEX_DIR).name.startswith(archive_state(archive) + ".")


def test_a_corrupt_index_file_is_rebuilt_with_one_log_line(archive_dir, caplog):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        folder = bm25.current(archive_dir / INDEX_DIR)
        (folder / "weights.npy").write_bytes(b"not an array")
        with caplog.at_level(logging.WARNING):
            searcher = open_library(archive, archive_dir)
        assert searcher.search("无偿献血")[0].title == "离石区医疗集团人民医院组织开展无偿献血活动"
    assert [r.levelname for r in caplog.records] == ["WARNING"]  # one log line
    assert "unreadable; rebuilding it from the archive" in caplog.records[0].message


def test_a_missing_index_file_is_rebuilt(archive_dir):
    with Archive(archive_dir) as archive:
        open_library(archive, archive_dir)
        (bm25.current(archive_dir / INDEX_DIR) / "doc_ids.npy").unlink()
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
    folder = bm25.current(archive_dir / INDEX_DIR)
    assert np.load(folder / "doc_ids.npy", allow_pickle=False).dtype.kind == "U"
    assert np.load(folder / "doc_photos.npy", allow_pickle=False).sum() == 11  # the annotation's photos
