"""Line-level helpers of the clean stage: the line model, layout profile,
line classifiers and inline normalisation that keeps an offset map.

Everything here is pure and works on one line (or one paragraph) at a time;
:mod:`kg.clean` decides what to do with the lines.

>>> ends_sentence("首要任务。”[1]"), ends_sentence("都存在“重物轻人”")
(True, False)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from enum import Enum
from typing import NamedTuple

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: CJK ideographs plus full-width punctuation and curly quotes.
WIDE = CJK + "\u3000-\u303f\uff01-\uffef\u2018-\u201d\u2026\u2014"
STRIP = " \t\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"
SPACE = "[ \t\u00a0\u2002\u2003\u2009\u3000]"

# Footnote / citation markers: [1], [1-3], [4]53 (ref 4, page 53), (1), ①.
_MARKER = (
    r"\[\d{1,3}(?:[-–,，、]\d{1,3})*\](?:\d{1,4}(?:[-–]\d{1,4})?"
    r"(?![\d.%％A-Za-z]|\s*[年月日万亿元个倍多余次]))?|［\d{1,3}］|\(\d{1,2}\)|[①-⑳]"
)
_END = r"(?:[。！？!?…]|\.\.\.)[”’\"』」）)】]*"
_TAIL = rf"(?:\s*(?:{_MARKER}))*\s*$"
ENDS_SENTENCE = re.compile(_END + _TAIL)
ENDS_CLAUSE = re.compile(r"[，、；,;“‘《（(—]" + _TAIL)
ENDS_COLON = re.compile(r"[：:]" + _TAIL)
OPENS_WITH_CLOSER = re.compile(r"[，。、；：！？）》」』”’,.;:!?)\]]")
_NUM_UNIT = r"(?![\d万亿千百倍%％个元年月日多余])"
HEADING_START = re.compile(
    r"[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇]+[）)]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节部分篇编讲]|（\d{1,2}）|#{1,6}\s"
    rf"|(?:\d{{1,2}}[.．、]|\d{{1,2}}(?:[.．]\d{{1,2}}){{1,3}}[.．]?)(?!\d){SPACE}*{_NUM_UNIT}(?=\S)"
)
LATIN = re.compile(r"[A-Za-z]")
IDEOGRAPH = re.compile(f"[{CJK}]")
ENGLISH_LABEL = re.compile(r"(?:Abstract|ABSTRACT|Key\s*words|KEY\s*WORDS|Keywords)\b")
CAPTION = re.compile(r"(?:图|表|圖|Figure|Fig\.?|Table)\s*\d+(?:[-.．]\d+)*(?:[\s:：.．]|$)")
_LABEL_END = r"\s*(?:[】\]]\s*[:：]?|[:：]|(?=\s)|$)\s*"  # 【摘要】 / 摘 要： / 摘要 新质…
ABSTRACT_LABEL = re.compile(r"[【\[]?\s*(?:内容)?(?:摘\s*要|提\s*要)" + _LABEL_END)
KEYWORDS_LABEL = re.compile(r"[【\[]?\s*(?:关\s*键\s*词|关键字|主题词)" + _LABEL_END)
TOC_HEADER = re.compile(r"(?:目\s*录|目\s*次|CONTENTS|Contents)$")
TOC_ENTRY = re.compile(
    r"(?:\d{1,3}(?:\.{1,3}|[、．])\s*)?(?P<title>\S.*?)"
    r"(?:\t+\s*|\s*[.…·．]{3,}\s*|\s{2,})(?P<page>\d{1,4})$"
)
REFERENCES_HEADER = re.compile(r"(?:参考文献|主要参考文献|参考资料|注\s*释|References|REFERENCES|Bibliography)\s*[:：]?$")
FOOTNOTE_START = re.compile(r"(?P<mark>\(\d{1,3}\)|\[\d{1,3}\]|［\d{1,3}］|【\d{1,3}】|[①-⑳]|注\s*\d{1,2}[:：]?)\s*")
REFERENCE_ITEM = re.compile(r"(?P<mark>\(\d{1,3}\)|\[\d{1,3}\]|［\d{1,3}］|[①-⑳]|\d{1,3}[.、．](?!\d))\s*")
BIB_CUE = re.compile(
    r"出版社|年版|第\s*\d+\s*[页卷]|\d{4}\s*年\s*第\s*\d+\s*期|\[[JMNCDRSPZ](?:/OL)?\]"
    r"|[，,]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[。.]?$|https?:|www\.|\bpp?\.\s*\d|\bvol\.|et al\."
)
NOTE_CUE = re.compile(r"(?:这里|此处|本文|参见|详见|见|同上|同前|注)")
REPRINT = re.compile(
    r"[（(【\[]?\s*(?P<text>(?:本文)?(?:转载自|转自|原载于?|原文载于?|刊载于|刊发于|摘自|选自"
    r"|(?:文章)?来源\s*[:：]|出处\s*[:：]).*?)[）)】\]]?\s*[。.]?$"
)
JUNK = re.compile(
    r"[（(【\[]?\s*(?:责任编辑|编辑|责编|校对|审核|审校|监制|中图分类号|文献标识码|文章编号|DOI|doi"
    r"|基金项目|收稿日期|修回日期|网络出版|引用格式)\s*[:：]|（完）$|\(完\)$"
    r"|[-—–]?\s*\d{1,4}\s*[-—–]?$|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$|\|?\s*:?-{3,}"
)
AUTHOR_INTRO = re.compile(r"[【\[]?\s*作者(?:简介|单位)\s*[】\]]?\s*[:：]\s*")
SUBTITLE = re.compile(r"(?:——|—|--|－－)\s*")
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
DATELINE = re.compile(
    rf"[（(【\[]?\s*(?:(?:发布)?(?:时间|日期)\s*[:：]\s*)?(?:{_DATE})\s*(?:星期.|周.)?"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)】\]]?(?:\s+(?:来源|作者|编辑|责任编辑)\s*[:：].*)?$"
)
SOURCE_FIELD = re.compile(r"(?P<text>来源\s*[:：]\s*\S.*)")
PAREN_DATE = re.compile(r"[（(][^（()）]*\d{4}\s*年[^（()）]*[）)]$")
_NAME = f"[{CJK}·]{{2,4}}"
AUTHOR_CUE = re.compile(r"(?:作者|文|撰文|撰稿)\s*[:：/｜|]|(?:本报|本刊|新华社)?(?:记者|通讯员|评论员)")
AUTHOR_NAME = re.compile(
    rf"{_NAME}{SPACE}+[^。！？，]{{2,40}}|[^。！？]{{2,25}}{SPACE}+{_NAME}"
    rf"|{_NAME}[\d*∗,]*(?:[{SPACE[1:-1]}、，,；;]+{_NAME}[\d*∗,]*)*"
)
#: "（1.中国人民大学 经济学院，北京 100872）": an affiliation under the author line.
AFFILIATION = re.compile(r"[（(].*(?:\d{6}|大学|学院|研究院|研究所|研究中心|党校).*[）)]$")
SECTION_WORDS = frozenset("目录 前言 引言 序言 导言 导语 绪论 结语 结论 摘要 附录 后记 编者按 按语 核心观点 内容提要".split())


class Kind(str, Enum):
    """What a line becomes: part of the body, or dropped (its content may be in meta)."""

    BODY = "body"
    HEADING = "heading"
    TABLE = "table"
    DROP = "drop"


class Line(NamedTuple):
    """One non-blank line: stripped ``text`` at ``raw[start:end]``.

    ``nl`` is the offset of the newline that ends the line (-1 at end of
    file); ``tab`` says the raw line began with a tab (a table cell).
    """

    text: str
    start: int
    end: int
    nl: int
    tab: bool


class Profile(NamedTuple):
    """Layout of a document: ``wrapped`` when lines are hard-wrapped at ``width`` chars.

    >>> p = Profile(True, 22)
    >>> p.full(20), p.short(12), p.wide(45), Profile(False, 0).short(29)
    (True, True, True, True)
    """

    wrapped: bool
    width: int

    def full(self, n: int) -> bool:
        """A line of ``n`` chars reaches the wrap width (so it was cut there)."""
        return self.wrapped and n >= 0.8 * self.width

    def short(self, n: int) -> bool:
        """A line too short to be a wrapped body line (30 chars in unwrapped text)."""
        return n < (0.7 * self.width if self.wrapped else 30)

    def wide(self, n: int) -> bool:
        """A line clearly wider than the body column (abstracts, footnotes)."""
        return self.wrapped and n > 1.25 * self.width


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into its non-blank lines with their original offsets.

    >>> split_lines(" 习近平\\n\\n\\t比较维度")
    [Line(text='习近平', start=1, end=4, nl=4, tab=False), Line(text='比较维度', start=7, end=11, nl=-1, tab=True)]
    """
    lines, pos, size = [], 0, len(text)
    for raw in text.split("\n"):
        body = raw.strip(STRIP)
        if body:
            start = pos + len(raw) - len(raw.lstrip(STRIP))
            nl = pos + len(raw)
            lines.append(Line(body, start, start + len(body), nl if nl < size else -1, raw[:1] == "\t"))
        pos += len(raw) + 1
    return lines


