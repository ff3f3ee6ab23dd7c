"""PDF pages set like the e-paper (tests/pdfs.py) read back by their layout: whole stories,
headlines, captions and the header's date, whatever order the content stream draws them in."""

import json

import pytest

from index.layout import Header, parse_header, read_pdf
from index.pagefile import read_page_file
from tests.pdfs import LEADING, Newspaper

CLEAN = ["本报讯 5月18日，信义镇组织机关干部和村民开展爱国卫生运动，清理房前屋后垃圾，整治村容村貌，营造干净整洁的生活环境。",
         "活动中，大家分工协作，拿起扫帚、铁锹，清扫街道、清理沟渠，共清运垃圾二十余吨。（王艳）"]
DEAL = ["本报讯 近日，离石区与中阳县签订飞地经济合作协议，双方将在产业园区建设、招商引资等方面开展深度合作。",
        "根据协议，双方按照优势互补、利益共享的原则，共同推进项目落地，实现互利共赢。（张美艳）"]
TUTOR = ["五月的吕梁山区，处处生机盎然。在凤山街道的一间小小书屋里，王老师已经坚持给孩子们义务辅导功课整整十年。",
         "十年间，她先后辅导过三百多名孩子，其中不少考上了重点大学。说起这些孩子，她的脸上总是洋溢着笑容。",
         "“只要孩子们需要，我就会一直做下去。”王老师说。"]
BOOKS = ["本报讯 5月19日，区图书馆启动送书上门服务，读者通过电话或网络预约，工作人员将图书送到家中，每次最多可借五本。（李娜）"]
LONG = ["本报讯 5月15日，区人民医院组织专家团队走进坪头乡开展义诊活动，为群众免费测量血压血糖，讲解健康知识，发放药品和宣传资料。"
        "义诊现场，前来咨询的群众络绎不绝，专家们耐心细致地为每一位群众检查身体，并针对不同情况给出治疗建议。",
        "据了解，此次活动共接待群众三百余人次，发放宣传资料一千余份，免费发放药品价值两万余元。"
        "医院负责人表示，今后将定期开展义诊活动，把优质医疗服务送到群众家门口。（刘芳）"]


def front_page() -> Newspaper:
    """Two stories side by side, a feature across four columns, a photo and a brief beside it."""
    n = Newspaper()
    y = n.header("今日离石  2020年5月20日 星期三  第2版  综合新闻")
    a = n.story(0, 3, y, ["信义镇开展爱国卫生运动"], CLEAN, kicker="共建美丽家园 共享健康生活")
    b = n.story(3, 3, y, ["离石区与中阳县", "签订飞地经济合作协议"], DEAL, subtitle="——双方将在产业园区建设等方面深度合作")
    n.rule(0, 6, max(a, b) + 6)
    top = max(a, b) + 14
    n.story(0, 4, top, ["十年坚守小书屋"], TUTOR, byline="□ 王燕华")
    under = n.photo(4, 2, top, 80, "读者在图书馆挑选图书。 王燕华 摄")
    n.story(4, 2, under + 10, ["图书馆推出送书上门服务"], BOOKS)
    return n


def l_shaped_page() -> Newspaper:
    """The clinic story fills the top of three columns and runs on down the first one, beside
    the library brief set in the other two."""
    n = Newspaper()
    y = n.header("今日离石 2021年3月5日 星期五 第3版 民生")
    y = n.headline(["专家义诊进乡村"], 0, 3, y) + 8
    lines = len(n.wrap(LONG))
    upper = 4
    n.flow(LONG, [(0, y, lines - 2 * upper), (1, y, upper), (2, y, upper)])
    beside = y + upper * LEADING + 10
    n.rule(1, 2, beside - 5)
    n.story(1, 2, beside, ["图书馆推出送书上门服务"], BOOKS)
    return n


