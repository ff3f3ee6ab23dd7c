"""Search over the seeds: the question sets, and the mechanisms on small examples."""

import json

import pytest

from index.search import ANSWERED, NOT_STATED, NOTHING, open_searcher
from index.pagefile import read_page_file
from index.store import page_files
from tests.conftest import FIGURES, FIXTURES, SEEDS
from tests.blind import evaluate_blind, load_blind
from tests.evaluation import evaluate, load_questions


@pytest.fixture(scope="module")
def seed_articles():
    return [a for path in page_files(SEEDS) for a in read_page_file(path).articles]


@pytest.fixture(scope="module")
def searcher(seed_searcher):
    return seed_searcher


def test_question_set(searcher):
    report = evaluate(searcher, load_questions())
    FIGURES.append(report.line("questions (tuned on)"))
    assert report.asked >= 60 and report.out >= 10
    assert report.hit1 / report.asked >= 0.95, report.misses
    assert report.hit3 / report.asked >= 0.98, report.misses
    assert report.answered / report.asked >= 0.98, report.misses  # 100% measured; it must not get worse
    assert report.when_right == report.when, report.misses
    assert report.out_empty == report.out, report.misses


def test_held_out_question_set(searcher):
    questions = json.loads((FIXTURES / "questions_heldout.json").read_text(encoding="utf-8"))["questions"]
    report = evaluate(searcher, questions)
    FIGURES.append(report.line("questions (held out)"))
    assert report.hit1 / report.asked >= 0.9, report.misses
    assert report.out_empty == report.out, report.misses


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
    assert sorted(hit.as_json()) == ["coverage", "date", "excerpt", "id", "kind", "page_date", "score", "source", "title"]


def test_excerpts_are_short(searcher):
    for question in ["信义镇爱国卫生运动", "政协", "脱贫攻坚", "复工复产", "疫情防控"]:
        for hit in searcher.search(question, top=5):
            assert 0 < len(hit.excerpt) <= 162, (question, hit.excerpt)


def test_paging(searcher):
    first, second = searcher.search("扶贫", top=3), searcher.search("扶贫", top=3, offset=3)
    assert len(first) == 3 and second and not {h.id for h in first} & {h.id for h in second}


# Floors a little under what was measured, so a change that loses ground fails: (questions,
# unanswerable, right story first, answer in the first excerpt, unanswerable refused).
BLIND_FLOORS = {"tune": (80, 23, 0.95, 0.85, 0.95), "tune2": (60, 12, 0.95, 0.87, 0.95),
                "tune3": (30, 6, 0.93, 0.83, 1.0), "tune4": (70, 14, 0.95, 0.80, 0.95),
                "tune5": (55, 25, 0.97, 0.76, 0.95), "tune6": (70, 20, 0.95, 0.78, 0.95),
                "tune7": (30, 50, 0.97, 0.96, 0.98), "tune8": (25, 45, 0.88, 0.84, 0.88),
                "tune9": (40, 50, 0.97, 0.95, 0.88), "tune10": (60, 40, 0.95, 0.90, 0.88),
                "tune11": (80, 30, 0.97, 0.85, 0.93), "tune12": (90, 20, 0.97, 0.82, 0.82),
                "tune13": (80, 30, 0.97, 0.83, 0.93), "tune14": (80, 30, 0.95, 0.85, 0.88),
                "tune15": (80, 20, 0.97, 0.82, 0.88), "tune16": (100, 30, 0.97, 0.86, 0.93),
                "tune17": (70, 60, 0.97, 0.90, 0.85), "tune18": (95, 25, 0.97, 0.78, 0.68),
                "tune19": (100, 30, 0.97, 0.86, 0.90), "tune20": (100, 30, 0.97, 0.84, 0.95),
                "tune21": (0, 90, 1.0, 1.0, 0.75),  # unanswerable only
                "tune22": (100, 30, 0.95, 0.76, 0.85),
                "tune23": (100, 30, 0.97, 0.82, 0.9),
                "tune24": (100, 30, 0.95, 0.78, 0.85),
                "tune25": (100, 30, 0.97, 0.78, 0.9),
                "tune26": (120, 35, 0.97, 0.85, 0.85),
                "tune27": (100, 30, 0.97, 0.82, 0.9),  # what is, how, where, why, which body
                "tune28": (100, 30, 0.97, 0.75, 0.78),  # what is, how
                "tune29": (100, 30, 0.97, 0.80, 0.9),  # what is, where, how, why
                "tune30": (100, 30, 0.97, 0.82, 0.8),  # which body, who, where, how, quote
                "tune31": (100, 30, 0.97, 0.88, 0.85),  # what is, why, which ones, how many, how long, when
                "tune32": (30, 80, 0.97, 0.85, 0.85),  # mostly unanswerable, each with the kind it would have
                "tune33": (100, 30, 0.97, 0.84, 0.73),  # how, where, quote, which body; deeper stories, spoken phrasing
                "tune34": (100, 30, 0.95, 0.84, 0.88),  # what is, why, who, which ones, how many, how long, when; small items
                "heldout": (80, 22, 0.92, 0.82, 0.90), "heldout2": (117, 35, 0.95, 0.78, 0.85),
                "heldout3": (120, 35, 0.95, 0.87, 0.80), "heldout4": (120, 35, 0.97, 0.90, 0.85),
                "heldout5": (120, 35, 0.97, 0.82, 0.91), "heldout6": (120, 35, 0.97, 0.85, 0.91),
                "heldout7": (120, 35, 0.95, 0.82, 0.88), "heldout8": (120, 35, 0.96, 0.84, 0.88),
                "heldout9": (120, 35, 0.97, 0.85, 0.82), "heldout10": (120, 35, 0.97, 0.85, 0.90),
                "heldout11": (120, 35, 0.97, 0.88, 0.90),
                "heldout12": (120, 35, 0.97, 0.88, 0.88), "heldout13": (120, 35, 0.97, 0.84, 0.88),
                "heldout14": (120, 35, 0.97, 0.90, 0.88), "heldout15": (120, 35, 0.97, 0.88, 0.88),
                "heldout16": (120, 35, 0.97, 0.88, 0.85), "heldout17": (120, 35, 0.97, 0.88, 0.88),
                "heldout18": (120, 35, 0.97, 0.88, 0.91)}


