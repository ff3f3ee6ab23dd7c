"""Question text -> what it asks: its content words, the kind of answer it wants, the date it names.

A reader's question is scaffolding around content: "请问图书馆送书上门啥时候开始搞的" asks *when*
about 图书馆 / 送 / 书上门. The scaffolding is found by general means, never by the archive's words:

* part-of-speech tags from jieba.posseg: pronouns (啥, 什么, 哪), particles, prepositions,
  conjunctions, adverbs, measure words and question numerals (几本, 多少) carry no content;
* a short list of Mandarin function and question words that the tagger calls verbs or nouns
  (请问, 有没有, 能不能, 搞, 弄, 报道, 新闻 …): words of the language, not of any one paper;
* a date the question names ("5月20日", "2022年2月", "去年") is taken out as a date, not a word.

Each content word keeps its tag, so that search can tell a subject (a noun, place, person or
organisation) from a verb: a subject the archive never prints means the question is about
something else, an unknown verb (搞, 弄, a typo) means little.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cached_property

logger = logging.getLogger(__name__)

# The kinds of answer a question wants, most specific first: "怎么说" is a quote before it is a
# "how", "多长时间" a duration before it is a "when", "哪个单位" an organisation before "which ones".
WHEN, HOW_LONG, HOW_MANY, WHO, WHICH_ORG, WHERE = "when", "how_long", "how_many", "who", "which_org", "where"
WHICH_ONES, WHAT_IS, WHY, HOW, QUOTE, PHOTO, TOPIC = "which_ones", "what_is", "why", "how", "quote", "photo", "topic"
AUTHOR = "author"  # who wrote the story: its byline
PROGRESS = "progress"  # how far it has got ("搞得咋样了"): the tally so far
ANSWER_TYPES = (WHEN, HOW_LONG, HOW_MANY, WHO, WHICH_ORG, WHERE, WHICH_ONES, WHAT_IS, WHY, HOW, QUOTE, PHOTO, TOPIC, AUTHOR,
                PROGRESS)

_MEANS = "措施|办法|方式|途径|手段|方法|法子|步骤|程序|流程|环节"  # kinds of means a how-question may name
_MEANS_ASKED = rf"(?:什么|哪些|啥|哪几种|哪种|哪几个)({_MEANS})"  # 哪些途径, 啥法子: the kind of means, caught
_MEANS_NAMED = re.compile(_MEANS_ASKED)
_WHICH_SPOT = r"哪一?块(?:儿|地方?)?"  # "在哪块儿", "哪块地方": where, in speech
_TYPE_CUES = [
    (WHAT_IS, r"(?:报道|新闻|文章|稿子|[这那一]篇|[这那]条)[^，。？?]{0,3}(?:说|讲|写)(?:了|的)?(?:是)?(?:些)?(?:什么|啥)"),  # the story's gist
    (AUTHOR, r"(?<!工)作者|谁写的|谁报道的|哪个记者|哪位记者|记者是谁|通讯员是谁|谁采写|署名"),
    (PHOTO, r"照片|图片|相片|photo|picture|配图|合影|拍的|拍了|画面|[张幅的有]图(?![书表纸谋])|图(?:吗|呢|没|[?？])"),
    (QUOTE, r"说了?(?:些)?(?:什么|啥)|(?:感慨|感叹|评价|回应|透露|坦言|表态)了?(?:一?句|些)?(?:什么|啥)|(?:怎么|咋)(?:评价|看)|有(?:什么|啥)表示|(?<![的来听据])说(?!的)(?=[^，。？?]{1,12}(?:什么|啥|咋样|怎么样|怎样))|(?:怎么|咋|如何)(?:说|讲|谈|夸|称赞|形容|感慨|感叹|表态)|表示了?(?:什么|啥)|原话|(?:说|讲)了?(?:些|句)?(?:什么|啥)话|(?:什么|啥)说法|(?:那|哪)一?句话?\s*(?:是|叫|说的是)?\s*(?:什么|啥)(?!意思)|谈了?(?:什么|啥)|说的(?:是)?(?:什么|啥)?(?=$|[吗呢啊？?])"),
    (HOW_LONG, r"(?:什么|啥)(?:时间要求|时限)|多久|多长时间|多少时间|多少天|几天|多少年|几年|几个月|多少个月|多长|几周|几个小时|多少小时|一阵子"),
    (WHEN, r"什么时候|啥时候|啥时|何时|哪天|哪一天|哪年|哪一年|几月|几号|几点|哪个月|什么时间|啥时间|几时|日期|时间\s*[?？]?\s*$|when"),
    (WHICH_ORG, r"哪个单位|哪些单位|哪家|哪个部门|哪些部门|什么单位|啥单位|哪个公司|什么公司|啥公司|哪个机构|哪些机构|哪个医院|哪所|什么部门|啥部门|全称"),
    (WHO, r"谁|哪位|叫(?:什么|啥)名字|哪些人|什么人|啥人|是干(?:什么|啥|嘛)的|干(?:什么|啥|嘛)的|什么职务|啥职务|什么身份|who"),
    (HOW_MANY, r"几几|几比几|百分之几|几\s*[a-z]\s*级|(?:什么|啥|多大的?)(?:比例|比率|价格|价钱|金额|费用|面积|利率|工资|收入|温度)|多少钱|多少|(?<![哪这那第])几[个名次家人户位项条台辆本件所场批元万亿亩吨篇份支队类种成倍岁斤处座栋间块期届轮遍趟棵头只张]|数量|多大|多高|多远|多重|规模|how many|how much"),
    (WHERE, rf"[在去到]?{_WHICH_SPOT}(?=[啊呢呀吗？?，,。！!\s]|$)|哪里|哪儿|哪边|什么地方|啥地方|哪些地方|[在去到从]?哪(?:里|儿)|[在去到]哪(?![些几场届次]|一[场届次])|从哪(?![一些几个条座片处家所位种部项本场次支块间类样届])|来自哪|地点|位置|地址|where"),
    (TOPIC, r"(?:咋|怎么)回事"),  # "X是咋回事": what happened, the story itself, not a cause
    (WHY, r"为什么|为啥|为何|(?:怎么|咋)(?:会|要|就|又)(?![^，。？?]{0,6}(?:怎么|咋|如何))|为了(?:什么|啥)|图(?:什么|啥)|干嘛|原因|(?<![项题节科栏数书名剧曲条])目的|why"),
    (HOW, _MEANS_ASKED),  # "用了哪些办法来巩固效果": the means, though 效果 is named
    (HOW, r"(?:怎么|怎样|如何|咋)(?!样|回事)[^，。？?]{1,12}(?:效果|成效|成果)"),  # "怎么保证效果能巩固住": how, not how far
    (PROGRESS, r"(?:怎么样|咋样|怎样|如何)了?\s*(?:啊|呢|呀|吗)?\s*$|进展|成效|成果|效果|成绩"),
    (HOW, rf"怎么|怎样|如何|咋|{_MEANS_ASKED}|措施|办法|how"),
    (WHICH_ONES, r"(?<=[\u4e00-\u9fff])[了过](?:些)?(?:什么|啥)(?:东西)?\s*(?:啊|呢|呀)?\s*[?？]?\s*$|哪些|哪几|些(?:什么|啥)|都(?=[^，。？?]{0,8}(?:什么|啥))|哪[两三四五六七八九十]个?|有什么|有啥|都有|包括|包含"),
    (WHAT_IS, r"指的?是(?:什么|啥)|是什么|是啥|指什么|什么是|啥是|(?:什么|啥)叫(?![^，。？?]{0,12}(?:什么|啥))|什么意思|啥意思|是指|(?:做|搞)(?:什么|啥)的|是一?[个种家所座条项](?:什么|啥)|具体(?:是|指)(?=[^，。？?]{0,4}(?:什么|啥))|讲(?:了)?(?:些)?(?:什么|啥)|干(?:什么|啥)|what"),
    (WHAT_IS, r"哪一?[个条座片处家所位种部项本场次支块间类样]"),  # "哪一种…": which one
    (HOW_MANY, r"第几"),  # a rank: 排名第几
    (WHAT_IS, r"(?:叫|称|称为|叫作|叫做|名为|改称|改名为?)(?:什么|啥)"),  # "被叫作什么": a name
]
_TYPES = [(kind, re.compile(cue, re.I)) for kind, cue in _TYPE_CUES]
_ABOUT_STORY = re.compile(r"讲(?:了)?(?:些)?(?:什么|啥)|说的是(?:什么|啥)|写了?(?:些)?(?:什么|啥)|(?:这篇|那篇|报道|文章|新闻).{0,4}(?:什么|啥)|主要内容|大意")
# A story asked for by what it is about ("莲花池街道世纪广场周边环境整治的报道", "有没有讲…的新闻"): its lead.
_STORY_ASKED = re.compile(r"(?<![哪啥么])的(?:报道|新闻|文章|稿子|事迹)(?:吗|呢|有没有)?\s*[?？]?\s*$|^(?:有没有|有无|找)[^，。？?]{2,30}的(?:报道|新闻|文章)"
                           r"|介绍一下|说说|讲讲|聊聊|谈谈")  # "…的情况介绍一下": tell me the story

# Words that jieba tags as verbs or nouns but that only frame a question in Mandarin. Words
# of the language, not of the archive; the tags below catch the rest (啥, 什么, 的, 了, 吗 …).
FUNCTION_WORDS = frozenset(
    """
    请问 请 问 问下 问一下 一下 想 想问 想知道 知道 告诉 告诉我 查 查查 查一下 看看 看 找 找找 搜 搜索 查询 了解 麻烦
    说说 说说看 讲讲 聊聊 谈谈 介绍一下 属于 隶属 归属 比作 比喻
    有没有 是不是 能不能 可不可以 会不会 要不要 有 没有 是 能 会 可以 要 需要 得 该 应该 算 叫 算是 叫做 叫什么
    搞 弄 干 整 做 办 进行 开始 举行 举办 搞的 弄的 干的 回事 事 事情 情况 东西 方面 问题 相关 有关 关于
    咱们 咱 大家 那次 这次 那个 这个 那些 这些 那边 这边 那篇 这篇 一篇 里 里面 上面 的话 一共 总共 共 大概 大约 好像 好象 似乎 貌似 记得 印象
    区里 县里 市里 镇里 乡里 村里 家里 这里 那里
    具体 全称 名字 一阵子 还是 到底 究竟 最近 时候 时间 日子 地方 多久 多长 多少 几 原因 目的 措施 办法 方式 照片 事迹
    图 图片 相片 意思 职务 身份 人 单位 部门 机构 说 讲 讲的 提到 写 写的 登 登的 刊登 发表 有关 讲了 手里 手中
    下来 上来 出来 起来 过来 进来 回来 下去 上去 出去 进去 回去
    """.split()
)
# Characters that only frame a question; a word jieba made up of them and a content word at
# its edge ("书能", "搞了个") is trimmed to its content.
_FRAME_CHARS = frozenset("了个的着过吗呢吧啊呀么嘛哦能会要想搞弄干整做是有在就都也还又把被让给那这些时")
# Words that name the newspaper itself: the frame of "5月20日的报纸有什么", never its content.
META_WORDS = frozenset("报纸 新闻 报道 报导 消息 文章 稿子 内容 版面 今日离石 本报 事儿 事情 事迹".split())
# posseg tags that never carry content: pronouns, particles, prepositions, conjunctions, adverbs,
# interjections, onomatopoeia, measure words, punctuation, modal particles, locality words (里, 上),
# and time words that point from the speaker's now (今天, 现在, 近日: see DEICTIC_TIME; printed
# dates are parsed apart). A time word that names a period of its own (春节, 元宵, 南宋) is content.
_SCAFFOLD_TAGS = ("r", "u", "p", "c", "d", "e", "o", "q", "x", "y", "w", "zg", "f", "t")
# Mandarin's deictic and relative time words: where the speaker stands in time, or a part of
# any day or year. Words of the language, not of the archive.
DEICTIC_TIME = frozenset(
    """
    今天 昨天 前天 明天 后天 今日 昨日 明日 当天 当日 次日 今年 去年 前年 明年 后年 当年 往年 每年 全年 本年 今后 此后 此前
    之前 之后 以前 以后 从前 过去 现在 目前 如今 当今 当下 眼下 将来 未来 近日 日前 近期 近来 最近 近年 近年来 近些年 早期
    后来 当时 那时 这时 同时 同期 平时 平日 刚才 刚刚 上午 下午 中午 早上 早晨 清晨 凌晨 傍晚 晚上 夜里 夜间 白天 深夜
    年初 年中 年底 年末 岁末 月初 月中 月底 月末 本月 上月 下月 本周 上周 下周 周末 年前 年后 节前 节后 期间 时期 时候
    古代 古时 近代 现代 当代
    以往 往常 往日 早先 原先 那阵子 这阵子 前阵子 那阵儿 这阵儿 那会儿 这会儿 那时候 这时候 那段时间 这段时间 前段时间 那几天 这几天 前几天 前些天 前些日子
    """.split()
)
PROPER_TAGS = ("ns", "nr", "nt", "nz", "j", "eng")  # places, people, bodies, other names, abbreviations
NOUN_TAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "j", "l", "i", "eng", "vn", "an", "t")

_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月(?:份)?(?:\s*(\d{1,2})\s*[日号])?")
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "前年": -2, "本年": 0, "上一年": -1}
_RELATIVE = re.compile("|".join(_RELATIVE_YEAR))
_DATE_TEXT = re.compile(
    r"(?:(?<!\d)\d{4}\s*年(?:\s*\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?)?)|(?:(?<!\d)\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?)|今年|去年|前年"
)
_LATIN_OR_NUMBER = re.compile(r"^[a-z0-9][a-z0-9.+\-]*$")
_QUESTION_NUMERAL = re.compile(r"^(?:几|多少|第几|哪|[一两]?(?:次|下|点|些|个|阵|位|家|种|条|座|件|项|本|场|部|所|棵)?$)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_POINTING = re.compile(r"^[这那][一二三四五六七八九十两几\d]+[\u4e00-\u9fff]?$")  # "这三项": the ones named before
# A demonstrative with its measure word ("这条新闻", "那篇", "这两个"): it points, it names nothing.
_DEMONSTRATIVE = re.compile(r"[这那][一两三四五六七八九十几]?[条篇个则份期张项次场位件]")
# A term in quotation marks whose meaning is asked ("“136”保障机制是什么意思"): its definition must be printed.
_TERM_ASKED = re.compile(r"[“\"「]([^”\"」]{2,10})[”\"」]")
_INNER_TERM = re.compile(r".*[‘『]([^’』]{2,10})[’』].*")  # "“紧抓‘三率一度’”": the term quoted inside the quotation
_TERM_OF_SET = re.compile(r"其中的?\s*([\u4e00-\u9fff]{2,6}?)(?:具体|到底)?(?:是指|指的是|是|指)(?:什么|啥)")  # one item of a set named
NUMBERED_SET = re.compile(r"^[两双三四五六七八九十]")  # a set named by its number: “四个不摘”, “六稳” (not “一举两得”)
# "…活动上启动的是什么": what was done (启动了“爱国卫生季”), not what the term quoted means
_DONE_ASKED = re.compile(r"(?<![指意说讲])的是(?:什么|啥)")
_WORD_MEANING = re.compile(r"意思|指的?是?(?:什么|啥)")  # what a word means
_MEANING = re.compile(_WORD_MEANING.pattern + r"|具体(?:是|指)|什么是|啥是|是(?:什么|啥)|(?:什么|啥)内容")  # what a term is
_PASTED = re.compile(r"[^“\"「『][，,。；;！!？?][^”\"」』]")  # a copied sentence has clauses; a slogan or a name has none
# A quotation the reader pasted ("“作为一个医务工作者，我主动参与了…” 说这话的人…"): content, never cues.
_QUOTED = re.compile(r"([“\"「『][^”\"」』]{6,}[”\"」』])")
# Any quotation, a term's as well ("“彩虹四点半”"): what it holds names something and asks nothing.
_ANY_QUOTED = re.compile(r"[“\"「『‘][^”\"」』’]+[”\"」』’]")
# A character the reader could not recall, typed as X or a symbol ("李建X", "飞X经济", "李建?军"): a gap, no
# word. A Chinese question mark followed by more ("是哪个？就是…") ends a clause: the IME types it so.
_GAP = r"(?:[XxＸｘ×*＊○□?](?=[\u4e00-\u9fff])|[XxＸｘ×*＊○□](?![A-Za-z0-9]))"
_FORGOTTEN = re.compile(r"(?<=[\u4e00-\u9fff])" + _GAP)
_WHAT_VARIANT = re.compile(r"甚[麼么]")
# A surname recalled without the name ("姓马的村民", "那个姓高的大姐"): one character, no word the
# story prints as it stands (马利梅 is one word), so it is left out rather than weighed as a name.
_SURNAME_ONLY = re.compile(r"姓(?![什啥名])[\u4e00-\u9fff](?=的)")
# 什么 inside a name, between the characters recalled ("北海什么公司", "王什么华"), when the
# question asks by another cue ("…，为什么要续贷"); not 什么时候 nor after a verb ("送什么药").
_WHAT_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])什么(?=[\u4e00-\u9fff])(?!时候|样|地方|意思|的|位置|时间|原因|内容|东西|单位|部门|办法|方式|措施|程序|职务|身份)")
_NOT_BEFORE_A_GAP = ("v", "p", "u", "q", "r", "d", "c", "m", "y")  # tags of a character that asks "什么" itself
_RECALLED = re.compile(r"([\u4e00-\u9fff]{1,3})" + _GAP)  # what was typed before the gap
_CLAUSE_BREAK = re.compile(r"[，。？！；：、“”‘’「」『』《》（）()—…,?!;:\s]+")  # not ".": PM2.5
_CJK_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
_NUMERAL_CHARS = frozenset("一二三四五六七八九十两几0123456789")
JOIN_MAX = 6  # characters: longer runs are phrases jieba cut well enough
GLUE_MAX = 3  # characters: the piece a lone character is glued to in a longer run ("武/四民")
READ_MAX, MAX_WORDS = 300, 32  # characters and content words of a question that are read
_LATIN_RUN = re.compile(r"[a-z0-9][a-z0-9.+\-]*[a-z0-9+]|[a-z]")  # a Latin word, with its digits


@dataclass(frozen=True)
class Word:
    """A content word of a question with its part-of-speech tag."""

    text: str
    tag: str
    head: str | None = None  # the noun this one modifies, printed right after it ("微信" -> "账号")
    category: bool = False  # the kind of answer, after 哪/什么 ("哪条巷子": 天益巷 is the answer)

    @property
    def is_subject(self) -> bool:
        """Whether the word names something (a noun, place, person, body, Latin term or number)."""
        return self.tag.startswith(NOUN_TAGS) or bool(_LATIN_OR_NUMBER.match(self.text))

    @property
    def is_name(self) -> bool:
        """Whether the word is a name (place, person, body, abbreviation, Latin term); a bare
        number is a quantity, not a name."""
        return (self.tag.startswith(PROPER_TAGS) or bool(_LATIN_OR_NUMBER.match(self.text))) and not self.text.isdigit()


@dataclass(frozen=True)
class Question:
    """What a question asks: its content words, the answer type it wants, the date it names."""

    text: str
    wants: str
    words: tuple[Word, ...]
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative_year: int | None = None  # 0 for 今年, -1 for 去年: resolved against the archive
    relative: bool = False  # the year came from 今年/去年: a preference, not a condition
    folded: str = ""  # the text in simplified script, lower case, as the cues read it
    unit: str | None = None  # the measure a how-many question names: 元 for 多少钱, 毫升, 斤, 成
    named: str | None = None  # the kind of name asked for: 街 for "在哪条街", NAME for "叫啥名字"
    holder: str | None = None  # the post whose holder is asked for by name: 书记 in "枣架村的党支部书记是谁"
    recalled: tuple[str, ...] = ()  # the start of a name the reader could not finish ("李建" of "李建X")
    gaps: tuple[tuple[str, str], ...] = ()  # the characters typed on each side of a gap ("李", "军，是" of "李X军，是")
    kinds: tuple[str, ...] = ()  # what names the kind of thing listed ("出动了哪些机械车辆": 机械, 车辆; "哪几种“员”": 员)
    terms: tuple[str, ...] = ()  # quoted terms whose meaning is asked ("“一审”具体指什么": 一审), simplified
    quoted: str = ""  # what the question quotes, folded ("“企业正为…发愁” 这话是谁说的"): the reader's copy of a sentence
    means: str | None = None  # the kind of means a how-question names: 方式 for "通过啥方式", 程序 for "走什么程序"

    @cached_property  # asked of every sentence of every story shown
    def ending(self) -> str:
        """The end the items asked for share ("当好哪几种“员”": 员), or ""."""
        return next((kind for kind in self.kinds if len(kind) == 1), "")

    @property
    def names_date(self) -> bool:
        return self.year is not None or self.month is not None or self.relative_year is not None

    @cached_property  # asked of every story shown
    def about_story(self) -> bool:
        """Whether it asks what a story says as a whole ("这篇讲啥", "…讲了些什么")."""
        return bool(_ABOUT_STORY.search(self.folded or self.text)) or self.wants == TOPIC and bool(_STORY_ASKED.search(self.folded))

    @property
    def speaker_post(self) -> str:
        """The post of someone whose words a question asks for, named by no name ("院长说了啥": 院长), or ""."""
        if self.wants != QUOTE or any(w.tag.startswith("nr") for w in self.words):
            return ""
        return next((w.text for w in self.words if len(w.text) > 1 and _POST_END.search(w.text)), "")

    @property
    def later(self) -> str:
        """What a yes-or-no question asks happened after the story ("后来做手术了吗": 做手术), or ""."""
        asked = _LATER.search(self.folded)
        return asked.group(1) if asked else ""

    @cached_property  # asked of every sentence of every story shown
    def ordinal(self) -> str:
        """The item of a numbered set asked for, as its point opens ("第一项是什么": 一), or ""."""
        asked = _ORDINAL_ASKED.search(self.folded)
        number = asked.group(1) or asked.group(2) if asked else ""
        return _CHINESE_NUMERALS.get(number, number)

    @cached_property  # asked of every sentence of every story shown
    def asks_a_set(self) -> bool:
        """Whether it asks for the items of a counted set ("九大重点任务有哪些", "这三项措施是哪些")."""
        return self.wants == WHICH_ONES and bool(_SET_ASKED.search(self.folded))

    @cached_property  # asked of every sentence of every story shown
    def kind_listed(self) -> str:
        """The first characters of the kind a which-ones question asks for ("送了哪些药": 药), or ""."""
        kind = _KIND_LISTED.search(self.folded) if self.wants == WHICH_ONES else None
        return kind.group(1) if kind else ""

    @cached_property  # asked of every sentence of every story shown
    def set_named(self) -> str:
        """How a numbered set asked for is named ("四大优势有哪些": 四大), or ""."""
        named = _SET_ASKED.search(self.folded) if self.asks_a_set else None
        return named.group(0) if named else ""

    @cached_property  # asked of every sentence of every story shown
    def listed_by(self) -> str:
        """The verb whose objects a which-ones question asks for ("送了些啥东西": 送), or ""."""
        cue = _OBJECTS_ASKED.search(self.folded) if self.wants == WHICH_ONES else None
        if not cue:
            return ""
        before = [(self.folded.rfind(w.text, 0, cue.start()), w.text) for w in self.words if w.tag.startswith("v")]
        at, verb = max(before, default=(-1, ""))
        if at >= 0 and at + len(verb) == cue.start():
            return verb
        # a verb of one character, no content word of its own, ending the question: "送了啥东西"
        alone = cue.group(0)[0] in "了过" and not self.folded[cue.end() :].strip(" ?？啊呢呀吗")
        return self.folded[cue.start() - 1] if alone and _CJK.match(self.folded[cue.start() - 1]) else ""

    @cached_property  # asked of every sentence of every story shown
    def asks_total(self) -> bool:
        """Whether a how-many question asks for a total ("一共收到多少件"), not any count."""
        return self.wants == HOW_MANY and bool(IN_ALL.search(self.folded))

    @cached_property  # asked of every story shown
    def counted(self) -> int:
        """How many things a which-ones question says there are ("9所培训机构都是哪几家": 9), or 0."""
        count = _COUNT_GIVEN.search(self.folded) if self.wants == WHICH_ONES and not self.asks_a_set else None
        if not count or self.named and self.named not in count.group(0):
            return 0  # "15个平台建在哪些乡镇": the count is of other things than the places asked
        return int(count.group(1)) if count.group(1).isdigit() else "一二三四五六七八九十".find(count.group(1)) + 1

    @cached_property
    def cues(self) -> tuple[tuple[int, int], ...]:
        """Where the cues of any answer type stand in the folded text: (start, end) of each."""
        return tuple(m.span() for _, pattern in _TYPES for m in pattern.finditer(self.folded))

    @property
    def cue_at(self) -> int:
        """Where the first cue stands, or -1."""
        return min((start for start, _ in self.cues), default=-1)

    def done_after_cues(self, word: str) -> bool:
        """Whether a word stands after every cue, a verb between ("被哪个单位授予了…称号": 称号 is
        what was given, not what is asked; "能拿到多少补偿款": 补偿款 is asked)."""
        end = max((end for _, end in self.cues), default=-1)
        at = self.folded.rfind(word)
        return 0 <= end < at and any(w.tag.startswith("v") and w.text in self.folded[end:at] for w in self.words)

    @cached_property  # asked of every sentence of every story shown
    def defined(self) -> str:
        """The thing a what-is question asks about: the run of its words right before the first
        cue ("…去看的晋西北建筑产业园是个啥项目": 晋西北建筑产业园), or ""."""
        if self.wants != WHAT_IS or self.cue_at < 0:
            return ""
        before = _DEFINED_TAIL.sub("", self.folded[: self.cue_at])
        texts = sorted({w.text for w in self.words if len(w.text) > 1}, key=len, reverse=True)
        run = ""
        while word := next((t for t in texts if before.endswith(t)), None):
            run, before = word + run, before[: -len(word)]
        return run

    @cached_property  # asked of every story shown
    def located(self) -> str:
        """The kind of standing thing whose place a where-question asks ("泰化医院在什么地方":
        医院), or "": an answer must say where it is, not only name it somewhere."""
        asked = _LOCATION_ASKED.search(self.folded) if self.wants == WHERE and not self.named else None
        return asked.group(1) if asked else ""

    @property
    def lists_date(self) -> bool:
        """Whether it asks only for what was printed on a date ("5月20日的报纸有什么")."""
        return self.names_date and not self.words

    def prints(self, name: str) -> bool:
        """Whether the question names `name` itself, or starts it and leaves a gap ("李建X": 李建军)."""
        return name in self.folded or any(name.startswith(typed[-k:]) and len(name) > k
                                          for typed in self.recalled for k in range(1, len(typed) + 1))

    def with_year(self, year: int | None) -> Question:
        """Give back the question with its relative year ("去年") made absolute."""
        return replace(self, year=year, relative_year=None, relative=True)


_DEFINED_TAIL = re.compile(r"(?:\s|到底|究竟|具体|又|就|其实|主要|是)+$")  # "“飞地经济”到底是什么": not the thing asked about
# A clause that only sets the time of what is asked ("病人回忆不清去过哪里时，…是怎么还原的"): its
# which-word is not the question's.
_WHEN_CLAUSE = re.compile(r"[^，,。？?！!；;\s]+(?:时|的时候)[，,\s]")  # folded text: the comma is a space


def answer_type(text: str) -> str:
    """Give back the kind of answer a (folded) question wants, or TOPIC for a bare topic; a
    cue in a clause that sets the time of the rest counts only where the rest asks nothing."""
    main = _WHEN_CLAUSE.sub(" ", text)
    return next((kind for kind, cue in _TYPES if cue.search(main)), None) or \
        next((kind for kind, cue in _TYPES if cue.search(text)), TOPIC)


WEIGHT = "重量"  # "卖了多少斤": 50公斤 answers as well as 100斤
DAY = "日"  # "哪天通过验收": a day of a month (2月20日, 初二), not a year or a month
# A measure named after 多少/几 ("多少钱", "几斤", "多少篇"); 个, 家 and 位 count anything, so name none.
_UNIT = re.compile(r"(?:多少|几)\s*(钱|块|元|毫升|升|公斤|斤|吨|亩|平方米|平方公里|公里|米|成|倍|岁|天|小时|分钟|年|个月|个?人|名|位|篇|本|件|户|项|次|处)")
NUMBER_ID = "号码"  # "电话是多少", "群号多少": digits that name a line or a group, not a count
_NUMBER_ID_ASKED = re.compile(r"(?:电话|号码|手机号?|群号|微信号|qq号?|热线|账号)(?:码)?(?:是|为)?(?:多少|几|啥|什么)")
_AGE_ASKED = re.compile(r"多大(?:年|岁)|年龄|年纪|岁数")  # "多大年纪": years of age (52岁), not any number
_DAY_ASKED = re.compile(r"哪一?天|几号|几月几[日号]|哪一?日")
_YEAR_ASKED = re.compile(r"哪一?年|几几年|什么年份|哪个年份|啥年份")
_GENERIC_UNITS = {"钱": "元", "块": "元", "个人": "人", "名": "人", "位": "人", "斤": WEIGHT, "公斤": WEIGHT, "吨": WEIGHT}  # 名 and 位 count people
_COUNTED = re.compile(r"(?:多少|几)个?([\u4e00-\u9fff]{1,4}?)(?=[，。？?！!啊呢吗了]|$)")  # "多少个志愿者": people
RATIO = "比例"  # "按啥比例分", "几几分成": a share ("4:6", "60%", "三七开"), not any number
AREA = "面积"  # "占多大面积": 平方公里, 亩, not any number
_AREA_ASKED = re.compile(r"(?:多大|多少)(?:的)?(?:面积|地方)|(?:面积|占地)(?:具体|到底|究竟)?(?:有|是|为)?(?:多大|多少)|占地多")
_RATIO_ASKED = re.compile(r"几几|几比几|百分之几|(?:什么|啥|多大的?|多少)(?:比例|比率)|(?:比例|比率|占比)(?:具体|到底|究竟)?(?:是|为)?多少")
# A question that names the kind of name it wants: a street, a village, a clinic ("在哪条街"),
# or a person's name ("叫啥名字"); its answer must print one.
NAME, CLOCK = "name", "clock"
_PLACE_KINDS = "街道|街|路|巷|村|镇|乡|县|市|省|社区|小区|广场|公园|医院|学校"
REGIONS = ("市", "省")  # printed by a bare name as often as not (华沙, 江苏南通): any place answers
PLACE_KIND_WORDS = frozenset(k for k in _PLACE_KINDS.split("|") if len(k) > 1)  # kinds that are words of their own: 街道, 学校
_NAMED = re.compile(rf"哪(?:一|\d+|[两三四五六七八九十几]+)?[条个座家所片处栋幢]?[\u4e00-\u9fff]{{0,2}}?({_PLACE_KINDS}|诊所|银行|公司|超市|饭店|酒店|药店|药房|小学|中学|大学|幼儿园|"
                    rf"商店|书店|宾馆|工厂|楼)|(几点)|({_PLACE_KINDS})(?:都|分别|各)?叫(?:什么|啥)|(地址|住址)|(住(?:在)?(?:哪|什么地方|啥地方)|家(?:住)?在哪)|"
                    r"(?<!全名)(?<!全称)叫(?:什么|啥)(?:名字?)?|名字(?:具体|到底|究竟)?(?:是|叫)?(?:什么|啥)|姓名|姓(?:什么|啥)|哪位|哪个人")
ADDRESS = "地址"  # "办公地址在哪儿": a road, a street or a number, not any place
HOME = "住处"  # "高爱花住哪儿": where someone lives (家住…, 住在…), not where they work
# Where a standing thing is ("泰化医院在什么地方", "门市部在哪儿啊"): a name ending in a kind of
# building, body or place, then the cue, which ends the clause (not "在哪儿办的": an event's place).
_LOCATION_ASKED = re.compile(r"(医院|卫生院|门市部?|公司|厂区?|中心|馆|局|站|所|学校|园区|产业园|公园|车间|基地|广场|大厦|小区|社区|村|市场|"
                             r"超市|店|点)(?:的)?(?:具体)?(?:位置|地点)?(?:(?:是|建|设)?在[\u4e00-\u9fff]{0,3}?|位于)(?:哪(?:里|儿)?|什么地方|啥地方|"
                             rf"什么位置|啥位置|哪个位置|{_WHICH_SPOT}|哪个地方)\s*(?:啊|呢|呀)?(?:[？?，,。！!；;\s]|$)")
# A count of places of a kind, then which they are ("5个村分别是哪几个", "5个未移民的村叫什么名字").
_COUNTED_KIND = re.compile(rf"[\d一二三四五六七八九十两]+\s*个[^，。？?\s]{{0,6}}?({_PLACE_KINDS})[^，。？?]{{0,8}}?"
                          r"(?:哪|叫什么|叫啥|名字|分别是)")
_DOES_WHAT = re.compile(r"干(?:什么|啥|嘛)的")  # "他是干啥的": his work; "那家公司是干啥的": what it is
# A person's word: a post, a trade or a kinship term ends it ("副总经理", "村民", "大姐").
PERSON_END = re.compile(r"(?:师|员|者|长|书记|主任|经理|主席|董事|总监|负责人|医生|专家|记者|领导|干部|大姐|大哥|大爷|大妈|阿姨|师傅|同志|村民|居民|群众|户)$")
# The item of a set asked for by its place ("九大任务的第一项是什么", "第二个措施是啥"); not an
# event's number ("第4次集体学习") nor a rank ("排名第几").
_ORDINAL_ASKED = re.compile(r"(?:第([一二三四五六七八九十]|[1-9]|10)|头(一))\s*(?:项|个|点|条|方面|步|部分)")  # 头一项: the first
# How many there are of what a which-ones question asks for: the count, then what is asked of it
# ("9所中标培训机构都是哪几家"), not a count of something else ("分5个小组，…哪些村").
_COUNT_GIVEN = re.compile(r"(?<![\d.])(\d{1,2}|[一二三四五六七八九十])\s*(?:个(?!字)|所|件|家|名|位|种|座|处)(?![\d年月日])"
                          r"[^，。？?\s]{0,8}?(?:都|分别|具体|又)?(?:是|有|包括)?(?:哪|什么|啥)")
# Words of a total, in a question ("一共收到多少件") and in the sentence that answers it ("全年…196件");
# 共 as "in all" (共有, 共12人), not 共和国 or 共同.
IN_ALL_WORDS = r"累计|共计|共(?:有|\s*\d|[一二三四五六七八九十两百千万])"
IN_ALL = re.compile(rf"一共|总共|总计|合计|全年|{IN_ALL_WORDS}")
_OBJECTS_ASKED = re.compile(r"(?:了|过|出|去)?(?:哪些|哪几|些(?:什么|啥)|(?:什么|啥))(?:东西)?")  # after the verb: "送了些啥"
_SET_ASKED = re.compile(r"(?<!第)(?:[一二三四五六七八九十两]|\d)\s*(?:大|项|条|点|个?方面)")  # "九大任务", "三项措施"
_CHINESE_NUMERALS = dict(zip("1 2 3 4 5 6 7 8 9 10".split(), "一二三四五六七八九十"))
# A later outcome asked yes or no ("胆结石后来做手术了吗", "后来学会丝网花编织没有"): a story
# states it only if it prints its words.
_LATER = re.compile(r"(?:后来|之后|以后|最后)(?:有没有|有没)?([^，。？?！!]{2,20}?)(?:了吗|吗|了没有|没有|了没|没)\s*$")
_POST_END = re.compile(r"(?:长|书记|主任|经理|主席|董事|总监|负责人)$")  # a post, one holder: "主任叫啥" asks for him
_WHO_ASKED = re.compile(r"(?:又|到底|究竟|具体)?是?谁")
_HOLDER_NAME_ASKED = re.compile(r"(?:又|到底|究竟|具体)?(?:是?谁|叫(?:什么|啥)|的?名字|是哪一?[个位](?:人)?(?=\s|$|[啊呀呢？?]))")  # "局长是哪个？"
# A speech verb and a question word after it ("刘建忠讲…要做到啥样", "薛雪梅，说…咋样"): when a
# person is its subject, the question asks what that person said, whatever word ends it.
_SPEECH_ASKED = re.compile(r"(?:说|讲|谈)(?![明法座解])[^。？?！!]{0,16}?(?:咋|怎么|怎样|什么样|如何|啥|什么)")
_SPEAKER_SKIP = ("d", "a", "x", "w", "uj", "ul")  # 都, 具体, the comma, 的, 了 between a speaker and the verb
# Where or when the speaker spoke, between the speaker and the verb ("中阳县领导在…签约时讲了什么").
_SETTING = re.compile(r"在[^，。？?！!]{1,16}?(?:时候?|的时候|上|中|期间)\s*$")
# The noun after a which-word names the kind of answer: 哪条巷子, 哪座城市, 什么颜色, 啥节目.
_WHICH = re.compile(r"(?:哪一?[个条座片处家所位种部项本场次支块间类样]?|(?:什么|啥)(?:样子?的?)?)([\u4e00-\u9fff]{2,6})")
# The kind of the things a which-ones question asks for: 哪些城市, 哪几种设备, 些啥防护装备.
_WHICH_LISTED = re.compile(r"(?:哪[些几][个种类样家所位项条]?|些(?:什么|啥))([\u4e00-\u9fff]{2,6})")
_KIND_LISTED = re.compile(_WHICH_LISTED.pattern.replace("{2,6}", "{1,2}"))  # its first characters: "哪些药": 药
_ENDING_ASKED = re.compile(r"哪[些几][个种类样]?\s*[“「\"‘]([\u4e00-\u9fff])[”」\"’]")  # the end the items share: “员”
# The kind of thing whose name is asked ("那两本刊物叫啥": 刊物, "…的村子是哪个"): the answer is a name of one, not
# something about it; a person's post asks who holds it instead (see _sharpened).
_NAME_OF_KIND = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:都|分别|又|到底|究竟)?(?:叫(?:什么|啥)|的?(?:名字|名称)(?:是|叫)?(?:什么|啥)"
                           r"|是哪一?[个家所位座条片处]?\s*[?？啊呢呀]*$)")  # "…的村子是哪个"


def read_question(text: str, tokenizer, latest_year: int | None = None) -> Question:
    """Give back what a question asks; 今年/去年 are read against `latest_year` (the archive's).

    Only its first READ_MAX characters and MAX_WORDS content words are read: a question, even a
    pasted sentence, is shorter, and the work per question must stay bounded for any input."""
    text = _SURNAME_ONLY.sub(" ", text)  # "那个姓李的科长": a surname alone is no word of the question
    text = _forgotten_what(_WHAT_VARIANT.sub("什么", text), tokenizer)  # 甚麼, as Taiwan and Hong Kong write 什么
    read = _FORGOTTEN.sub("，", text[:READ_MAX])
    folded = tokenizer.fold(read)
    recalled = tuple(tokenizer.fold(m.group(1)) for m in _RECALLED.finditer(text[:READ_MAX]))
    gaps = tuple((tokenizer.fold(text[max(0, m.start() - 3) : m.start()]), tokenizer.fold(text[m.end() : m.end() + 3]))
                 for m in _FORGOTTEN.finditer(text[:READ_MAX]))
    tagged = []
    for i, piece in enumerate(_QUOTED.split(read)):
        for clause in _CLAUSE_BREAK.split(piece):  # a phrase never runs across punctuation
            tagged += [(trim_frame(w, tokenizer.knows), resultative(w, tag, tokenizer.tag_of))
                       for w, tag in tokenizer.tagged(strip_scaffolding(tokenizer.fold(clause), cues=i % 2 == 0))]
            tagged.append((" ", "x"))
    categories = {m.group(1) for m in _WHICH.finditer(folded)}
    named_kinds = {m.group(1) for m in _NAME_OF_KIND.finditer(folded) if not PERSON_END.search(m.group(1))}
    cued = tokenizer.fold(_ANY_QUOTED.sub(" ", read)) if _ANY_QUOTED.search(read) else folded  # cues, not what quotes hold
    question = replace(parse_question(folded, tagged, cued), text=text.strip(), folded=folded, unit=unit_asked(cued),
                       named=name_asked(cued), recalled=recalled, gaps=gaps,
                       quoted="".join(tokenizer.fold(q).replace(" ", "") for q in _QUOTED.findall(read) if _PASTED.search(q)))
    words = tuple(replace(w, category=True) if any(c.startswith(w.text) for c in categories)
                  or len(w.text) > 1 and any(k.endswith(w.text) for k in named_kinds) else w for w in question.words[:MAX_WORDS])
    words, folded = _posts_heard(words, folded, tokenizer)
    scripted = tokenizer.simplified(text)  # punctuation kept, for what the question quotes
    listed = {m.group(1) for m in _WHICH_LISTED.finditer(folded)}
    kinds = tuple(words[i].text for i in _kind_words(words, listed)) + tuple(
        m.group(1) for m in _ENDING_ASKED.finditer(scripted))  # "当好哪几种“员”": 员
    wants = _main_ask(question.wants, text[:READ_MAX], tokenizer)
    question = _sharpened(replace(question, words=words, folded=folded, kinds=kinds, wants=wants), tokenizer)
    question = _with_terms_and_means(question, folded, scripted)
    if question.relative_year is not None and latest_year:
        question = question.with_year(latest_year + question.relative_year)
    return question


def _posts_heard(words: tuple[Word, ...], folded: str, tokenizer) -> tuple[tuple[Word, ...], str]:
    """Give back the words and the text with a post typed by its sound read as that post ("组张"
    for 组长, "书计" for 书记): a two-character word the language does not know whose commonest
    sound-alike the language knows is a word for a person's post or role (not "保彰": 保障)."""
    heard = []
    for w in words:
        known = [v for _, v in tokenizer.homophones.variants(w.text, tones=False)
                 if tokenizer.knows(v)] if len(w.text) == 2 and not tokenizer.knows(w.text) else []
        likeliest = max(known, key=tokenizer.frequency, default="")
        if PERSON_END.search(likeliest):
            folded = folded.replace(w.text, likeliest)
            w = Word(likeliest, "n", w.head, w.category)
        heard.append(w)
    return tuple(heard), folded


def _main_ask(wants: str, read: str, tokenizer) -> str:
    """Give back what a question asks in its last clause, where an earlier one only sets the
    scene ("病人记不清去过哪儿，流调人员咋还原他的活动轨迹": how, not where); a photo asked
    for stays asked, whatever follows it."""
    clauses = re.split(r"[，,]", _ANY_QUOTED.sub(" ", read))
    last = answer_type(tokenizer.fold(clauses[-1])) if len(clauses) > 1 else TOPIC
    return wants if last == TOPIC or wants == PHOTO else last


def _with_terms_and_means(question: Question, folded: str, scripted: str) -> Question:
    """Give back the question with the terms it asks to have spelt out, a set's name typed
    without quotation marks among them ("这个九吕合作指的是什么", one word to jieba), and the
    kind of means a how-question names."""
    terms = _terms_asked(question.wants, folded, scripted)
    if question.wants == WHAT_IS and not terms and _MEANING.search(folded) and NUMBERED_SET.search(question.defined) \
            and any(w.text == question.defined for w in question.words):
        terms = (question.defined,)
    means = _MEANS_NAMED.search(folded) if question.wants == HOW else None
    return replace(question, terms=terms, means=means and means.group(1))


def _terms_asked(wants: str, folded: str, scripted: str) -> tuple[str, ...]:
    """Give back the terms a question asks to have spelt out: a quoted term whose meaning is
    asked, an item of a set named before it ("…工作 其中一核是什么": 一核), or a set named by its
    number in a which-ones question ("“四个不摘”都是哪四个")."""
    if wants == WHAT_IS and _MEANING.search(folded) and not _DONE_ASKED.search(folded):
        terms = [_INNER_TERM.sub(r"\1", t) for t in _TERM_ASKED.findall(scripted)] or _TERM_OF_SET.findall(folded)
    elif wants == WHICH_ONES:
        terms = [t for t in _TERM_ASKED.findall(scripted) if NUMBERED_SET.search(t)]
    else:
        terms = []
    return tuple(t for t in terms if not has_gap(t))


def _kind_words(words: tuple[Word, ...], kinds: set[str]) -> set[int]:
    """Give back the positions of the words that spell a kind named after a which-word, one
    after another from its start, up to its last noun ("哪些防护装备": 防护, 装备; "哪几个城市考察":
    城市)."""
    found = set()
    for kind in kinds:
        at, run = 0, []
        for i, word in enumerate(words):
            if kind.startswith(word.text, at):
                run.append(i)
                at += len(word.text)
            elif at:
                break
        while run and not words[run[-1]].is_subject:
            run.pop()
        found.update(run)
    return found


def name_asked(folded: str) -> str | None:
    """Give back the kind of name a question asks for: a kind of place ("哪条街": 街, "5个村分别是
    哪几个": 村), the time of day (CLOCK), an address (ADDRESS), a home (HOME), a name of anything (NAME), or None."""
    named = _NAMED.search(folded)
    if not named:
        counted = _COUNTED_KIND.search(folded)
        return counted.group(1) if counted else None
    return named.group(1) or named.group(3) or (CLOCK if named.group(2) else ADDRESS if named.group(4) else HOME if named.group(5) else NAME)


def unit_asked(folded: str) -> str | None:
    """Give back the measure a how-many question counts in: a share ("按啥比例"), a unit named
    after 多少/几 ("多少钱": 元), people ("多少个志愿者": 人), or None for a bare count; 年 for a
    when-question that asks the year."""
    if _RATIO_ASKED.search(folded):
        return RATIO
    if _YEAR_ASKED.search(folded):  # "哪一年参加工作": a year, not a day of the year
        return "年"
    if _DAY_ASKED.search(folded):  # "哪天通过验收": a day of a month, not a year or a month
        return DAY
    if _AREA_ASKED.search(folded):
        return AREA
    if _NUMBER_ID_ASKED.search(folded):
        return NUMBER_ID
    if _AGE_ASKED.search(folded):
        return "岁"
    if unit := _UNIT.search(folded):
        return _GENERIC_UNITS.get(unit.group(1), unit.group(1))
    counted = _COUNTED.search(folded)
    return "人" if counted and PERSON_END.search(counted.group(1)) else None


def _sharpened(question: Question, tokenizer) -> Question:
    """Give back the question with what its words say beyond its cue: a person who speaks asks
    for a quote ("刘建忠讲…啥样"), a kind of place for where ("位于哪个县"), a post followed by
    谁 or 叫啥 for its holder's name ("枣架村的党支部书记是谁", "主任叫啥名字")."""
    words, folded = question.words, question.folded
    # "…说的“武器”，指的是啥东西": what a word someone said means is asked, not what was said
    if question.wants in (TOPIC, PROGRESS, HOW, WHAT_IS, WHICH_ONES) and _asks_a_speaker(folded, tokenizer) \
            and not (question.wants == WHAT_IS and _WORD_MEANING.search(folded)):
        question = replace(question, wants=QUOTE)
    if question.wants in (WHAT_IS, TOPIC) and question.named not in (None, NAME, CLOCK):
        question = replace(question, wants=WHERE)
    last = words[-1].text if words else ""
    if question.wants == WHO and _DOES_WHAT.search(folded) and words and not (
            words[-1].tag.startswith("nr") or PERSON_END.search(last)):
        question = replace(question, wants=WHAT_IS)  # "北海山农副产品公司是干啥的": what it does, not who
    # "局长叫什么" reads as what-is by its cue; after a post it asks who holds it (the last word
    # so followed: "区人社局局长是谁？梁家焉村那次他讲过话")
    holder = next((w.text for w in reversed(words) if _holder_asked(w.text, folded)), "")
    if (question.wants == WHO or question.wants in (WHAT_IS, QUOTE) and _POST_END.search(holder)) \
            and question.named in (None, NAME) and holder:
        question = replace(question, wants=WHO, named=NAME, holder=holder)
    return question


def _holder_asked(word: str, folded: str) -> bool:
    """Whether a word for a person is followed by what asks who they are: 谁 (村民是谁), or for
    a post also 叫啥 or 名字 ("主任叫啥", not "村民叫啥")."""
    asked = _HOLDER_NAME_ASKED if _POST_END.search(word) else _WHO_ASKED
    return bool(PERSON_END.search(word)) and any(asked.match(folded, at + len(word)) for at in places_of(word, folded))


def _asks_a_speaker(folded: str, tokenizer) -> bool:
    """Whether the question asks what a person said: a speech verb with a question word after
    it, and before it a person (a name jieba tags nr, a post, 他 or 她), not a story."""
    for match in _SPEECH_ASKED.finditer(folded):
        for word, tag in reversed(tokenizer.tagged(_SETTING.sub("", folded[:match.start()]))):
            if word.strip() in ("他", "她", "他们", "她们"):
                return True
            if tag.startswith(_SPEAKER_SKIP) or word.strip() in ("", "那个", "这个", "是"):
                continue
            if tag.startswith("nr") or PERSON_END.search(word):
                return True
            break
    return False


# Mandarin's resultative complements: a verb and one of these is a verb ("卖光", "拆完", "用掉").
_RESULTS = frozenset("光完掉好成到住走开上下出起见懂会")


def _forgotten_what(text: str, tokenizer) -> str:
    """Give back a question with each 什么 that stands for a forgotten part of a name written as
    a gap (X): one after a character that is no verb, particle or pronoun, when the question
    still asks something without it ("泰什么医院去义诊，送了哪些药" -> "泰X医院…")."""
    for match in reversed(list(_WHAT_IN_NAME.finditer(text))):
        before = tokenizer.tag_of(tokenizer.simplified(text[match.start() - 1])) or "n"
        gapped = text[: match.start()] + "X" + text[match.end():]
        if not before.startswith(_NOT_BEFORE_A_GAP) and answer_type(tokenizer.fold(_FORGOTTEN.sub("，", gapped))) != TOPIC:
            text = gapped
    return text


def places_of(word: str, text: str):
    """Yield where a word stands in a text (str.find: no pattern to compile for each question)."""
    at = text.find(word) if word else -1
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def has_gap(text: str) -> bool:
    """Whether a phrase holds a character the reader could not recall ("飞X经济")."""
    return bool(_FORGOTTEN.search(text))


def resultative(word: str, tag: str, tag_of) -> str:
    """Give back the tag of a verb with its resultative complement ("卖光", "当上", "卖不出去": v),
    whatever jieba guessed for it; other words keep their tag."""
    first = tag_of(word[0]) or ""
    if len(word) == 2 and word[1] in _RESULTS and not tag.startswith("v") and (
            first.startswith("v") or tag == "s" and not first.startswith("n")):  # "当上" is no place, as 网上 is
        return "v"
    if 3 <= len(word) <= 4 and word[1] in "不得" and first.startswith("v"):
        return "v"  # a verb and what it can or cannot come to: "卖不出去", "记不清", "看得见"
    return tag


# An aspect particle and a frame character closing a word ("开了个", "好了吗"): jieba's
# dictionary holds such phrases, but they are no words of the language.
_ASPECT_END = re.compile(r"[了着过][个了吗呢吧啊]$")


def trim_frame(word: str, known) -> str:
    """Give back a word jieba's guess glued to framing characters without them ("搞了个" -> "",
    "书能" -> "书"); a word of the language ("能力", "个人") is kept whole."""
    if len(word) < 2 or known(word) and not _ASPECT_END.search(word):
        return word
    start, end = 0, len(word)
    while start < end and word[start] in _FRAME_CHARS:
        start += 1
    while end > start and word[end - 1] in _FRAME_CHARS:
        end -= 1
    return word[start:end]


def parse_question(folded: str, tagged: list[tuple[str, str]], cued: str | None = None) -> Question:
    """Give back what a question asks from its folded text and its posseg cut (word, tag).

    The cut must be of the folded text with its dates and cues removed (see `strip_scaffolding`);
    `cued` is the text read for cues (the folded text without its quotations, by default all of it).
    A word jieba was taught (a place the archive prints) comes back tagged x: it is a name."""
    tagged = [(w, "nz" if tag == "x" and _CJK.search(w) else tag) for w, tag in tagged]
    latin = tuple(Word(w, "eng") for w in _LATIN_RUN.findall(strip_scaffolding(folded)) if is_content(w, "eng"))
    words = latin + tuple(join_fragments(tagged))
    year = _YEAR.search(folded)
    month_day = _MONTH_DAY.search(folded)
    relative = _RELATIVE.search(folded)
    return Question(
        text=folded,
        wants=answer_type(folded if cued is None else cued),
        words=tuple(dict.fromkeys(words)),
        year=int(year.group(1)) if year else None,
        month=int(month_day.group(1)) if month_day and 1 <= int(month_day.group(1)) <= 12 else None,
        day=int(month_day.group(2)) if month_day and month_day.group(2) else None,
        relative_year=_RELATIVE_YEAR[relative.group(0)] if relative and not year else None,
    )


def join_fragments(tagged: list[tuple[str, str]]) -> list[Word]:
    """Give back the content words, a run of them that holds single characters joined in one,
    each noun knowing the noun it modifies when one follows it directly ("微信/账号").

    jieba leaves a name it does not know, or a typo, in pieces ("朵朵/红", "北海/山", "献/雪");
    joined, the phrase is matched by its character pairs as the archive prints it. A run ends
    at a word that is no content, at a frame character and at punctuation (a " " in `tagged`)."""
    words: list[Word] = []
    run: list[tuple[str, str]] = []
    for word, tag in tagged + [("", "x")]:
        if word and _CJK_ONLY.match(word) and (is_content(word, tag) or word in META_WORDS) and word not in _FRAME_CHARS:
            run.append((word, tag))  # a frame word may be half of a typo ("新闻/半" for 新闻办), never 时 or 了
            continue
        run = _verbs_apart(run)
        if any(len(w) == 1 for w, _ in run) and len(run) > 1 and sum(len(w) for w, _ in run) <= JOIN_MAX:
            words.append(Word("".join(w for w, _ in run), _glued_tag(*(t for _, t in run))))
        else:
            kept = _glue_singles([(w, t) for w, t in run if w not in META_WORDS])
            nouns = [t.startswith(NOUN_TAGS) for _, t in kept]
            counted = [w[0] in _NUMERAL_CHARS for w, _ in kept]  # "老房子/一家人": a numeral opens a phrase of its own
            words += [Word(w, t, kept[i + 1][0] if i + 1 < len(kept) and nouns[i] and nouns[i + 1] and not counted[i + 1] else None)
                      for i, (w, t) in enumerate(kept)]
        run = []
        if word and not _LATIN_OR_NUMBER.match(word) and is_content(word, tag):
            words.append(Word(word, tag))
    return list(dict.fromkeys(words))


def _verbs_apart(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give back a run without a lone verb at either end when the rest is words of two characters
    or more ("送/棉大衣", "屈原/投"): a verb beside a word is no piece of a name with it. The verb
    is left out: a lone verb weighs little, and kept beside the words it measured worse."""
    inner = run[1:] if run and len(run[0][0]) == 1 and run[0][1].startswith("v") else run
    inner = inner[:-1] if inner and len(inner[-1][0]) == 1 and inner[-1][1].startswith("v") else inner
    return inner if inner is not run and inner and all(len(w) > 1 for w, _ in inner) else run


def _glued_tag(*tags: str) -> str:
    """Give back the tag of words glued together: a name or a typo (nz), a subject; verbs
    alone are a verb and its complement ("卖/不动"), not a name."""
    return "v" if all(tag.startswith("v") for tag in tags) else "nz"


def _glue_singles(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give back a long run with each lone character glued to a short neighbour, the next one
    first: "凤山街道/武/四民" is 凤山街道 and a name jieba cut in two (武四民)."""
    glued: list[tuple[str, str]] = []
    i = 0
    while i < len(run):
        word, tag = run[i]
        if len(word) == 1 and i + 1 < len(run) and len(run[i + 1][0]) <= GLUE_MAX:
            glued.append((word + run[i + 1][0], _glued_tag(tag, run[i + 1][1])))
            i += 2
            continue
        if len(word) == 1 and glued and len(glued[-1][0]) <= GLUE_MAX:
            glued[-1] = (glued[-1][0] + word, "nz")
        else:
            glued.append((word, tag))
        i += 1
    return glued


def strip_scaffolding(folded: str, cues: bool = True) -> str:
    """Give back the question with its dates and answer-type cues blanked out (not words), the
    cues in the order they decide the answer type ("是在哪一年": 哪一年, not 在哪); a quotation
    the reader pasted keeps its cue-like words ("医务工作者" holds 作者)."""
    text = _DEMONSTRATIVE.sub("，", _DATE_TEXT.sub(" ", folded.replace("来着", " ")))  # a word of its own: it ends a phrase
    # ("叫啥来着": 来着 asks the reader's memory, not for anything that came)
    for _, cue in _TYPES if cues else ():
        text = cue.sub(" ", text)
    return text


def is_content(word: str, tag: str) -> bool:
    """Whether a word of the question carries content (not scaffolding, not punctuation)."""
    word = word.strip()
    if not word or word in FUNCTION_WORDS or word in META_WORDS or word in DEICTIC_TIME or _POINTING.match(word):
        return False  # "那阵子", as jieba tags it, is no less a time that points than 当时
    if _LATIN_OR_NUMBER.match(word):
        return not word.isdigit() or len(word) > 1  # a lone digit is a leftover of a date
    if tag == "q" and len(word) > 1:
        return True  # a doubled measure word is a name ("朵朵红"), not "几个"
    if tag == "t" and len(word) > 1 and not _DATE_TEXT.fullmatch(word):
        return True  # a named period: 春节, 元宵节, 南宋
    if tag.startswith(_SCAFFOLD_TAGS) or (tag == "m" and _QUESTION_NUMERAL.match(word)):
        return False
    return not _DATE_TEXT.fullmatch(word)
