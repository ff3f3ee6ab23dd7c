"""Question text -> what it asks: content words, answer type, the date it names."""

import pytest

from index import excerpt
from index.question import ANSWER_TYPES, WHAT_IS, WHICH_ORG, WHO, WHY, has_gap, read_question
from index.tokenize import Tokenizer


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return Tokenizer(tmp_path_factory.mktemp("jieba"))


def words(tokenizer, text):
    return [w.text for w in read_question(text, tokenizer).words]


@pytest.mark.parametrize("text, wants", [
    ("图书馆送书上门啥时候开始搞的", "when"),
    ("离石区和中阳县啥时候签的飞地经济协议？", "when"),
    ("送书上门一次能借多久", "how_long"),
    ("请问图书馆送书上门一次能借几本", "how_many"),
    ("郭志平是谁", "who"),
    ("中磁尚善的项目是哪个单位批的", "which_org"),
    ("飞地经济园区建在哪儿", "where"),
    ("那家公司在日本的工厂位于哪个县", "where"),  # 哪个县: a place of that kind
    ("梁家焉村现场会上都卖了些啥农产品", "which_ones"),
    ("新闻办的稿子都在哪些微信平台转发", "which_ones"),  # 在哪些: which ones, not where
    ("文艺演出送下乡都演了啥节目", "which_ones"),  # 都 … 啥: a list
    ("代表团来考察了哪几个地方", "which_ones"),  # 哪几个: which ones, not how many
    ("爱心献血 医护先行 这条新闻说的是啥", "what_is"),  # a story says it: its gist, not a quote
    ("飞地经济是啥意思", "what_is"),
    ("蒲谷香药茶产业园是做什么的", "what_is"),  # what a body does (郭志平是干什么的: who he is)
    ("金属合金软磁新材料是个什么东西", "what_is"),
    ("“五查四问六了解”具体是查什么、问什么", "what_is"),  # 具体是…什么: what the term stands for
    ("为啥要搞爱国卫生运动", "why"),
    ("红眼川乡咋宣传防疫知识的", "how"),
    ("病人回忆不清去过哪里时，流调组是怎么还原活动轨迹的", "how"),  # 哪里 only sets the time of what is asked
    ("去哪里的时候要扫码", "where"),  # …unless nothing else is asked
    ("郭新春咋说的", "quote"),
    ("中磁尚善的董事长复工时感慨了句啥", "quote"),
    ("交口街道党工委书记咋看消费扶贫这种方式", "quote"),
    ("街道办主任刘建忠讲拆旧工作要做到啥样", "quote"),  # a person speaks, whatever word ends it
    ("她说在家门口的车间上班咋样", "quote"),
    ("回龍塔村在甚麼地方", "where"),  # 甚麼: 什么 as Taiwan and Hong Kong write it
    ("送慰问金时工会领导具体讲了什么话", "quote"),  # 具体 between the speaker and the verb
    ("县里领导在签约仪式上讲了什么", "quote"),  # where he spoke, between the speaker and the verb
    ("李建军是怎么谈疾控人的职责和使命的", "quote"),
    ("“防控疫情，人人有责” 说这话的红眼川乡负责人叫啥", "who"),  # the holder of a post is asked, not the words
    ("“作为一个医务工作者，我主动参与了献血” 说这话的人后面还讲了什么", "quote"),  # 工作者 holds no 作者
    ("那篇报道讲拆旧工作要做到啥样", "topic"),  # a story speaks: no one is quoted
    ("有没有献血的照片", "photo"),
    ("义诊那张图是哪个村的", "photo"),  # 图 alone, colloquially
    ("图书馆几点开门", "when"),  # …but not in 图书馆
    ("信义镇爱国卫生运动", "topic"),
    ("街道搞的那个突击队是咋回事", "topic"),  # what happened, not why
    ("信义镇爱国卫生运动弄得咋样了？", "progress"),
    ("易地搬迁拆除复垦有什么进展", "progress"),
])
def test_answer_type(tokenizer, text, wants):
    assert read_question(text, tokenizer).wants == wants
    assert wants in ANSWER_TYPES


def test_scaffolding_is_not_content(tokenizer):
    assert words(tokenizer, "请问图书馆送书上门啥时候开始搞的") == ["图书馆", "送书上门"]
    assert words(tokenizer, "献血报道里的张娟是干什么的") == ["献血", "张娟"]
    assert "好像" not in words(tokenizer, "义诊好像还送了些药，都送了哪些药")  # a hedge, not a thing asked about
    assert "来" not in words(tokenizer, "韩家坡村那个既是搬迁户又是村干部的人，叫啥来着？")  # 来着 asks the reader's memory