def profile(lines: Sequence[Line]) -> Profile:
    """Detect PDF-style hard wrapping: most lines share (almost) one length.

    >>> profile([Line("新" * 22, 0, 22, 22, False)] * 30)
    Profile(wrapped=True, width=22)
    """
    counts: dict[int, int] = {}
    for line in lines:
        if not line.tab:
            counts[len(line.text)] = counts.get(len(line.text), 0) + 1
    total = sum(counts.values())
    best, width = 0, 0
    for n in counts:
        band = sum(counts.get(k, 0) for k in range(n - 3, n + 1))
        if 10 <= n <= 80 and (band, n) > (best, width):
            best, width = band, n
    # Paragraph-per-line files have widely spread lengths and many long
    # lines; wrapped ones cluster at the column width.
    long = sum(c for n, c in counts.items() if n > 1.5 * width)
    return Profile(total >= 20 and best >= 0.4 * total and long <= 0.25 * total, width)


def ends_sentence(text: str) -> bool:
    """The line ends a sentence (``。！？…`` then closing quotes and markers).

    >>> ends_sentence("以及自然条件”。[4]53"), ends_sentence("推动新质生产力")
    (True, False)
    """
    return ENDS_SENTENCE.search(text) is not None


def ends_clause(text: str) -> bool:
    """The line ends inside a sentence (comma, enumeration comma, opening bracket…).

    >>> ends_clause("新质生产力”，[2]"), ends_clause("新质生产力。")
    (True, False)
    """
    return ENDS_CLAUSE.search(text) is not None


