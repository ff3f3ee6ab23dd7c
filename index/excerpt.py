"""A story and a question -> the sentences that answer it, and where to bold them.

Like Lucene's highlighter, sentences are fragments scored by the question's words they hold,
each weighted by its rarity in the archive and inside the story (the story's topic recurs in
every sentence; the word the question adds points at the answer). On top, evidence of what the
question wants: a date for "when", a number with its unit for "how many", a post or a "said"
for "who", a cause for "why" … The best window of one to three neighbouring sentences wins:
the answer often sits in the sentence after the one that names the subject.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from index.question import (
    ADDRESS, AREA, DAY, HOME, HOW, HOW_LONG, HOW_MANY, IN_ALL, IN_ALL_WORDS, NUMBER_ID, PROGRESS, QUOTE, RATIO, REGIONS, TOPIC, WEIGHT, WHAT_IS,
    WHEN, WHERE, WHICH_ONES, WHICH_ORG, WHO, WHY, NUMBERED_SET, Question, places_of,
)

EXCERPT_MAX = 160  # characters: one to three sentences that answer
ITEM_MAX = 30  # characters: a line that names one item of a numbered set ("技能培训强化就业一批。")
FOCUS_WEIGHT = 2.0  # the question's head word, in choosing the passage
WHEN_FOCUS = 1.5  # more again for a when-question: the date goes with the event ("…通过复工验收"), not its subject
KIND_BONUS = 0.5  # a window with what the question wants, against the share of its words it holds
POSITION_PRIOR = 0.2  # news is an inverted pyramid: earlier sentences carry the who, what, when, where
CHECKABLE_BONUS = 0.7  # the same, where without a date, number or list a sentence cannot answer at all
UNIT_BONUS = 1.0  # a number in the very unit the question names ("多少篇": 2000余篇), a term spelled out, all but answer it
POINT_BONUS = 2.0  # the point of a set asked for by its number ("第三项": 三是…), whatever words it holds
TALLY_BONUS = 1.5  # how far something has got: the story's tally ("截至3月11日，已经拆除172户") answers, whatever it repeats
LEAD_DISCOUNT = 0.3  # a word the headline or first sentence established: the answer rarely repeats it

_PUNCT = re.compile(r"[^\u3400-\u9fffa-z0-9]+")
_BROKEN_LINE = re.compile(r"(?<=[\u3400-\u9fff，、])\n(?=[\u3400-\u9fff，、])")
_SENTENCE = re.compile(r"[^。！？；!?\n]*[。！？；!?]?[”’」』]?")
_NUMERAL = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两几半]+)"
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_DATE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年|(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份|初|中旬|下旬|底)|"
                   r"今年|去年|前年|"
                   r"近日|日前|当天|当日|凌晨|上午|下午|春节|元宵|除夕|国庆|年初|年底|岁末")
# A duration, a span between two dates, or a length ("多长" asks either).
# A date is no duration: not the day of "12月2日", the year of "2020年" nor the month of "3月31日"
# or of "2017年6月".
_DURATION = re.compile(r"(?<![\d月年])(?<!年\s)(?!\d{4}\s*年)(?!\d{1,2}\s*月\s*\d{1,2}\s*[日号])"
                       + _NUMERAL + r"\s*(?:余|多)?\s*(?:个)?\s*(?:天|日|年|月|周|星期|小时|分钟|季度|多月|余天|多天|公里|千米|米)|"
                       r"\d+\s*月\s*\d+\s*日\s*(?:至|到|—|-)|至今|以来|为期|长达|"  # not 春节期间, 常态化
                       r"\d+\s*[点时][^。；]{0,10}?(?:到|至)[^。；]{0,6}?\d+\s*[点时]")  # "从中午12点一直忙到晚上12点"
# A quantity: a number that is not part of a date, or a Chinese numeral with its measure word.
_QUANTITY = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*[年月日号]|\s*[—-])|"
                       r"[一二三四五六七八九十百千万两]+\s*(?:个|名|人|户|家|次|项|条|件|所|位|篇|批|场|类|种|大)")
POST = re.compile(r"书记|局长|主任|院长|县长|区长|镇长|乡长|主席|经理|董事长|负责人|队长|组长|委员|馆长|站长|所长|科长|部长|"
                   r"社长|校长|会长|秘书长|干部|专家|医生|志愿者|员|同志|代表|带头人|发起人|创始人|主持人")
# A name printed after its holder's post, before what the person did: "主任刘建忠介绍", "书记车建文说:";
# not what the post did ("该乡负责人表示，…" names no one).
_SAID = "说|表示|介绍|指出|强调|谈到|告诉|感慨|感叹|坦言"  # the verbs a speaker's name comes before
_DID = f"{_SAID}|认为|带领|带队|率队|带着|来到|走访|看望|慰问|主持|出席|前往|深入|调研|参加"  # what a holder named after a post did
NAME_AFTER = rf"(?!{_DID})([\u4e00-\u9fff]{{2,3}}?)(?={_DID}|如是说|同志|一行|就是|也是|是|等|向来|一直|始终|正在|[，,。:：、（(\s]|$)"
_PARTY = "党工委|党支部|党总支|党委|党组|工委|支部"  # the party bodies a secretary leads
_PARTY_BODY, _PARTY_BODIES = re.compile(f"(?:{_PARTY})$"), re.compile(_PARTY)  # before a post; anywhere in a question
DEPARTMENT_NAME = r"[\u4e00-\u9fff]{2}[部科室股组]"  # 要闻部, 办公室: a department inside a body
_DEPARTMENT = re.compile(DEPARTMENT_NAME + "$")
ORG = re.compile(r"[\u4e00-\u9fff]{2,}(?:(?<![布格大全结开])局|委|院|中心|公司|协会|街道|社区|政府|办公室|办|站|(?<![全内外局细])部|"
                  r"(?<![场住处])所|队|集团|医院|学校|合作社|委员会|党支部|党工委|组织|社|馆|(?<![机社体理])会(?!议)|团|厂|村委)")
# not 防控会议, nor 布局, 全部, 场所, 社会: words that end as a body's name does
_PLACE = re.compile(r"位于|地处|坐落|交界|境内|一带|沿线|两侧|附近|[\u4e00-\u9fff]{2,}(?:省|市|县|镇|乡|村|街道|社区|路|街|广场|公园|小区|大厦|基地|车间)")
_LIST = re.compile(r"[\u4e00-\u9fff]{1,}、[\u4e00-\u9fff]{1,}|一是|二是|首先|其次|包括|分别|以及|其中|》\s*、?\s*《")
_DEFINITION = re.compile(r"是|即|指|称为|作为|旨在|就是|属于")
# A cause or a purpose: 因为/由于/受…影响, or a purpose clause opening a sentence ("为…，").
_CAUSE = re.compile(r"受[^，。]{0,8}影响|因为|由于|导致|造成|为了|旨在|目的|以便|确保|所以|因此|出于|鉴于|基于|着眼于?|"
                    r"从[^。]{2,60}?(?:入手|出发|着眼|考虑)|(?:^|[，。；])\s*(?:本报讯\s*)?为[^，。]{2,30}，|"
                    # a purpose in the idiom of the news: "为夺取…胜利提供有力保障", "为…奠定基础"
                    r"为[^，。；]{2,30}(?:提供|创造|奠定|打下|营造|保驾护航|作出|做出)|"
                    # a cause named as such ("因功能区位不同…等原因"), or a clause opening on 因 ("因病例曾去过商场、药店，")
                    r"因[^。；]{2,40}?等?原因|原因(?:是|在于)|(?:^|[，。；…”])\s*因(?![为此而素地])[^，。；]{2,20}，")
# Weaker signs of a reason, enough to keep a why-question's answer: a purpose (让…, 以免, 为…), a
# problem met, a call answered, a condition (当…时), a contrast (但, 却).
_REASON = re.compile(rf"{_CAUSE.pattern}|因其|因而|之所以|当[^，。]{{2,16}}时|但|却|让|使|以免|(?:^|[，。；])\s*为了?[^，。；]{{2,20}}[，。；]|问题|困难|难题|需要|需求|"
                     r"不出去|号召|要求|响应|落实|不畅|不足|不够|不了|难以|无法|缺乏|短缺|滞销|主动|申请|自愿|激励|鼓励")
# An honour and the merit before it ("全市考核排名第三，被市政协授予…先进单位"): why the honour was given.
HONOUR = re.compile(r"被[^，。？?]{0,10}(?:授予|评为|评成|评上|评选为|表彰|命名为)")
_MERIT = re.compile(r"[^，。；]{2,}[，,]\s*(?:先后|连续|多次)?" + HONOUR.pattern)
_MEASURE = re.compile(r"通过|采取|采用|实行|开展|组织|利用|依托|推行|建立|设立|实施|坚持|做到|加强|加大|推进|落实|制定|发放|联合|搭建|以|"
                      r"结合|手段|方式|方法|办法|措施|举措|形式|机制|模式|途径|渠道|借助|按照?|依照|依据|根据")
# What is done for someone helped ("与企业对接…为其办理了续贷"): how a question about help is answered
SERVICE = re.compile(r"对接|办理|协调|指导|协助|帮助|帮忙")
# A quotation, or speech reported after a comma ("郭新春说，虽然……"); not the "X说。" that ends one.
_SPEECH = re.compile(r"[“\"「][^”\"」]*[，。！？,!?][^”\"」]*[”\"」]?|[^“]{6,}[。！？!?]?[”」]$|[^“”]{6,}[。！？!?][”」]|(?:说|表示|介绍|指出|强调|谈到|坦言|感慨|感叹|认为|称赞|评价)(?:道)?[，,:：][^。]{6,}"
                     r"|(?:表示|指出|强调|认为)(?:将|要|会|一定|必须|希望)[^。]{6,}")  # "李克勤表示将全力配合…"
_EVIDENCE = {
    WHEN: _DATE, HOW_LONG: _DURATION, HOW_MANY: _QUANTITY, WHO: re.compile(f"{POST.pattern}|{ORG.pattern}|说|表示|介绍"),
    WHICH_ORG: ORG, WHERE: _PLACE, WHICH_ONES: _LIST, WHAT_IS: _DEFINITION, WHY: _CAUSE, HOW: _MEASURE, QUOTE: _SPEECH,
    PROGRESS: _QUANTITY,
}
DAY_WORDS = re.compile(r"\d{1,2}\s*[日号]|[一二三四五六七八九十]+[日号]|初[一二三四五六七八九十]|年三十|除夕|元宵|中秋|端午|重阳|清明|当天|当日")
# Evidence that answers outright rather than only fits: "位于…" for where, the printed date for when.
_OPENS_QUOTE = re.compile(r"[“\"「]")
_STRONG = {WHERE: re.compile(r"位于|地处|坐落|交界|境内"),
           WHEN: re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}\s*年\s*\d{1,2}\s*月"),  # not 近日
           # a tally so far, a number soon after the word that sums up, not any number
           PROGRESS: re.compile(rf"(?:{IN_ALL_WORDS}|截至|截止|已经?|目前|完成)[^。；]{{0,16}}?[\d一二三四五六七八九十百千万]|\d%"),
           # the means named as such ("采取以奖代补的形式", "通过…"), not any deed (开展, 组织)
           HOW: re.compile(r"通过|采取|采用|利用|依托|借助|形式|方式|方法|办法|措施|举措|机制|模式|途径|渠道|手段"),
           QUOTE: _OPENS_QUOTE,  # the words said, in quotation marks, not reported speech
           WHO: re.compile(f"(?:{POST.pattern}){NAME_AFTER}")}  # someone named after a post, not a body alone
_TWO_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
_QUALIFIER_CHAR = re.compile(r"[\u4e00-\u9fff、]")
QUALIFIER_MAX = 20  # characters of what is said of a thing before 的
# The sentence that says who spoke a quotation: "离石电缆有限公司副总经理郭新春说。", "刘建忠说，“…".
_ATTRIBUTION = re.compile(r"^[^“”\"「」，。]{2,40}(?:说|表示|介绍|感慨|感叹|坦言|说道|笑着说)(?:道)?(?:[。！!]$|[，,])")
# A line that only says who spoke, after a date at most: "…主任王卫华如是说。", "2月21日，…董事长陈艳感慨道。"
_BARE_ATTRIBUTION = re.compile(r"^(?:[^，。]{0,12}[日月年]，)?[^“”\"「」，。,]{2,40}(?:如是说|说|表示|说道|介绍|感慨道?|感叹道?)[。！!]?$")
_SPEECH_VERB = re.compile(r"表示|感慨|感叹|坦言|谈到|指出|强调|透露|表态")  # a verb of speech a question may repeat
_REPORTED = re.compile(r"(?:道)?[，,:：]")  # what follows it where the words are reported
_QUOTE_MARK = re.compile(r"[“”\"「」]")
QUOTE_SPAN = 3  # sentences a quotation may run to before the line that says who spoke it
_PRONOUN_SPEAKER = re.compile(r"^[他她][们]?[^，。“”]{0,8}(?:说|表示|感慨|感叹|坦言|说道)")
# A sentence that names what it is about by referring back: 该社, 其, a clause opening on 公司.
_OPENS_ON_REFERENT = re.compile(r"^(?:[^，。]{0,8}，)?\s*该(公司|企业|集团|中心|协会|医院|学校|社区|街道|[社局院委所站队镇乡村馆])")
_REFERS_BACK = re.compile(r"(?:^|[，。；])\s*(?:该[\u4e00-\u9fff]|其(?![后中他它实次余])|公司|企业)|为其|对其")  # not 其后, 其中
_PLAN = re.compile(r"预计|计划|打算|可望|有望|力争|争取|将[于在]")  # a time still to come, expected ("可望三月底全部完成")
REFERENT_CREDIT = 0.8
TITLE_TYPED_MIN = 6  # characters of a headline typed as a question, to be read as asking for the story
SPEAKER_CREDIT = 0.8  # a speaker named in the next sentence: less than one the quotation names itself
WEAK_EVIDENCE = 0.5

# Types whose answer is plain to see: an excerpt with no date, duration or number does not
# state what a when / how long / how many question asks ("近日" is no date).
_STATED = {
    WHEN: re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<!\d)\d{3,4}\s*年(?!代)|\d{1,2}\s*月|[一二三四五六七八九十]+月|今年|去年|春节|元宵|除夕|国庆|"
                      r"正月|腊月|大年初[一二三四五六七八九十]|初[一二三四五六七八九十](?![中级步])|年三十|中秋|端午|重阳|清明"),  # and the lunar calendar
    HOW_LONG: _DURATION,
    # a number, not a date's; a Chinese numeral with its measure word ("四十余名"), not 一起 or 统一
    HOW_MANY: re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*[年月日号])|(?<![每这那哪])[一二三四五六七八九十百千万两]+\s*(?:余|多)?\s*"
                         r"(个|名|人|户|家|次|项|条|件|所|位|篇|批|场|类|种|本|元|吨|斤|公斤|亩|天|米|公里|处|辆|台|份|支|张|倍|成)(?!\1)"),
    # (a measure said twice counts nothing: "一条条谜语", "一个个"; nor does one after 每/这/那: "每一位患者")
}
CHECKABLE = frozenset(_STATED)


@dataclass(frozen=True)
class Passage:
    """The sentences shown for a story, with the spans to bold in them."""

    text: str
    spans: tuple[tuple[int, int], ...]  # [start, end) of the question's words in `text`
    evidence: bool  # whether it holds what the question wants (a date for "when" …)


def sentences(text: str) -> list[str]:
    """Give back the text's sentences, in order, each with its closing punctuation; a line
    broken mid-sentence (as PDF columns break them) is read on."""
    text = _BROKEN_LINE.sub("", text)
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def plain(text: str) -> str:
    """Give back folded text with punctuation and spaces dropped, for substring tests."""
    return _PUNCT.sub("", text.lower())


# Each name ending in a kind of place, by its last characters: "后马家村移民安置小区扶贫车间" names 马家村,
# 安置小区 and 扶贫车间, not one place.
_PLACE_NAMES = re.compile(_PLACE.pattern.replace(r"[\u4e00-\u9fff]{2,}", r"[\u4e00-\u9fff]{2}"))


def places(passage: str) -> list[str]:
    """Give back the places a passage names: names ending in a kind of place (each by its last
    characters), words of position."""
    return _PLACE_NAMES.findall(passage)


def has_evidence(wants: str, passage: str) -> bool:
    """Whether a passage holds the kind of thing the question wants (always, for a bare topic)."""
    pattern = _EVIDENCE.get(wants)
    return pattern is None or bool(pattern.search(passage))


_RATIO = re.compile(r"\d+(?:\.\d+)?\s*[:：比]\s*\d+|\d+(?:\.\d+)?\s*%|百分之|[一二三四五六七八九十]成|[一二三四五六七八九][一二三四五六七八九]开|对半")
# A unit asked and the measure words that count in it ("多少人": 12名, "几天": 3日, "多大面积": 10.8平方公里).
_COUNTED_AS = {"人": "人|名|位", "天": "天|日", "项": "项|大|条|个", AREA: "平方公里|平方千米|平方米|亩|公顷", WEIGHT: "斤|公斤|千克|吨"}


def gives_merit(passage: str) -> bool:
    """Whether a passage says what earned an honour: a clause before 被…授予/评为."""
    return bool(_MERIT.search(passage))


def states(wants: str, passage: str, unit: str | None = None) -> bool:
    """Whether a passage states a date, duration or number, for a question that wants one; a
    number or a span in the unit the question names, when it names one ("多少毫升": not 50公斤)."""
    if wants == HOW_MANY and unit == NUMBER_ID:  # a telephone or a group's number: a run of digits
        return bool(re.search(r"(?<!\d)(?:\d{3,4}-)?\d{6,}(?![\d.]|\s*[人元户个名万亿吨亩件次家所位条项年])", passage))  # not 14763人
    if wants == HOW_MANY and unit == RATIO:
        return bool(_RATIO.search(passage))
    if wants == WHEN and unit == "年":  # "哪一年": a year, not 年三十 or a day
        return bool(re.search(r"\d{4}\s*年|今年|去年|前年", passage))
    if wants == WHEN and unit == DAY:  # "哪天": a day of a month (2月20日, 初一), not 2017年6月
        return bool(DAY_WORDS.search(passage))
    units = _COUNTED_AS.get(unit, re.escape(unit)) if unit else None
    if wants == HOW_MANY and units:
        # a bare 一 before the measure is an article ("成为一名绕线员"), not a count
        return any(not re.match(r"一\s*\D$", m.group(0)) or any(c in "共仅只" for c in passage[max(0, m.start() - 2) : m.start()])
                   for m in re.finditer(_NUMERAL + r"\s*(?:万|亿|千|百)?\s*(?:余|多)?\s*(?:" + units + ")", passage))
    if wants == HOW_LONG and units:  # "隔离几天": a span in days, not any span
        return any(re.search(units, m.group(0)) for m in _DURATION.finditer(passage))
    if wants == WHY:  # a why-question's excerpt that gives no reason at all does not answer it
        return bool(_REASON.search(passage))
    if wants == HOW:  # nor does a how-question's that names no means or measure (通过, 采取, 开展…)
        return bool(_MEASURE.search(passage))
    return bool(_STATED[wants].search(passage)) if wants in _STATED else True


TYPO_CREDIT = 0.8  # a word printed but for one character


def pair_credit(held: int, pairs: int) -> float:
    """Give back how much of a word a text holds from how many of its character pairs it prints:
    all of them, or all but those one wrong character spoils (two of a long word's pairs)."""
    if pairs and held == pairs:
        return 1.0
    return TYPO_CREDIT if pairs >= 2 and held >= _typo_floor(pairs) else 0.0


def pair_credits(held: np.ndarray, pairs: int) -> np.ndarray:
    """pair_credit for many texts at once: `held` counts, per text, the pairs it prints."""
    return np.where(held == pairs, 1.0, np.where((pairs >= 2) & (held >= _typo_floor(pairs)), TYPO_CREDIT, 0.0))


def _typo_floor(pairs: int) -> float:
    return max(pairs / 2, pairs - 2)  # the pairs a word of `pairs` pairs keeps with one wrong character


def word_credit(word: str, sentence: str) -> float:
    """Give back how much of a (folded) word a (plain) sentence holds: 1 when it prints it, less
    when it prints it but for one character (a typo, a half-remembered name)."""
    if word in sentence:
        return 1.0
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return pair_credit(sum(p in sentence for p in pairs), len(pairs)) if len(word) > 2 else 0.0


def best_passage(text: str, question: Question, weights: dict[str, float], fold: Callable[[str], str],
                 own_date: str | None = None, title: str | None = None,
                 script: Callable[[str], str] = str) -> Passage:
    """Give back the sentence that best answers the question, packed with its neighbours.

    `weights` are the question's content words (folded) with their archive weight; `fold`
    brings story text into the words' script and case, `script` into the evidence patterns'
    script (simplified, punctuation kept). A question about the story as a
    whole ("这篇讲啥") gets its lead."""
    parts = sentences(text)
    if not parts:
        return Passage("", (), False)
    if question.wants in (WHAT_IS, TOPIC) and question.about_story or question.wants == TOPIC and _typed_title(question, title, fold):
        return _passage(lead(text), weights, fold, question, script)
    if question.wants in (WHAT_IS, WHICH_ONES) and (items := numbered_items(question, parts, script)):
        return replace(_passage(items, weights, fold, question, script), evidence=True)
    scripted = parts if script(text) == text else [script(p) for p in parts]  # a story in the script already: one look
    folded = [plain(s) for s in scripted] if fold == script else [plain(fold(s)) for s in parts]  # one conversion
    credits = [{w: word_credit(w, f) for w in weights} for f in folded]  # word by sentence, once
    credits = _with_referents(parts, _with_speakers(parts, credits) if question.wants == QUOTE else credits)
    local = _story_weights(credits, folded, weights, question, plain(fold(title or "")))
    if scripted is parts and fold == script:
        fold = script = str  # the story is in the script already: so is every piece of it
    total = sum(local.values()) or 1.0
    evidence = _Evidence(lambda i: _evidence_for(question, scripted[i], weights, own_date))
    bonus = _evidence_weight(question)
    worded = [sum(local[w] * c[w] for w in local) / total + POSITION_PRIOR * (1 - i / len(parts)) for i, c in enumerate(credits)]
    best = _best_sentence(worded, bonus, evidence)
    start, end = _pack(parts, best, evidence, question.wants == QUOTE, question.wants in (QUOTE, TOPIC))
    named = _named_before(parts, best) if question.wants in (WHO, WHICH_ORG) else None
    if named is not None and start > named and sum(map(len, parts[named : best + 1])) <= EXCERPT_MAX * 5 // 4:
        start, end = named, best + 1  # "该社…为其办理了续贷": who did it is named before ("…是离石区联社辖内信贷企业")
    said = _attribution_after(parts, best) if question.wants == WHO and question.quoted else None
    if said is not None and said >= end:  # "“…” 这话是谁说的": the line naming the speaker, after the words copied
        return _passage(_ending_with("".join(parts[best : said + 1])), weights, fold, question, script)
    excerpt = "".join(parts[start:end])
    if len(excerpt) > EXCERPT_MAX:
        excerpt = trim(excerpt, [w for w in local if w in plain(fold(excerpt))])
    return _passage(excerpt, weights, fold, question, script)


def _typed_title(question: Question, title: str | None, fold: Callable[[str], str]) -> bool:
    """Whether a question is the story's headline, or a part of it, typed as it stands
    ("离石区政协2019年工作综述" of "建言资政促发展——离石区政协2019年工作综述"): the story is asked for."""
    typed = plain(question.folded)
    return bool(title) and len(typed) >= TITLE_TYPED_MIN and typed in plain(fold(title))


def _named_before(parts: list[str], i: int) -> int | None:
    """Give back the sentence, at most two before sentence i, that names the body sentence i
    opens on as "该X" ("该社": …离石区联社…), or None."""
    opens = _OPENS_ON_REFERENT.match(parts[i])
    if not opens:
        return None
    kind = opens.group(1)  # a name ends in it: two characters or more before it
    return next((j for j in range(i - 1, max(-1, i - 3), -1)
                 if any(at >= 2 and _TWO_CJK.fullmatch(parts[j][at - 2 : at]) for at in places_of(kind, parts[j]))), None)


def _items_before(passage: str, at: int, span: int, stops: str) -> bool:
    """Whether an enumeration's 、 comes at most `span` characters before position `at`, in the
    same clause (no character of `stops` between): items set out before what names them."""
    mark = passage.rfind("、", max(0, at - span), at)
    return mark >= 0 and not any(c in stops for c in passage[mark + 1 : at])


def qualifiers(word: str, passage: str) -> list[str]:
    """Give back what a passage says of a word right before it with 的, four to twenty
    characters of one run ("向环境容量充足…较优的山上区域": …综合条件较优)."""
    found, floor = [], 0
    for at in places_of("的" + word, passage):
        if at < floor:
            continue
        start = at
        while start > max(floor, at - QUALIFIER_MAX) and _QUALIFIER_CHAR.match(passage[start - 1]):
            start -= 1
        if at - start >= 4:
            found.append(passage[start:at])
            floor = at + 1 + len(word)
    return found


def appositives(word: str, passage: str) -> list[str]:
    """Give back what a passage calls a name right before it, in a word of the same kind
    ("来到结对帮扶村回龙塔村": 结对帮扶村): two to four characters and the kind the name ends in."""
    kind, found = word[-1], []
    for at in places_of(word, passage):
        if at >= 3 and passage[at - 1] == kind:
            start = at - 1
            while start > max(0, at - 5) and _TWO_CJK.fullmatch(passage[start - 1 : start + 1]):
                start -= 1
            if at - start >= 3:
                found.append(passage[start:at])
    return found


def _ending_with(passage: str) -> str:
    """Give back at most EXCERPT_MAX characters of a passage, its end kept, never starting inside
    a number or a Latin word."""
    start = max(0, len(passage) - EXCERPT_MAX + 1)
    while 0 < start < len(passage) and passage[start - 1 : start + 1].isascii() and passage[start - 1 : start + 1].isalnum():
        start += 1
    return ("…" if start else "") + passage[start:]


# A numbered set asked about ("“六个一批”具体指哪些"): a number, 个 and the word each of its items
# ends in, then what asks for them (not "“六个一批”里说的培训机构").
_NUMBERED = re.compile(r"[一二三四五六七八九十两]+个([\u4e00-\u9fff]{2})")
_NUMBERED_ASKED = re.compile(_NUMBERED.pattern + r"\s*(?:具体|到底|究竟)?\s*(?:是|指|都|有|包括|包含|分别)")


def numbered_items(question: Question, parts: list[str], script: Callable[[str], str]) -> str | None:
    """Give back the items of a numbered set the question asks about, where the story sets each
    out as a line of its own ("吕梁山护工延伸产业促进就业一批。" … "公益岗位安置就业一批。"), joined
    as far as an excerpt goes; None when it prints no two such lines."""
    asked = _NUMBERED_ASKED.search(question.folded)
    if not asked:
        return None
    lines = [(p, script(p)) for p in parts if len(p) <= ITEM_MAX]
    items = [p for p, s in lines if s.rstrip("。；;，, ").endswith(asked.group(1)) and not _NUMBERED.search(s)]
    return lead("".join(items)) if len(items) > 1 else None


def _evidence_weight(question: Question) -> float:
    """Give back how much what the question wants weighs against the share of its words a
    sentence holds: the more plainly an answer shows (a number in the unit asked, a tally, a
    date, a list, a place of the kind named), the more."""
    if question.ordinal or question.asks_a_set or question.ending:
        return POINT_BONUS  # the very point asked ("第一项": 一是…), the first of all, the items ending alike (宣讲员、办事员)
    if question.wants == HOW_MANY and question.unit or question.terms:  # 2000余篇 for "多少篇"; "一审，即…"
        return UNIT_BONUS
    if question.wants == PROGRESS:
        return TALLY_BONUS
    if question.wants in CHECKABLE | {WHICH_ONES, QUOTE} or question.wants == WHERE and (question.named or question.located) \
            or question.holder or question.wants == WHAT_IS and question.defined or question.means:
        return CHECKABLE_BONUS  # also the post asked with a name after it, the very thing asked about, the means named
    return KIND_BONUS


def _evidence_for(question: Question, passage: str, weights: dict[str, float], own_date: str | None) -> float:
    """Give back how well a sentence carries what the question wants, sharpened where the
    question says more than its kind: the unit it counts in, the subject it wants defined, the
    kind of place it names ("在哪个县")."""
    value = _evidence_value(question.wants, passage, own_date)
    if (sharpened := _date_or_count(question, passage, value)) is not None:
        return sharpened
    if question.wants == QUOTE and value and (verb := _SPEECH_VERB.search(question.folded)) \
            and any(_REPORTED.match(passage, at + len(verb.group(0))) for at in places_of(verb.group(0), passage)):
        return 1.0  # "纷纷表示了什么": the sentence that reports what they 表示, quoted or not
    if question.holder:  # "局长叫啥名字": that post with a name after it ("局长王润斌谈到")
        return 1.0 if names_holder(question.holder, passage, question.folded) else WEAK_EVIDENCE * value
    if question.located:  # "回龙塔村在哪里": where it lies ("位于信义镇西北"), not where it is named
        return 1.0 if locates(question.located, passage) else WEAK_EVIDENCE * value
    if question.wants in (WHERE, WHICH_ONES) and question.named and question.named not in REGIONS:  # a 县 (哪些村: 村s)
        return 1.0 if prints_a(question.named, passage, question.folded) else WEAK_EVIDENCE * value
    if question.ending:  # "当好哪几种“员”": 宣讲员、办事员
        return 1.0 if len(re.findall(rf"{question.ending}[’”」\"]?\s*[、，,和]", passage)) >= 2 else WEAK_EVIDENCE * value
    if question.kind_listed and any(passage[at + 1 :].lstrip().startswith(question.kind_listed)
                                    and _items_before(passage, at, 25, "。；，") for at in places_of("等", passage)):
        return 1.0  # "送了哪些药": "…感冒灵颗粒、藿香正气胶囊等药品", the items and their kind, whatever the verb
    if question.listed_by:  # "送了些啥东西": what the list that follows 送 names, not any list
        return 1.0 if lists_after(question.listed_by, passage) else WEAK_EVIDENCE * value
    if question.ordinal:  # "第一项是什么": the point that opens on it ("一是聚焦…", "第一，…")
        return 1.0 if opens_point(question.ordinal, passage) else 0.0
    if question.asks_a_set:  # "九大任务有哪些": the points one by one, from the first ("一是…；二是…")
        summed = any(_items_before(passage, at, 31, "。；") for at in places_of(question.set_named, passage))  # "投资大、技术新…的四大独特优势"
        return 1.0 if opens_point("一", passage) or summed else WEAK_EVIDENCE * value
    if question.terms:  # "“一审”具体指什么": the sentence that spells out that term ("一审，即…"), not another
        return 1.0 if any(spells_out(term, passage, question.folded) for term in question.terms) else 0.0
    if question.wants == WHY and any(not any(w in said for w in weights) for word in weights if len(word) > 2
                                     for said in appositives(word, passage)):
        return 1.0  # "为什么去回龙塔村慰问": "来到结对帮扶村回龙塔村", what the place is to them
    if question.means:  # "通过啥方式宣讲": the sentence that names the means so ("通过入户、广播、微信等…方式")
        return 1.0 if question.means in passage else WEAK_EVIDENCE * value
    if question.wants == WHAT_IS:  # the sentence that defines the subject: "飞地经济”是一种…"
        return 1.0 if defines(list(weights), passage) or opens_on(question.defined, passage) else WEAK_EVIDENCE * value
    return value


def _date_or_count(question: Question, passage: str, value: float) -> float | None:
    """Give back how well a sentence carries the date or the number asked, or None where the
    question says no more than its kind: the day itself (哪天: not 2017年6月), not the day
    someone spoke; the time expected, where it is asked; the number in the unit asked (多少人:
    40余名, not 5个小组), the total where a total is asked."""
    if question.wants == WHEN:
        if _BARE_ATTRIBUTION.match(passage) or question.unit == DAY and not states(WHEN, passage, DAY):
            return WEAK_EVIDENCE * value
        if _PLAN.search(question.folded):  # "预计什么时候完成": the time the story expects
            return 1.0 if _PLAN.search(passage) and states(WHEN, passage) else WEAK_EVIDENCE * value
        return None
    if question.wants != HOW_MANY or not (question.unit or question.asks_total):
        return None
    if question.unit and not states(HOW_MANY, passage, question.unit):
        value *= WEAK_EVIDENCE
    if question.asks_total and not IN_ALL.search(passage):  # "一共多少件": the total (全年…196件), not a part
        value *= WEAK_EVIDENCE
    return value


class _Evidence(dict):
    """Each sentence's evidence (0 to 1), looked for the first time it is asked for."""

    def __init__(self, look):
        super().__init__()
        self.look = look

    def __missing__(self, i: int) -> float:
        self[i] = self.look(i)
        return self[i]


def _best_sentence(worded: list[float], bonus: float, evidence: _Evidence) -> int:
    """Give back the sentence with the best score, its words' plus the bonus times its evidence
    (the first of equals). Evidence, at most 1, is looked for only in a sentence whose words
    could still win with it: most of a story's sentences are never searched for it."""
    best, best_score = -1, float("-inf")
    for i in sorted(range(len(worded)), key=lambda i: (-worded[i], i)):
        if worded[i] + bonus < best_score:
            break
        score = worded[i] + bonus * evidence[i]
        if (score, -i) > (best_score, -best):
            best, best_score = i, score
    return best


_ITEMS_AFTER = re.compile(r"[^，。；！？]{0,12}?[\u4e00-\u9fff]+(?:、|和|及|与)[\u4e00-\u9fff]{2,}")  # in the verb's clause


def lists_after(verb: str, passage: str) -> bool:
    """Whether a passage lists the things done by the verb, in its clause ("送去了面、大米、食用油")."""
    return any(_ITEMS_AFTER.match(passage, at + len(verb)) for at in places_of(verb, passage))


def opens_point(numeral: str, passage: str) -> bool:
    """Whether a passage opens the point of a set with that number: "一是…", "第一，…", "其一…"."""
    return bool(_POINT_OPENINGS[numeral].search(passage))


_POINT_OPENINGS = {n: re.compile(rf"(?:^|[，。；：:\s]){n}是|第{n}[，、,:：]|其{n}[，、,是]") for n in "一二三四五六七八九十"}


def defines(words: list[str], passage: str) -> bool:
    """Whether a passage defines one of the words: "飞地经济”是一种…", "即…"."""
    return any(_DEFINED.match(passage, at + len(word)) for word in words for at in places_of(word, passage))


def opens_on(thing: str, passage: str) -> bool:
    """Whether a sentence is about a thing: it opens on it, at most a few characters before it
    ("山西建投晋西北建筑产业园项目经营范围…"), not one of a list ("…晋西北建筑产业园、蒲谷香…")."""
    at = passage.find(thing) if thing else -1
    return 0 <= at <= OPENING_MAX and not _CLAUSE_MARK.search(passage[:at]) \
        and bool(_DESCRIBED.match(passage, at + len(thing)))


OPENING_MAX = 8  # characters before the thing a sentence opens on (本报讯, a province's name)
_CLAUSE_MARK = re.compile(r"[，,。；;、：:]")
# what follows a thing a sentence describes: "…产业园项目经营范围覆盖…", "突击队以宣传…为主线"
_DESCRIBED = re.compile(r"[”’」]?\s*[\u4e00-\u9fff]{0,4}?(?:是|为|以|即|主要|经营|负责|集|位于|由|覆盖|始建|成立于|创建于)")
_DEFINED = re.compile(r"[”’」]?(?:[，,]\s*(?:即|也就是|就是)|是指|是一种|是一个|指的是|就是|即|是)")  # what follows a word defined ("一审，即…")


_KINDS_OF_TERM = "(?:政策|制度|机制|模式|工程|行动|方针|办法|措施|服务|平台|活动)"  # what a quoted term may be named as


def spells_out(term: str, passage: str, asked: str = "") -> bool:
    """Whether a passage says what a term stands for: defines it, sets its parts beside it
    ("“六乱”乱堆乱放、乱搭乱建…", "扫码、测温、戴口罩“三要素”", "“136”（…）"), or names what it
    is right before it (a kind, two things, a quotation, the things it calls so: "…这些“地雷”"),
    in words the question (`asked`) does not print itself."""
    t = re.escape(term)
    before = [rf"([\u4e00-\u9fff]{{4,}}){_KINDS_OF_TERM}[“‘「\"]{t}",  # "…兜底保障政策“136”"
              rf"[“‘「\"]([^”’」\"]{{2,12}})[”’」\"]\s*{t}",  # "“人钱地房树村稳”七字方针"
              rf"([\u4e00-\u9fff]{{8,}})的{t}(?![”’」\"])",  # "…和航天炉粉煤加压气化互为补充的双气头工艺路径"
              rf"([\u4e00-\u9fff]{{4,}})(?:这些|这类|这种|等)[“‘「\"]{t}",  # "扫除潜藏的密切接触者和未发现病例这些“地雷”"
              # the things listed are what it calls so: "纸笔、照相机、osmo、手机、鼠标都是这场…战场上的“武器”"
              rf"((?:[^。；，、]{{1,12}}、)+[^。；，、]{{1,12}})(?:都|就|也|正|便)?是[^。；，]{{0,16}}?[“‘「\"]{t}"]
    if term.startswith("两"):  # a pair: "疫情防控和复工复产“两手抓”"
        before.append(rf"([\u4e00-\u9fff]{{2,}}(?:和|与|及)[\u4e00-\u9fff]{{2,}})[“‘「\"]{t}")
    return defines([term], passage) or bool(re.search(
        rf"{t}[”’」\"]?\s*(?:[：:（(]|[\u4e00-\u9fff]{{1,8}}、)|、[^。；、，“‘「\"]{{1,12}}(?<![和与及])[“‘「\"]?{t}|[（(]\s*(?:即|也就是|就是)\s*[“‘「\"]?{t}",
        passage)) or any(
        m.group(1) not in asked for pattern in before for m in re.finditer(pattern, passage))


_COUNTED_TERM = re.compile(NUMBERED_SET.pattern + r"|\d")  # “三新五大”, “136”: a set named by its number
_CLOSES_CLAUSE = r"(?![”’」\"]?(?:[，。；、,;！？!?\s]|$))"


def describes(term: str, passage: str) -> bool:
    """Whether a passage says something of a quoted term: prints it heading more of its clause
    (“以购代捐”的…模式，推动了…; “山花牌”商标连续几届被评为…), not closing a clause as what a
    verb takes (剔除“硬伤户”，纳入…). A set named by its number (“三新五大”, “136”) is told only
    by its items (spells_out)."""
    return not _COUNTED_TERM.search(term) and re.search(re.escape(term) + _CLOSES_CLAUSE, passage) is not None


_SAYS = _SAID + "|笑着说|说道"  # a person speaking: those verbs, or one said with its manner


def speaks(name: str, passage: str) -> bool:
    """Whether a passage has a person speak: their name before a verb of speech in the same
    clause, out of quotation marks ("高爱花高兴地说", "陈艳感慨道", "车建文说:"), not only named
    ("…走访慰问了贫困户王秋贵" after someone else's words)."""
    return re.search(rf"{re.escape(name)}[^，。“”\"「」]{{0,10}}?(?:{_SAYS})", passage) is not None


NO_NAME_END = frozenset("个的各每全该此这那些多几两")  # "5个村", "各村", "该村": no village named


_NAME_AFTER = re.compile(NAME_AFTER)
_ALSO_POST = re.compile(rf"(?:及|和|、|兼)[\u4e00-\u9fff]{{1,8}}?(?:{POST.pattern})的?")


def _post_places(post: str, passage: str):
    """Yield (start, end) of each place a passage names that very post, or its end as the question
    typed it ("人民医院院长": 院长), not a deputy's nor an assistant's (副院长, 主任助理)."""
    for k in range(len(post), 1, -1):
        for at in places_of(post[-k:], passage):
            if "副" not in passage[max(0, at - 2) : at] and not passage.startswith("助理", at + k):
                yield at, at + k


def holds_post(post: str, passage: str) -> bool:
    """Whether a passage names that very post (see _post_places)."""
    return next(_post_places(post, passage), None) is not None


def names_holder(post: str, passage: str, asked: str) -> bool:
    """Whether a passage names the holder of that very post ("主任是谁": 主任刘建忠介绍, not
    主任助理 or 副主任): the post, or its end as the question typed it ("一院院长": 院长), then a name;
    not the post of a department the question (`asked`) does not name ("新闻办主任": not 要闻部主任王卫华)."""
    for at, end in _post_places(post, passage):
        also = _ALSO_POST.match(passage, end)  # "流调组组长及突击队队长的李建军": a second post, then the name
        if not _NAME_AFTER.match(passage, also.end() if also else end):
            continue
        party = _PARTY_BODY.search(passage[:at])  # a secretary of the 党支部 the question names, not the 党工委's
        if party:
            if not _PARTY_BODIES.search(asked) or party.group(0) in asked:
                return True
            continue
        department = _DEPARTMENT.search(passage[:at])
        if not department or department.group(0) in asked:
            return True
    return False


_HOME = re.compile(r"(?:家住|住在|居住在?|家在)[\u4e00-\u9fff]{2,}")  # where someone lives: "家住…后马家村安置小区"
# a road, street or lane by its name, or a number; not 田家会街道, nor a way taken (扶贫路上, 公路, 思路)
_ADDRESS = re.compile(r"[\u4e00-\u9fff]{1,8}(?:(?<![公道线铁思出门销新网])路(?![上线径子])|大街|街(?!道)|巷|大道)(?:\d+号)?|\d+\s*号(?:楼|院)?")
# A thing's place stated: where it lies, near its name ("园区位于…"), or a place finer than a
# district printed right before it ("后马家村安置小区扶贫车间") or right after ("帮扶点十里村").
_LOCATED = "位于|地处|坐落|交界|境内|设在|建在|驻地|地址"
_FINE_PLACE = "村|社区|小区|街道|路|街|巷|号|镇|乡"


def locates(kind: str, passage: str) -> bool:
    """Whether a passage says where a thing of the kind asked about ("医院") is, in a sentence
    that names one: not a sentence that only names it while telling of somewhere else."""
    located = _by_a_place(kind)
    return any(kind in s and located.search(s) for s in sentences(passage))


@functools.lru_cache(maxsize=64)
def _by_a_place(kind: str) -> re.Pattern:
    """The pattern of a thing of a kind named with its place, made once for all sentences."""
    wider = "|".join(place for place in _FINE_PLACE.split("|") if place != kind)  # 信义镇回龙塔村, not 帮扶村回龙塔村
    named = "|".join(place for place in ("村", "社区", "小区") if place != kind)
    kind = re.escape(kind)
    return re.compile(rf"(?:{_LOCATED})[^。；]{{0,12}}?{kind}|{kind}[^。；]{{0,12}}?(?:{_LOCATED})|"  # "园区位于…", "位于…的回龙塔村"
                      rf"(?:{wider})的?[\u4e00-\u9fff]{{0,10}}?{kind}|{kind}[^到来去赴在为对向给把的和与及，。；\s]{{1,4}}(?:{named})")


_KIND_FORMS = {"学校": "学校|小学|中学|大学|学院|幼儿园", "医院": "医院|卫生院"}  # 东关小学 is a school


def prints_a(kind: str, passage: str, asked: str) -> bool:
    """Whether a passage prints a name ending in a kind of place ("…县", "…街") that the
    question (`asked`, folded) does not print itself; an address, a road, a street or a number."""
    if kind == ADDRESS:
        return bool(_ADDRESS.search(passage))
    if kind == HOME:
        return bool(_HOME.search(passage))
    return any(m.group(0) not in asked and m.group(1)[-1] not in NO_NAME_END for m in _kind_pattern(kind).finditer(passage))


def names_of_kind(kind: str, passage: str, asked: str) -> bool:
    """Whether a passage names a thing of a kind (a 政策, a 模式) the question does not name:
    as a name ending in it, or quoted before it ("这种“以购代捐”的“消费扶贫”模式")."""
    quoted = re.finditer(rf"[“「]([^”」]{{2,12}})[”」]的?\s*(?:[“「][^”」]{{2,12}}[”」])?{re.escape(kind)}", passage)
    return prints_a(kind, passage, asked) or any(m.group(1) not in asked for m in quoted)


@functools.lru_cache(maxsize=64)
def _kind_pattern(kind: str) -> re.Pattern:
    """The pattern of a name ending in a kind of place, made once for all sentences."""
    return re.compile(rf"([\u4e00-\u9fff]{{1,8}})(?:{_KIND_FORMS.get(kind, re.escape(kind))})")


def _with_speakers(parts: list[str], credits: list[dict[str, float]]) -> list[dict[str, float]]:
    """Give back the credits with a quotation holding the words of the sentence after it that
    says who spoke it: "“…很大帮助。”" and "副总经理郭新春说。" answer "副总经理说了啥" together
    ("X说：“…" opens the next quotation instead); a quotation that "他说" holds the words of
    the sentence before, which names him."""
    merged = list(credits)
    for i in range(len(parts)):
        if i + 1 < len(parts) and _QUOTE_MARK.search(parts[i]) and _ATTRIBUTION.search(parts[i + 1]):
            # every sentence of the quotation, back to the one that opens it
            start = next((k for k in range(i, max(i - QUOTE_SPAN, -1), -1) if _OPENS_QUOTE.search(parts[k])), i)
            for k in range(start, i + 1):
                merged[k] = {w: max(c, SPEAKER_CREDIT * credits[i + 1][w]) for w, c in merged[k].items()}
        if i > 0 and _PRONOUN_SPEAKER.match(parts[i]):  # "武才明…。他乐呵呵地说：“…”": he is the one named before
            merged[i] = {w: max(c, SPEAKER_CREDIT * credits[i - 1][w]) for w, c in merged[i].items()}
    return merged


def _with_referents(parts: list[str], credits: list[dict[str, float]]) -> list[dict[str, float]]:
    """Give back the credits with a sentence that refers back ("该社…为其办理了续贷资金420万元",
    "…，公司提出续贷申请") holding, for less, the words of the sentence before it, which names
    what it refers to."""
    merged = list(credits)
    for i in range(1, len(parts)):
        if _REFERS_BACK.search(parts[i]):
            merged[i] = {w: max(c, REFERENT_CREDIT * merged[i - 1][w]) for w, c in merged[i].items()}
    return merged


def _pack(parts: list[str], best: int, evidence, quote: bool = False, said_only: bool = False) -> tuple[int, int]:
    """Give back [start, end) of the sentences shown: the best one, the one before it when only
    that one holds what is asked (the quote before "X说。"), then those after it while they fit
    (the answer often follows the sentence that names the subject); a quotation that holds the
    question's words but not what is asked goes with the line after it that says who said it;
    where what was said is asked (`said_only`), a line that only says who ("王卫华如是说。") goes
    with the quotation before it."""
    start, end, length = best, best + 1, len(parts[best])
    if said_only and best > 0 and _BARE_ATTRIBUTION.match(parts[best]) and _QUOTE_MARK.search(parts[best - 1]) \
            and length + len(parts[best - 1]) <= EXCERPT_MAX:  # "王卫华如是说。": what he said goes before it
        start, length = best - 1, length + len(parts[best - 1])
    said = _attribution_after(parts, best) if not evidence[best] else None
    if said is not None and evidence[said] and sum(map(len, parts[best : said + 1])) <= EXCERPT_MAX:
        end, length = said + 1, sum(map(len, parts[best : said + 1]))
    elif not evidence[best] and best > 0 and evidence[best - 1]:
        if length + len(parts[best - 1]) <= EXCERPT_MAX:
            start, length = best - 1, length + len(parts[best - 1])
        elif quote:  # the two do not fit: the words said go first ("…真是太给力了！”" before "陈艳感慨道。")
            start, end, length = best - 1, best, len(parts[best - 1])
    while end < len(parts) and length + len(parts[end]) <= EXCERPT_MAX:
        length += len(parts[end])
        end += 1
    return start, end


def _attribution_after(parts: list[str], i: int) -> int | None:
    """Give back the sentence saying who spoke the quotation sentence i is part of ("“…。”" then
    "要闻部主任王卫华如是说。"), at most two sentences on; None when there is none."""
    if not _STRONG[QUOTE].search(parts[i]):
        return None
    return next((j for j in range(i + 1, min(i + 3, len(parts))) if _ATTRIBUTION.search(parts[j])), None)


def _passage(text: str, weights: dict[str, float], fold: Callable[[str], str], question: Question,
             script: Callable[[str], str]) -> Passage:
    return Passage(text, match_spans(fold(text).lower(), _bold_terms(weights)), has_evidence(question.wants, script(text)))


_ASKED_OF_A_COPY = frozenset({QUOTE, WHO, TOPIC, WHAT_IS})  # who said a sentence copied, what it says, what it means


def _story_weights(credits: list[dict[str, float]], folded: list[str], weights: dict[str, float], question: Question,
                   title: str) -> dict[str, float]:
    """Give back each word's weight inside this story: its archive weight times its rarity among
    the story's sentences (a word in every sentence is the story's topic, not the answer),
    discounted when the headline or the first sentence established it (the answer sentence
    says "it" instead of repeating the subject) or the reader copied it from the sentence they ask about."""
    speakers = [w.text for w in question.words if w.tag.startswith("nr") and w.text in weights] if question.wants == QUOTE else []
    # what was said is the speaker's; who holds a post, the post's ("局长是哪个？就是…现场会那次")
    focus = speakers[0] if speakers else question.holder if question.holder in weights else question_focus([w for w in weights])
    established = title + (folded[0] if len(folded) > 1 else "")
    local = {}
    for word, weight in weights.items():
        holding = sum(c[word] > 0 for c in credits)
        local[word] = weight * math.log(1 + len(folded) / holding) if holding else 0.0
        if word == focus:
            local[word] *= FOCUS_WEIGHT * (WHEN_FOCUS if question.wants == WHEN else 1.0)
        if word_credit(word, established) > 0 and question.wants != WHAT_IS and word not in question.quoted:  # a copied sentence is what is asked about
            local[word] *= LEAD_DISCOUNT
        elif word in question.quoted and question.wants not in _ASKED_OF_A_COPY:
            local[word] *= LEAD_DISCOUNT  # "“企业操心的事…” 成立电商中心是为了啥": the reader has that sentence; the answer is another
    return local


def question_focus(words: list[str]) -> str | None:
    """Give back the head of a question: its last content word of two characters or more.

    Chinese phrases put the head last ("枣架村网格员" -> 网格员), and the answer carries it."""
    return next((w for w in reversed(words) if len(w) > 1), None)


def _evidence_value(wants: str, passage: str, own_date: str | None) -> float:
    """Give back how well a passage carries what the question wants (0 to 1)."""
    if wants == WHEN and own_date:
        month, day = int(own_date[-5:-3]), int(own_date[-2:])
        if any((int(m.group(1)), int(m.group(2))) == (month, day) for m in _MONTH_DAY.finditer(passage)):
            return 1.0  # the story's own date
    pattern = _EVIDENCE.get(wants)
    if pattern is None or not pattern.search(passage):
        return 0.0
    if wants == WHICH_ONES:  # a list of several items answers better than one pair; so do three bodies of a kind
        kinds = Counter(name[-2:] for name in set(ORG.findall(passage)))  # "…有限公司吸纳100个，…有限公司"
        titles = passage.count("《")  # "舞蹈《…》《…》，笛子独奏《…》": a programme
        return 1.0 if passage.count("、") >= 2 or titles >= 3 or max(kinds.values(), default=0) >= 3 else WEAK_EVIDENCE
    strong = _STRONG.get(wants)
    return WEAK_EVIDENCE if strong and not strong.search(passage) else 1.0


def _bold_terms(weights: dict[str, float]) -> set[str]:
    """Give back what to bold: the question's words, and the character pairs of its long words."""
    terms = {w for w in weights if len(w) > 1 or w.isdigit()}
    terms |= {w[i : i + 2] for w in weights if len(w) > 2 for i in range(len(w) - 1)}
    return terms


def trim(passage: str, words: list[str]) -> str:
    """Give back at most EXCERPT_MAX characters of a long sentence, around its first word,
    never cutting inside a number or a Latin word."""
    first = min((passage.find(w) for w in words if w in passage), default=0)
    start = max(0, min(first - 30, len(passage) - EXCERPT_MAX + 1))
    end = start + EXCERPT_MAX - 1
    while 0 < start < len(passage) and passage[start - 1 : start + 1].isalnum() and passage[start].isascii():
        start -= 1
    while end < len(passage) and passage[end - 1 : end + 1].isascii() and passage[end - 1 : end + 1].isalnum():
        end -= 1
    piece = passage[start:end]
    return ("…" if start else "") + piece + ("…" if end < len(passage) else "")


def match_spans(folded: str, terms: set[str]) -> tuple[tuple[int, int], ...]:
    """Give back the merged [start, end) spans of the terms in (folded) text; a number is bolded
    whole or not at all (the 2 of 2020 is not the 2 the question asked for)."""
    spans = []
    for term in terms:
        start = folded.find(term) if term else -1
        while start >= 0:  # every occurrence, as re.finditer would give them (a literal: no pattern to compile)
            end = start + len(term)
            inside_number = term[0].isdigit() and start > 0 and folded[start - 1].isdigit() or (
                term[-1].isdigit() and end < len(folded) and folded[end].isdigit())
            if not inside_number:
                spans.append((start, end))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def lead(text: str, budget: int = EXCERPT_MAX) -> str:
    """Give back a story's opening sentences, up to `budget` characters."""
    excerpt = ""
    for sentence in sentences(text):
        if excerpt and len(excerpt) + len(sentence) > budget:
            break
        excerpt += sentence
    return excerpt if len(excerpt) <= budget else excerpt[: budget - 1] + "…"