def test_a_demonstrative_and_its_measure_word_point_at_nothing(tokenizer):
    assert words(tokenizer, "爱心献血 医护先行 这条新闻说的是啥") == ["爱心", "献血", "医护", "先行"]  # not 条新闻


def test_a_pasted_quotation_keeps_its_words(tokenizer):
    assert "工作者" in words(tokenizer, "“作为一个医务工作者，我主动参与了献血” 说这话的人还讲了什么")  # not 医务工


def test_how_it_is_going_is_no_word(tokenizer):
    assert words(tokenizer, "信义镇爱国卫生运动弄得咋样")[-2:] == ["爱国卫生", "运动"]  # not "样"


def test_a_lone_character_is_glued_to_its_short_neighbour(tokenizer):
    # jieba cuts an unknown (here misspelt) name in two; in a run too long to join whole, the
    # lone character still joins the piece beside it, so the name is matched by its pairs
    assert "武四民" in words(tokenizer, "凤山街道武四民对义诊咋说的")
    assert words(tokenizer, "北海山那个淀粉厂续贷了多少钱")[0] == "北海山"


def test_a_phrase_ends_at_punctuation(tokenizer):
    # joined across the comma, "记者" and "女" made a word no story prints, and a reply that
    # says what the story leaves out would have named it
    assert "记者女" not in words(tokenizer, "新闻半一共几个记者，女的几个")
    assert words(tokenizer, "兴县考察团的照片有没有，在哪儿拍的")[-1] != "儿"


def test_a_directional_complement_is_no_content(tokenizer):
    assert "下来" not in words(tokenizer, "北海山公司续贷办下来多少钱")  # it sank the question as an unprinted noun


def test_words_that_point_back_are_no_content(tokenizer):
    assert "这三项" not in words(tokenizer, "企业实行了三项硬核措施，这三项措施具体是哪些？")


def test_unknown_terms_stay_content(tokenizer):
    assert "gdp" in words(tokenizer, "离石区今年GDP增长多少？")
    assert "5g" in words(tokenizer, "回龙塔村通5G了没有")
    assert "pm2" in words(tokenizer, "离石区PM2.5降了多少")  # folding drops the point, as in the index


def test_traditional_script_is_read_as_simplified(tokenizer):
    assert words(tokenizer, "信義鎮愛國衛生運動") == words(tokenizer, "信义镇爱国卫生运动")


def test_dates_named():
    from index.tokenize import Tokenizer as T
    tokenizer = T()
    dated = read_question("2022年 5月16日 主题党日", tokenizer)
    assert (dated.year, dated.month, dated.day, dated.lists_date) == (2022, 5, 16, False)
    assert read_question("5月20日的报纸有什么", tokenizer).lists_date
    month = read_question("2022年2月有哪些新闻", tokenizer)
    assert (month.year, month.month, month.day, month.lists_date) == (2022, 2, None, True)
    last_year = read_question("去年的新闻", tokenizer, latest_year=2022)
    assert (last_year.year, last_year.relative, last_year.lists_date) == (2021, True, True)
    assert not read_question("信义镇5月的活动", tokenizer).lists_date


def test_the_unit_a_how_many_question_names(tokenizer):
    units = [read_question(q, tokenizer).unit for q in ["羊肉多少钱一斤", "献了多少毫升", "分几成", "有几个村", "多少人"]]
    assert units == ["元", "毫升", "成", None, "人"]
    assert read_question("园区的税收分成比例具体是多少", tokenizer).unit == "比例"  # a share, not any number
    assert read_question("园区面积具体有多大", tokenizer).unit == "面积"
    from index.question import NAME
    assert read_question("那个讲师的名字到底叫啥", tokenizer).named == NAME


def test_the_kind_of_name_a_question_asks_for(tokenizer):
    from index.question import CLOCK, NAME
    named = [read_question(q, tokenizer).named for q in ["门市部在哪条街", "那个讲师叫啥名字", "飞地经济是啥意思", "园区在哪儿"]]
    assert named == ["街", NAME, None, None]
    assert read_question("图书馆几点开门", tokenizer).named == CLOCK
    assert read_question("慰问金是哪位领导去送的", tokenizer).named == NAME
    assert read_question("枣架村的党支部书记是谁", tokenizer).named == NAME  # a post: its holder's name
    assert read_question("“…传遍千家万户” 这话是谁说的", tokenizer).named is None
    assert read_question("作为整治重点的5个未移民的村叫什么名字", tokenizer).named == "村"


