"""Arbitrary Unicode through every stage: nothing raises, every message is valid Telegram HTML."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers import render
from index.clean import page_lines, tidy_spaces, undouble
from index.pages import DatedArticle, read_page
from index.search import Hit
from index.tokenize import Tokenizer
from tests.conftest import answered
from tests.telegram_html import problems

# Any character, with the paper's own marks and Chinese mixed in so the rules get exercised.
NEWSPAPER = "本报讯离石区信义镇（王艳）(张美艳）□ 摄。，、；：“”‘’《》——…\n\n 　\u200b\x00<>&*_`[]"
TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(NEWSPAPER)), max_size=400)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def searcher(seed_searcher):
    return seed_searcher


@SETTINGS
@given(TEXT)
def test_cleaning_never_raises(text):
    for line in page_lines(text):
        assert line.text == line.text.strip() and "  " not in line.text
    assert "  " not in tidy_spaces(text)
    undone = undouble(text)
    assert undone == text or len(undone) < len(text)  # undoubling only ever removes glyphs


@SETTINGS
@given(TEXT)
def test_a_page_of_anything_reads(text):
    page = read_page("x.txt", text)
    for article in page.articles:
        assert article.text and article.kind in ("news", "feature", "photo")
        assert all(len(d) == 10 for d in article.dates)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return Tokenizer(tmp_path_factory.mktemp("jieba"))


@SETTINGS
@given(text=TEXT)
def test_tokens_of_anything(tokenizer, text):
    assert all(t and t.strip() == t for t in tokenizer.tokens(text))


@SETTINGS
@given(text=TEXT)
@example(text="\ud800")  # a lone surrogate, which no codec encodes
@example(text="王\udfff什么，离石区哪年")
def test_any_question_gets_a_valid_answer(searcher, text):
    answer = searcher.answer(text)
    assert len(answer.hits) <= 3 and answer.outcome in ("answered", "not_stated", "nothing")
    assert (answer.outcome == "nothing") == (answer.hits == [])
    from index.pages import Summary

    html = render.answer_html(answer, Summary(44, "2018-11-29", "2022-03-31", ("飞地经济",)))
    assert problems(html) == []
    assert problems(render.answer_html(answer, Summary(0, None, None, ()), first_number=4)) == []


@SETTINGS
@given(TEXT, TEXT, st.lists(st.tuples(st.integers(0, 450), st.integers(0, 450)), max_size=5))
def test_any_hit_renders_as_valid_html(title, excerpt, spans):
    spans = tuple(sorted((min(a, b), max(a, b)) for a, b in spans))
    hit = Hit("x1", title or None, "a<b>.txt", None, None, "news", title, 1.0, excerpt, spans, excerpt[:30])
    for html in (render.hit_html(1, hit), render.shared_html(hit), render.answer_html(answered([hit] * 3), None)):
        assert problems(html) == []


@SETTINGS
@given(TEXT, st.text(alphabet=st.one_of(st.characters(), st.sampled_from(NEWSPAPER)), min_size=1, max_size=9000))
def test_any_story_splits_into_valid_messages(title, text):
    article = DatedArticle("x1", "a.txt", 0, title or None, None, "feature", None, [], None, text)
    messages = render.article_messages(article)
    assert all(problems(m) == [] for m in messages)
