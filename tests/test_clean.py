from index.clean import Line, display_width, fold_width, join_lines, page_lines, tidy_spaces, undouble


def test_stray_spaces_inside_chinese_are_removed():
    assert tidy_spaces("正 处 在 最 吃 劲 的 关 键 阶") == "正处在最吃劲的关键阶"
    assert tidy_spaces("2 月 15 日，离石区总工会将 5万元慰问金") == "2月15日，离石区总工会将5万元慰问金"
    assert tidy_spaces("政 策 ，进 一 步 发 展") == "政策，进一步发展"
    assert tidy_spaces("该区制定了 《关于切实做好》 上") == "该区制定了《关于切实做好》上"
    assert tidy_spaces("在金域蓝湾 B 区小区") == "在金域蓝湾B区小区"


def test_meaningful_spaces_are_kept():
    assert tidy_spaces("升级到 Windows 10 版本") == "升级到Windows 10版本"
    assert tidy_spaces("开展以“党建引领 爱卫同行”活动") == "开展以“党建引领 爱卫同行”活动"
    assert tidy_spaces("本报讯 为丰富这段时间") == "本报讯 为丰富这段时间"


def test_heading_spaces_kept_only_in_headings():
    assert tidy_spaces("共办一桌席 共下一盘棋", heading=True) == "共办一桌席 共下一盘棋"
    assert tidy_spaces("共办一桌席 共下一盘棋") == "共办一桌席共下一盘棋"
    assert tidy_spaces("交口街道办党工委书记高 君说道。") == "交口街道办党工委书记高君说道。"


def test_doubled_bold_glyphs_are_undone():
    assert undouble("王艳王艳 摄摄") == "王艳 摄"
    assert undouble("众志成城众志成城 防控疫情防控疫情") == "众志成城 防控疫情"
    assert undouble("离石区文艺下乡演出现场离石区文艺下乡演出现场。。 王艳王艳 摄摄") == "离石区文艺下乡演出现场。 王艳 摄"
    assert undouble("离离石石区区图图书书馆馆") == "离石区图书馆"


def test_real_repetition_is_left_alone():
    for text in ["谢谢", "常常 天天", "高高兴兴", "谢谢大家的支持", "天天向上", "加油加油", "2020 2020"]:
        assert undouble(text) == text


def test_fold_width_keeps_chinese_punctuation():
    assert fold_width("ＡＢＣ１２３，（王艳）\u200b\x07") == "ABC123，（王艳）"
    assert fold_width("全角\u3000空格") == "全角 空格"


def test_display_width_counts_cells():
    assert display_width("离石区") == 3
    assert display_width("2022年") == 3
    assert display_width("“勤俭”") == 4


def test_join_lines_glues_printed_lines():
    assert join_lines(["现在是 98", "本。可能两到三天"]) == "现在是98本。可能两到三天"
    assert join_lines(["在", "2020 年脱贫攻坚"]) == "在2020年脱贫攻坚"
    assert join_lines(["佳节尚文明 志", "愿关爱行”"]) == "佳节尚文明志愿关爱行”"
    assert join_lines(["“佳节尚文明 志", "愿关爱行”"]) == "“佳节尚文明 志愿关爱行”"


def test_page_lines_fold_blank_lines_and_mark_blocks():
    raw = "\n第一行正文\n\n第二行正文\n第三行紧接\n 本报讯 新的块\n"
    assert page_lines(raw) == [
        Line("第一行正文", False, False),
        Line("第二行正文", False, False),
        Line("第三行紧接", False, True),
        Line("本报讯 新的块", True, True),
    ]


def test_a_headline_glued_to_the_next_column_is_split():
    raw = (
        "离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎 在新冠肺炎疫情防控阻击战役中，有这\n"
        "么一群人是挺身而出的先遣队，摸清“敌情”\n供指挥部参谋决策；是一个个涉险步入雷区\n"
    )
    texts = [line.text for line in page_lines(raw)]
    assert texts[:2] == ["离石区和中阳县“飞地经济”合作模式点燃县域发展新引擎", "在新冠肺炎疫情防控阻击战役中，有这"]


def test_letter_spaced_lines_are_not_split():
    raw = "群众获得感和满意度，打通\n了 全 区 脱 贫 摘 帽 最 后 一 公\n里。 （张晋晋）\n"
    assert len(page_lines(raw)) == 3