def test_the_unit_a_count_is_asked_in(tokenizer):
    units = [read_question(q, tokenizer).unit for q in
             ["协会一共派了多少个志愿者", "一共拆了多少处违建", "发了多少篇稿子", "一共几个村", "按啥比例分", "各分多少比例"]]
    assert units == ["人", "处", "篇", None, "比例", "比例"]  # 个 counts anything; a 志愿者 is a person
    assert read_question("税收各分几成", tokenizer).wants == "how_many"


def test_the_noun_after_a_which_word_is_the_kind_of_answer(tokenizer):
    question = read_question("世纪广场附近整治的是哪条巷子？", tokenizer)
    assert [(w.text, w.category) for w in question.words if w.category] == [("巷子", True)]
    assert not any(w.category for w in read_question("北海山公司续贷的利率是多少", tokenizer).words)


def test_a_verb_with_its_resultative_complement_is_a_verb(tokenizer):
    tags = {w.text: w.tag for w in read_question("梁家焉村那羊肉多久就卖光了", tokenizer).words}
    assert tags["卖光"] == "v" and tags["羊肉"] == "n"
    tags = {w.text: w.tag for w in read_question("离石电缆产品卖不出去，后来咋解决的", tokenizer).words}
    assert tags["卖不出去"] == "v"  # what it could not come to: a verb, whatever jieba's idiom tag


def test_a_named_period_is_content_and_the_speakers_now_is_not(tokenizer):
    def words(text):
        return [w.text for w in read_question(text, tokenizer).words]

    assert words("元宵节的灯会在哪里办") == ["元宵节", "灯会"] and "南宋" in words("南宋的时候杭州叫什么")
    assert words("最近有什么献血活动") == ["献血", "活动"] and "现在" not in words("现在图书馆还送书上门吗")


def test_cues_are_read_in_the_order_they_decide_the_type(tokenizer):
    question = read_question("候风地动仪是在哪一年造出来的", tokenizer)
    assert question.wants == "when" and [w.text for w in question.words] == ["候风地动仪", "造出来"]
    assert read_question("长江的长度排名第几", tokenizer).wants == "how_many"
    assert read_question("南宋时杭州被叫作什么", tokenizer).wants == "what_is"


def test_a_character_the_reader_could_not_recall_is_a_gap(tokenizer):
    question = read_question("疾控那个李建X，在防疫一线干了多少年了？", tokenizer)
    assert not any("x" in w.text for w in question.words)
    assert question.prints("李建军") and not question.prints("王卫华")
    assert has_gap("“飞X经济”") and not has_gap("PM2.5") and not has_gap("5G网络") and not has_gap("X光")
    assert has_gap("李建?军") and not has_gap("党工委书记是哪个？就是整治天益巷那次表态的")  # a Chinese question mark ends a clause


def test_a_lone_verb_beside_a_word_is_no_piece_of_a_name(tokenizer):
    assert "棉大衣" in words(tokenizer, "送棉大衣那张图是送到哪个村")
    assert "屈原" in words(tokenizer, "屈原投的是哪一条江")
    assert "献雪" in words(tokenizer, "人民医院无偿献雪活动")  # a typo's pieces still join: 献血


def test_an_area_is_asked_in_its_units(tokenizer):
    assert read_question("园区里离石区域占多大面积", tokenizer).unit == "面积"


def test_a_weight_is_asked_in_any_unit_of_weight(tokenizer):
    from index.question import WEIGHT
    assert [read_question(q, tokenizer).unit for q in ["羊肉卖了多少斤", "收了几吨玉米"]] == [WEIGHT, WEIGHT]


def test_the_district_or_home_pointed_at_is_no_content(tokenizer):
    # 区里, 家里: "the district", "at home", as a reader says them, not a place the archive prints
    assert [w.text for w in read_question("企业复工不用自己上门申请了吗？区里是怎么做的", tokenizer).words if w.text == "区里"] == []
    assert "家里" not in words(tokenizer, "家里孩子想看图书馆的书，咋才能让人送书上门")