def is_heading(text: str, prof: Profile) -> bool:
    """Headings: numbered (``一、`` ``（一）`` ``2.1``) or short lines without end punctuation.

    >>> is_heading("2.1 概念界定", Profile(False, 0)), is_heading("发展新质生产力，既是发展命题，也是改革命题。", Profile(False, 0))
    (True, False)
    """
    if ends_sentence(text):
        return False
    if HEADING_START.match(text):
        return len(text) <= 60
    return prof.short(len(text)) and not (ends_clause(text) or ENDS_COLON.search(text) or OPENS_WITH_CLOSER.match(text))


def is_english(text: str, min_letters: int = 12) -> bool:
    """English (abstract) lines: mostly Latin letters, almost no ideographs.

    >>> is_english("development."), is_english("development.", min_letters=1)
    (False, True)
    """
    if ENGLISH_LABEL.match(text):
        return True
    letters = len(LATIN.findall(text))
    return letters >= min_letters and letters >= 0.5 * len(text.replace(" ", "")) and len(IDEOGRAPH.findall(text)) <= 2


def is_caption(text: str) -> bool:
    """Figure / table captions such as ``图1  新质生产力…`` or ``表 1：…``.

    >>> is_caption("表 1：新质生产力与传统生产力的对比"), is_caption("图1显示了四要素构成。")
    (True, False)
    """
    return CAPTION.match(text) is not None and len(text) <= 60 and not ends_sentence(text)