def stories(data: bytes, tmp_path, name="page.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_page_file(path)


def test_a_page_gives_its_stories_whole_with_their_headlines(tmp_path):
    page = stories(front_page().pdf(), tmp_path)
    assert [(a.title, a.subtitle, a.author, a.kind) for a in page.articles] == [
        ("信义镇开展爱国卫生运动", None, "王艳", "news"),
        ("离石区与中阳县签订飞地经济合作协议", "双方将在产业园区建设等方面深度合作", "张美艳", "news"),
        ("十年坚守小书屋", None, "王燕华", "feature"),
        ("图书馆推出送书上门服务", None, "李娜", "news"),
        (None, None, "王燕华", "photo"),
    ]
    texts = [a.text for a in page.articles]
    assert texts[:3] == ["\n".join(CLEAN).replace("（王艳）", ""), "\n".join(DEAL).replace("（张美艳）", ""), "\n".join(TUTOR)]
    assert texts[4] == "读者在图书馆挑选图书。"


def test_the_content_stream_order_does_not_matter(tmp_path):
    drawn = front_page()
    reading = stories(drawn.pdf("reading"), tmp_path, "a.pdf")
    reversed_ = stories(drawn.pdf("reversed"), tmp_path, "b.pdf")
    assert [(a.title, a.text) for a in reversed_.articles] == [(a.title, a.text) for a in reading.articles]


def test_the_header_dates_the_page_and_names_it(tmp_path):
    page = stories(front_page().pdf(), tmp_path)
    assert page.header == Header("今日离石", "2020-05-20", 2, "综合新闻")
    assert (page.year, page.page_date) == (2020, "2020-05-20")
    first = page.articles[0]
    assert (first.date, first.paper, first.page_no, first.section) == ("2020-05-18", "今日离石", 2, "综合新闻")
    assert all("今日离石" not in a.text and "星期三" not in a.text for a in page.articles)


def test_a_story_running_down_beside_another_stays_one_story(tmp_path):
    page = stories(l_shaped_page().pdf(), tmp_path)
    assert [(a.title, a.text) for a in page.articles] == [
        ("专家义诊进乡村", "\n".join(LONG).replace("（刘芳）", "")),
        ("图书馆推出送书上门服务", BOOKS[0].replace("（李娜）", "")),
    ]
    assert page.articles[0].date == "2021-05-15"


def test_a_caption_under_its_frame_inside_a_story_ends_that_story():
    n = Newspaper()
    y = n.header("今日离石 2020年5月20日 第2版 综合新闻")
    y = n.headline(["专家义诊进乡村"], 0, 2, y) + 8
    below = n.photo(0, 2, y, 90, "专家为群众测量血压。 王燕华 摄")
    n.flow(LONG, [(0, below + 8, 12), (1, below + 8, 12)])
    [article] = _articles(n.pdf())
    assert article.title == "专家义诊进乡村"
    assert article.paragraphs[-1] == "专家为群众测量血压。"
    assert article.paragraphs[:-1] == [p.replace("（刘芳）", "") for p in LONG]


def test_a_photo_inside_a_column_leaves_the_text_whole_and_its_caption_last():
    n = Newspaper()
    y = n.header("今日离石 2020年5月20日 第2版 综合新闻")
    y = n.headline(["专家义诊进乡村"], 0, 2, y) + 8
    below = n.photo(0, 1, y + 9 * LEADING + 4, 70, "专家为群众测量血压。 王燕华 摄")
    n.flow(LONG, [(0, y, 9), (0, below + 6, 3), (1, y, len(n.wrap(LONG)) - 12)])
    [article] = _articles(n.pdf())
    assert article.paragraphs == [p.replace("（刘芳）", "") for p in LONG] + ["专家为群众测量血压。"]


def test_a_kicker_and_an_intertitle_keep_their_places():
    n = Newspaper()
    y = n.header("今日离石 2020年5月20日 第2版 综合新闻")
    y = n.line("坚守初心 服务群众", 0, 3, y, 13) + 2
    y = n.headline(["十年坚守小书屋"], 0, 3, y) + 8
    upper = len(n.wrap(TUTOR[:2])) - 10
    n.flow(TUTOR[:2], [(0, y, 10), (1, y, upper)])
    inter = y + upper * LEADING + 4
    n.line("孩子们的知心人", 1, 1, inter, 10.5, center=False)
    n.flow(TUTOR[2:], [(1, inter + 18, 3)])
    [article] = _articles(n.pdf())
    assert (article.title, article.paragraphs) == ("十年坚守小书屋", TUTOR[:2] + ["孩子们的知心人"] + TUTOR[2:])
    assert article.kicker == "坚守初心 服务群众"  # kept beside the headline: readers quote it too


def _articles(data: bytes):
    from index.segment import split_articles

    return split_articles(read_pdf(data, "p.pdf").lines)


def test_bold_drawn_twice_is_read_once():
    lines = read_pdf(front_page().pdf(), "p.pdf").lines
    assert [line.text for line in lines if line.label == "headline"][:1] == ["信义镇开展爱国卫生运动"]


@pytest.mark.parametrize(
    ("printed", "header"),
    [
        ("今日离石  2020年5月20日 星期三  第2版  综合新闻", Header("今日离石", "2020-05-20", 2, "综合新闻")),
        ("今日离石 2019年12月3日 周二 第十二版 文化·旅游", Header("今日离石", "2019-12-03", 12, "文化·旅游")),
        ("2022年2月21日 第4版 要闻", Header(None, "2022-02-21", 4, "要闻")),
        ("第2版  综合新闻  今日离石  2020年2月26日 星期三", Header("今日离石", "2020-02-26", 2, "综合新闻")),
        ("今日离石 2020年13月40日 第2版", Header("今日离石", None, 2, None)),
    ],
)
def test_header_lines_are_read(printed, header):
    assert parse_header(printed) == header


def test_articles_json_names_the_printed_page(tmp_path):
    from index.store import Archive, ingest

    path = tmp_path / "p2.pdf"
    path.write_bytes(front_page().pdf())
    with Archive(tmp_path / "archive") as archive:
        assert ingest(archive, path).status == "added"
        first = archive.articles()[0].as_json()
        newest = archive.newest_pages(1)
    assert {k: first[k] for k in ("paper", "page_date", "page_no", "section")} == {
        "paper": "今日离石", "page_date": "2020-05-20", "page_no": 2, "section": "综合新闻"}
    json.dumps(first, ensure_ascii=False)
    from handlers.render import page_label, source_line

    assert page_label(newest[0]) == "今日离石 2020年5月20日 第2版 综合新闻"
    assert source_line(archive_article(first)) == "《今日离石》第2版 综合新闻"


def archive_article(as_json: dict):
    from types import SimpleNamespace

    return SimpleNamespace(page_no=as_json["page_no"], section=as_json["section"])


def test_a_pdf_of_too_many_pages_is_refused(tmp_path):
    import io

    from reportlab.pdfgen import canvas

    from index.pagefile import PageError

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(17):
        pdf.setFont("STSong-Light", 10)
        pdf.drawString(50, 800, "本报讯 离石区召开会议。（王艳）")
        pdf.showPage()
    pdf.save()
    path = tmp_path / "book.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PageError, match="17 pages"):
        read_page_file(path)
