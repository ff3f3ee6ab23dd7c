"""A story and a question -> the sentences that answer it, and what to bold."""

import re

import pytest

from index.excerpt import EXCERPT_MAX, best_passage, locates, match_spans, names_holder, sentences, trim
from index.question import read_question
from index.tokenize import Tokenizer

STORY = (
    "本报讯 近日，红眼川乡开展爱国卫生专项运动。乡党委以五个村为整治重点，集中解决六乱现象。"
    "截至目前，全乡已清理各类陈年垃圾近8568立方米。该乡负责人表示，防控疫情，人人有责，我们将长期坚持下去。"
)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return Tokenizer(tmp_path_factory.mktemp("jieba"))


def passage(tokenizer, text, question):
    q = read_question(question, tokenizer)
    return best_passage(text, q, {w.text: 1.0 for w in q.words}, tokenizer.fold)


@pytest.mark.parametrize("question, expected", [
    ("红眼川乡清理了多少垃圾", "截至目前，全乡已清理各类陈年垃圾近8568立方米。"),
    ("红眼川乡负责人咋说的", "该乡负责人表示，防控疫情，人人有责，我们将长期坚持下去。"),
    ("红眼川乡的整治重点是啥", "乡党委以五个村为整治重点，集中解决六乱现象。"),
])
def test_passage_follows_what_is_asked(tokenizer, question, expected):
    assert passage(tokenizer, STORY, question).text.startswith(expected)


def test_how_far_a_campaign_has_got_is_its_tally(tokenizer):
    text = ("本报讯 信义镇开展爱国卫生运动，动员群众投身爱国卫生运动。" + "甲" * 160 + "。"
            "据悉，信义镇爱国卫生运动开展以来，累计出动挖机16台，清理垃圾300余吨。" + "乙" * 160 + "。")
    assert passage(tokenizer, text, "信义镇爱国卫生运动弄得咋样了").text.startswith("据悉，信义镇爱国卫生运动开展以来，累计出动挖机16台")


def test_the_tally_answers_how_far_though_it_never_names_the_work(tokenizer):
    text = ("本报讯 田家会街道移民拆除复垦工作干得热火朝天。" + "丙" * 160 + "。"
            "截至3月11日，已经拆除172户，完成了总任务的82%。" + "甲" * 160 + "。"
            "在拆除复垦工作中，田家会街道对全街道搬迁对象的旧房情况认真摸底，做到能拆快拆、应拆尽拆。" + "乙" * 160 + "。")
    assert "已经拆除172户" in passage(tokenizer, text, "田家会街道拆旧房搞复垦，进展咋样了？").text


def test_a_named_kind_of_place_is_answered_by_a_place_of_that_kind(tokenizer):
    text = ("台积电是全球第一家专业集成电路制造公司，工厂遍布各地，位于新竹的总部统筹生产。" + "甲" * 150 + "。"
            "近年台积电积极扩展海外产能，先后在美国亚利桑那州与日本熊本县设厂。" + "乙" * 150 + "。")
    assert "熊本县" in passage(tokenizer, text, "台积电在日本的工厂位于哪个县？").text


def test_a_share_is_stated_by_a_ratio_not_by_any_number(tokenizer):
    from index.excerpt import states
    assert states("how_many", "税收按4:6比例分成", "比例") and states("how_many", "离石区分得60%", "比例")
    assert not states("how_many", "税收将按双方约定比例进行分成，园区规划面积12平方公里", "比例")


def test_a_tally_is_counted_in_all_not_any_number():
    from index.excerpt import _evidence_value
    assert _evidence_value("progress", "全年上报社情民意信息共48条", None) == 1.0
    assert _evidence_value("progress", "2019年是中华人民共和国成立70周年", None) < 1.0  # 共 of 共和国
    assert _evidence_value("progress", "截至3月11日，已经拆除172户，完成了总任务的82%。", None) == 1.0
    assert _evidence_value("progress", "目前，该街道已经与中磁尚善、珍味谱等企业合作，为搬迁户搭建就业平台100个", None) < 1.0  # 已经 sums nothing up


