"""Search over the seeds: the question sets, and the mechanisms on small examples."""

import json

import pytest

from index.search import COUNT, KEYWORD, WHEN, WHO, Question, best_passage, open_searcher, sentences
from index.store import page_files, read_page_file
from tests.conftest import FIGURES, FIXTURES, SEEDS
from tests.evaluation import evaluate, load_questions


@pytest.fixture(scope="module")
def seed_articles():
    return [a for path in page_files(SEEDS) for a in read_page_file(path).articles]


@pytest.fixture(scope="module")
def searcher(seed_articles, tmp_path_factory):
    return open_searcher(seed_articles, tmp_path_factory.mktemp("jieba"))


def test_question_set(searcher):
    report = evaluate(searcher, load_questions())
    FIGURES.append(report.line("questions (tuned on)"))
    assert report.asked >= 60 and report.out >= 10
    assert report.hit1 / report.asked >= 0.95, report.misses
    assert report.hit3 / report.asked >= 0.98, report.misses
    assert report.answered / report.asked >= 0.90, report.misses
    assert report.when_right == report.when, report.misses
    assert report.out_empty == report.out, report.misses


def test_held_out_question_set(searcher):
    questions = json.loads((FIXTURES / "questions_heldout.json").read_text(encoding="utf-8"))["questions"]
    report = evaluate(searcher, questions)
    FIGURES.append(report.line("questions (held out)"))
    assert report.hit1 / report.asked >= 0.9, report.misses
    assert report.out_empty == report.out, report.misses


@pytest.mark.parametrize("mode", ["search", "bigram"])
def test_tokenizer_modes_compared(seed_articles, tmp_path, mode):
    """Measures the other tokenizer modes on the same questions (the default is "both")."""
    report = evaluate(open_searcher(seed_articles, tmp_path, mode=mode), load_questions())
    FIGURES.append(report.line(f"questions, tokenizer mode {mode!r}"))
    assert report.hit3 / report.asked >= 0.9


def test_out_of_archive_questions_get_nothing(searcher):
    for question in ["上海迪士尼门票多少钱", "世界杯冠军是谁", "How do I reset my password?", "？？？", "😀😀😀", "", "   "]:
        assert searcher.search(question) == [], question


def test_a_question_naming_a_date_prefers_that_date(searcher):
    hits = searcher.search("5月16日 主题党日", top=3)
    assert hits[0].date == "2020-05-16"
    assert "主题党日" in hits[0].excerpt


def test_traditional_script_finds_the_story(searcher):
    assert searcher.search("信義鎮愛國衛生運動")[0].title == "离石区信义镇吹响爱国卫生运动的号角"


def test_hits_carry_spans_of_the_matched_terms(searcher):
    hit = searcher.search("飞地经济")[0]
    assert hit.spans and all(hit.excerpt[a:b] in ("飞地经济", "飞地", "经济") for a, b in hit.spans)
    assert sorted(hit.as_json()) == ["date", "excerpt", "id", "page_date", "score", "source", "title"]


def test_excerpts_are_short(searcher):
    for question in ["信义镇爱国卫生运动", "政协", "脱贫攻坚", "复工复产", "疫情防控"]:
        for hit in searcher.search(question, top=5):
            assert 0 < len(hit.excerpt) <= 162, (question, hit.excerpt)


def test_paging(searcher):
    first, second = searcher.search("扶贫", top=3), searcher.search("扶贫", top=3, offset=3)
    assert len(first) == 3 and second and not {h.id for h in first} & {h.id for h in second}


def test_question_kinds():
    assert [Question.parse(q).kind for q in ["哪天召开的", "应拆除多少户", "馆长是谁", "飞地经济"]] == [WHEN, COUNT, WHO, KEYWORD]
    dated = Question.parse("2022年 5月16日 主题党日")
    assert (dated.year, dated.month, dated.day) == (2022, 5, 16)


def test_sentences():
    assert sentences("第一句。第二句！“第三句？”\n第四句") == ["第一句。", "第二句！", "“第三句？”", "第四句"]


def test_passage_follows_the_question_kind(searcher):
    text = (
        "本报讯 近日，红眼川乡开展爱国卫生专项运动。乡党委以五个村为整治重点，集中解决六乱现象。"
        "截至目前，全乡已清理各类陈年垃圾近8568立方米。该乡负责人表示，防控疫情，人人有责。"
    )
    terms = searcher.tokenizer.tokens("红眼川乡清理了多少垃圾")
    excerpt, _ = best_passage(text, Question.parse("红眼川乡清理了多少垃圾"), terms, searcher.tokenizer, searcher.weight)
    assert "8568立方米" in excerpt
    terms = searcher.tokenizer.tokens("红眼川乡负责人说了什么")
    excerpt, _ = best_passage(text, Question.parse("红眼川乡负责人说了什么"), terms, searcher.tokenizer, searcher.weight)
    assert excerpt.startswith("该乡负责人表示")


def test_summary_for_the_hint(archive):
    summary = archive.summary()
    assert (summary.stories, summary.first[:4], summary.last[:4], len(summary.examples)) == (44, "2018", "2022", 3)