def test_the_picture_asked_for_is_no_content(tokenizer):
    assert [w.text for w in read_question("送棉大衣那张图，是送到哪个村的贫困户手里", tokenizer).words if w.text in ("图", "手里")] == []


def test_the_term_whose_meaning_is_asked(tokenizer):
    assert read_question("“三转一填一审一核一验收”里的“一填”具体是啥意思", tokenizer).terms == ("一填",)
    assert read_question("扎实开展“三转一填一审一核一验收”工作 其中一核是什么", tokenizer).terms == ("一核",)  # one of a set
    assert read_question("一核是什么时候开始的", tokenizer).terms == ()  # when, not what
    assert read_question("脱贫攻坚坚持的“四个不摘”都是哪四个不摘", tokenizer).terms == ("四个不摘",)  # a set by its number
    assert read_question("消费扶贫“一举两得”，是哪两得来着", tokenizer).terms == ()  # an idiom, not a set
    assert read_question("“双签约”服务是签哪两个约", tokenizer).terms == ("双签约",)


def test_the_kind_of_things_listed_is_read_apart(tokenizer):
    assert read_question("出动了哪些机械车辆", tokenizer).kinds == ("机械", "车辆")
    assert read_question("采咽拭子要穿戴些啥防护装备", tokenizer).kinds == ("防护", "装备")
    assert read_question("区政协去了哪几个城市考察", tokenizer).kinds == ("城市",)
    assert read_question("区政协去沈阳考察了什么", tokenizer).kinds == ()
    assert read_question("區委中心組要求黨員幹部當好哪幾種「員」", tokenizer).kinds == ("员",)  # the end the items share


def test_an_age_is_asked_in_years_of_age(tokenizer):
    # a date or a count of cases is no one's age: only a number of 岁 answers "多大年纪"
    assert [read_question(q, tokenizer).unit for q in ["李建军今年多大年纪", "张大爷多大岁数了", "他年龄多大"]] == ["岁"] * 3
    assert excerpt.states("how_many", "1月25日凌晨3时，接到首例病例报告", "岁") is False
    assert excerpt.states("how_many", "今年52岁的李建军", "岁") is True
    assert excerpt.states("how_many", "专家们热情接待每一位患者，测量血压、血糖") is False  # 每一位: each, not a count


def test_a_telephone_or_group_number_is_asked_as_digits(tokenizer):
    from index.question import NUMBER_ID
    assert [read_question(q, tokenizer).unit for q in ["网上书房的微信群号是多少啊", "图书馆电话多少"]] == [NUMBER_ID] * 2
    assert excerpt.states("how_many", "可免费阅读使用30天，由9·9爱心公益协会配送", NUMBER_ID) is False
    assert excerpt.states("how_many", "咨询电话：0358-8221234", NUMBER_ID) is True
    assert excerpt.states("how_many", "报名电话 13812345678，或加群", NUMBER_ID) is True
    assert excerpt.states("how_many", "共有贫困人口14763人，其中贫困劳动力6292人", NUMBER_ID) is False  # a count of people
    assert excerpt.states("how_many", "项目总投资1600000元", NUMBER_ID) is False


def test_where_a_standing_thing_is_is_asked_apart_from_where_something_happened(tokenizer):
    located = [read_question(q, tokenizer).located for q in
               ["吕梁泰化医院在什么地方？", "金太阳种业门市部在哪儿啊，想去买种子", "飞地经济园区建在哪儿",
                "培训专班在哪报名啊", "义诊是在哪个社区卫生所", "签名活动在哪儿搞的", "蒲谷香药茶产业园在离石什么位置"]]
    assert located == ["医院", "门市部", "园区", "", "", "", "产业园"]  # a place may come between 在 and the cue
    assert read_question("河东社区的图书阅览室在哪栋楼？", tokenizer).named == "楼"  # a building, by its name
    assert read_question("那个王什么华说了啥", tokenizer).recalled == ("那个王",)  # 什么 in a name is a gap; 什么位置 is not


def test_a_later_outcome_is_what_follows_later(tokenizer):
    assert read_question("吴新爱老人的胆结石后来做手术了吗？", tokenizer).later == "做手术"
    assert read_question("中磁尚善啥时候复工的", tokenizer).later == ""


def test_what_inside_a_name_is_a_gap_when_another_cue_asks(tokenizer):
    question = read_question("那个做淀粉的北海什么公司，为什么要申请续贷", tokenizer)
    assert question.wants == WHY and question.prints("北海山")
    assert read_question("北海什么公司", tokenizer).wants == WHICH_ORG  # the only cue: it asks which
    assert read_question("图书馆送什么书，送了多少本", tokenizer).prints("什么")  # after a verb it asks