def test_a_term_is_spelt_out_by_a_definition_or_by_its_parts_beside_it():
    from index.excerpt import spells_out
    assert spells_out("六乱", "该镇将“六乱”乱堆乱放、乱搭乱建、乱倒乱扔作为整治的重点")
    assert spells_out("三要素", "落实扫码、测温、戴口罩“三要素”")
    assert spells_out("地雷", "扫除潜藏的密切接触者和未发现病例这些“地雷”，为打赢疫情防控阻击战…")  # the things it calls so
    assert spells_out("飞地经济", "“飞地经济”是一种新型经济合作模式")
    assert not spells_out("三新五大", "信义镇紧紧围绕“三新五大”发展思路，积极开展“爱国卫生季”活动")
    assert not spells_out("五查四问六了解", "扎实开展“五查四问六了解”工作，进一步压实帮扶责任、落实帮扶措施")
    assert spells_out("飞入地", "在共建园区内（即“飞入地”）落户建设")  # named in brackets after what it is
    assert spells_out("双气头工艺路径", "采用大型焦炉技术和航天炉粉煤加压气化互为补充的双气头工艺路径")  # described before it
    assert not spells_out("扫雷兵", "就是要当好抗击疫情的“扫雷兵”")  # a quoted name with a short modifier: not spelt out
    assert not spells_out("四堆", "集中解决六乱现象、污水管控和“四堆”等问题")  # the last item of a list, not its sum


def test_a_term_is_described_where_it_heads_more_of_its_clause():
    from index.excerpt import describes
    assert describes("以购代捐", "这种“以购代捐”的“消费扶贫”模式，推动了扶贫从传统“输血”向持续“造血”的转变。")
    assert describes("山花牌", "公司所创“山花牌”商标连续几届被评为“中国著名品牌”")
    assert not describes("硬伤户", "剔除“硬伤户”，纳入“真贫户”，确保贫困人口识别精准度达100%")  # what a verb takes
    assert not describes("扫雷兵", "就是要当好抗击疫情的“扫雷兵”")
    assert not describes("三新五大", "紧紧围绕“三新五大”发展思路")  # a set named by its number: only its items tell it
    assert not describes("136", "兜底保障政策“136”保障机制")


def test_a_place_of_a_kind_is_a_name_not_a_count():
    from index.excerpt import prints_a
    assert prints_a("县", "先后在美国亚利桑那州与日本熊本县设厂", "工厂位于哪个县")
    assert not prints_a("村", "以未移民的5个村为整治重点，各村清理垃圾", "哪些村")
    assert prints_a("学校", "离石区东关小学开设水墨画课程", "是哪个学校的")  # a 小学 is a school


def test_a_date_is_no_count(tokenizer):
    from index.excerpt import states
    assert not states("how_many", "近日，离石区举办2022年春风行动网络招聘会，帮助外出务工人员") and states("how_many", "共有108家企业参加")
    assert not states("how_many", "大家一起动手，统一清理") and states("how_many", "出动四十余名医护人员")


def test_a_day_is_of_a_month():
    from index.excerpt import states
    from index.question import DAY
    assert states("when", "2月20日，在区、镇、企三方的合力努力下，通过复工验收。", DAY)
    assert states("when", "正月初二，新闻办全体人员全部上岗。", DAY)
    assert not states("when", "2017年6月建设投产。", DAY)


def test_a_span_is_no_date_and_is_in_the_unit_asked():
    from index.excerpt import states
    assert not states("how_long", "2017年6月建设投产") and not states("how_long", "2017 年 6 月建设投产")
    assert states("how_long", "可免费阅读使用30天", "天") and not states("how_long", "为期3个月", "天")
    assert states("how_long", "二十多年来在一线", "年")
    assert states("how_long", "那天从中午12点一直忙到晚上12点，他没喝一口水")  # from one hour to another
    assert not states("how_long", "活动10点开始，不到中午就结束了")
    assert not states("how_long", "疫情期间的纾困政策真是太给力了") and not states("how_long", "推进防控常态化")
    assert states("how_many", "离石区域10.8平方公里", "面积") and not states("how_many", "建设的209国道东西两侧", "面积")


def test_a_why_is_answered_by_some_reason():
    from index.excerpt import states
    assert states("why", "受疫情影响，春节期间淀粉制品停止生产") and states("why", "因其高度超过日本本土的富士山，改称新高山")
    assert states("why", "得知该公司存在产品销售难的问题，建议公司加大线上销售力度")
    assert states("why", "工作结束不了，脱不了防护服，不管多长时间不能喝水")  # what cannot be done
    assert states("why", "他早早就主动申请在年三十、大年初一值班。")  # a choice of his own
    assert not states("why", "其中龙马坡村已全部完成任务，马家沟村完成一半左右，李家山村也已经开启拆除工作。")
    assert not states("why", "界峁村村民武才明作为此次搬迁户，享受到了拆除复垦带来的红利。")  # 作为, not a purpose 为…
    assert states("why", "对拆房户予以奖励，激励村民带头拆除老旧房屋。")
    assert states("why", "将那些因功能区位不同、资源环境制约等原因不适合在本区域实施的项目")
    assert states("why", "……”因病例曾去过商场、药店，尽管已是深夜，他仍不停地拨打电话。")  # a clause opening on 因
    assert not states("why", "坚持因地制宜，发展特色产业。")


