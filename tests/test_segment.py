"""Segmentation on small pages written for the test, in the layouts papers and extractors use."""

from index.clean import page_lines
from index.segment import is_kicker, label_lines, split_articles


def articles_of(raw: str):
    return [(a.kind, a.title, a.author, a.text) for a in split_articles(page_lines(raw))]


NEWS_A = "本报讯 5月16日，枣架村党支部开展了主题党日活动，\n党员干部清理村内环境卫生，清运垃圾十余吨。\n（高淑芳）"
NEWS_B = "本报讯 近日，红眼川乡开展爱国卫生专项运动，\n清理河道和道路，治理六乱六百五十处。\n（刘广尧）"


def test_headline_printed_after_its_story():
    raw = NEWS_A + "\n枣架村开展主题党日活动\n" + NEWS_B + "\n红眼川乡开展爱国卫生专项运动\n"
    assert articles_of(raw) == [
        ("news", "枣架村开展主题党日活动", "高淑芳",
         "本报讯 5月16日，枣架村党支部开展了主题党日活动，党员干部清理村内环境卫生，清运垃圾十余吨。"),
        ("news", "红眼川乡开展爱国卫生专项运动", "刘广尧",
         "本报讯 近日，红眼川乡开展爱国卫生专项运动，清理河道和道路，治理六乱六百五十处。"),
    ]


def test_headline_printed_above_its_story():
    raw = "枣架村开展主题党日活动\n" + NEWS_A + "\n红眼川乡开展爱国卫生专项运动\n" + NEWS_B
    assert [(kind, title) for kind, title, _, _ in articles_of(raw)] == [
        ("news", "枣架村开展主题党日活动"),
        ("news", "红眼川乡开展爱国卫生专项运动"),
    ]


def test_headlines_gathered_at_the_end_in_another_order():
    raw = NEWS_A + "\n" + NEWS_B + "\n红眼川乡开展\n爱国卫生专项运动\n\n枣架村开展主题党日活动\n"
    assert [title for _, title, _, _ in articles_of(raw)] == ["枣架村开展主题党日活动", "红眼川乡开展爱国卫生专项运动"]


def test_a_story_without_a_headline_on_the_page_has_none():
    raw = NEWS_A + "\n" + NEWS_B + "\n红眼川乡开展爱国卫生专项运动\n"
    assert [title for _, title, _, _ in articles_of(raw)] == [None, "红眼川乡开展爱国卫生专项运动"]


def test_doubled_headline_glyphs():
    raw = NEWS_A + "\n枣枣架架村村开开展展主主题题党党日日活活动动\n"
    assert articles_of(raw)[0][1] == "枣架村开展主题党日活动"


def test_kicker_is_left_out_and_subtitle_kept():
    raw = (
        "本报讯 3月12日，离石区和中阳县签约“飞\n地经济”合作框架协议，点燃了两县县域经\n济发展新引擎。\n"
        "从“共办一桌席”到“共下一盘棋”，两县\n合作共赢迈向高质量发展。（任建忠 姜利文）\n"
        "\n共办一桌席 共下一盘棋\n\n离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎\n"
        "\n全年开展调研视察活动26次、撰写提案196\n件，离石区政协委员履职尽责。\n"
        "2019年，离石区政协认真履行职能，积极建\n言献策，工作综述如下。\n"
        "\n建言资政促发展\n——离石区政协2019年工作综述\n\n□ 王艳\n"
    )
    assert articles_of(raw) == [
        ("news", "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎", "任建忠 姜利文",
         "本报讯 3月12日，离石区和中阳县签约“飞地经济”合作框架协议，点燃了两县县域经济发展新引擎。\n"
         "从“共办一桌席”到“共下一盘棋”，两县合作共赢迈向高质量发展。"),
        ("feature", "建言资政促发展——离石区政协2019年工作综述", "王艳",
         "全年开展调研视察活动26次、撰写提案196件，离石区政协委员履职尽责。\n"
         "2019年，离石区政协认真履行职能，积极建言献策，工作综述如下。"),
    ]


def test_feature_keeps_its_subheadings():
    raw = (
        "脱贫路上一个也不掉队\n□ 郭雪梅\n"
        "又是一年岁末时，放眼全区扶贫战场，一个个贫困村实现了华丽\n蜕变，一批批民生项目建设如火如荼。\n"
        "强化产业 实现稳定增收\n"
        "要想脱贫攻坚取得实实在在的效果，关键要找对路子，该区建立\n产业扶贫机制，促进群众稳定增收。\n"
    )
    assert articles_of(raw) == [
        ("feature", "脱贫路上一个也不掉队", "郭雪梅",
         "又是一年岁末时，放眼全区扶贫战场，一个个贫困村实现了华丽蜕变，一批批民生项目建设如火如荼。\n"
         "强化产业 实现稳定增收\n"
         "要想脱贫攻坚取得实实在在的效果，关键要找对路子，该区建立产业扶贫机制，促进群众稳定增收。"),
    ]


def test_photo_captions_and_their_photographers():
    raw = NEWS_A + "\n\n兴县党政代表团在生态园社区考察。 梁美丽 摄\n\n春耕在即，农资保障备春耕。图为农资门市部。\n\n王燕华摄\n"
    assert articles_of(raw)[1:] == [
        ("photo", None, "梁美丽", "兴县党政代表团在生态园社区考察。"),
        ("photo", None, "王燕华", "春耕在即，农资保障备春耕。图为农资门市部。"),
    ]


def test_a_caption_after_a_feature_without_byline_is_its_own_story():
    raw = (
        "清晨的阳光刚刚洒向大地，伴随着机器的轰鸣声，拆除复垦工作干得\n热火朝天，该街道拆除复垦工作可望三月底全部完成。\n"
        "近年来，离石区大力扶持休闲采摘农业，推动全区蔬菜的较快发展。 王燕华 摄\n"
    )
    assert [(kind, author) for kind, _, author, _ in articles_of(raw)] == [("feature", None), ("photo", "王燕华")]


def test_bylines_in_their_printed_forms():
    entries = label_lines(page_lines("强大动力。 （刘一荪）\n(张美艳）\n（任建忠 姜利文）\n□ 王燕华\n王艳王艳 摄摄\n"))
    assert [(e.kind, e.names) for e in entries] == [
        ("text", None), ("byline", "刘一荪"), ("byline", "张美艳"), ("byline", "任建忠 姜利文"),
        ("box", "王燕华"), ("credit", "王艳"),
    ]


def test_parentheses_that_are_not_bylines():
    for text in ["由行业主管部门和属地乡镇 （街道） 一线指导", "1月25日 (大年初一)凌晨", "完成了任务。（附表）"]:
        assert [e.kind for e in label_lines(page_lines(text))] != ["text", "byline"], text
        assert all(e.kind != "byline" for e in label_lines(page_lines(text)))


def test_headline_never_stays_in_text_without_blank_lines():
    raw = NEWS_A + "\n枣架村开展主题党日活动\n" + NEWS_B
    texts = [text for _, _, _, text in articles_of(raw)]
    assert all("枣架村开展主题党日活动" not in t for t in texts)


def test_kicker_shape():
    assert is_kicker("共办一桌席 共下一盘棋")
    assert is_kicker("众志成城 防控疫情")
    assert not is_kicker("离石区：文艺演出送下乡 文化惠民暖人心")
    assert not is_kicker("离石区助力企业快速复工复产")


def test_empty_and_odd_pages_give_no_articles():
    assert split_articles(page_lines("")) == []
    assert split_articles(page_lines("\n\n   \n")) == []
    assert articles_of("（王艳）\n□ 王燕华\n") == []