def is_author(text: str) -> bool:
    """Author lines: ``张来明 国务院发展研究中心党组成员、副主任``, ``国务院总理 李强``, ``作者：…``.

    >>> is_author("张来明 国务院发展研究中心党组成员、副主任"), is_author("培育新质生产力 激活发展新动能")
    (True, False)
    """
    if len(text) > 60 or ends_sentence(text) or text in SECTION_WORDS:
        return False
    return AUTHOR_CUE.match(text) is not None or AUTHOR_NAME.fullmatch(text) is not None


def is_title(line: Line, prof: Profile) -> bool:
    """A short unpunctuated CJK line that is not some other kind of line (``# `` allowed).

    >>> is_title(Line("发展新质生产力，推动高质量发展", 0, 15, 15, False), Profile(False, 0))
    True
    """
    text = re.sub(r"^#\s+", "", line.text)
    if line.tab or len(text) > 40 or ends_clause(text) or not IDEOGRAPH.search(text) or re.search("[。！？；]", text):
        return False
    if "，" in text and (len(text) > 30 or text.count("，") > 1):
        return False  # more like the first piece of a page-broken paragraph
    if prof.wrapped and 0.8 * prof.width <= len(text) <= 1.15 * prof.width:
        return False  # as long as a wrapped body line: the text starts without a title
    others = (HEADING_START, ABSTRACT_LABEL, KEYWORDS_LABEL, TOC_HEADER, FOOTNOTE_START, REPRINT, JUNK, DATELINE)
    return not any(p.match(text) for p in others) and text not in SECTION_WORDS and not is_caption(text)


def footnote_mark(text: str, prof: Profile) -> re.Match[str] | None:
    """The marker of a footnote line: a wide marker line in wrapped text or one with a bibliographic cue.

    >>> footnote_mark("(1)  《马克思恩格斯文集》（第5卷），北京：人民出版社，2009年版，第210页。", Profile(False, 0))["mark"]
    '(1)'
    """
    m = FOOTNOTE_START.match(text)
    if m is None or m.end() == len(text):
        return None
    rest = text[m.end() :]
    if prof.wide(len(text)) or BIB_CUE.search(rest) or NOTE_CUE.match(rest):
        return m
    return None


def find_date(text: str) -> str:
    """The first date in ``text`` as EDTF (day, month or year precision).

    >>> find_date("（转载自《求是》2024年第9期）"), find_date("2024 年 3 月 5 日"), find_date("2024-3-5")
    ('2024', '2024-03-05', '2024-03-05')
    """
    for pattern, fmt in _DATE_FORMS:
        for m in pattern.finditer(text):
            parts = [int(g) for g in m.groups() if g]
            if 1900 <= parts[0] <= 2100 and all(1 <= p <= lim for p, lim in zip(parts[1:], (12, 31))):
                return fmt.format(*parts)
    return ""


_DATE_FORMS = (
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"), "{:04d}-{:02d}-{:02d}"),
    (re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), "{:04d}-{:02d}-{:02d}"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月"), "{:04d}-{:02d}"),
    (re.compile(r"(\d{4})\s*年"), "{:04d}"),
)


def join_sep(left: str, right: str) -> str:
    """What goes between two joined lines: a space between Latin words, else nothing.

    >>> join_sep("meet", "the"), join_sep("新质", "生产力"), join_sep("每隔 100", "年")
    (' ', '', '')
    """
    return " " if _WORD_END.match(left[-1:]) and _WORD_START.match(right) else ""