def test_a_year_of_three_digits_is_a_date(tokenizer):
    from index.excerpt import states
    assert states("when", "阳嘉元年（132年），张衡制成候风地动仪") and not states("when", "他工作了5年")


def test_a_motive_is_a_reason(tokenizer):
    text = ("本报讯 3月12日，离石区和中阳县签约，合作发展飞地经济。" + "甲" * 60 + "。"
            "离石区从补齐经济短板、壮大经济实力、破解土地和环境难题、提升传统产业、调整产业布局入手，把发展飞地经济作为重要抓手。"
            + "乙" * 60 + "。")
    assert passage(tokenizer, text, "离石区为啥要发展飞地经济").text.startswith("离石区从补齐经济短板")


def test_the_quote_before_its_attribution_comes_with_it(tokenizer):
    text = "本报讯 离石电缆复工了。" + "甲" * 60 + "。“政府帮我们打开了销路，给企业吃下了定心丸。”" + "副总经理郭新春说。" + "乙" * 80 + "。"
    assert passage(tokenizer, text, "郭新春咋说的").text.startswith("“政府帮我们打开了销路")


def test_which_ones_are_answered_by_the_list(tokenizer):
    text = ("本报讯 田家会街道移民拆除复垦工作干得热火朝天。" + "甲" * 150 + "。"
            "在拆除复垦工作中，田家会街道对全街道易地搬迁对象的旧房情况认真摸底，逐步推进。" + "乙" * 150 + "。"
            "其中龙马坡村、韩家坡村、安家山村已全部完成任务。" + "丙" * 150 + "。")
    assert passage(tokenizer, text, "田家会哪些村的旧房子已经全拆完了").text.startswith("其中龙马坡村")


def test_bodies_of_one_kind_named_in_turn_are_a_list():
    from index.excerpt import WEAK_EVIDENCE, _evidence_value
    named = "其中，中磁尚善科技有限公司吸纳100个，艺德传统工艺发展有限公司吸纳190个，珍味谱食品股份有限公司吸纳93个。"
    assert _evidence_value("which_ones", named, None) == 1.0
    mixed = "凤山街道党委委员说:“根据区委的统一安排，今天义诊队来我们凤山街道各村进行义务就诊。”"  # three kinds of body, no list
    assert _evidence_value("which_ones", "其中" + mixed, None) == WEAK_EVIDENCE


def test_titles_in_turn_are_a_list():
    from index.excerpt import WEAK_EVIDENCE, _evidence_value
    programme = "舞蹈《再唱山歌给党听》《敬祝毛主席万寿无疆》，笛子独奏《纺线线》，手鼓《请到离石来》。"
    assert _evidence_value("which_ones", programme, None) == 1.0
    assert _evidence_value("which_ones", "演员们表演了《纺线线》、《打金钱》。", None) == WEAK_EVIDENCE  # a pair


def test_a_quotation_answers_before_reported_speech_by_its_speaker(tokenizer):
    # the speaker is named in the line after the quotation; his reported speech comes later
    text = ("本报讯 “入企服务工作人员给了我们很大帮助。”" + "副总经理郭新春说。" + "甲" * 60 + "。"
            "郭新春说，虽然目前疫情给我们带来了影响，但是政府帮忙打开了销路。" + "乙" * 80 + "。")
    assert passage(tokenizer, text, "副总经理郭新春说了啥").text.startswith("本报讯 “入企服务工作人员")


def test_he_who_speaks_is_the_one_named_before(tokenizer):
    text = ("本报讯 田家会街道拆除复垦工作干得热火朝天。" + "甲" * 100 + "。“拆旧工作要力争做到群众愿意、群众满意。”"
            + "乙" * 100 + "。田家会街道界峁村村民武才明作为此次搬迁户，享受到了拆除复垦带来的红利。"
            "他乐呵呵地说：“全村将搬入城里，旧房拆除后能得到补偿。”" + "丙" * 100 + "。")
    assert "旧房拆除后能得到补偿" in passage(tokenizer, text, "界峁村那个武才明对拆旧房咋看的？").text