@pytest.mark.parametrize("split", sorted(BLIND_FLOORS))
def test_blind_question_set(searcher, split):
    """Questions written by readers of the seed pages who never saw the code; tuned on "tune"
    to "tune34", never on "heldout" to "heldout18" (the last seventeen written late, each by another
    helper, and measured only as totals and per kind)."""
    asked, unanswerable, first, answered, refused = BLIND_FLOORS[split]
    report = evaluate_blind(searcher, load_blind(split))
    FIGURES.append(report.table(f"blind questions ({split})"))
    assert (sum(report.asked.values()), report.unanswerable) == (asked, unanswerable)
    assert report.share(report.first) >= first, report.misses
    assert report.share(report.answered) >= answered, report.misses
    assert report.refused / report.unanswerable >= refused, report.misses


@pytest.mark.parametrize("question, outcome", [
    ("离石区和中阳县啥时候签的飞地经济协议？", ANSWERED),
    ("请问图书馆送书上门一次能借几本", NOT_STATED),  # it prints how many were delivered (98本), not how many a loan
    ("離石區新聞辦疫情期間一共發了多少篇稿子", ANSWERED),  # 多少篇: "发稿数量达2000余篇", not any number
    ("河东社区图书阅览室几点开门", NOT_STATED),
    ("北海山公司续贷的利率是多少", NOT_STATED),
    ("金太阳种业门市部在哪条街", NOT_STATED),  # the caption names no street
    ("辣椒培训会上聊城来的讲师叫啥名字", NOT_STATED),  # the story names no lecturer (吴城镇 is no one)
    ("离石区图书馆馆长叫什么名字", ANSWERED),  # 郭志平
    ("区总工会给宣传系统送慰问金是哪位领导去送的", NOT_STATED),  # no one is named
    ("兴县党政代表团是哪位领导带队来的", ANSWERED),  # 乔云, 梁文壮
    ("兴县代表团带队的县委书记叫什么", ANSWERED),  # "兴县县委书记乔云，": a name before a comma
    ("枣架村的党支部书记是谁啊", NOT_STATED),  # the post is asked by name; the story names no one
    ("红眼川乡的负责人具体是谁", NOT_STATED),  # "该乡负责人表示": the post, no name after it
    ("人民医院献血那次院长说了啥", NOT_STATED),  # the words are a 副院长's
    ("人民医院献血那次副院长说了啥", ANSWERED),
    ("健康扶贫里的“136”保障机制是什么政策？", ANSWERED),
    ("全年上报社情民意信息48条，离石区政协被哪个单位授予了先进单位称号？", ANSWERED),  # 称号 is not asked: 哪个单位 is
    ("区政协为啥能被评上反映社情民意工作先进单位", ANSWERED),
    ("疾控中心的李建国是干啥的", ANSWERED),  # 李建军 but for one character: a name is who is asked about, not an attribute
    ("图书馆的张丽是干啥的", NOT_STATED),  # no one of the name  # 评上, as readers say 评为: the merit before 被…授予
    ("吴城镇推广种植的“朵朵红”是什么作物", ANSWERED),  # "“朵朵红”辣椒": the noun after the term says what it is  # "…兜底保障政策“136”保障机制": a 政策 it names
    ("区政协那6件重点提案都是啥", NOT_STATED),  # four of them and 等: the six are never listed
    ("信义镇搞爱国卫生运动出动了几台挖掘机", ANSWERED),  # the page prints the short form: 挖机16台
    ("吕梁泰化医院在什么地方？", NOT_STATED),  # its doctors went to 上楼桥村; where it is, no page says
    ("田家會街道辦事處主任是誰？", ANSWERED),  # "主任刘建忠介绍", though posseg cuts him 刘/建/忠
    ("飞地经济园区在哪个县", ANSWERED),
    ("枣架村属于哪个街道", ANSWERED),  # "交口街道党工委": 街道 is printed inside the name, 属于 only frames the question
    ("有没有小学生画水墨画的图片？哪个学校的", ANSWERED),  # 东关小学: a 学校 need not print the word
    ("“正月初二，离石区新闻办全体人员全部上岗” 他们分多路都奔赴了哪些地方？", ANSWERED),  # "奔赴车站、市场、医院、乡村等地": places by sort
    ("韩家坡村干部白根生对拆自家老房子是怎么说的", ANSWERED),  # the story says 旧房子; the words said are asked
    ("吕梁泰化医院义诊那天几点开始", NOT_STATED),  # the day is printed, not the hour
    ("离石区新闻办一共有多少人", ANSWERED),  # 12人
    ("标准化养殖产业新增了哪些牲畜", ANSWERED),  # 牛、驴、猪: the items are printed, their kind need not be
    ("信义镇开展爱国卫生运动期间出动了哪些机械车辆", ANSWERED),  # 农用车、翻斗车: the kind need not be printed
    ("离石区的15个电商扶贫平台建在哪些乡镇？", ANSWERED),  # 吴城、信义、坪头、枣林和西属巴: places by their bare names; 15 counts the 平台
    ("站前社区移风易俗签名活动在哪个小区搞的，是金玉蓝湾吗？", ANSWERED),  # 金域蓝湾: a name typed by ear, though 金玉 is a word
    ("兴县党政代表团来离石都考查了哪些地方？", ANSWERED),  # 考察: a verb of the language typed for its homophone
    ("界峁村的武才明为啥说拆旧房是好事？", ANSWERED),  # why he says so: his own words ("旧房拆除后能得到补偿")
    ("义诊的医生为什么叮嘱张大爷少抽烟", ANSWERED),  # why he was told so: in his own words ("我的血压偏高")
    ("离石电缆的商标为什么叫“山花牌”", NOT_STATED),  # why a name: the story never says where it comes from
    ("区政协委员联组去河南外出调研，去的是河南哪个市呀？", NOT_STATED),  # the story names the province only
    ("吕梁为啥要把煤焦产业往山上区域转移", ANSWERED),  # "向环境容量充足…的山上区域转移": the quality is the reason
    ("致力于把传统的煤焦产业向山上区域转移，为什么偏偏选山上", ANSWERED),  # 山上, a word of place, qualified so
    ("区政协考察营商环境为啥偏偏选沈阳、大连", NOT_STATED),  # what the trip was for, not why those cities
    ("马家沟村的拆除为什么只完成了一半左右？", NOT_STATED),  # the story gives the share, not why
    ("北海山公司续贷，离石区联社是怎么帮的", ANSWERED),  # what was done for it: 对接, 降低…比例, 为其办理
    ("北海山公司的淀粉制品是怎么生产的，用什么原料？", NOT_STATED),  # the same sentence says nothing of making starch
    ("疾控中心人員採集咽拭子時要怎麼做防護？", ANSWERED),  # what they put on, set out one by one
    ("大土河煤化工项目用的是啥工艺路经？", ANSWERED),  # 路径: a noun of the language typed for its homophone
    ("上楼桥村的村民想参加健康扶贫义诊，要怎么预约？", NOT_STATED),  # the story never says how one books
    ("家长咋申请送书上门？", ANSWERED),  # "可通过扫描社区宣传进群": the steps, if not the word 申请
    ("河东社区图书阅览室怎么办借书证", NOT_STATED),  # the story tells of its books, never how a reader gets a card
    ("离石区发的消费券要怎么领", NOT_STATED),  # 消费券 are printed; how to get one is not
    ("离石区残疾人证去哪儿办理？", NOT_STATED),  # where a reader goes: no place a story names in passing
    ("站前社区签名活动在哪个小区办的", ANSWERED),  # 办的: where it was held, no errand
    ("疾控流调人员咋还原病人的活动轨迹", ANSWERED),  # 还原 is no 还 (giving back): how it was done, not a reader's errand
    ("站前社区移风易俗活动，居民是怎么承诺自觉践行的", ANSWERED),  # "…在签名墙上签下了自己的名字，承诺…": the deed before
    ("新闻办的微信编辑是咋保证大家第二天一早就能看到疫情消息的", ANSWERED),  # "…24时前排版，只为…让大家看到…": what it was for
    ("疫情期间网上有谣言，新闻办是怎么处理的", ANSWERED),  # 网上, a word of place: what it is about is 谣言
    ("中央公园社区“迎奥运 猜灯谜 庆元宵”活动是哪天办的", NOT_STATED),  # 近日; the feast it names is the question's own
    ("离石区垃圾分类", NOTHING),  # 分类 is printed (分类别举办招聘), 垃圾分类 nowhere
    ("凤山街道义诊去了多少人", ANSWERED),  # "出动40余名医护人员", not the 5 groups
    ("离石区今年GDP增长多少？", NOTHING),
    ("离石区5G网络覆盖了哪些乡镇", NOTHING),
    ("怎么办理身份证", NOTHING),
    ("梁家焉村的羊肉多少钱一斤？", NOT_STATED),  # it prints 50公斤 and 10000多元, no price a jin
    ("人民医院那次无偿献血一共献了多少毫升？", NOT_STATED),
    ("飞地经济的税收离石和中阳到底按啥比例分？", NOT_STATED),
    ("兴县那个梁县长来离石考察的时候说了啥？", NOT_STATED),  # no words of his are printed
    ("义诊队慰问的贫困户王秋贵说了啥", NOT_STATED),  # the words printed before his name are 吴新爱's
    ("信义镇说的“三新五大”发展思路具体是什么内容？", NOT_STATED),  # printed, never spelt out
    ("文艺演出下乡里手鼓《请到离石来》是谁表演的？", NOT_STATED),  # programmes, no performer
    ("郭志平是谁", ANSWERED),  # 馆长郭志平
    ("“建议区卫健局暂停 XXX 诊所的一切医疗活动” 这里说的到底是哪家诊所？", NOT_STATED),  # the paper hides its name
    ("中央公园社区猜灯谜活动的一等奖奖品是啥？", NOT_STATED),  # prizes are printed, a first prize never
    ("3月20号启动的“百日啥攻坚”那个网络招聘行动，全称是啥", ANSWERED),  # “百日服务攻坚、千万岗位推送”…专项行动, no body
    ("离石区和中阳县的飞地经济合作框架协议是在哪里签约的？", NOT_STATED),  # 吕梁市首家…, 两县: no place it was signed
    ("凤山街道那次义诊是在哪个卫生所搞的？", ANSWERED),  # 西崖底社区卫生所: a 社区 is narrower than a 街道
    ("高爱花在扶贫车间当绕线员一个月能挣多少", NOT_STATED),  # an amount per month; the story prints none
    ("梁家焉村那次消费扶贫，一天下来农产品卖了多少钱？", ANSWERED),  # a day's total, not a rate: 10000多元
    ("93个贫困村的光扶电站啥时候并的网", ANSWERED),  # 光扶电站: the printed 光伏扶贫电站 cut short
    ("“今天医疗义诊队来我们上楼桥村为村民进行健康检查”，说这话的村支书是谁？", ANSWERED),  # 村支书 asked: 村党支部书记 printed
    ("河东社区是怎么清理楼道小广告的", ANSWERED),  # how: 楼道, never printed, is the scene (楼栋墙体), not another kind
    ("“雨露计划”资金是发给哪类学生的", ANSWERED),  # 发给 (vn, printed nowhere) says what is done, not which 学生
    ("有没有李建军穿防护服采咽拭子的照片？", NOT_STATED),  # his story prints no photo
    ("离石区疾控中心的主任是谁？", NOT_STATED),  # 主任助理李建军 is not its 主任
    ("离石区新闻办主任叫什么名字", NOT_STATED),  # 要闻部主任王卫华 heads a department of it
    ("新闻办要闻部主任叫什么名字", ANSWERED),
    ("新闻办要文部主任叫什么名字", ANSWERED),  # the department typed by its sound is still 要闻部
    ("离石电缆有限公司的董事长或者总经理是谁啊", NOT_STATED),  # 副总经理郭新春 is neither
    ("离石区中一院院长是谁", ANSWERED),  # 院长李旭鹏, the hospital's name half-remembered
    ("政协综述里的“九吕合做”是什么？", NOT_STATED),  # a term the paper never spells out
    ("“五查四问六了解”具体是查什么、问什么、了解什么？", NOT_STATED),
    ("兴县考察团去的任家沟村在离石哪个镇", ANSWERED),  # "信义镇任家沟村": the town named with its village
    ("信义镇整治的“六乱”是啥意思", ANSWERED),  # "“六乱”乱堆乱放、乱搭乱建…"
    ("枣架村那个“全科网格化”是什么样的管理", ANSWERED),  # "实行“全科网格化”的治理模式，将村划分为三个中格…"
    ("脱贫攻坚说的“硬伤户”是啥意思", NOT_STATED),  # "剔除“硬伤户”，纳入…": printed, nothing said of it
    ("送书上门那个9·9爱心公益协会一共派了多少个志愿者啊？", NOT_STATED),  # its 9 is the question's own
    ("春风行动那108家用工企业里，除了大土河集团和东泰能源，还有哪几家", ANSWERED),  # 离石电缆, 招商银行
    ("春风行动那108家用工企业，除了大土河、东泰、离石电缆、招商银行以外还有哪些", NOT_STATED),  # it lists just those
    ("招聘会那8个主办单位，除了区人社局、中小企业服务中心、民政局，还有哪些", NOT_STATED),  # "…民政局等8个": only those
    ("春风行动招聘会“区人社局、中小企业服务中心、民政局等8个主办单位”，剩下几个主办单位是谁", NOT_STATED),  # who, the same
    ("“前王家坡村、下水西村、铨则焉村及凤山底村等10个行政村” 剩下那几个村是哪些", NOT_STATED),  # 那几个: those; it names no more
    ("大土河项目的焦炉技术是哪家公司提供的", NOT_STATED),  # no company is named for it
    ("中磁尚善的外来员工要隔离几天", NOT_STATED),  # 2017年6月 is a month, no span of days
    ("莲花池街道天益巷整治一共拆了几处违章建筑", NOT_STATED),  # vehicles and officers are counted, no 处
    ("梁家艳村的建档立卡贫困户有几户", ANSWERED),  # 焉 typed as 艳: the same sound but for its tone
    ("信义镇任家沟村是几A级旅游示范村", ANSWERED),  # 几A级 asks a grade (3A级): its A is no term never printed
    ("疾控那个李建X在一线干了多少年", ANSWERED),  # X: a character not recalled (李建军)
    ("离石疾控那个李什么军，是什么职务", ANSWERED),  # 李…军: the name printed that begins and ends so (李建军)
    ("吴城镇那个“朵朵X”辣椒培训会，聊城来的讲师叫什么", NOT_STATED),  # 朵朵红 is the X, not a lecturer
    ("政协经济企业界委员捐资帮扶贫困大学生，是哪几位委员", NOT_STATED),  # people asked; none is named (智慧 is no one)
    ("马利梅后来学会编丝网花了没有", NOT_STATED),
    ("中医院下次啥时候再来瓦窑间村义诊", NOT_STATED),  # the story gives the day of this visit, none to come
    ("中医院啥时候来瓦窑间村义诊的", ANSWERED),
    ("马家沟村拆除为啥只完成了一半", NOT_STATED),  # the story says how far, never why
    ("北海山公司为什么申请续贷", ANSWERED),  # 受疫情影响
    ("艺德的丝网花是咋编出来的", NOT_STATED),
    ("疾控“扫雷兵”李建军的事儿", ANSWERED),  # 事儿 means the story, as 报道 does
    ("后马家村安置小区那个姓高的大姐，在扶贫车间干啥活的", ANSWERED),  # 姓高: a surname, no word the story prints
    ("2020年新确定的那8个示范村具体是哪几个村", NOT_STATED),  # 其他行政村, 村容村貌 name no village
    ("红眼川乡没移民的那5个村分别是哪几个", NOT_STATED),  # the count is printed, never the names
    ("田家会拆除复垦全部完成的是哪几个村", ANSWERED),  # 龙马坡村、韩家坡村、安家山村
    ("珍味谱的扶贫车间设在哪个安置小区", NOT_STATED),
    ("森远社工的地址在哪", NOT_STATED),  # an address: a road or a number, which is never printed
    ("联翔电建公司的办公地址在哪儿", NOT_STATED),  # "在扶贫路上的脚步": a way taken, no road
    ("首例疑似病例去过哪家药店", NOT_STATED),  # a 药店 is asked; 人民医院 is none
    ("区委中心组学习时说的“三马联查”是指啥", ANSWERED),  # 三码联查, typed by its sound  # she wants to learn it; how it is made is never told  # she wants to learn; what came of it is never printed
    ("中磁尚善公司后来通过复工验收了吗", ANSWERED),  # it is: 通过复工验收
    ("新闻办要闻部主任王卫华说下一步报道重点是什么", ANSWERED),  # the end of his quotation: "…上来。”"  # "按双方约定比例": a share, never stated
])
def test_three_outcomes(searcher, question, outcome):
    answer = searcher.answer(question, top=3)
    assert answer.outcome == outcome
    assert (answer.hits == []) == (outcome == NOTHING)


