"""End-to-end facts about the five seed pages, checked by reading the pages."""

from tests.conftest import FIGURES
from tests.scoring import Score, score_page


def test_stories_per_page(seed_pages):
    assert {source: len(page.articles) for source, page in seed_pages.items()} == {
        "000_bbf71f793f5e8ee0.txt": 7,
        "001_53d15a1e8c2e0ae6.txt": 6,
        "002_02200d30250b6687.txt": 9,
        "003_41b6d682fc52b464.txt": 10,
        "004_1a30c9eb8058a402.txt": 12,
    }


def test_page_years(seed_pages):
    # 001 prints no year, but 1月25日 printed as 大年初一 is the Spring Festival of 2020.
    assert {source[:3]: page.year for source, page in seed_pages.items()} == {
        "000": 2020, "001": 2020, "002": 2020, "003": 2018, "004": 2022,
    }


def test_xinyi_story_has_its_headline(seed_pages):
    page = seed_pages["002_02200d30250b6687.txt"]
    story = next(a for a in page.articles if "信义镇" in a.text[:20])
    assert (story.title, story.author, story.kind) == ("离石区信义镇吹响爱国卫生运动的号角", "王晶晶 张婧", "news")
    assert "号角" not in story.text


def test_headline_split_over_the_last_three_lines(seed_pages):
    library = seed_pages["000_bbf71f793f5e8ee0.txt"].articles[0]
    assert library.title == "离石区图书馆开启“送书上门”借书服务新模式"
    assert library.author == "高淑芳"


def test_headline_list_at_the_end_of_004(seed_pages):
    titles = [a.title for a in seed_pages["004_1a30c9eb8058a402.txt"].articles if a.kind == "news"]
    assert titles == [
        "城北街道尉汾路社区开展“勤俭节约 从我做起”主题宣传活动",
        "离石区：文艺演出送下乡 文化惠民暖人心",
        "城北街道站前社区开展“文明理事人人夸 歪风低俗人人厌”移风易俗签名活动",
        "离石区举办2022年“春风行动”暨东中部劳务协作网络招聘会",
        "凤山街道中央公园社区开展“迎奥运 猜灯谜 庆元宵”主题党日活动",
        "离石区医疗集团人民医院组织开展无偿献血活动",
        "离石区：聚焦九大重点任务 开创高质量发展新局面",
        None,  # the 兴县 delegation's visit: its headline is not on the page
        "离石区委中心组举行2022年第4次集体学习",
    ]


def test_enclave_economy_story(seed_pages):
    story = next(a for a in seed_pages["001_53d15a1e8c2e0ae6.txt"].articles if "飞地经济" in a.text[:40])
    assert (story.title, story.author, story.date) == (
        "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎", "任建忠 姜利文", "2020-03-12",
    )
    assert "共下一盘棋" not in story.title  # the kicker above the headline is left out of it…
    assert story.kicker == "共办一桌席 共下一盘棋"  # …and kept beside it


def test_feature_keeps_subheadings_and_boxed_byline(seed_pages):
    feature = seed_pages["002_02200d30250b6687.txt"].articles[1]
    assert (feature.kind, feature.title, feature.author) == ("feature", "建言资政促发展——离石区政协2019年工作综述", "王艳")
    assert "靶向：坚持党的领导 筑牢思想根基" in feature.text.split("\n")


def test_doubled_caption_is_undone(seed_pages):
    last = seed_pages["004_1a30c9eb8058a402.txt"].articles[-1]
    assert (last.kind, last.author, last.text) == ("photo", "王艳", "离石区文艺下乡演出现场。")


def test_no_headline_stays_in_any_text(seed_pages):
    # A lead may repeat its headline's words; a printed headline line must not survive.
    for page in seed_pages.values():
        titles = {a.title.replace(" ", "") for a in page.articles if a.title}
        for article in page.articles:
            paragraphs = {p.replace(" ", "") for p in article.text.split("\n")}
            assert titles.isdisjoint(paragraphs), article.title
            assert not any(article.text.endswith(t) or article.text.startswith(t) for t in titles)


def test_every_story_against_the_hand_annotation(seed_pages, annotation):
    total = Score()
    for source, page in seed_pages.items():
        score = score_page(annotation[source]["stories"], page.articles, page.year)
        total.add(score)
        assert page.year == annotation[source]["year"]
    FIGURES.append(f"seed annotation: {total.summary()}")
    assert total.misses == []
    assert (total.exact, total.titles, total.authors, total.kinds) == (44, 44, 44, 44)
    assert (total.dated, total.dates_carried, total.year_right, total.wrong_years) == (20, 20, 20, 0)


def test_article_dates_follow_the_annotation(seed_pages, annotation):
    for source, page in seed_pages.items():
        got = [(a.date, a.dates) for a in page.articles]
        assert got == [(s["date"], s["dates"]) for s in annotation[source]["stories"]], source