def test_who_said_a_quotation_is_the_line_after_it(tokenizer):
    text = ("本报讯 离石区总工会将5万元慰问金送到区宣传系统手里，温暖励志的话语声声入耳。"
            "“我们不仅要做战‘疫’进程的记录者，更要把党的政策方针传遍千家万户。"
            "下一步将结合安排部署，宣传报道重点转向复工、复产、复学等内容上来，" + "丙" * 50 + "。”"
            "离石区新闻办要闻部主任王卫华如是说。" + "甲" * 100 + "。")
    said = passage(tokenizer, text, "“我们不仅要做战‘疫’进程的记录者，更要把党的政策方针传遍千家万户” 这话是谁说的？").text
    assert "王卫华如是说" in said


def test_a_speaker_who_opens_the_next_quotation_lends_nothing_to_the_one_before(tokenizer):
    text = ("本报讯 医疗集团开展献血活动。" + "甲" * 60 + "。干事张娟说：“我主动参与了这次献血活动。”"
            "副院长吴向阳说：“救死扶伤是我们医务人员的天职。”" + "乙" * 80 + "。")
    assert passage(tokenizer, text, "副院长吴向阳说了什么").text.startswith("副院长吴向阳说")


def test_a_long_quote_goes_before_the_line_that_says_who_said_it(tokenizer):
    said = "“上午我们还在公司开会，复工手续已全部办理完毕，" + "现在开始复产，" * 14 + "真是太给力了！”"
    text = "本报讯 " + said + "2月21日，山西中磁尚善科技有限公司董事长陈艳感慨道。" + "甲" * 60 + "。"
    assert passage(tokenizer, text, "中磁尚善的董事长陈艳感慨了句啥").text.startswith("本报讯 “上午我们还在公司开会")


def test_the_answer_in_the_next_sentence_comes_with_it(tokenizer):
    text = "本报讯 离石区图书馆开展送书上门活动。记者了解到，活动很受欢迎。截至目前，共送出图书98本。"
    assert "98本" in passage(tokenizer, text, "送书上门送了多少本书").text


def test_a_question_about_the_story_gets_its_lead(tokenizer):
    assert passage(tokenizer, STORY, "红眼川乡那篇讲了些什么").text.startswith("本报讯 近日，红眼川乡开展爱国卫生专项运动。")


def test_traditional_story_text_is_matched(tokenizer):
    text = "本報訊 信義鎮開展愛國衛生運動。全鎮共清理垃圾300噸。"
    result = passage(tokenizer, text, "信义镇清理了多少垃圾")
    assert result.text == "全鎮共清理垃圾300噸。" and result.spans == ((3, 7),)


def test_a_digit_inside_a_number_is_never_bold():
    assert match_spans("2020年2月20日", {"20"}) == ((7, 9),)
    assert match_spans("2020年2月20日", {"2"}) == ((5, 6),)
    assert match_spans("共有112人", {"12"}) == ()


def test_trim_keeps_numbers_whole():
    long = "甲" * 100 + "共计13.25万元" + "乙" * 100
    cut = trim(long, ["共计"])
    assert len(cut) <= EXCERPT_MAX + 2 and "13.25万元" in cut


def test_sentences():
    assert sentences("第一句。第二句！“第三句？”\n第四句") == ["第一句。", "第二句！", "“第三句？”", "第四句"]


def test_a_printed_date_answers_when_better_than_a_vague_one(tokenizer):
    text = "本报讯 近日，春风行动网络招聘会开幕。招聘会从2月16日至3月31日持续开展线上招聘。"
    assert "2月16日至3月31日" in passage(tokenizer, text + "其余" * 60 + "。", "春风行动招聘会从几号开到几号").text


def test_a_numbered_set_is_answered_by_its_items(tokenizer):
    text = ("本报讯 今年以来，离石区以“六个一批”为抓手，引导贫困家庭劳动力充分就业。" + "甲" * 40 + "。"
            "吕梁山护工延伸产业促进就业一批。开设培训专班。" + "乙" * 40 + "。"
            "劳务组织化程度外输一批。充分发挥服务中心职能。" + "丙" * 40 + "。"
            "公益岗位安置就业一批。通过成立造林合作社安置。")
    found = passage(tokenizer, text, "「六個一批」具體指的是哪些？")
    assert found.evidence and found.text.startswith("吕梁山护工延伸产业促进就业一批。劳务组织化程度外输一批。公益岗位安置就业一批。")
    assert "一批。劳务" not in passage(tokenizer, text, "“六个一批”里说的培训专班是哪几个").text  # the set is context, not asked