def test_words_that_hold_a_kind_of_place_but_name_none_are_no_names(searcher):
    without = searcher._without_sorts
    assert "村" not in without("其他行政村要建立长效保洁机制 村容村貌 户容户貌", "村").replace("，", "")
    assert "乡村" not in without("与乡村振兴战略有机衔接", "村")
    kept = without("中磁尚善科技有限公司吸纳100个 艺德传统工艺发展有限公司吸纳190个", "公司")
    assert kept.count("有限公司") == 2  # the ends of two companies' names
    assert "刘七公路" in without("以大七线、刘七公路沿线为整治重点", "路")  # 公路/沿线: the road's side, posseg f
    assert "信义镇" in without("来到离石凤山街道生态园社区、信义镇任家沟村、晋西北建筑产业园", "镇")  # a village of it names it


def test_a_word_the_archive_never_prints_is_cut_again_by_what_it_does(searcher):
    assert [w.text for w in searcher.parse("回龙塔村的村民对联翔电建的帮扶是咋说的").words][2] == "联翔电建"  # not 对联
    assert "考察" in [w.text for w in searcher.parse("兴县党政代表团来考察，对离石是咋评价的").words]
    assert "张三丰" in [w.text for w in searcher.parse("张三丰来离石考察了吗").words]  # nothing printed replaces it