def test_a_post_then_its_name_asks_who_holds_it(tokenizer):
    question = read_question("区人社局局长叫什么", tokenizer)
    assert question.wants == WHO and question.holder
    assert read_question("这个活动叫什么", tokenizer).wants == WHAT_IS


def test_the_item_of_a_set_asked_by_its_number(tokenizer):
    assert read_question("九大重点任务第一项是什么", tokenizer).ordinal == "一"
    assert read_question("第3个措施是啥", tokenizer).ordinal == "三"
    assert read_question("区委中心组第4次集体学习学了啥", tokenizer).ordinal == ""  # an event's number
    assert read_question("九大重点任务头一项是啥", tokenizer).ordinal == "一"  # 头一项: the first
    assert read_question("头三个月干了啥", tokenizer).ordinal == ""  # the first three, no point


def test_the_kind_whose_name_is_asked_is_the_answers_kind(tokenizer):
    question = read_question("区政协编辑出版的那两本刊物叫啥来着", tokenizer)
    assert [w.category for w in question.words if w.text == "刊物"] == [True]
    assert not any(w.category for w in read_question("区人社局局长叫什么", tokenizer).words)  # a post: who holds it


def test_a_verb_with_its_complement_is_no_place(tokenizer):
    assert [w.tag for w in read_question("高爱花当上绕线员后说了什么", tokenizer).words if w.text == "当上"] in ([], ["v"])
    assert any(w.text == "网上" and w.tag == "s" for w in read_question("网上招聘", tokenizer).words)


def test_a_search_for_a_time_asks_when(tokenizer):
    assert read_question("大土河500万吨煤化工项目 建成投产时间", tokenizer).wants == "when"
    assert read_question("疫情期间一共花了多少时间", tokenizer).wants != "when"


def test_the_year_asked_and_the_kind_whose_one_is_asked(tokenizer):
    assert read_question("李建军是哪一年参加工作的", tokenizer).unit == "年"
    question = read_question("政协机关那个“三支力量”尽锐出战的村子是哪个", tokenizer)
    assert [w.category for w in question.words if w.text == "村子"] == [True]
    assert not any(w.category for w in read_question("武才明是哪个村的", tokenizer).words if w.text == "武才明")


def test_how_come_asks_why_and_how_to_asks_how(tokenizer):
    from index.question import HOW, WHY
    assert read_question("北海山农副产品公司咋要申请续贷呢", tokenizer).wants == WHY
    assert read_question("怎么会有这么多人报名", tokenizer).wants == WHY
    assert read_question("咋才能让人送书上门", tokenizer).wants == HOW
    assert read_question("公益岗位是通过哪些途径安置贫困劳动力的", tokenizer).wants == HOW  # the means, not a list of things
    assert read_question("田家会街道用啥法子鼓励村民拆老房子", tokenizer).wants == HOW
    assert read_question("献一次血要走哪些步骤呀", tokenizer).wants == HOW  # the steps of doing it
    assert read_question("红眼川乡还用了哪些办法来巩固专项行动效果", tokenizer).wants == HOW  # not how it went


def test_the_last_clause_asks_where_an_earlier_one_sets_the_scene(tokenizer):
    from index.question import HOW, PHOTO, WHEN
    assert read_question("病人记不清去过哪儿，流调人员咋还原他的活动轨迹", tokenizer).wants == HOW
    assert read_question("有没有小学生画水墨画的图片，哪个学校的", tokenizer).wants == PHOTO  # the photo is still asked for
    assert read_question("培训什么时候开班？在哪里报名？", tokenizer).wants == WHEN  # two questions: the first is not a scene


def test_what_kind_of_thing_is_what_it_is(tokenizer):
    from index.question import WHAT_IS
    assert read_question("报上说的“飞地经济”是一种什么模式？", tokenizer).wants == WHAT_IS


def test_what_a_body_does_is_what_it_is_and_what_a_person_does_is_who(tokenizer):
    from index.question import WHAT_IS, WHO
    assert read_question("北海山农副产品公司是干啥的？", tokenizer).wants == WHAT_IS
    assert read_question("那个就业宣传突击队是干嘛的", tokenizer).wants == WHAT_IS
    assert read_question("李建军是干啥的", tokenizer).wants == WHO
    assert read_question("那个讲师是干什么的", tokenizer).wants == WHO