def test_the_holder_asked_for_is_named_after_the_post(tokenizer):
    text = ("本报讯 12月2日，由离石区人社局开展的“消费扶贫现场会”活动在梁家焉村举行。" + "甲" * 60 + "。"
            "当天区人社局全体干部职工以购代捐，购买农产品。" + "乙" * 60 + "。"
            "区人社局局长王润斌谈到，这次消费扶贫活动的开展意义重大。" + "丙" * 60 + "。")
    assert passage(tokenizer, text, "消费扶贫那次讲话的区人社局局长叫啥名字").text.startswith("区人社局局长王润斌")


def test_a_sentence_that_refers_back_holds_what_it_refers_to(tokenizer):
    text = ("本报讯 离石区助力企业复工复产。" + "甲" * 60 + "。"
            "吕梁市北海山农副产品开发有限公司是离石区联社辖内信贷企业，主要生产淀粉制品，原贷金额446万元。"
            "受疫情影响，春节期间淀粉制品停止生产，" + "丁" * 100 + "，贷款到期后，公司提出续贷申请。"
            "该社收到申请后，快速与企业对接，为其办理了续贷资金420万元。" + "丙" * 150 + "。")
    assert "420万元" in passage(tokenizer, text, "北海山那个淀粉厂续贷了多少钱").text


def test_a_quotation_of_several_sentences_is_the_speakers_from_its_first(tokenizer):
    question = read_question("高爱花说了什么", tokenizer)
    text = ("刚刚成为扶贫车间的一名绕线员，高爱花十分珍惜来之不易的就业机会。"
            "“感谢党的好政策，让我们搬出了山区，更让我们在家门口就能赚上了钱。我一定要在扶贫车间好好工作。”"
            "家住后马家村安置小区的村民高爱花高兴地说。")
    passage = best_passage(text, question, {"高爱花": 3.0}, tokenizer.simplified)
    assert passage.text.startswith("“感谢党的好政策")


def test_a_measure_said_twice_counts_nothing():
    from index.excerpt import states
    assert not states("how_many", "一条条粉红色的谜语引起了居民们浓厚的兴趣")
    assert states("how_many", "共有一百条谜语")


def test_a_count_of_people_is_no_article():
    from index.excerpt import NAME_AFTER, states
    assert not states("how_many", "刚刚成为扶贫车间的一名绕线员", "人")  # 一名: "a", not a count
    assert states("how_many", "突击队共有一名队员", "人") and states("how_many", "共有队员12名", "人")
    assert not re.match(NAME_AFTER, "表示，防控疫情")  # "负责人表示，…" names no one


def test_a_day_of_the_lunar_calendar_is_a_date_and_a_year_asked_needs_one():
    from index.excerpt import states
    assert states("when", "正月初二，离石区新闻办全体人员全部上岗") and states("when", "大年初一凌晨")
    assert not states("when", "他主动申请在年三十、大年初一值班", "年") and states("when", "他2003年参加工作", "年")
    assert not states("when", "这是初中学生")  # 初中 is no day


def test_a_thing_is_located_by_where_it_lies_not_by_where_it_went():
    assert locates("村", "11月29日，在位于信义镇西北的回龙塔村的村委大院里红旗飘飘。")
    assert not locates("村", "公司党员来到结对帮扶村回龙塔村，开展慰问活动。")  # a village is not where a village is
    assert locates("点", "对驻村帮扶点十里村村内18处垃圾进行了清理。")  # the point is the village
    assert locates("车间", "她在后马家村安置小区扶贫车间当上了绕线员。")
    assert not locates("医院", "离石区卫计局组织吕梁泰化医院的医疗专家来到上楼桥村开展义诊。")
    assert not locates("门市部", "图为离石区金太阳种业公司门市部农资货源充足。")  # the district is no address


def test_a_secretary_is_the_one_of_the_party_body_asked_about():
    asked = "梁家焉村的党支部书记是谁"
    assert not names_holder("书记", "交口街道办党工委书记高君说道。", asked)
    assert names_holder("书记", "梁家焉村党支部书记李明说，今年收成好。", asked)
    assert names_holder("书记", "上楼桥村党支部书记车建文说:“今天…”", "上楼桥村的书记是谁")  # 支部 is no department
    assert names_holder("科长", "疾控中心主任助理、免疫规划科科长李建军就是其中的一员。", "免疫规划科科长叫什么")  # 就是 after the name
    assert not names_holder("主任", "新闻办主任就是一名老记者。", "新闻办主任叫啥")  # 就是 after the post names no one
    assert names_holder("副主席", "区政协副主席王建新带着捐赠的棉大衣送到贾悟村。", "送棉大衣的区政协副主席是谁")