@pytest.mark.parametrize("question, opening", [
    ("凤山街道义诊是在哪个社区卫生所", "…西崖底社区卫生所"),  # the kind asked is kept where it begins a word
    ("九大任务的第三个是啥", "三是聚焦乡村振兴"),  # the point that opens on the number asked
    ("离石今年聚焦的九大重点任务有哪些", "一是聚焦夯基固本"),  # a counted set: its points from the first
    ("枣架村党员学习总书记视察山西讲话后纷纷表示了什么？", "…关怀与厚爱"),  # reported by the verb asked
    ("中磁尚善公司啥时候通过的复工验收啊", "…20日，在区、镇、企三方"),  # the date goes with the event
    ("田家会街道用什么办法鼓励村民拆旧房", "…采取以奖代补的形式"),  # the means named as such, not any deed
    ("联翔电建帮的那个回龙村在哪儿", "…位于信义镇西北"),  # where it lies, not where it is named
    ("区政协2019年一共收到委员提案多少件啊", "…提案196件"),  # the total, not a part
    ("山西中磁尚善科技有限公司是哪天通过复工验收的？", "2月20日"),  # not the day its chairman spoke, nor 2017年6月
    ("贫困户想脱贫退出，得按什么程序办", "按照“脱贫初选"),  # the means named as asked: "…的退出程序", not any 核查
    ("离石区新闻办要闻部主任王什么华说下一步宣传报道重点转向哪？", "…转向人员密集的超市"),  # the words before "…如是说。"
    ("泰什么医院去楼桥村义诊，送了哪些药", "…捐赠感冒灵颗粒、藿香正气胶囊等药品"),  # the items with their kind, whatever the verb
    ("信义镇搞爱国卫生运动，在各村是怎么做宣传的？", "…各村张贴爱国卫生运动海报"),  # 加大…的宣传: a measure, as 加强 is
    ("联翔电建公司为什么去回龙塔村慰问？", "…来到结对帮扶村回龙塔村"),  # what the village is to the company: the reason
    ("莲花池街道世纪广场周边环境整治的报道", "本报讯 为打造文明有序"),  # a story asked for: its lead
    ("区政协2019年工作综述", "全年开展调研视察活动26次"),  # its headline typed: its lead
    ("田家会街道拆除复垦预计什么时候全部完成", "…可望三月底全部完成"),  # the time expected, not the tally so far
    ("区人社局局长是谁？梁家焉村消费扶贫那次他讲过话", "区人社局局长王润斌谈到"),  # the post asked first, a name after it
    ("区人社局局长是哪位？就是消费扶贫现场会那次", "…区人社局局长王润斌谈到"),  # the post is what is asked, not the scene
    ("“企业操心的事、烦心的事，就是政府要做的事” 离石电缆为啥成立了电商中心", "得知该公司存在产品销售难"),  # not the copy
    ("脱贫攻坚综述里，离石区委、区政府庄严承诺的那句话是什么？", "“把人民的期待变成我们的行动"),  # before "…是这样庄严承诺的"
    ("当绕线员的高爱花住哪儿啊", "家住离石区田家会街道后马家村安置小区"),  # where she lives, not the workshop she works in
])
def test_the_first_excerpt_holds_the_answer(searcher, question, opening):
    """`opening` starts the excerpt, or, after "…", stands anywhere in it."""
    answer = searcher.answer(question, top=3)
    excerpt = answer.hits[0].excerpt if answer.hits else ""
    assert answer.outcome == ANSWERED
    assert opening[1:] in excerpt if opening.startswith("…") else excerpt.startswith(opening)