def test_how_many_things_a_which_ones_question_says_there_are(tokenizer):
    counted = [read_question(q, tokenizer).counted for q in
               ["全区9所中标培训机构都是哪几家", "区政协那6件重点提案都是啥", "九大重点任务有哪些", "七字方针是哪七个字", "有哪些村",
                "义诊活动分5个小组，先后深入了凤山街道哪些村", "15个电商扶贫平台建在哪些乡镇", "5个村分别是哪几个村",
                "要重点抓的九个方面工作都有哪些"]]
    assert counted == [9, 6, 0, 0, 0, 0, 0, 5, 0]  # a numbered set (九大, 九个方面) is answered point by point; 5个小组, 15个平台 are not the 村, 乡


def test_which_day_asks_for_a_day_of_a_month(tokenizer):
    from index.question import DAY
    assert [read_question(q, tokenizer).unit for q in ["哪天通过的复工验收", "几号开的会", "哪一年参加工作"]] == [DAY, DAY, "年"]


def test_a_cue_is_a_word_not_the_end_of_one(tokenizer):
    from index.question import WHICH_ONES, WHY
    assert read_question("被确定为重大项目的有哪些", tokenizer).wants == WHICH_ONES  # 项目的, not 目的
    assert read_question("拿出收益奖励拆房户，目的是什么", tokenizer).wants == WHY


def test_what_is_called_so_asks_what_it_is(tokenizer):
    from index.question import WHAT_IS, WHY
    assert read_question("啥叫“飞地经济”？", tokenizer).wants == WHAT_IS
    assert read_question("什麼叫飛地經濟", tokenizer).wants == WHAT_IS
    assert read_question("辣椒为什么叫朵朵红", tokenizer).wants == WHY


def test_how_an_effect_is_had_asks_how_not_how_far(tokenizer):
    from index.question import HOW, PROGRESS
    assert read_question("红眼川乡怎么保证整治效果能巩固住", tokenizer).wants == HOW
    assert read_question("红眼川乡整治的效果怎么样", tokenizer).wants == PROGRESS


def test_a_time_limit_asks_how_long(tokenizer):
    from index.question import HOW_LONG, WHEN
    assert read_question("流调组出报告有什么时间要求", tokenizer).wants == HOW_LONG  # 24小时内, not a day
    assert read_question("流调组是什么时间出的报告", tokenizer).wants == WHEN


def test_a_story_asked_for_by_its_subject_is_asked_as_a_whole(tokenizer):
    asked = [read_question(q, tokenizer).about_story for q in
             ["莲花池街道世纪广场周边环境整治的报道", "有没有讲离石新闻办记者抗疫的报道？", "信义镇爱国卫生运动",
              "“以购代捐”的“消费扶贫”模式 是哪的新闻", "新闻办的报道有多少篇", "兴县代表团来离石考察的情况介绍一下"]]
    assert asked == [True, True, False, False, False, True]  # told as a whole


def test_what_quotation_marks_hold_asks_nothing(tokenizer):
    question = read_question("尉汾路社区那个“彩虹几点半”活动是个什么样的活动", tokenizer)
    assert (question.wants, question.named, question.unit) == ("what_is", None, None)  # 几点 names the activity


def test_a_request_to_tell_is_no_content(tokenizer):
    for question in ["疾控中心李建军的抗疫事迹，说说看", "讲讲兴县代表团来离石考察的情况", "介绍一下送书上门活动"]:
        assert not {"说说看", "讲讲", "介绍一下"} & {w.text for w in read_question(question, tokenizer).words}


def test_a_count_in_any_measure_asks_how_many(tokenizer):
    from index.question import HOW_MANY
    for question in ["天益巷整治一共拆了几处违章建筑", "建了几座桥", "种了几棵树"]:
        assert read_question(question, tokenizer).wants == HOW_MANY, question


def test_a_likening_frames_the_question(tokenizer):
    words = {w.text for w in read_question("文章把疾控流调人员比作扫雷兵，他们要扫的“地雷”指的是什么？", tokenizer).words}
    assert "地雷" in words and not {"比作", "指"} & words


def test_a_surname_alone_is_no_word_of_the_question(tokenizer):
    words = {w.text for w in read_question("疾控那个姓李的科长为啥一个劲地打电话", tokenizer).words}
    assert "科长" in words and not any("姓" in w for w in words)
    assert "姓" in read_question("李建军姓什么", tokenizer).folded  # asking the surname is kept


