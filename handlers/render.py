"""Hits -> what a reader sees: the one place for presentation (plain text for the console)."""

from __future__ import annotations

import datetime as dt
import html
import logging

from index.pages import Summary
from index.question import ADDRESS, CLOCK, NAME, RATIO
from index.search import NOT_STATED, Answer, Hit
from index.store import Ingested

logger = logging.getLogger(__name__)


def date_label(date: str | None, page_date: str | None) -> str:
    """Give back a story's date as a reader says it: "2020年5月16日", "5月16日", or "约2020年5月"."""
    if date:
        return _spoken(date)
    if page_date:
        year, month = page_date[:4], int(page_date[-5:-3])
        return f"约{year}年{month}月" if not page_date.startswith("--") else f"约{month}月"
    return "日期不详"


def _spoken(date: str) -> str:
    month, day = int(date[-5:-3]), int(date[-2:])
    return f"{month}月{day}日" if date.startswith("--") else f"{date[:4]}年{month}月{day}日"


def headline(hit: Hit, width: int = 24) -> str:
    """Give back the story's headline, or its first words when the page printed none."""
    if hit.title:
        return hit.title
    text = hit.opening.removeprefix("本报讯").strip()
    return text if len(text) <= width else text[:width] + "…"


# What a question wanted, as the reply names it when the story does not say.
WANTED = {
    "when": "具体时间", "how_long": "具体时长", "how_many": "具体数字", "who": "具体人员", "which_org": "具体单位",
    "where": "具体地点", "which_ones": "具体名单", "what_is": "具体说明", "why": "原因", "how": "具体做法",
    "quote": "相关讲话", "photo": "相关图片", "author": "作者署名", "progress": "最新进展",
}


# The kind of name a question asked for, as the reply names it ("是哪个街" would not do).
NAMED = {NAME: "具体名字", CLOCK: "具体几点", ADDRESS: "具体地址", "街": "是哪条街", "路": "是哪条路", "巷": "是哪条巷子",
         "医院": "是哪家医院", "学校": "是哪所学校",
         **{kind: f"是哪家{kind}" for kind in ("诊所", "银行", "公司", "超市", "饭店", "酒店", "药店", "药房", "商店", "书店",
                                            "宾馆", "工厂")}}


def outcome_note(answer: Answer) -> str:
    """Give back the line said before the stories: what they are, or what they do not say."""
    if answer.listing:
        return "这一时间的报道："
    if answer.outcome == NOT_STATED:
        named = NAMED.get(answer.question.named, f"是哪个{answer.question.named}") if answer.question.named else None
        share = "具体比例" if answer.question.unit == RATIO else None
        what = ("、".join(f"“{word}”" for word in answer.missing[:3]) or named or share
                or WANTED.get(answer.question.wants, "你问的内容"))
        return f"报道中没有提到{what}。以下是相关报道，供参考："
    return ""


CAPTION = "〔图片说明〕"  # a photo caption, as a hit of its own or as a story's excerpt


def caption_mark(hit: Hit) -> str:
    """Give back the label of a hit that is a photo caption, or nothing for a story."""
    return CAPTION if hit.kind == "photo" else ""


def excerpt_mark(hit: Hit) -> str:
    """Give back the label of an excerpt that is the story's photo caption, or nothing."""
    return CAPTION if hit.caption else ""


def plain_answer(query: str, answer: Answer | None, summary: Summary) -> str:
    """Give back the answer to a question as plain text, as the console prints it."""
    if not query.strip() or answer is None:
        return "请输入问题，例如：信义镇爱国卫生运动"
    if not answer.hits:
        return no_match_text(summary, answer)
    lines = [note] if (note := outcome_note(answer)) else []
    for number, hit in enumerate(answer.hits, 1):
        lines.append(f"{number}. {caption_mark(hit)}{headline(hit)}")
        lines.append(f"   {dateline(hit)}")
        lines.append(f"   {excerpt_mark(hit)}{hit.excerpt}")
    return "\n".join(lines)