_WORD_END = re.compile(r"[A-Za-z,.;:!?)'\"’]")
_WORD_START = re.compile(r"[A-Za-z0-9(]")


def running_headers(lines: Sequence[Line]) -> frozenset[str]:
    """Short lines repeated on three or more pages (journal name, page header).

    >>> texts = ("经济研究", "新质生产力是先进生产力。", "经济研究", "创新是第一动力。", "经济研究", "人才是第一资源。")
    >>> running_headers([Line(t, 0, len(t), 0, False) for t in texts])
    frozenset({'经济研究'})
    """
    counts: Counter[str] = Counter()
    follows: dict[str, set[str]] = {}
    for line, after in zip(lines, [*lines[1:], None]):
        if not line.tab and 2 <= len(line.text) <= 40:
            counts[line.text] += 1
            follows.setdefault(line.text, set()).add(after.text if after else "")
    # A header is followed by different text on every page; a line of a
    # duplicated article is not, and a paragraph's last piece ends a sentence.
    return frozenset(
        t for t, n in counts.items()
        if n >= 3 and len(follows[t]) >= n - n // 4 and not (HEADING_START.match(t) or ends_sentence(t))
    )


def page_break_echo(prof: Profile, left: str, right: str) -> bool:
    """A page break repeated a char: "福利待遇" + "遇，以此" should read "福利待遇，以此".

    >>> page_break_echo(Profile(False, 0), "福利待遇", "遇，以此激发")
    True
    """
    same = left[-1:] == right[:1] and IDEOGRAPH.match(right) is not None
    return not prof.wrapped and same and right[1:2] in tuple("，。、；：！？")


def join_texts(texts: Sequence[str]) -> str:
    """Join line texts the way body lines are joined (see :func:`join_sep`).

    >>> join_texts(["新质", "生产力", "is new", "productivity"])
    '新质生产力is new productivity'
    """
    out = texts[0] if texts else ""
    for text in texts[1:]:
        out += join_sep(out, text) + text
    return out


def distinct_texts(texts: Sequence[str]) -> list[str]:
    """Drop a text (an abstract) whose sentences reappear in a longer one.

    >>> distinct_texts(["新质生产力是先进生产力。本文提出建议。", "新质生产力是先进生产力。三中全会写入决定。本文提出建议，以期参考。"])
    ['新质生产力是先进生产力。三中全会写入决定。本文提出建议，以期参考。']
    """
    by_length = sorted((t for t in texts if t), key=len, reverse=True)
    kept = [t for n, t in enumerate(by_length) if not any(_covered(t, k) for k in by_length[:n])]
    return [t for t in texts if t in kept]


def _covered(short: str, long: str) -> bool:
    sentences = [s for s in re.split(r"[。！？]", re.sub(r"\s", "", short)) if s]
    squeezed = re.sub(r"\s", "", long)
    return sum(s in squeezed for s in sentences) >= 0.8 * len(sentences)


# --- inline normalisation with an offset map -------------------------------

Spanned = tuple[str, list[int]]


def sub_spanned(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str, offs: list[int]) -> Spanned:
    """``pattern.sub(repl, text)`` that also rewrites the offset list.

    A same-length replacement maps char to char; a shorter one maps every
    new char to the first non-space char it replaces (`` and `` -> ``和``).

    >>> sub_spanned(re.compile(" and "), lambda m: "和", "机构 and 人才", list(range(9)))
    ('机构和人才', [0, 1, 3, 7, 8])
    """
    parts, out, pos = [], [], 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        s, e = m.span()
        parts.append(text[pos:s])
        out.extend(offs[pos:s])
        parts.append(new)
        out.extend(_new_offsets(new, m, offs))
        pos = e
    if not pos:
        return text, offs
    parts.append(text[pos:])
    out.extend(offs[pos:])
    return "".join(parts), out


