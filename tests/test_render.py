from index.pages import DatedArticle
from index.pages import Summary
from index.search import Hit

from handlers import render
from tests.conftest import answered
from tests.telegram_html import problems


def hit(**changes) -> Hit:
    base = dict(id="abc123", title="离石区信义镇吹响爱国卫生运动的号角", source="002_x.txt", date=None, page_date="2020-05-17",
                kind="news", author="王晶晶 张婧", score=1.0, excerpt="据悉，爱国卫生运动开展以来，信义镇干部群众积极参与。",
                spans=((3, 9),), opening="本报讯 为将信义镇打造成")
    return Hit(**{**base, **changes})


SUMMARY = Summary(44, "2018-11-29", "2022-03-31", ("飞地经济", "无偿献血"))


def test_answer_is_bold_headline_date_page_and_highlighted_excerpt():
    assert render.answer_html(answered([hit()]), SUMMARY) == (
        "<b>1. 离石区信义镇吹响爱国卫生运动的号角</b>\n<i>约2020年5月</i> · 《今日离石》\n"
        "据悉，<b>爱国卫生运动</b>开展以来，信义镇干部群众积极参与。"
    )


def test_a_story_that_does_not_state_it_is_offered_as_related():
    text = render.answer_html(answered([hit()], "not_stated", ("利率",)), SUMMARY)
    assert text.startswith("<i>报道中没有提到“利率”。以下是相关报道，供参考：</i>\n\n<b>1. 离石区信义镇")
    assert problems(text) == []


def test_a_story_that_names_no_street_says_so():
    import dataclasses

    from index.question import ADDRESS, NAME

    street = answered([hit()], "not_stated")
    street = dataclasses.replace(street, question=dataclasses.replace(street.question, wants="where", named="街"))
    assert render.outcome_note(street) == "报道中没有提到是哪条街。以下是相关报道，供参考："
    village = dataclasses.replace(street, question=dataclasses.replace(street.question, named="村"))
    assert render.outcome_note(village).startswith("报道中没有提到是哪个村。")
    address = dataclasses.replace(street, question=dataclasses.replace(street.question, named=ADDRESS))
    assert render.outcome_note(address).startswith("报道中没有提到具体地址。")  # not 是哪个地址
    shop = dataclasses.replace(street, question=dataclasses.replace(street.question, wants="which_org", named="药店"))
    assert render.outcome_note(shop).startswith("报道中没有提到是哪家药店。")
    name = dataclasses.replace(street, question=dataclasses.replace(street.question, wants="who", named=NAME))
    assert render.outcome_note(name).startswith("报道中没有提到具体名字。")
    share = dataclasses.replace(street, question=dataclasses.replace(street.question, wants="how_many", named=None,
                                                                     unit="比例"))
    assert render.outcome_note(share).startswith("报道中没有提到具体比例。")


def test_a_caption_is_labelled():
    assert render.hit_html(1, hit(kind="photo", title=None, opening="献血现场。")).startswith("<b>1. 〔图片说明〕献血现场。</b>")
    assert render.hit_html(1, hit(excerpt="献血现场。", spans=(), caption=True)).endswith("\n〔图片说明〕献血现场。")


def test_archive_and_user_text_is_escaped():
    nasty = hit(title="<script>&</script>", excerpt="a < b && c > d", spans=((2, 3),))
    text = render.answer_html(answered([nasty]), SUMMARY)
    assert "&lt;script&gt;&amp;&lt;/script&gt;" in text and "a <b>&lt;</b> b &amp;&amp; c &gt; d" in text
    assert problems(text) == []


def test_untitled_story_is_named_by_its_first_words():
    assert render.headline(hit(title=None, opening="本报讯 近日，兴县县委书记乔云，县委副书记")) == "近日，兴县县委书记乔云，县委副书记"
    assert render.headline(hit(title=None, opening="献血现场。")) == "献血现场。"


def test_dates_as_readers_say_them():
    assert render.date_label("2020-03-12", "2020-03-12") == "2020年3月12日"
    assert render.date_label("--03-12", None) == "3月12日"
    assert render.date_label(None, "2020-05-17") == "约2020年5月"
    assert render.date_label(None, "--05-17") == "约5月"
    assert render.date_label(None, None) == "日期不详"


def test_a_miss_gives_a_hint():
    assert render.answer_html(answered([]), SUMMARY) == "没有找到相关报道。档案收录《今日离石》44篇报道（2018—2022年），可以换个说法或用更短的词试试，例如：飞地经济、无偿献血。"
    assert render.answer_html(answered([]), SUMMARY, first_number=4) == "没有更多相关报道了。"


def test_a_long_story_is_split_between_paragraphs():
    paragraphs = [f"第{n}段。" + "离石区<扶贫>&" * 120 for n in range(12)]
    article = DatedArticle("x1", "004_x.txt", 0, "标题", "王艳", "news", None, [], "2022-03-31", "\n".join(paragraphs))
    messages = render.article_messages(article)
    assert len(messages) > 1
    assert all(problems(m) == [] for m in messages)
    assert all(m.split("\n\n")[-2].startswith("第") or m.startswith("<b>") for m in messages)  # then "（1/3）"
    assert "".join(messages).count("第") == 12


def test_one_huge_paragraph_is_cut_at_sentences():
    article = DatedArticle("x2", "004_x.txt", 0, None, None, "feature", None, [], None, "很长的一句话。" * 2000)
    messages = render.article_messages(article)
    assert all(problems(m) == [] for m in messages)
    assert messages[0].startswith("<b>（无标题）</b>")


def test_fit_cuts_at_a_line_break():
    text = "\n".join(["<b>行</b>" + "字" * 100] * 60)
    fitted = render.fit(text)
    assert len(fitted) <= 4096 and problems(fitted) == [] and fitted.endswith("\n…")


def test_a_shared_snippet_names_the_page_its_story_was_printed_on():
    shared = render.shared_html(hit(page_no=2, section="综合新闻"))
    assert shared.splitlines()[1].endswith(" · 《今日离石》第2版 综合新闻") and not problems(shared)


def test_a_date_with_no_stories_says_so():
    import dataclasses

    nothing = answered([])
    question = dataclasses.replace(nothing.question, month=5, day=20)
    text = render.no_match_text(SUMMARY, dataclasses.replace(nothing, question=question, listing=True))
    assert text == "档案里没有5月20日的报道。档案收录《今日离石》44篇报道（2018—2022年）。"