def test_a_counted_set_is_asked_by_its_number(searcher):
    assert searcher.parse("离石今年聚焦的九大重点任务有哪些").asks_a_set
    assert not searcher.parse("田家会哪些村拆完了").asks_a_set


def test_things_counted_one_after_another_are_a_list(searcher):
    question = searcher.parse("都有哪些岗位")
    assert searcher._lists_new(question, "其中，光伏扶贫村级电站管理员106个，护林员237个，新增就业扶贫公益岗位19个。")
    assert not searcher._lists_new(question, "目前已开发基层公共服务公益岗位362个。")


def test_a_photo_is_shown_with_its_credit(searcher):
    answer = searcher.answer("贾悟村送棉大衣有照片吗", top=3)
    assert answer.outcome == ANSWERED and answer.hits[0].excerpt.endswith("侯向春 摄")
    assert searcher.answer("区人大常委会干部在十里村清理拉圾的照片", top=3).outcome == ANSWERED  # 拉圾: jieba's own slip


def test_who_is_answered_by_someone_named(searcher):
    question = searcher.parse("是谁最早把大熊猫介绍给西方科学界的")
    assert searcher._names_someone(question, "1869年，法国传教士阿尔芒·戴维在四川获得大熊猫标本")
    assert not searcher._names_someone(question, "“送爱上门·悦读成长”活动深受孩子们欢迎")  # a slogan
    assert not searcher._names_someone(question, "手鼓《请到离石来》，二人台对唱《打金钱》等十余个节目")  # titles, an opera