def no_match_text(summary: Summary, answer: Answer | None = None) -> str:
    """Give back the reply to a question nothing in the archive answers, with a hint; for a
    date asked for ("5月20日的报纸"), that the archive has nothing of that date."""
    span = ""
    if summary.first and summary.last:
        span = f"（{summary.first[:4]}—{summary.last[:4]}年）" if summary.first[:4] != summary.last[:4] else f"（{summary.first[:4]}年）"
    if answer is not None and answer.listing:
        q = answer.question
        asked = "".join(f"{n}{unit}" for n, unit in ((q.year, "年"), (q.month, "月"), (q.day, "日")) if n)
        return f"档案里没有{asked}的报道。档案收录《今日离石》{summary.stories}篇报道{span}。"
    examples = "、".join(summary.examples)
    hint = f"，例如：{examples}" if examples else ""
    return f"没有找到相关报道。档案收录《今日离石》{summary.stories}篇报道{span}，可以换个说法或用更短的词试试{hint}。"


# --- Telegram HTML ----------------------------------------------------------------------
# Telegram accepts a small set of tags; everything from the archive or the user is escaped.

MESSAGE_LIMIT = 4096  # characters in one Telegram message
PART_LABEL = 30  # room kept for "（2/3）" under a part of a long story


def esc(text: str) -> str:
    """Give back text safe inside Telegram HTML (only &, < and > need escaping)."""
    return html.escape(text, quote=False)