def test_a_post_typed_by_its_sound_is_that_post(tokenizer):
    assert read_question("枣架村党支部书计叫什么名字", tokenizer).holder == "书记"
    assert read_question("专项行动工作小组的组张是谁", tokenizer).holder == "组长"
    assert "保长" not in {w.text for w in read_question("“136”保彰机制是什么政策", tokenizer).words}  # 保障 is commoner


def test_from_where_asks_where(tokenizer):
    from index.question import WHERE
    assert read_question("培训会请的讲师是从哪来的", tokenizer).wants == WHERE
    assert read_question("屠呦呦是从哪种中药里提取出青蒿素的", tokenizer).wants != WHERE  # 哪种: which one


def test_those_few_point_at_things_they_do_not_count_them(tokenizer):
    from index.question import HOW_MANY, WHICH_ONES
    assert read_question("剩下的那几个村是哪些", tokenizer).wants == WHICH_ONES  # 那几个: those
    assert read_question("这几个项目都有啥", tokenizer).wants == WHICH_ONES
    assert read_question("义诊去了几个村", tokenizer).wants == HOW_MANY


def test_a_cue_spread_over_the_question_keeps_the_words_inside_it(tokenizer):
    words = [w.text for w in read_question("区医疗集团那个说救死扶伤是天职的副院长叫啥", tokenizer).words]
    assert "救死扶伤" in words and "副院长" in words  # 说…啥 asks; what lies between is content


def test_what_is_asked_about_is_the_run_of_words_before_the_cue(tokenizer):
    assert read_question("兴县考察团去看的晋西北建筑产业园是个啥项目", tokenizer).defined == "晋西北建筑产业园"
    assert read_question("离石和中阳签约的“飞地经济”到底是什么意思？", tokenizer).defined == "飞地经济"
    assert read_question("晋西北建筑产业园在哪", tokenizer).defined == ""  # asks where, not what


def test_the_kind_after_what_sort_of_names_the_answers_kind(tokenizer):
    words = {w.text: w for w in read_question("任家沟村现在发展成啥样的村子了", tokenizer).words}
    assert words["村子"].category and not words["发展"].category


def test_verbs_glued_are_a_verb_not_a_name(tokenizer):
    tags = {w.text: w.tag for w in read_question("离石电缆公司的山花牌电缆为啥一下子卖不动了", tokenizer).words}
    assert tags["卖不动"].startswith("v")  # a verb and its complement: 卖/不动
    assert not read_question("朵朵红辣椒是什么作物", tokenizer).words[0].tag.startswith("v")


def test_a_noun_a_verb_takes_after_the_cue_is_not_what_is_asked(tokenizer):
    assert read_question("离石区政协被哪个单位授予了先进单位称号", tokenizer).done_after_cues("称号")
    assert not read_question("每户能拿到多少补偿款", tokenizer).done_after_cues("补偿款")  # 多少补偿款: asked
    assert not read_question("北海山公司续贷的利率是多少", tokenizer).done_after_cues("利率")


def test_as_for_is_no_one_speaking(tokenizer):
    from index.question import QUOTE, WHAT_IS
    assert read_question("2022年对离石来说还是个什么年份", tokenizer).wants != QUOTE
    assert read_question("新闻工作者说的没有硝烟战场上的“武器”，指的是啥东西？", tokenizer).wants == WHAT_IS
    assert read_question("李建军说了啥", tokenizer).wants == QUOTE


def test_what_was_done_is_asked_not_what_a_quoted_name_means(tokenizer):
    assert read_question("尉汾路社区“党建引领 爱卫同行”活动上启动的是什么", tokenizer).terms == ()
    assert read_question("“飞地经济”指的是什么", tokenizer).terms == ("飞地经济",)
    assert read_question("“飞地经济”是什么", tokenizer).terms == ("飞地经济",)
    assert read_question("“紧抓‘三率一度’”——这个三率一度具体指的是啥？", tokenizer).terms == ("三率一度",)  # inside the copy


def test_a_how_question_may_name_its_kind_of_means(tokenizer):
    assert read_question("突击队是通过啥方式给贫困户讲政策的", tokenizer).means == "方式"
    assert read_question("脱贫退出要走什么程序", tokenizer).means == "程序"
    assert read_question("突击队是怎么给贫困户讲政策的", tokenizer).means is None