def test_what_was_given_is_the_list_after_the_verb_asked(tokenizer):
    text = ("这天，联翔电建有限公司全体党员、预备党员、积极分子来到回龙塔村，开展慰问高龄老人活动。"
            "慰问过程中，该公司给25户贫困户，22位高龄老人送去了面、大米、食用油等生活用品。")
    assert read_question("联翔电建慰问老人送了啥东西", tokenizer).listed_by == "送"
    assert "食用油" in passage(tokenizer, text, "联翔电建慰问老人送了啥东西").text


def test_a_quotation_is_said_by_the_one_named_after_it_who_goes_on_speaking(tokenizer):
    text = ("“这是好事情，我早想出去工作了。现在家门口有了车间能工作，并且还能拿到自己家中干活。”"
            "在五里铺安置小区居住的薛雪梅由衷地说，看到其他姐妹们纷纷报名，她也想学习丝网花编织。"
            "“目前，有意愿到扶贫车间工作的人员有15人。”陈婷说，突击队通过送政策送岗位，帮助贫困群众摆脱落后思想。")
    assert "拿到自己家中干活" in passage(tokenizer, text, "五里铺安置小区的薛雪梅是怎么说的").text


def test_how_many_in_all_is_the_total_not_a_part(tokenizer):
    text = ("围绕打好三大攻坚战，就减排、治污、保护环境撰写提案6件。" + "甲" * 150 + "。"
            "全年开展调研视察活动26次、撰写提案196件、报送社情民意信息48条。")
    assert "196件" in passage(tokenizer, text, "区政协2019年一共收到委员提案多少件啊").text


def test_a_quoted_sentence_is_found_where_it_opens_the_story(tokenizer):
    # the words of the first sentence weigh less elsewhere (the answer says "it"), but not the
    # words of a sentence the reader copied: that sentence is what is asked about
    text = ("本报讯“这几天，企业正为产品销售的问题而发愁，入企服务工作人员给了我们很大帮助。”电缆公司副总经理郭新春说。"
            + "甲" * 60 + "。入企帮扶人员来到电缆公司，全力帮助企业解决产品销售的问题，建议加大线上销售力度。" + "乙" * 60 + "。")
    question = "“企业正为产品销售的问题而发愁，入企服务工作人员给了我们很大帮助” 这话是电缆公司哪位说的？"
    assert "郭新春" in passage(tokenizer, text, question).text
    assert read_question("“佳节尚文明 志愿关爱行”演了哪些节目", tokenizer).quoted == ""  # a name, not a copied sentence


def test_why_an_honour_was_given_is_the_merit_before_it():
    from index.excerpt import gives_merit
    assert gives_merit("全年上报社情民意信息48条，全市考核排名第三，被市政协授予“反映社情民意工作先进单位”称号。")
    assert not gives_merit("被市政协授予“文史工作先进单位”。")  # the honour alone says nothing of why


def test_each_place_in_a_run_of_places_is_named():
    from index.excerpt import places
    # the question names 扶贫车间; the village before it is a place it does not name
    assert places("刚刚成为后马家村移民安置小区扶贫车间中磁尚善") == ["马家村", "安置小区", "扶贫车间"]


def test_who_said_a_copied_quotation_shows_the_line_naming_the_speaker(tokenizer):
    quote = "“这种扶贫方式不同于常规扶贫模式，" + "它更能让农民看到自己农产品的价值，" * 5 + "简单地给钱给物，只能解决眼前问题，不利于长远发展。”"
    text = "本报讯 消费扶贫现场会在梁家焉村举行。" + quote + "交口街道办党工委书记高君说道。" + "据悉，" + "甲" * 80 + "。"
    shown = passage(tokenizer, text, "“简单地给钱给物，只能解决眼前问题” 这话是交口街道哪位领导说的？").text
    assert shown.endswith("党工委书记高君说道。") and len(shown) <= 160


def test_what_a_term_stands_for_is_the_sentence_that_spells_it_out(tokenizer):
    text = ("本报讯 脱贫攻坚档案建设要全程留痕，扎实开展“三转一填一审一核一验收”工作。"
            "三转，即区直各专项扶贫部门将台账转到所涉乡镇；一填，即帮扶责任人对照张贴台账完善扶贫手册；"
            "一审，即驻村工作队对帮扶责任人所填写的扶贫手册进行审查把关；" + "甲" * 150 + "。")
    shown = passage(tokenizer, text, "扎实开展“三转一填一审一核一验收”工作 其中的“一审”是指什么？").text
    assert shown.startswith("一审，即驻村工作队")


