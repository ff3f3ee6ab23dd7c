import sqlite3

import pytest

from index.pagefile import PageError, read_page_file
from index.store import DB_NAME, SCHEMA_VERSION, Archive, ArchiveError, build


def test_building_twice_gives_the_same_articles(archive, seeds_dir):
    first = archive.articles()
    build(archive, seeds_dir)
    assert archive.articles() == first
    assert len({a.id for a in first}) == len(first) == 44


def test_rebuild_keeps_when_a_page_was_first_ingested(archive, seeds_dir):
    before = archive.db.execute("SELECT source, ingested_at FROM pages ORDER BY source").fetchall()
    archive.db.execute("UPDATE pages SET ingested_at = '2020-01-01T00:00:00+00:00'")
    archive.db.commit()
    build(archive, seeds_dir)
    after = archive.db.execute("SELECT ingested_at FROM pages").fetchall()
    assert len(before) == 5 and {row[0] for row in after} == {"2020-01-01T00:00:00+00:00"}


def test_article_by_id(archive):
    first = archive.articles()[0]
    assert archive.article(first.id) == first
    assert archive.article("nope") is None


def test_articles_json_has_exactly_the_documented_keys(archive):
    assert sorted(archive.articles()[0].as_json()) == sorted(
        ["id", "source", "title", "subtitle", "kicker", "author", "kind", "date", "dates", "paper", "page_date", "page_no",
         "section", "text"]
    )


def test_a_newer_schema_is_refused(tmp_path):
    with Archive(tmp_path) as archive:
        archive.db.execute("PRAGMA user_version = 99")
    with pytest.raises(ArchiveError, match="schema version 99"):
        Archive(tmp_path)


def test_a_corrupt_database_is_a_clear_error(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match=DB_NAME):
        Archive(tmp_path)


def test_a_rebuild_that_fails_changes_nothing(archive, tmp_path):
    before = archive.articles()
    bad = tmp_path / "pages"
    bad.mkdir()
    (bad / "a.txt").write_text("本报讯 5月16日，枣架村党支部开展主题党日活动。（高淑芳）\n", encoding="utf-8")
    (bad / "b.txt").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(PageError, match="b.txt: no Chinese newspaper text"):
        build(archive, bad)
    assert archive.articles() == before


def test_bad_page_files_are_refused(tmp_path):
    for name, data, reason in [
        ("empty.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x00\x01\x02", "binary"),
        ("latin1.txt", "café".encode("latin-1"), "not text in UTF-8, UTF-16, GB18030 or Big5"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(PageError, match=reason):
            read_page_file(path)


def test_the_same_page_under_two_names_is_stored_once(tmp_path, seeds_dir):
    pages = tmp_path / "pages"
    pages.mkdir()
    text = (seeds_dir / "002_02200d30250b6687.txt").read_bytes()
    (pages / "a.txt").write_bytes(text)
    (pages / "b.txt").write_bytes(text)
    with Archive(tmp_path / "data") as archive:
        build(archive, pages)
        assert archive.count() == 9


def test_the_database_is_plain_sqlite(archive):
    db = sqlite3.connect(archive.path)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 44
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_archive_is_migrated(tmp_path):
    with Archive(tmp_path) as archive:
        archive.db.execute("DROP TABLE buttons")
        archive.db.execute("CREATE TABLE queries (id INTEGER PRIMARY KEY, text TEXT, created_at TEXT)")
        archive.db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        archive.db.execute("INSERT INTO meta VALUES ('schema_version', '2')")
        archive.db.execute("PRAGMA user_version = 0")  # as version 2 left it
        archive.db.commit()
    with Archive(tmp_path) as archive:
        token = archive.remember_query("飞地经济", 1)
        assert archive.query_text(token, 1) == "飞地经济"
        assert archive.db.execute("SELECT name FROM sqlite_master WHERE name = 'queries'").fetchone() is None


def test_a_version_4_archive_gains_the_printed_page_columns(tmp_path, seeds_dir):
    with Archive(tmp_path) as archive:
        build(archive, seeds_dir)
        archive.db.execute("ALTER TABLE pages DROP COLUMN section")
        archive.db.execute("ALTER TABLE articles DROP COLUMN subtitle")
        archive.db.execute("PRAGMA user_version = 4")
        archive.db.commit()
    with Archive(tmp_path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        first = archive.articles()[0]
        assert (first.section, first.subtitle, len(archive.articles())) == (None, None, 44)


def test_button_tokens_are_unguessable_and_bound_to_their_chat(archive):
    first = archive.remember_query("飞地经济", 1)
    again = archive.remember_query("飞地经济", 1)
    assert first != again and len(first) == 16
    assert archive.query_text(first, 1) == "飞地经济"
    assert archive.query_text(first, 2) is None  # another chat's button, forged
    assert archive.query_text("A" * 16, 1) is None


def test_button_tokens_expire_and_are_capped(archive, monkeypatch):
    import index.store

    old = archive.remember_query("飞地经济", 1)
    archive.db.execute("UPDATE buttons SET created_at = created_at - ?", (index.store.BUTTON_TTL + 1,))
    assert archive.query_text(old, 1) is None
    monkeypatch.setattr(index.store, "BUTTONS_MAX", 3)
    tokens = [archive.remember_query(f"问题{n}", 1) for n in range(5)]
    assert archive.db.execute("SELECT COUNT(*) FROM buttons").fetchone()[0] == 3
    assert [archive.query_text(t, 1) for t in tokens[-3:]] == ["问题2", "问题3", "问题4"]


def test_pages_read_in_parallel_give_the_same_archive(archive, seeds_dir, tmp_path, monkeypatch):
    import index.store

    monkeypatch.setattr(index.store, "PARALLEL_PAGES", 2)
    with Archive(tmp_path / "parallel") as parallel:
        build(parallel, seeds_dir)
        assert parallel.articles() == archive.articles()