def highlight(excerpt: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Give back the excerpt as HTML with the question's terms in bold."""
    out, last = [], 0
    for start, end in spans:
        if start < last or end > len(excerpt):
            continue
        out.append(esc(excerpt[last:start]))
        out.append(f"<b>{esc(excerpt[start:end])}</b>")
        last = end
    out.append(esc(excerpt[last:]))
    return "".join(out)


PAPER = "《今日离石》"


def source_line(story) -> str:
    """Give back how a story's page is named to readers: the paper, and the 版次 and section
    its header printed (PDF pages); never a file name or a hash. The date stands beside it."""
    printed = " ".join(p for p in (f"第{story.page_no}版" if story.page_no else "", story.section or "") if p)
    return f"{PAPER}{printed}"


def dateline(story) -> str:
    """Give back a story's date and page, as a line under its headline: "2020年3月12日 · 《今日离石》"."""
    return f"{date_label(story.date, story.page_date)} · {source_line(story)}"


def dateline_html(story) -> str:
    return f"<i>{esc(date_label(story.date, story.page_date))}</i> · {esc(source_line(story))}"


def shorten(text: str, limit: int) -> str:
    """Give back text cut to at most `limit` characters, "…" marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_label(page: dict) -> str:
    """Give back how a page is named to readers: "今日离石 2020年5月20日 第2版 综合新闻" as its
    header printed it (PDF pages), else the paper and the page's date; never its file name."""
    parts = [page.get("paper") or PAPER.strip("《》")]
    if page.get("page_date"):
        parts.append(_spoken(page["page_date"]))
    if page.get("page_no"):
        parts.append(f"第{page['page_no']}版")
    if page.get("section"):
        parts.append(page["section"])
    return " ".join(parts)


def hit_html(number: int, hit: Hit) -> str:
    """Give back one story of an answer: bold headline, date and page, the excerpt."""
    return (
        f"<b>{number}. {caption_mark(hit)}{esc(headline(hit))}</b>\n"
        f"{dateline_html(hit)}\n"
        f"{excerpt_mark(hit)}{highlight(hit.excerpt, hit.spans)}"
    )


def answer_html(answer: Answer, summary: Summary, first_number: int = 1) -> str:
    """Give back the reply to a question: its stories (saying so when they do not give what
    was asked), or a clear miss with a hint."""
    if not answer.hits:
        return esc(no_match_text(summary, answer)) if first_number == 1 else "没有更多相关报道了。"
    note = outcome_note(answer) if first_number == 1 else ""
    text = "\n\n".join(hit_html(first_number + i, hit) for i, hit in enumerate(answer.hits))
    return fit(f"<i>{esc(note)}</i>\n\n{text}" if note else text)


def latest_html(hits: list[Hit]) -> str:
    """Give back the newest stories: headline, date, first words."""
    return fit("<i>最新收录的报道：</i>\n\n" + "\n\n".join(
        f"<b>{n}. {esc(headline(hit))}</b>\n{dateline_html(hit)}\n{esc(hit.excerpt)}"
        for n, hit in enumerate(hits, 1)))


def copy_text(hit: Hit, limit: int = 256) -> str:
    """Give back what "复制摘录" copies: headline, date and paper, the excerpt (Telegram copies
    at most 256 characters)."""
    head = f"{headline(hit)}\n{dateline(hit)}\n"
    return head + shorten(hit.excerpt, limit - len(head))


def page_of(page: int, pages: int) -> str:
    return f"第{page + 1}/{pages}页"


def shared_html(hit: Hit) -> str:
    """Give back the snippet posted into another chat: headline, date and page, excerpt."""
    return fit(f"<b>{esc(headline(hit))}</b>\n{dateline_html(hit)}\n\n{esc(hit.excerpt)}")


def article_messages(article) -> list[str]:
    """Give back a whole story as messages of at most MESSAGE_LIMIT, cut between paragraphs."""
    byline = f" · {esc(article.author)}" if article.author else ""
    head = (
        f"<b>{esc(article.title or '（无标题）')}</b>\n"
        f"{dateline_html(article)}{byline}"
    )
    pieces = [head] + [esc(p) for para in article.text.split("\n") for p in _cut(para, MESSAGE_LIMIT - 100)]
    messages, current = [], ""
    for piece in pieces:
        if current and len(current) + 2 + len(piece) > MESSAGE_LIMIT - PART_LABEL:
            messages.append(current)
            current = piece
        else:
            current = f"{current}\n\n{piece}" if current else piece
    messages.append(current)
    if len(messages) > 1:  # a long story arrives in parts that say so
        messages = [f"{m}\n\n<i>（{n}/{len(messages)}）</i>" for n, m in enumerate(messages, 1)]
    return messages


def _cut(paragraph: str, size: int) -> list[str]:
    """Give back a paragraph cut into pieces that fit a message even once escaped."""
    pieces = []
    while len(esc(paragraph)) > size:
        cut = max(paragraph.rfind(mark, 0, size // 2) for mark in "。！？；")
        cut = cut + 1 if cut > 0 else size // 2
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    return pieces + ([paragraph] if paragraph else [])


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Give back HTML of at most `limit` characters, cut at a line break outside any tag."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 1)
    return text[: cut if cut > 0 else 0].rstrip() + "\n…"


def welcome_html(summary: Summary, bot_username: str | None, group: bool = False) -> str:
    """Give back /start's greeting for the kind of chat, with example questions taken from the
    archive's own headlines."""
    span = f"{summary.first[:4]}—{summary.last[:4]}年" if summary.first and summary.last else ""
    how = "在群里用 /ask 加问题，或 @我 加问题，例如：" if group else "直接发问题即可，例如："
    lines = ["<b>《今日离石》报道查询</b>", f"档案收录 {summary.stories} 篇报道{('（' + span + '）') if span else ''}。{how}"]
    lines += [f"• {esc(example)}" for example in summary.examples]
    if bot_username:
        lines.append(f"\n在任何聊天里输入 @{esc(bot_username)} 加关键词，可以把报道摘要分享给同事。/help 查看全部命令。")
    return "\n".join(lines)


def help_html(commands: list[tuple[str, str]], bot_username: str | None) -> str:
    lines = ["<b>使用方法</b>", "私聊里直接发问题；群里用 /ask 问题，或 @我、回复我的消息。", ""]
    lines += [f"/{name} — {esc(description)}" for name, description in commands]
    if bot_username:
        lines += ["", f"分享：在任意聊天输入 @{esc(bot_username)} 关键词，选一篇报道发出。"]
    return "\n".join(lines)


def about_html(summary: Summary, pages: int, newest: list[dict] = ()) -> str:
    """Give back how big the archive is, the dates it covers and the pages added last."""
    span = f"{_spoken(summary.first)}至{_spoken(summary.last)}" if summary.first and summary.last else "日期不详"
    text = f"<b>档案</b>：{pages} 个版面，{summary.stories} 篇报道，{esc(span)}。"
    if newest:
        text += "\n\n<i>最近收录的版面：</i>\n" + "\n".join(f"· {esc(page_label(p))}" for p in newest)
    return text


CHINA = dt.timezone(dt.timedelta(hours=8), "北京时间")  # Asia/Shanghai has kept UTC+8 without summer time since 1991


def moment(stamp: str | None) -> str:
    """Give back a stored UTC time ("2026-11-23T02:15:00+00:00") as a reader in Lüliang says it."""
    if not stamp:
        return "无"
    when = dt.datetime.fromisoformat(stamp).astimezone(CHINA)
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}（北京时间）"


def unknown_command_html(commands: list[tuple[str, str]]) -> str:
    return "没有这个命令。可用的命令：\n" + "\n".join(f"/{name} — {esc(d)}" for name, d in commands)


NOT_TEXT = "我只能读文字。请发一个问题，例如：信义镇爱国卫生运动"
EMPTY_QUESTION = "请在命令后面写上问题，例如：/ask 飞地经济"
NO_SUCH_STORY = "找不到这篇报道，可能编号有误。"
REMOVED_STORY = "这篇报道所在的版面已被编辑从档案中移除。"
EDITORS_ONLY_BUTTON = "只有编辑可以这样做。"
EMPTY_ARCHIVE = "档案里还没有报道。"
DATE_FORMAT = "请写上日期，例如：/date 2020-05-20 或 /date 2020-05"
ALREADY_OPEN = "这篇报道已经在群里发过了，往上翻就能看到。"
OPEN_BOT = "打开离石档案"
DESCRIPTION = ("《今日离石》报道查询：用日常的话提问，例如“信义镇爱国卫生运动”或“离石区和中阳县啥时候签的飞地经济协议”，"
               "我会找出回答问题的报道、相关的句子和日期，并可以把摘要分享给同事。")
SHORT_DESCRIPTION = "查询《今日离石》的报道：提问，得到报道、摘录和日期。"


def drop_label(source: str) -> str:
    return f"🗑 移除旧的同名版面 {source}"


def dropped_html(source: str, stories: int) -> str:
    return f"<b>已移除旧版面 {esc(source)}</b>，连同 {stories} 篇报道。" if stories else f"版面 {esc(source)} 已不在档案里。"


REFUSED = "抱歉，这个机器人只为指定的读者和群组服务。"
EXPIRED = "这个按钮已经过期了，请重新提问。"
SLOW_DOWN = "问题有点多：前面的还在回答，这几条先不答了，请稍后再问。"
PRESSED_TOO_FAST = "点得太快了：前面的剪报还在制作，这几次先不发了，请稍后再点。"
YOU_ARE_WELCOME = "不客气！想查哪篇报道，直接把问题发给我。"
FAILED = "抱歉，出了点问题，请稍后再试。"
ADMINS_ONLY_UPLOAD = "只有编辑可以上传版面。想查报道，请直接发问题。"
WRONG_TYPE = "只收 .txt（从PDF提取的文字）或 .pdf 格式的版面。"
TOO_BIG = "文件太大了（上限 20 MB），一个版面不会这么大。"


def reloaded_html(summary: Summary, changed: bool) -> str:
    return f"{'已重新载入' if changed else '档案没有变化'}：{summary.stories} 篇报道。"


def stats_html(summary: Summary, pages: int, last_ingest: str | None, questions: int) -> str:
    return (
        f"<b>档案统计</b>\n版面 {pages} 个，报道 {summary.stories} 篇\n"
        f"最近收录：{esc(moment(last_ingest))}\n本次运行以来回答问题 {questions} 个"
    )


# Why a file was refused (index/pagefile.py, index/layout.py, index/store.py), told in Chinese.
_REFUSALS = [
    ("an encrypted PDF", "PDF 设了密码，请发送没有加密的文件"),
    ("a PDF without text", "PDF 里没有文字（可能是扫描图片），请发送提取好的文字"),
    ("not a readable PDF", "PDF 已损坏，无法读取"),
    ("send an edition's pages", "PDF 页数太多，请把各版分成单独的文件发送"),
    ("not a page file", "不是版面文件，请发送 .txt 或 .pdf"),
    ("a binary file", "这是二进制文件，不是版面文字"),
    ("broken UTF-16", "文字编码已损坏（UTF-16）"),
    ("not text in UTF-8", "无法识别文字编码（不是 UTF-8、UTF-16、GB18030 或 Big5）"),
    ("no Chinese newspaper text", "里面没有中文报纸内容"),
    ("no stories found", "没有找到报道"),
    ("does not look like a page", "没有带日期或署名的报道，看起来不是报纸版面"),
    ("empty", "文件是空的"),
]


def refusal_text(reason: str) -> str:
    """Give back why a file was refused, in Chinese."""
    return next((chinese for key, chinese in _REFUSALS if key in reason), "无法读取这个文件")


def ingest_text(result: Ingested) -> str:
    """Give back, in plain text, what adding one page file did."""
    if result.status == "refused":
        return f"{result.name}: 未收录：{refusal_text(result.reason)}"
    if result.status == "unchanged":
        return f"{result.name}: 档案里已有这个版面，没有改动"
    verb = "已加入" if result.status == "added" else "已更新为"
    beside = [f"  （档案里已有同名版面 {result.beside}，这个版面另存为 {result.name}，两者都保留）"] if result.beside else []
    return "\n".join([f"{result.name}: {verb} {len(result.titles)} 篇报道"] + [f"  {t}" for t in result.titles] + beside)


def ingest_html(result: Ingested) -> str:
    """Give back, as Telegram HTML, what an uploaded page did to the archive."""
    lines = ingest_text(result).split("\n")
    return fit("\n".join([f"<b>{esc(lines[0])}</b>"] + [f"• {esc(line.strip())}" for line in lines[1:]]))


# --- following topics ----------------------------------------------------------------------

FOLLOW_USAGE = "用法：<code>/follow 话题</code>，例如 <code>/follow 飞地经济</code>。有相关新报道时我会通知这个聊天。"
GROUP_ADMINS_ONLY = "只有本群管理员可以添加或取消关注。"
_NOT_FOLLOWABLE = {
    "date": "「{q}」是一个日期，不是话题；想看某天的报道请用 /date。",
    "vague": "「{q}」太笼统了，几乎每篇报道都会提到；请换个更具体的说法，例如“飞地经济”“爱国卫生运动”。",
}
_FOLLOWED = {
    "added": "已关注「{q}」。有相关新报道时会在这里通知。/following 查看全部关注。",
    "already": "已经关注过「{q}」了。",
    "full": "关注已达上限（20个），请先用 /unfollow 取消一些。",
}
FOLLOW_LABEL = "🔔 关注这个话题"
NEW_STORY_EXCERPT = 80  # characters of each new story's opening in a delivery


def not_followable_html(query: str, why: str) -> str:
    return esc(_NOT_FOLLOWABLE[why].format(q=query))


def followed_html(query: str, status: str) -> str:
    return esc(_FOLLOWED[status].format(q=query))


def following_html(queries: list[str]) -> str:
    if not queries:
        return "还没有关注任何话题。用 <code>/follow 话题</code> 关注，例如 <code>/follow 飞地经济</code>。"
    return "<b>已关注的话题</b>（点按钮取消）：\n" + "\n".join(f"· {esc(q)}" for q in queries)


def unfollow_label(query: str) -> str:
    return f"🔕 取消「{query[:20]}」"


def unfollowed_text(query: str) -> str:
    return f"已取消关注「{query[:40]}」"


def unfollowed_html(query: str, found: bool) -> str:
    return esc(unfollowed_text(query) + "。") if found else f"没有关注「{esc(query)}」。/following 查看已关注的话题。"


def new_stories_html(queries: tuple[str, ...], hits: list[Hit], total: int) -> str:
    """Give back the message telling a chat about new stories on the topics it follows."""
    topics = "、".join(f"「{q}」" for q in queries)
    head = f"🔔 <b>{esc(topics)}有新报道</b>" + (f"（共{total}篇）" if total > len(hits) else "")
    items = [
        f"<b>{n}. {esc(headline(hit))}</b>\n{dateline_html(hit)}\n"
        f"{esc(shorten(hit.excerpt, NEW_STORY_EXCERPT))}"
        for n, hit in enumerate(hits, 1)
    ]
    return fit(head + "\n\n" + "\n\n".join(items))


# --- clippings ----------------------------------------------------------------------------

CLIP_LABEL = "📰 剪报"
NO_CLIPPING = "这篇报道没有剪报：它的版面原件不在档案里或已损坏。可以阅读文字版。"
READ_TEXT = "📄 阅读文字版"


def clipping_caption_html(article, link: str) -> str:
    """Give back a clipping's caption: headline, date and page, and a link to the text."""
    title = article.title or getattr(article, "opening", None) or article.text[:24]
    return (f"<b>{esc(title)}</b>\n"
            f"{esc(dateline(article))}\n"
            + (f'<a href="{esc(link)}">阅读文字版</a>' if link else ""))


def photo_caption_html(article) -> str:
    """Give back a printed photo's caption: its caption as printed, the story and the date."""
    photos = (article.regions or {}).get("photos") or [{}]
    caption = photos[0].get("text", "")
    head = f"{esc(caption[:300])}\n" if caption else ""
    return f"{head}<i>{esc(article.title or '')}</i> · {esc(dateline(article))}"


def follow_toast(query: str, status: str) -> str:
    """Give back the short answer to 🔔 关注 under an answer (a toast: plain text, ≤ 200 characters)."""
    texts = {**_FOLLOWED, "added": "已关注「{q}」，有新报道时会通知。", "vague": "「{q}」太笼统，无法关注；请用 /follow 加更具体的话题。"}
    return texts[status].format(q=query[:40])[:200]