def test_a_time_that_points_is_no_content_whatever_jieba_tags_it(tokenizer):
    words = [w.text for w in read_question("疫情那阵子新闻办的微信编辑咋保证大家第二天一早就能看到消息", tokenizer).words]
    assert "那阵子" not in words and "新闻办" in words
    assert "以往" not in [w.text for w in read_question("离石区怎么改变以往企业上门申请的做法", tokenizer).words]


def test_an_aspect_particle_closing_a_word_is_frame(tokenizer):
    words = [w.text for w in read_question("东关小学开了个什么画的课程来着，叫啥？", tokenizer).words]
    assert "开了个" not in words and "课程" in words


def test_which_one_after_a_post_asks_who_holds_it(tokenizer):
    assert read_question("区人社局局长是哪个？就是搞消费扶贫现场会那次", tokenizer).wants == WHO
    assert read_question("区人社局局长是哪个单位的", tokenizer).wants != WHO


def test_how_someone_praised_or_described_asks_their_words(tokenizer):
    from index.question import QUOTE
    assert read_question("中磁尚善的董事长陈艳复工那天是怎么夸政策的", tokenizer).wants == QUOTE
    assert read_question("李建军是怎么形容那种工作状态的", tokenizer).wants == QUOTE
    assert read_question("中磁尚善是怎么复工的", tokenizer).wants == "how"


def test_how_someone_stood_or_what_they_said_of_a_state_asks_their_words(tokenizer):
    from index.question import QUOTE
    assert read_question("乡里负责人对这次卫生运动是怎么表态的？", tokenizer).wants == QUOTE
    assert read_question("公司副总说政府帮忙以后企业心里咋样了？", tokenizer).wants == QUOTE
    assert read_question("听说信义镇的卫生整治搞得咋样了？", tokenizer).wants != QUOTE  # heard, not said


def test_the_sentence_someone_said_asks_their_words(tokenizer):
    from index.question import QUOTE
    assert read_question("区政府承诺的那句话是什么？", tokenizer).wants == QUOTE
    assert read_question("“三率一度”那句话是什么意思", tokenizer).wants == WHAT_IS  # its meaning, not the words
    assert read_question("县委书记考察时具体讲了啥话", tokenizer).wants == QUOTE
    assert read_question("那边的商户对这次整治有啥说法？", tokenizer).wants == QUOTE
    assert read_question("这篇报道讲了啥", tokenizer).wants != QUOTE  # what the story tells


def test_what_kind_of_body_it_is_asks_what_it_is(tokenizer):
    assert read_question("兴县代表团去看的那个蒲谷什么药茶产业园，是家什么企业？", tokenizer).wants == WHAT_IS


def test_a_set_named_by_its_number_is_a_term_quoted_or_not(tokenizer):
    assert read_question("“积极参与‘九吕合作’人才引进” 这个九吕合作指的是什么？", tokenizer).terms == ("九吕合作",)
    assert read_question("紧紧扭住六大关键环节，这六大环节指的是什么？", tokenizer).terms == ()  # two words of the language
    assert read_question("离石区2022年九大重点任务第一项是什么", tokenizer).terms == ()


def test_a_noun_modifies_the_noun_after_it_but_not_a_counted_phrase(tokenizer):
    heads = {w.text: w.head for w in read_question("怎么注销微信账号", tokenizer).words}
    assert heads["微信"] == "账号"
    heads = {w.text: w.head for w in read_question("白根生家那个老房子一家人住了多少年了", tokenizer).words}
    assert heads.get("老房子") is None  # 一家人 is who lived in it, not a kind of it


def test_where_someone_lives_is_a_kind_of_place_asked(tokenizer):
    from index.question import HOME
    assert read_question("当绕线员的高爱花住哪儿啊", tokenizer).named == HOME
    assert read_question("高大姐家在哪儿？", tokenizer).named == HOME
    assert read_question("义诊是在哪儿办的", tokenizer).named is None  # an event's place, not a home


def test_where_a_place_lies_asked_in_speech(tokenizer):
    for typed in ("回龙塔村在啥位置？", "回龙塔村在哪块儿啊"):
        question = read_question(typed, tokenizer)
        assert question.located == "村" and "块儿" not in [w.text for w in question.words]  # 块儿 is the cue
    assert read_question("哪一块牌匾是新挂的", tokenizer).wants != "where"  # which piece, not where