def test_which_body_is_answered_by_a_body_not_a_person(searcher):
    question = searcher.parse("3A级旅游示范村是哪个部门评定的")
    assert not searcher._names_someone(question, "发展成3A级旅游示范村，走出了一条纯农业村的小康路径")  # 小康: posseg nr
    assert searcher._names_someone(question, "由市文化和旅游局评定为3A级旅游示范村")
    chaired = searcher.parse("区委中心组第4次集体学习是谁主持的")
    assert not searcher._names_someone(chaired, "离石区委中心组举行第4次集体学习，传达市疫情防控会议精神。")  # its own body; a 会议
    designed = searcher.parse("台北101是由哪家事务所设计的")
    assert searcher._names_someone(designed, "大楼由李祖原建筑师事务所设计")  # 事务所 is the kind asked, not a body named


def test_two_words_cut_across_a_printed_one_are_cut_again(searcher):
    # jieba cuts "疾控流/调发现": neither is printed; 疾控 and 流调发现 (流调, 发现) are
    words = [w.text for w in searcher.parse("疾控流調發現疑似病例後，要求多長時間內趕到指定地點？").words]
    assert words[:2] == ["疾控", "流调发现"]
    assert searcher._recut("捏奥运") is None  # no cut into printed words of two or more covers it


def test_a_speaker_typed_as_a_sound_alike_is_still_the_speaker(searcher):
    # 高艾花 is read as 高爱花: her words are shown, not the line that only names her
    answer = searcher.answer("高艾花当上扶贫车间绕线员后说了些什么？")
    assert answer.outcome == ANSWERED and "搬出了山区" in answer.hits[0].excerpt


