"""The seed stories re-set in other layouts come apart into the same stories."""

import pytest

from index.pages import read_page
from tests.conftest import FIGURES
from tests.layouts import LAYOUTS, set_page, wrap
from tests.scoring import Score, score_page


def test_wrap_cuts_at_the_column_width():
    assert wrap("离石区信义镇吹响爱国卫生运动的号角", 6) == ["离石区信义镇", "吹响爱国卫生", "运动的号角"]
    assert wrap("2022年第4次集体学习", 6) == ["2022年第4次", "集体学习"]


@pytest.fixture(scope="module")
def seed_stories(seed_pages, annotation):
    """The annotated stories with their text, as the pipeline reads them from the seeds."""
    stories = {}
    for source, page in seed_pages.items():
        by_start = {a.text.replace(" ", "")[:8]: a for a in page.articles}
        stories[source] = []
        for story in annotation[source]["stories"]:
            article = by_start[story["first"].replace(" ", "")[:8]]
            stories[source].append({**story, "text": article.text})
    return stories


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_stories_survive_another_layout(layout, seed_stories):
    total = Score()
    for source, stories in seed_stories.items():
        page = read_page(source, set_page(stories, layout))
        total.add(score_page(stories, page.articles, page.year))
    FIGURES.append(f"layout {layout.name:24} {total.summary()}")
    assert total.share("exact") >= 0.85, total.misses
    assert total.share("titles") >= 0.80, total.misses