def test_a_body_referred_to_as_gai_is_shown_where_it_is_named(tokenizer):
    text = ("本报讯 离石区助力企业复工复产。" + "甲" * 60 + "。"
            "吕梁市北海山农副产品开发有限公司是离石区联社辖内信贷企业，主要生产淀粉制品。"
            "受疫情影响，贷款到期后，公司提出续贷申请。"
            "该社收到申请后，快速与企业对接，为其办理了续贷资金420万元。" + "丙" * 150 + "。")
    shown = passage(tokenizer, text, "北海山公司的续贷是哪家金融机构办的").text
    assert "离石区联社" in shown and "该社收到申请后" in shown


def test_who_is_someone_named_after_a_post_before_a_body_alone(tokenizer):
    text = ("本报讯 面对疫情，离石区田家会街道将脱贫攻坚和疫情防控工作有机结合。" + "甲" * 150 + "。"
            "田家会街道“贫困户就业宣传突击队”队员们铿锵有力的话语在防疫前线上空回荡。" + "乙" * 150 + "。突击队带头人陈婷说。"
            + "丙" * 150 + "。")
    question = read_question("田家会那个贫困户就业宣传突击队是谁带头的", tokenizer)
    weights = {"田家": 2.5, "贫困户": 1.3, "就业": 1.5, "宣传": 0.4, "突击队": 2.2, "带头": 1.6}  # their IDF in the archive
    assert "陈婷" in best_passage(text, question, weights, tokenizer.fold).text


def test_a_thing_of_the_kind_asked_may_be_named_in_quotation_marks():
    from index.excerpt import names_of_kind
    passage = "“消费扶贫现场会”活动在梁家焉村举行，这种“以购代捐”的“消费扶贫”模式，推动了扶贫的转变。"
    assert names_of_kind("模式", passage, "“消费扶贫现场会”是什么模式")
    assert not names_of_kind("模式", "这种“消费扶贫”模式推动了扶贫的转变。", "“消费扶贫”是什么模式")  # its own name only


def test_a_term_is_spelt_out_by_what_it_is_named_as_before_it():
    from index.excerpt import spells_out
    passage = "住院医保目录内费用兜底保障政策“136”保障机制兜底返补1264人次205.13万元。"
    assert spells_out("136", passage, "健康扶贫里的“136”保障机制是什么")
    assert not spells_out("136", passage, "住院医保目录内费用兜底保障政策“136”保障机制是什么意思")  # the question's own words


def test_a_set_is_spelt_out_by_its_items_named_before_it():
    from index.excerpt import spells_out
    assert spells_out("七字方针", "坚持“人钱地房树村稳”七字方针，紧紧扭住易地扶贫搬迁", "“七字方针”是哪七个字")
    assert spells_out("两手抓", "坚持疫情防控和复工复产“两手抓”“两不误”。", "“两手抓”指的是哪两件事")
    assert not spells_out("四个不摘", "离石区在脱贫攻坚上，坚持“四个不摘”，牢树“交总账”意识", "“四个不摘”是哪四个")


def test_what_someone_will_do_is_reported_speech():
    from index.excerpt import has_evidence
    assert has_evidence("quote", "莲花池街道党工委书记李克勤表示将全力配合各部门的后续整治工作，并安排街道专人加强巡逻。")
    assert not has_evidence("quote", "莲花池街道联合执法队开展集中整治，并安排街道专人加强巡逻。")


def test_items_asked_by_the_end_they_share_are_the_list_of_them(tokenizer):
    text = ("本报讯 离石区入企帮扶人员来到离石电缆有限公司的生产车间，深入了解企业生产状况。" + "甲" * 120 + "。"
            "“我们当好复工复产工作的‘助力员’、企业防疫工作的‘指导员’、惠企政策的‘宣传员’。”股长郭艳说。" + "乙" * 150 + "。")
    assert "‘指导员’" in passage(tokenizer, text, "入企帮扶的干部要当好哪几个“员”").text