def test_a_slip_is_read_as_the_word_that_sounds_so_as_usually_read(searcher):
    assert searcher._sound_alike("网落") == "网络"  # not 网格, though 格 may be read luò and 网格 is printed more


def test_a_gap_in_a_name_the_archive_prints_in_pieces_is_filled_by_its_pairs(searcher):
    # 红眼川乡 and 高爱花 are no terms of the archive (红眼/川/乡, 高/爱/花), but every pair of them is printed
    assert searcher.parse("红什么川乡的爱国卫生专项运动把哪些路段当作整治重点").words[0].text == "红眼川乡"
    assert searcher.parse("红眼什么乡那次爱国卫生专项运动，整治重点放在哪几条路沿线").words[0].text == "红眼川乡"  # not 红眼下乡: no story holds it
    assert "高爱花" in [w.text for w in searcher.parse("那个叫高什么花的绕线员住在哪个安置小区").words]
    assert "突击队" in [w.text for w in searcher.parse("田家会那个就业宣传什么突击队是干嘛的").words]  # two words: no name between


def test_a_gap_takes_the_characters_jieba_glued_to_the_words_beside_it(searcher):
    words = [w.text for w in searcher.parse("韩家坡那个村干部白什么生，他家旧房子住了多少年？").words]
    assert "白根生" in words and "村干部" in words  # 村干部白/X/生
    words = [w.text for w in searcher.parse("联翔那家公司为啥跑到回龙什么村去慰问高龄老人？").words]
    assert "回龙塔村" in words and "龙马坡村" not in words  # the longer end typed first: 回龙, not 龙