def _new_offsets(new: str, m: re.Match[str], offs: list[int]) -> list[int]:
    s, e, old = m.start(), m.end(), m.group()
    if len(new) == e - s:
        return offs[s:e]
    if old.startswith(new):
        return offs[s : s + len(new)]
    if new.isspace():  # a separator: the replaced space, else the char before
        ws = re.search(r"\s", old)
        return [offs[s + ws.start()] if ws else offs[max(s - 1, 0)]] * len(new)
    return [offs[s + len(old) - len(old.lstrip())]] * len(new)


def _drop_marker(m: re.Match[str]) -> str:
    s, e, t = m.start(), m.end(), m.string
    if s == 0 and not m.group(1).startswith("["):
        return m.group()  # "(1)" / "①" opening a paragraph is an enumerator
    return " " if _ALNUM.match(t[s - 1 : s]) and _ALNUM.match(t[e : e + 1]) else ""


def _cjk_space(heading: bool) -> Callable[[re.Match[str]], str]:
    def repl(m: re.Match[str]) -> str:
        if m.group(1) or not heading:
            return m.group() if m.group(1) else ""
        # In headings a space may separate two title parts; drop it only
        # next to a one-char (习 近 平) or two-char (强大 动力) fragment.
        t, s, e = m.string, m.start(), m.end()
        lone_left = s < 2 or not IDEOGRAPH.match(t[s - 2])
        short_right = e + 2 >= len(t) or not IDEOGRAPH.match(t[e + 2])
        return "" if lone_left or short_right else m.group()

    return repl


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_ALNUM = re.compile(r"[A-Za-z0-9]")
# Not after a model name such as "DeepSeek R1 震撼".
_DIGIT_SPACE = rf"(?<![A-Za-z\d.])([\d.]*\d[%％]?){SPACE}+(?=[{WIDE}])|(?<=[{WIDE}]){SPACE}+(?=\d)"
_COMMON: tuple[Rule, ...] = (
    (re.compile(r"\*\*"), lambda m: ""),
    (re.compile(rf"{SPACE}*({_MARKER}){SPACE}*"), _drop_marker),
    (re.compile(rf"(?<=[{CJK}]){SPACE}?and{SPACE}?(?=[{CJK}])"), lambda m: "和"),
    (re.compile(r'"([^"\n]*)"'), lambda m: f"“{m.group(1)}”"),
)
_BODY_RULES = (*_COMMON, (re.compile(_DIGIT_SPACE), lambda m: m.group(1) or ""))
# A heading keeps the space after its number ("2.1 概念界定").
_HEADING_RULES = (
    (re.compile(r"^#{1,6}\s+"), lambda m: ""),
    *_COMMON,
    (re.compile(rf"(^\d{{1,2}}(?:[.．]\d{{1,2}})*[.．]?{SPACE}+)|{_DIGIT_SPACE}"), lambda m: m.group(1) or m.group(2) or ""),
)
_CJK_SPACE = re.compile(rf"(《[^《》\n]{{1,80}}》)|(?<=[{WIDE}]){SPACE}+(?=[{WIDE}])")
_WHITESPACE = re.compile(rf"{SPACE}{{2,}}|[\t\u00a0\u2002\u2003\u2009\u3000]")


def normalise(text: str, offs: list[int], heading: bool = False) -> Spanned:
    """Inline clean-up of one paragraph (or heading / table cell).

    Drops ``**`` and citation markers, turns `` and `` between CJK into 和 and
    ASCII quote pairs into “”, removes spaces around digits in CJK text and
    stray spaces between CJK chars (in headings only next to 1–2 char pieces).

    >>> normalise('习 近 平说"生产方式 (2) 体系"在 2023 年 9 月[4]53 提出', list(range(34)))[0]
    '习近平说“生产方式体系”在2023年9月提出'
    """
    for pattern, repl in _HEADING_RULES if heading else _BODY_RULES:
        text, offs = sub_spanned(pattern, repl, text, offs)
    text, offs = sub_spanned(_CJK_SPACE, _cjk_space(heading), text, offs)
    return sub_spanned(_WHITESPACE, lambda m: " ", text, offs)