def test_a_set_is_answered_by_the_sentence_that_sums_it_up(tokenizer):
    text = ("本报讯 近日，城东新建的物流园区开工。该园区有着投资大、技术新、环保绿、项目优的四大独特优势。"
            "一是投资大，规划投资160亿元，建成后年可实现工业产值140亿元，年实现利税35亿元，带动周边就业。"
            "二是路径新，采用国内先进的工艺路径，既优化流程，又找出一条新的发展路子。")
    assert passage(tokenizer, text, "物流园区有哪四大优势").text.startswith("该园区有着投资大、技术新")


def test_a_how_is_answered_by_the_rule_followed():
    from index.excerpt import states
    assert states("how", "合作区域各项经济指标、税收将按双方约定比例进行分成分配。")  # by agreement, in what share
    assert states("how", "通过网络招聘会，把线上线下的招聘服务有机结合")
    assert not states("how", "两地合作共建的园区位于离石区与中阳县交界处，总规划面积13.2平方公里。")


def test_a_word_ending_as_a_body_does_is_no_body():
    from index.excerpt import ORG
    assert [m.group(0) for m in ORG.finditer("园区重点布局现代精细化工，已经全部完成，进入公共场所")] == []
    assert ORG.fullmatch("离石区人社局") and ORG.fullmatch("田家会社区卫生服务所") and ORG.fullmatch("区政协组织部")


def test_a_holder_may_be_named_after_a_second_post():
    asked = "流调组组长是谁"
    assert names_holder("组长", "作为区疾控中心疫情流调组组长及突击队队长的李建军向来工作认真负责。", asked)
    assert not names_holder("组长", "作为流调组组长及突击队队长的他向来工作认真负责。", asked)  # 他 names no one


_VISIT = ("本报讯 近日，外县代表团来到城南社区、东山物流园、西河药材园，就社区建设、项目推进等进行考察学习。"
          "考察团深入警务室、老年活动室、就业服务站、社区微法庭、志愿服务站、书画室、网格化管理办公室、少儿活动室，"
          "了解社区整合各类便民服务设施、推动基层治理、激发社区活力的做法，听取社区党群服务中心的情况介绍。"
          "山西建投东山物流园项目经营范围覆盖仓储、配送、冷链运输、农产品集散、电子商务，{hub}。"
          "考察组详细了解园区完整的物流产业链建设情况，对园区的先进理念和现代科技表示赞赏。")


# the sentence about the thing asked, not the lead that names it among others and repeats the
# question's other words: whether it shares one of them (代表团) or none
@pytest.mark.parametrize("hub", ["是代表团此行看的区域物流枢纽", "是区域物流枢纽"])
def test_what_a_thing_is_comes_from_the_sentence_about_it_not_one_naming_it(tokenizer, hub):
    text = _VISIT.format(hub=hub)
    assert passage(tokenizer, text, "外县代表团去看的东山物流园是个啥项目").text.startswith("山西建投东山物流园")
    assert passage(tokenizer, text, "外县代表团都去看了哪些地方").text.startswith("本报讯")  # not a what-is


def test_things_listed_and_then_called_a_term_spell_it_out():
    from index.excerpt import spells_out
    assert spells_out("武器", "媒体人手上的纸笔、照相机、osmo、手机、鼠标都是这场没有硝烟战场上的“武器”。")
    assert not spells_out("武器", "他们拿起“武器”，奔赴一线。")


def test_a_terms_meaning_comes_from_the_sentence_that_spells_it_out_not_the_lead(tokenizer):
    text = ("本报讯 3月12日，东川县和西河县签约“飞地经济”合作框架协议，这是全市首家实行“飞地经济”县域间合作发展的探索实践，"
            "点燃了两县县域经济发展的新引擎，东川县和西河县的签约双方表示将全力推进合作。"
            "“飞地经济”是一种新型经济合作模式，是指打破区域限制，将不适合在本区域发展的项目放到另一个区域。"
            "两地合作共建的园区位于两县交界处，总规划面积13.2平方公里，重点布局现代精细化工、化工新材料产业。")
    assert passage(tokenizer, text, "东川和西河签约的“飞地经济”是什么意思？").text.startswith("“飞地经济”是一种")


def test_a_person_speaks_where_their_name_comes_before_a_verb_of_speech():
    from index.excerpt import speaks
    assert speaks("高爱花", "家住离石区田家会街道后马家村安置小区的信义镇村民高爱花高兴地说。")
    assert speaks("陈艳", "2月21日，山西中磁尚善科技有限公司董事长陈艳感慨道。")
    assert not speaks("王秋贵", "这政策实在是太好了，万分感谢！”随后，义诊队一行人走访慰问了贫困户王秋贵，仔细询问")