def test_not_stated_names_what_the_story_lacks(searcher):
    assert searcher.answer("北海山公司续贷的利率是多少").missing == ("利率",)


def test_a_date_alone_lists_that_dates_stories(searcher):
    answer = searcher.answer("2022年2月有哪些新闻", top=10)
    assert answer.listing and answer.outcome == ANSWERED
    assert [h.date for h in answer.hits] == ["2022-02-21", "2022-02-16", "2022-02-16", "2022-02-15"]
    assert searcher.answer("2019年3月的报纸").hits == []


def test_captions_come_after_the_story_unless_a_photo_is_asked_for(searcher):
    hits = searcher.search("献血", top=5)
    assert (hits[0].kind, hits[0].title, [h.excerpt for h in hits].index("献血现场。") > 0) == (
        "news", "离石区医疗集团人民医院组织开展无偿献血活动", True)
    photo = searcher.search("有没有献血的照片", top=5)[0]  # the story, its photo's caption as excerpt
    assert (photo.title, photo.excerpt, photo.caption) == ("离石区医疗集团人民医院组织开展无偿献血活动", "献血现场。", True)
    long_caption = searcher.search("有没有王建新送棉大衣的照片", top=1)[0]  # a photo story stands alone
    assert (long_caption.kind, long_caption.caption) == ("photo", False)


def test_summary_for_the_hint(archive):
    summary = archive.summary()
    assert (summary.stories, summary.first[:4], summary.last[:4], len(summary.examples)) == (44, "2018", "2022", 3)


def test_a_caption_shown_as_its_storys_photo_answers_as_its_story_does(searcher):
    # the caption says 代表团 and never 离石; its story (the visit from 兴县) says both
    answer = searcher.answer("兴县考察团来离石有照片没，在哪儿拍的")
    assert (answer.outcome, answer.hits[0].caption) == (ANSWERED, True)
    assert "生态园社区" in answer.hits[0].excerpt


def test_a_page_printed_in_traditional_script_answers_as_well(seed_articles, tmp_path):
    import dataclasses

    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    articles = [dataclasses.replace(a, text=to_traditional(a.text), title=a.title and to_traditional(a.title))
                for a in seed_articles]
    searcher = open_searcher(articles, tmp_path)
    answer = searcher.answer("飞地经济园区建在哪儿")
    assert answer.outcome == ANSWERED and "離石區與中陽縣交界處" in answer.hits[0].excerpt
    answer = searcher.answer("紅眼川鄉清理了多少垃圾")
    assert answer.outcome == ANSWERED and "8568立方米" in answer.hits[0].excerpt


def test_a_long_paste_is_read_only_as_far_as_a_question_goes(searcher):
    """The work per question stays bounded: 300 characters and 32 content words are read."""
    import random

    rng = random.Random(7)
    question = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(2000))
    answer = searcher.answer(question)
    assert (answer.outcome, len(answer.question.folded) <= 300, len(answer.question.words) <= 32) == (NOTHING, True, True)


def test_a_short_name_is_the_longer_one_printed():
    from index.search import _short_for
    assert _short_for("城管", "联合吕梁市城市管理综合行政执法队")
    assert _short_for("村支书", "上楼桥村党支部书记车建文说")
    assert not _short_for("城管", "城北街道的主管部门")  # 城 and 管 too far apart
    assert not _short_for("利率", "贷款到期后，公司提出续贷申请")


def test_an_amount_per_unit_is_stated_per_that_unit():
    from index.search import _per
    assert _per("户", "对拆房户每户奖励2000元") and _per("月", "人均工资3000元/月") and _per("人", "人均增收800元")
    assert not _per("月", "区政府拿出一定的资金按照政府购岗的形式给予就业的贫困劳动力工资保证")
